"""The linter: rules over a built Story, on top of the builder's own checks.

`lint_path` runs everything: reading and building (E00xx-E03xx, W0110), then
the rules here (E04xx, W01xx), then the manifest's `lint:` levels. Rules use
the static analysis, the interval bounds and the explorer, each where it is
the one that can answer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from game.engine import codes
from game.engine.codes import ADJUSTABLE, CODES
from game.engine.diagnostics import ERROR, WARNING, Diagnostic, Pos
from game.engine.loader import check_story
from game.engine.model import Story
from game.engine.printable import control_characters
from game.engine.tags import TAGS
from game.engine.vocabulary import GROWTH
from game.tools.analysis import Reach, flag_use, roles_of
from game.tools.coherence import check as check_coherence
from game.tools.coherence import tables as coherence_tables
from game.tools.controls import control_texts
from game.tools.explore import Exploration, Explorer, PendingExploration
from game.tools.ranges import never_true
from game.tools.output import SourceCache

BACKGROUNDS = Path(__file__).resolve().parents[2] / "assets" / "backgrounds"  # what the window can show
PORTRAITS = BACKGROUNDS.parent / "portraits"  # KEY_MOOD.png; KEY_neutral.png is the face for any mood not drawn
MAX_TEXT = 300  # characters that fit one text box at the default size
LINT_MAX_STATES = 15_000  # choice menus per role, by count, never by the clock, so lint says the same on any machine;
# the shipped story needs about 5,600 for its anxious role (docs/performance.md)
LINT_MAX_SECONDS = None  # kept for callers that pass it; lint sets no time limit


class Rules:
    """The rules over one built story. `exploration` may still be under way (`Explorer.start`): the rules that
    need no answers from it run first, while its child processes work."""

    ORDER = ("play", "traps", "nodes", "declarations", "endings", "choices", "balance", "text", "controls",
             "coherence", "locations", "portraits", "settings", "mirrors")  # the order of their findings
    ANSWERED = frozenset({"play", "nodes", "endings", "balance", "coherence"})  # the rules that read the answers

    def __init__(self, story: Story, exploration: Exploration | PendingExploration):
        self.story = story
        self.pending = exploration
        self.ex: Exploration | None = exploration if isinstance(exploration, Exploration) else None
        self.out: list[Diagnostic] = []
        self.use = flag_use(story)
        self.reach = {role: Reach(story, role) for role in roles_of(story, None)}

    def add(self, pos: Pos | None, code: str, message: str) -> None:
        pos = pos or Pos(self.story.files[0] if self.story.files else self.story.root)
        self.out.append(Diagnostic(pos.file, pos.line, pos.col, CODES[code][0], code, message))

    def run(self) -> list[Diagnostic]:
        found: dict = {}
        try:
            for name in (n for n in self.ORDER if n not in self.ANSWERED):
                self._rule(name, found)
            coherence_tables(self.story)  # what the coherence rule reads besides the answers, worked out meanwhile
        except BaseException:
            if self.ex is None:
                self.pending.cancel()
            raise
        if self.ex is None:
            self.ex = self.pending.result()
        for name in (n for n in self.ORDER if n in self.ANSWERED):
            self._rule(name, found)
        self.out = [d for name in self.ORDER for d in found[name]]
        return self.out

    def _rule(self, name: str, found: dict) -> None:
        self.out = found[name] = []
        getattr(self, name)()

    # ---- the other side of the moment ------------------------------------------------------
    def mirrors(self) -> None:
        """A `mirror:` names the same moment in the other role's part of the scene, and that moment says
        (with `inner:`) what was felt there, or the debrief has nothing to show."""
        parts = {role: reach.nodes for role, reach in self.reach.items()}
        for node in self.story.all_nodes():
            if node.mirror is None:
                continue
            scene = self.story.scenes[node.scene_id]
            other = scene.nodes[node.mirror]
            fits = any(node.id in parts[r] and other.id in parts[o] and other.id not in parts[r]
                       for r in parts for o in parts if o != r)
            if not fits:
                self.add(node.pos, codes.MIRROR_ELSEWHERE, f"mirror '{node.mirror}' is not in the other role's part of scene "
                         f"'{scene.id}': point it at the same moment as the other partner lives it")
            elif not other.inner:
                self.add(node.pos, codes.MIRROR_NO_INNER, f"mirror '{node.mirror}' has no `inner:` line, so the debrief has "
                         "nothing to show from the other side of this moment")

    # ---- what play can and cannot do -------------------------------------------------------
    def play(self) -> None:
        story, ex = self.story, self.ex
        for lock in ex.softlocks():
            node = story.node(lock.node)
            how = f" after choosing {', '.join(lock.path)}" if lock.path else " at the very start"
            self.add(node.pos, codes.SOFT_LOCK, f"soft-lock at '{node.local_id}'{how}: {lock.message.split(': ', 1)[-1]}")
        reported = {s.node for s in ex.softlocks()}
        for result in ex.roles.values():
            for full, example in result.possible_softlocks():
                if full in reported:
                    continue
                reported.add(full)
                node = story.node(full)
                what = "every choice" if node.choices else "every branch"
                if "undecided" in example:
                    when = f"exploration could not check it ({example['undecided']})"
                else:
                    when = "for example when " + ", ".join(f"{k} = {_show(v)}" for k, v in example.items())
                self.add(node.pos, codes.SOFT_LOCK, f"'{node.local_id}' may soft-lock: {what} has an `if` and all can be "
                         f"false at once, {when}; add a choice (or a last branch) without `if`")
        for ending in story.endings:
            status = ex.status("ending", ending.id)
            if status == "unreachable":
                self.add(ending.pos, codes.UNREACHABLE_ENDING, f"ending '{ending.id}' can never be reached in play, by either role")
            elif status == "undecided":
                self.add(ending.pos, codes.UNDECIDED, f"exploration could not decide whether ending '{ending.id}' can be "
                         f"reached ({_limit(ex)}); run `tether explore` with a higher --max-states")

    def traps(self) -> None:
        seen = set()
        for role, reach in self.reach.items():
            for scene_id in reach.scenes:
                for full in reach.trapped.get(scene_id, ()):
                    if full not in seen:
                        seen.add(full)
                        node = self.story.node(full)
                        self.add(node.pos, codes.NO_WAY_OUT, f"from '{node.local_id}' no path ever leaves scene '{scene_id}': "
                                 "every way on loops back; add an `end: scene` somewhere on the loop")

    def nodes(self) -> None:
        ex = self.ex
        for node in self.story.all_nodes():
            status = ex.status("node", node.id)
            if status == "unreachable":
                if any(node.id in r.nodes for r in self.reach.values()):
                    why = "the conditions on every path here are never true in play"
                else:
                    why = "no goto, branch or choice leads here from a role's start"
                self.add(node.pos, codes.UNREACHABLE_NODE, f"node '{node.local_id}' can never be reached: {why}")
                continue
            if not node.lines and node.effects.empty and node.goto is not None:
                self.add(node.pos, codes.EMPTY_NODE, f"node '{node.local_id}' has no lines and does nothing; point to its target directly")
            elif not node.lines and not node.choices and not node.branches and node.goto is None:
                self.add(node.pos, codes.EMPTY_NODE, f"node '{node.local_id}' has no lines")
            # A choice or line proved never offered or shown is reported wherever its node may be reached, also
            # where the exploration stopped before it found a way there: the proof does not depend on one.
            for choice in node.choices:
                if ex.status("choice", choice.id) == "unreachable":
                    self.add(choice.pos, codes.CHOICE_NEVER_OFFERED, f"choice '{choice.local_id}' is never offered: its `if` "
                             f"({choice.guard.source}) is false every time play reaches '{node.local_id}'")
            for line in node.all_lines:
                if ex.status("line", line.id) == "unreachable":
                    self.add(line.pos, codes.LINE_NEVER_SHOWN, f"line {line.id} is never shown: its `if` ({line.guard.source}) is "
                             f"false every time play reaches '{node.local_id}'")

    # ---- declarations --------------------------------------------------------------------------
    def declarations(self) -> None:
        use = self.use
        for name, meter in self.story.meters.items():
            deltas = [d for d in use.meter_deltas.get(name, []) if d]
            if use.meter_sets.get(name):
                continue  # put at a value somewhere: it changes, and may go either way
            if name not in use.meters_read and not deltas:
                self.add(meter.pos, codes.UNUSED_METER, f"meter '{name}' is never changed and never read")
            elif not deltas:
                self.add(meter.pos, codes.UNUSED_METER, f"meter '{name}' is never changed, so every condition on it sees {meter.start}")
            elif not meter.hidden and (all(d > 0 for d in deltas) or all(d < 0 for d in deltas)):
                way = "up" if deltas[0] > 0 else "down"
                self.add(meter.pos, codes.ONE_WAY_METER, f"meter '{name}' only ever goes {way} ({len(deltas)} changes); a meter "
                         "the debrief shows should answer good and bad moves alike (mark counters `hidden: true`)")
        for name, flag in self.story.flags.items():
            if name not in use.read and name not in use.set and name not in use.cleared:
                self.add(flag.pos, codes.UNUSED_FLAG, f"flag '{name}' is declared but never set or read")
            elif name in use.read and name not in use.set and not flag.start:
                self.add(flag.pos, codes.FLAG_NEVER_SET, f"flag '{name}' is read but nothing sets it, so it is always false")

    def endings(self) -> None:
        story = self.story
        for early in story.early_endings:
            if never_true(early.guard.cond, story.meters):
                self.add(early.pos, codes.EARLY_ENDING_NEVER, f"early ending '{early.ending}' can never happen: `{early.guard.source}` "
                         "is false for every value the meters can take (see their min and max)")
        growth = [e for e in story.endings if e.kind == GROWTH]
        reached_by = {role for role, r in self.ex.roles.items() if any(r.status("ending", e.id) != "unreachable" for e in growth)}
        if growth and reached_by:  # when no role reaches growth, E0402 names each ending
            for role in self.ex.roles:
                if role not in reached_by:
                    self.add(growth[0].pos, codes.NO_GROWTH_ENDING, f"the {role} role can never reach a growth ending "
                             f"({', '.join(e.id for e in growth)}): players of that role cannot learn the way out")
        named = {e.ending for e in story.early_endings}
        fallback = next((e for e in story.endings if e.guard.cond is None), None)
        if story.endings and story.endings[-1].guard.cond is not None:
            last = story.endings[-1]
            self.add(last.pos, codes.NO_FALLBACK_ENDING, f"the last ending, '{last.id}', has a `when`: add a last ending without "
                     "`when` so that every state has an ending")
        if fallback is not None:
            after = story.endings[story.endings.index(fallback) + 1:]
            for ending in after:
                if ending.id not in named:
                    self.add(ending.pos, codes.ENDING_NEVER_CHOSEN, f"ending '{ending.id}' comes after '{fallback.id}', which has no "
                             "`when`, so it is never chosen; move it up")

    # ---- choices and their teaching --------------------------------------------------------------
    def choices(self) -> None:
        for choice in self.story.all_choices():
            if not choice.tags:
                self.add(choice.pos, codes.NO_TAG, f"choice '{choice.local_id}' has no behaviour tag: add tags: [...] "
                         "(see docs/writing.md), or [neutral] for an everyday move")
            if not choice.why.strip():
                self.add(choice.pos, codes.NO_WHY, f"choice '{choice.local_id}' has no `why`: the debrief has nothing to "
                         "say about this move")
            for tag in choice.tags:
                if tag not in TAGS:
                    hint = _closest(tag, TAGS)
                    self.add(choice.pos, codes.UNKNOWN_TAG, f"unknown behaviour tag '{tag}'" +
                             (f"; did you mean '{hint}'?" if hint else "; see the tag table in docs/writing.md"))

    def balance(self) -> None:
        story = self.story
        for role, result in self.ex.roles.items():
            bounds = result.bounds
            for scene_id in self.reach[role].scenes:
                scene = story.scenes[scene_id]
                menus, places = [], []
                for node in scene.nodes.values():
                    if node.id in bounds.boxes and node.choices:
                        menus.append([c for c in node.choices if c.id in bounds.choices])
                        places.append(node.pos)
                offered = [c for menu in menus for c in menu]
                if offered and not any(c.secure for c in offered):  # Choice.secure is is_secure(tags), worked out once
                    self.add(scene.pos, codes.NO_SECURE_MOVE, f"scene '{scene_id}' offers the {role} role no secure move (repair, "
                             "soft start-up, time-bounded break, naming the cycle, reassurance...)")
                mixed_at = [(m, at) for m, at in zip(menus, places) if len(m) >= 2 and any(c.secure for c in m)
                            and not all(c.secure for c in m)]
                mixed = [m for m, _at in mixed_at]
                if len(mixed) < 2:
                    continue
                habits = []
                if all(m[0].secure for m in mixed):
                    habits.append("first")
                if all(m[-1].secure for m in mixed):
                    habits.append("last")
                if all(max(m, key=lambda c: len(c.text)).secure for m in mixed):
                    habits.append("the longest")
                if habits:  # point at the first of the menus, where the writer would start reordering
                    self.add(mixed_at[0][1], codes.SECURE_SAME_PLACE, f"in scene '{scene_id}' the {role} role's secure move is always "
                             f"{' and '.join(habits)} in all {len(mixed)} menus: players learn the layout, not the move")

    def text(self) -> None:
        for node in self.story.all_nodes():
            for line in node.all_lines:
                if len(line.text) > MAX_TEXT:
                    self.add(line.pos, codes.TEXT_TOO_LONG, f"line is {len(line.text)} characters; more than {MAX_TEXT} do not "
                             "fit one screen: split it into two lines")
            for choice in node.choices:
                if len(choice.text) > MAX_TEXT:
                    self.add(choice.pos, codes.TEXT_TOO_LONG, f"choice text is {len(choice.text)} characters; keep it under {MAX_TEXT}")

    def controls(self) -> None:
        """Escape sequences (written as \\e or \\x1b in a quoted string) and direction overrides in any text."""
        for pos, text in control_texts(self.story):
            found = control_characters(text)
            if found:
                self.add(pos, codes.CONTROL_CHARACTER, f"text holds the control character{'s' * (len(found) > 1)} {', '.join(found)}: "
                         "in a terminal it could clear the screen or rewrite what players see; remove it")

    def coherence(self) -> None:
        """Replies and menus that fit the move just made; growth that hangs on one choice (coherence.py)."""
        check_coherence(self.story, self.ex.status, self.reach, self.add)

    def locations(self) -> None:
        """Every place named (the scene's, each role's, each node's) must have its picture."""
        known = {p.stem for p in BACKGROUNDS.glob("*.png")} if BACKGROUNDS.is_dir() else set()
        if not known:
            return  # no artwork here to check against
        for scene in self.story.scenes.values():
            spots = [(_SCENE_LOCATION, place) for place in (scene.location, *scene.role_locations.values())]
            spots += [(node.pos, node.location) for node in scene.nodes.values() if node.location]
            seen = set()
            for pos, place in spots:
                if place not in known and place not in seen:
                    seen.add(place)
                    if pos is _SCENE_LOCATION:  # looked up in the file only when there is something to say
                        pos = _find(scene.file, "location:") if scene.file else scene.pos
                    hint = _closest(place, known)
                    self.add(pos, codes.NO_BACKGROUND, f"location '{place}' has no background in assets/backgrounds/, so the "
                             "window shows the default one"
                             + (f"; did you mean '{hint}'?" if hint else f"; known: {', '.join(sorted(known))}"))

    def portraits(self) -> None:
        """Every character has a face: the window looks for assets/portraits/ID_MOOD.png, then ID_neutral.png."""
        known = {p.stem.removesuffix("_neutral") for p in PORTRAITS.glob("*_neutral.png")} if PORTRAITS.is_dir() else set()
        if not known:
            return  # no artwork here to check against
        for character in self.story.characters.values():
            if character.id not in known:
                hint = _closest(character.id, known)
                self.add(character.pos, codes.NO_PORTRAIT, f"character '{character.id}' has no portrait in assets/portraits/ "
                         f"({character.id}_neutral.png), so the window shows the default face"
                         + (f"; did you mean '{hint}'?" if hint else f"; known: {', '.join(sorted(known))}"))

    def settings(self) -> None:
        manifest = self.story.files[0] if self.story.files else ""
        for code in self.story.lint_levels:  # the builder already answered for the errors that cannot be adjusted
            if code not in CODES:
                self.add(_find(manifest, code), codes.LINT_SETTING_NO_EFFECT, f"lint setting for '{code}' has no effect: no such code")


_SCENE_LOCATION = object()  # a place given by the scene's own `location:` line


def _show(value) -> str:
    return ("set" if value else "not set") if isinstance(value, bool) else str(value)


def _limit(ex: Exploration) -> str:
    return next((r.limit_reason for r in ex.roles.values() if r.limit_reason), "limit reached")


def _closest(word: str, options) -> str | None:
    import difflib

    found = difflib.get_close_matches(word, list(options), n=1, cutoff=0.7)
    return found[0] if found else None


def _find(file: str, text: str) -> Pos:
    for number, line in enumerate(SourceCache().lines(file) or [], 1):
        col = line.find(text)
        if col >= 0:
            return Pos(file, number, col + 1)
    return Pos(file)


def lint_story(story: Story, max_states: int = LINT_MAX_STATES, max_seconds: float | None = None,
               exploration: Exploration | PendingExploration | None = None,
               progress: Callable | None = None) -> list[Diagnostic]:
    """The linter's own findings for a built story, at their default severities.

    Exploration stops after `max_states` choice menus per role; `max_seconds` (None for `tether lint`)
    is only for tests that want a safety net: with it, what is reported may depend on the machine.
    `exploration`: answers for this story, worked out or under way; else they are begun here, and the rules
    that need none run while the roles are explored (side by side, in child processes, where that pays).
    `progress(role, decided, total)` hears how the exploration goes.
    """
    pending = exploration or Explorer(story, max_states=max_states, max_seconds=max_seconds,
                                      progress=progress).start()
    return Rules(story, pending).run()


def apply_levels(diagnostics: list[Diagnostic], levels: dict) -> list[Diagnostic]:
    """The manifest's `lint:` levels applied: `off` drops a code, warning/error change its severity."""
    out = []
    for d in diagnostics:
        level = levels.get(d.code) if d.code in ADJUSTABLE else None
        if level == "off":
            continue
        if level in (ERROR, WARNING) and level != d.severity:
            d = Diagnostic(d.file, d.line, d.col, level, d.code, d.message)
        out.append(d)
    return out


def lint_path(path: Path, max_states: int = LINT_MAX_STATES, max_seconds: float | None = None,
              schema: bool = False, exploration: Exploration | None = None,
              progress: Callable | None = None) -> tuple[Story | None, list[Diagnostic]]:
    """Everything `tether lint` reports for a story folder or file, sorted by place.

    `exploration`: answers already decided for this same story (the tests share one), else decided here.
    """
    story, diagnostics = check_story(Path(path))
    diagnostics = list(diagnostics)
    if schema:
        from game.tools.schema import validate_story_files

        diagnostics += validate_story_files(Path(path))
    if story is not None:
        diagnostics += lint_story(story, max_states, max_seconds, exploration=exploration, progress=progress)
        diagnostics = apply_levels(diagnostics, story.lint_levels)
    return story, sorted(set(diagnostics))


__all__ = ["MAX_TEXT", "apply_levels", "lint_path", "lint_story"]
