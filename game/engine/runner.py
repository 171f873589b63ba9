"""StoryRunner: the finite-state dialogue engine.

A pull API in the manner of ink: in the `delivering` phase call advance() for
the next line; in `awaiting_choice` read `choices` and call choose(i); in
`scene_end` call next_scene(); `ended` has an `ending`. Every call checks the
phase first (`_require`), so an illegal move is refused with a clear error
instead of corrupting the state, as Yarn Spinner's VM does. The runner keeps no
state machine object of its own: the explorer and playtester step it millions
of times, and the play session's phases (game/engine/session.py) are where a
`transitions` machine works at human pace.

Tools use the public fast paths: `StoryRunner(story, state.fork(), render=False)`
skips text rendering, `available_choices()` gives the choices on offer as story
data, and `advance_to_choice()` delivers lines and crosses scene ends. The
explorer also passes `record=False` (no undo history, move records or backlog)
and a `trace` list, which collects the ids of the nodes entered and the lines
delivered: it plays by these rules, not by a copy of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple

from game.engine.model import Choice, Ending, Guard, Node, Scene, Story, Target, drifted
from game.engine.state import PHASES, StoryState
from game.engine.text import Partner, substitute

MAX_SILENT_STEPS = 10_000  # moves without a line or choice before we call it a loop
MAX_LINES_BETWEEN_CHOICES = 10_000  # lines delivered with no choice before we call it a loop
MAX_PARTNERS_RENDERED = 8  # partners whose rendered text a story keeps at once (a typed name is one more)


class RunnerError(RuntimeError):
    """The runner was called in a way its current phase does not allow."""


class StoryRuntimeError(RuntimeError):
    """The story itself went wrong during play (a soft-lock or an endless loop); `node` is where (a full id)."""

    def __init__(self, message: str, node: str | None = None):
        super().__init__(message)
        self.node = node


class ShownLine(NamedTuple):  # immutable and cheap to make: one per line a runner shows
    id: str
    speaker: str
    speaker_name: str
    text: str
    mood: str | None = None


class ChoiceView(NamedTuple):  # one per menu entry
    index: int  # 0-based position among the available choices
    id: str
    text: str
    tags: tuple[str, ...]


# Makes a named tuple from a tuple of all its fields in one C call, without the Python frame of the class's
# generated __new__: for the ChoiceViews of every menu, read once per choice a front end makes.
_new_tuple = tuple.__new__


@dataclass(frozen=True)
class Move:
    scene_id: str
    choice_id: str
    text: str
    tags: tuple[str, ...]
    why: str
    before: dict
    after: dict
    missed_secure: tuple[str, ...]
    at_line: int | None = None  # how many lines had been shown when it was chosen (None in older saves)

    @classmethod
    def from_dict(cls, d: dict) -> "Move":
        at_line = d.get("at_line")
        return cls(d["scene"], d["choice"], d["text"], tuple(d["tags"]), d["why"], dict(d["before"]), dict(d["after"]),
                   tuple(d.get("missed_secure", ())), at_line if isinstance(at_line, int) else None)


class StoryRunner:
    def __init__(self, story: Story, state: StoryState, render: bool = True, record: bool = True,
                 trace: list | None = None, *, like: "StoryRunner | None" = None):
        """`render=False` is for tools that read no text: advance() then returns None.

        `record=False` keeps no undo history, move records or backlog (tools that branch play);
        `trace`, when given, collects the ids of the nodes entered and the lines delivered, in order.
        `like`: a runner of the same story (a fork's parent) whose early endings, cast and partner this one
        takes over as they are, instead of working them out again (tools fork tens of thousands of times).
        """
        if state.phase not in PHASES:
            raise RunnerError(f"unknown phase {state.phase!r}")
        self.story = story
        self.state = state
        self.rendering = render
        self.recording = record
        self.trace = trace
        if like is None:
            self.early_endings = story.early_endings  # tools may leave them out to play more than play can
            self.cast = tuple((c.id, c.name, c.pronouns) for c in story.characters.values())
        else:
            self._early_endings, self._early, self._early_linked = like._early_endings, like._early, like._early_linked
            self._vouched = None
            self.cast = like.cast
        partner = None if like is None else like.partner
        if partner is None or partner.name != state.partner_name or partner.pronouns != state.partner_pronouns:
            partner = Partner(state.partner_name, state.partner_pronouns)
        self.partner = partner
        caches = story.rendered
        key = (state.partner_name, state.partner_pronouns)
        if key not in caches and len(caches) >= MAX_PARTNERS_RENDERED:
            caches.clear()
        self._rendered, self._shown_lines = caches.setdefault(key, ({}, {}))
        self._lines_since_choice = 0
        self._menu: tuple | None = None  # (where play stood, the choices on offer there): see available_choices
        self._moved = 0  # counts the calls that can change what a menu offers (choose, undo, scene changes)

    @property
    def early_endings(self) -> tuple:
        """The early endings play watches: the story's, none (`()`), or a tool's stand-ins (tools/stepper.py).

        After effects are applied only the early endings they can set off are tested (model.link_early_endings),
        and only when these are the story's own: a tool's stand-ins are all tested through `guard.holds(state)`,
        every time, as is every early ending at the first check after anything but an effect changed the state
        (a new or loaded state, the time between scenes, undo, a scene begun again)."""
        return self._early_endings

    @early_endings.setter
    def early_endings(self, value) -> None:
        value = tuple(value)
        own = self.story.early_endings
        self._early_endings = value
        # (test, ending id) per early ending: the compiled test of the story's own guards, else guard.holds
        self._early = tuple((early.guard.test if type(early.guard) is Guard and early.guard.test is not None
                             else early.guard.holds, early.ending) for early in value)
        self._early_linked = len(value) == len(own) and all(a is b for a, b in zip(value, own))
        self._vouched = None  # the state in which no early ending holds unless an effect set it off since

    # delivering, awaiting_choice, scene_end or ended; it lives in the state, so a fork carries it. (A getter in C:
    # a front end reads it before every call.)
    phase = property(attrgetter("state.phase"), doc="delivering, awaiting_choice, scene_end or ended")

    # ---- construction -------------------------------------------------------------
    @classmethod
    def new(cls, story: Story, role: str, partner: Partner | None = None, render: bool = True, seed: int = 0,
            chance=None, record: bool = True, trace: list | None = None,
            early_endings: tuple | None = None) -> "StoryRunner":
        """A new playthrough. `seed` decides its chance(N) rolls (tools keep 0 so paths replay; the play session
        draws one per game); `chance` forces every roll one way (True or False), or is a callable that answers
        each roll (see conditions.compile_condition), for tools that try both outcomes. `early_endings=()` leaves
        the early endings out: a tool's way to play more than play can."""
        if role not in story.roles:
            raise RunnerError(f"unknown role {role!r}; choose {' or '.join(story.roles)}")
        if partner is None:
            spec = story.roles[role]
            partner = Partner(spec.partner_name, spec.partner_pronouns)
        first = story.scene_order[0]
        state = StoryState(role, partner.name, partner.pronouns, first, story.scenes[first].starts[role],
                           meters={m.name: m.start for m in story.meters.values()},
                           flags={f.name for f in story.flags.values() if f.start}, seed=seed, chance=chance)
        runner = cls(story, state, render, record, trace)
        if early_endings is not None:
            runner.early_endings = early_endings
        runner._note_entry()
        runner._enter(state.node)
        if runner.phase != "ended":
            runner._settle()
        return runner

    def begin_scene(self) -> None:
        """Start the state's scene from its first node for the role (a scene played again from its start)."""
        self._moved += 1
        self._vouched = None
        self._note_entry()
        self._enter(self.scene.starts[self.state.role])
        if self.phase != "ended":
            self.state.phase = "delivering"
            self._settle()

    @classmethod
    def from_dict(cls, story: Story, data) -> "StoryRunner":
        return cls(story, StoryState.from_dict(data, story))

    def fork(self, render: bool | None = None, trace: list | None = None) -> "StoryRunner":
        """An independent runner at the same point (without backlog, moves or undo history)."""
        return StoryRunner(self.story, self.state.fork(), self.rendering if render is None else render,
                           self.recording, trace, like=self)

    def to_dict(self) -> dict:
        return self.state.to_dict()

    # ---- what a front end reads ------------------------------------------------------
    @property
    def scene(self) -> Scene:
        return self.story.scenes[self.state.scene]

    @property
    def node(self) -> Node:
        state = self.state
        return self.story.scenes[state.scene].nodes[state.node]

    @property
    def meters(self) -> dict:
        return dict(self.state.meters)

    @property
    def flags(self) -> set:
        return set(self.state.flags)

    @property
    def role(self) -> str:
        return self.state.role

    @property
    def choices(self) -> list[ChoiceView]:
        state, menu = self.state, self._menu
        if menu is None or menu[0] != (state, state.scene, state.node, self._moved):  # see _available
            available = self._available()
        else:
            available = menu[1]
        rendered = self._rendered  # `or`: a text rendered to "" is rendered again, as ""
        return [_new_tuple(ChoiceView, (i, c.id, rendered.get(c.text) or self.render(c.text), c.tags))
                for i, c in enumerate(available)]

    def available_choices(self) -> list[Choice]:
        """The choices on offer now, as story data, in menu order (empty unless awaiting a choice)."""
        return list(self._available())

    def _available(self) -> list[Choice] | tuple[Choice, ...]:
        """available_choices() without the copy: the caller must not change it (a node whose choices are all
        unguarded offers its own tuple, `Node.menu`)."""
        state = self.state
        if state.phase != "awaiting_choice":
            return []
        # At a menu the state changes only by a choice, an undo, a scene change or another state put in its
        # place, and each changes this key; so the guards of a menu are tested once (in _settle, on arrival).
        key = (state, state.scene, state.node, self._moved)
        menu = self._menu
        if menu is None or menu[0] != key:
            node = self.story.scenes[state.scene].nodes[state.node]
            menu = self._menu = (key, node.menu if node.menu is not None else
                                 [c for c in node.choices if (test := c.guard.test) is None or test(state)])
        return menu[1]

    def find_choice(self, token) -> int | None:
        """The menu index for a typed token: a full or local choice id, or a 1-based number; None if not on offer."""
        available = self._available()
        token = str(token).strip()
        for index, choice in enumerate(available):
            if token in (choice.id, choice.local_id):
                return index
        if token.isascii() and token.isdigit() and len(token) <= 4 and 1 <= int(token) <= len(available):
            return int(token) - 1
        return None

    @property
    def current_line(self) -> ShownLine | None:
        return self.show(self.state.backlog[-1]) if self.state.backlog else None

    @property
    def backlog(self) -> list[ShownLine]:
        return [self.show(line_id) for line_id in self.state.backlog if line_id in self.story.lines]

    @property
    def moves(self) -> list[Move]:
        return [Move.from_dict(m) for m in self.state.moves]

    @property
    def ending(self) -> Ending | None:
        return self.story.ending(self.state.ending) if self.state.ending else None

    @property
    def can_undo(self) -> bool:
        return bool(self.state.undo)

    @property
    def ending_text(self) -> str:
        """The ending's text as this player meets it: the paragraphs whose `if` holds, names and pronouns in place."""
        ending = self.ending
        return self.render(ending.text_for(self.state)) if ending is not None else ""

    def render(self, text: str) -> str:
        """The text with names and pronouns in place (story text never changes: cached per runner)."""
        done = self._rendered.get(text)
        if done is None:
            done = self._rendered[text] = substitute(text, self.partner, self.cast)
        return done

    def speaker_name(self, speaker: str) -> str:
        if speaker == "narrator":
            return ""
        if speaker == "you":
            return "You"
        if speaker == "partner":
            return self.partner.name
        character = self.story.characters.get(speaker)
        return character.name if character else speaker

    def show(self, line_id: str) -> ShownLine:
        return self._shown(self.story.lines[line_id])

    def _shown(self, line) -> ShownLine:
        shown = self._shown_lines.get(line.id)  # a line always shows the same way to one partner
        if shown is None:
            shown = self._shown_lines[line.id] = ShownLine(line.id, line.speaker, self.speaker_name(line.speaker),
                                                           self.render(line.text), line.mood)
        return shown

    # ---- what a front end calls ------------------------------------------------------
    def advance(self) -> ShownLine | None:
        """Deliver the pending line and move on to whatever follows it (None when not rendering)."""
        state = self.state
        if state.phase != "delivering":
            self._require("delivering", "advance()")
        node = self.story.scenes[state.scene].nodes[state.node]
        reply = state.reply
        owner = node if reply is None else node.choice_at[reply]
        cursor = state.cursor
        line = owner.lines[cursor]
        line_id = line.id
        delivered = self._lines_since_choice = self._lines_since_choice + 1
        if delivered > MAX_LINES_BETWEEN_CHOICES:
            raise StoryRuntimeError(f"more than {MAX_LINES_BETWEEN_CHOICES} lines without a choice near {node.id}: "
                                    "the story loops with no way out", node.id)
        if self.recording:
            state.backlog.append(line_id)
        if self.trace is not None:
            self.trace.append(line_id)
        # Most lines are followed by another line of the same node: find it here, and settle only past the last.
        follow = owner.follows[cursor]
        if follow >= 0:  # the next line has no condition
            state.cursor = follow
        else:
            tests = owner.line_tests
            cursor += 1
            count = len(tests)
            while cursor < count:
                test = tests[cursor]
                if test is None or test(state):
                    state.cursor = cursor
                    break
                cursor += 1
            else:
                state.cursor = count
                self._go(node)
        if self.rendering:
            return self._shown_lines.get(line_id) or self._shown(line)
        return None

    def advance_to_choice(self, stop_at_scene_end: bool = False) -> list[ShownLine]:
        """Deliver lines (and cross scene ends unless asked to stop there) until a choice waits or the story ends.

        Returns the lines delivered (empty when not rendering). Bounded: every step delivers a line or
        enters a scene, and the scenes and lines of a story are finite between two choices.
        """
        shown = []
        while True:
            phase = self.state.phase
            if phase == "delivering":
                line = self.advance()
                if line is not None:
                    shown.append(line)
            elif phase == "scene_end" and not stop_at_scene_end:
                self.next_scene()
            else:
                return shown

    def settle(self) -> None:
        """After a story change (reload) put a restored state where it really waits: a line, a choice or an end."""
        self._moved += 1
        self._vouched = None
        if self.state.phase not in ("scene_end", "ended"):
            self._settle()

    def choose(self, index: int) -> None:
        """Take the available choice at `index` (0-based, as in `choices`)."""
        state = self.state
        if state.phase != "awaiting_choice":
            self._require("awaiting_choice", "choose()")
        menu = self._menu
        if menu is None or menu[0] != (state, state.scene, state.node, self._moved):  # see _available
            available = self._available()
        else:
            available = menu[1]
        if type(index) is int and index >= 0:
            try:
                choice = available[index]
            except IndexError:
                choice = None
        else:
            choice = None
        if choice is None:
            if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(available):
                raise RunnerError(f"choice {index!r} is not available; choose 0 to {len(available) - 1}")
            choice = available[index]  # an int of a subclass of int
        self._lines_since_choice = 0
        self._moved += 1
        recording = self.recording
        if recording:
            point = state.snapshot()
            state.undo.append(point)
        adjust = choice.adjust
        if adjust:  # the adjustments that hold as things stood when chosen
            adjust = [a for a in adjust if (test := a.guard.test) is None or test(state)]
        effects = choice.effects
        if not effects.empty:
            if effects.apply is None:
                self._apply(effects)
            else:
                effects.apply(state.meters, state.flags)
        for adjustment in adjust:
            self._apply(adjustment.effects)
        if recording:
            rendered = self._rendered  # `or`: a text rendered to "" is rendered again, as ""
            missed = []
            if not choice.secure:
                for other in available:
                    if other.secure:
                        missed.append(self.render(other.text))
            state.moves.append({
                "scene": state.scene, "choice": choice.id, "text": rendered.get(choice.text) or self.render(choice.text),
                "tags": list(choice.tags), "why": rendered.get(choice.why) or self.render(choice.why),
                "before": point.meters, "after": dict(state.meters), "missed_secure": missed,
                "at_line": len(state.backlog),
            })  # "before" is the undo point's copy of the meters: neither is ever changed in place
        if self._early and (choice.early != () or self._vouched is not state) and self._early_ending(choice.early):
            return
        if choice.lines:  # the reply to this move comes first; its target is followed after the last line
            state.reply, state.cursor = choice.local_id, 0
            if choice.opens:  # its first line shows
                state.phase = "delivering"
            else:
                self._go(self.story.scenes[state.scene].nodes[state.node])
            return
        target = choice.target
        if target.node is None:
            self._follow(target)  # the end of the scene or of the story
            return
        node = self._enter(target.node)
        if node is None:  # an early ending
            return
        if node.opens:  # its first line shows (the cursor is at it)
            state.phase = "delivering"
        else:
            self._go(node)

    def next_scene(self) -> None:
        """From the end of a scene, go on to the next scene, or to the ending after the last."""
        self._moved += 1
        self._require("scene_end", "next_scene()")
        nxt = self._next_scene_id()
        if nxt is None:
            self._finish(self._select_ending())
            return
        self.state.scene = nxt
        self._drift()
        self._vouched = None  # the time between scenes changed meters and flags with no effect
        self._note_entry()
        node = self._enter(self.scene.starts[self.state.role])
        if node is None:  # the new scene's first node set off an early ending
            return
        self.state.phase = "delivering"  # leave scene_end; _go then finds the phase that really waits
        self._go(node)

    def skip_scene(self) -> str:
        """Leave the current scene without playing it; returns its summary."""
        self._moved += 1
        if self.phase not in ("delivering", "awaiting_choice"):
            raise RunnerError(f"skip_scene() is for a scene in progress; the runner is at {self.phase}")
        self.state.skipped.append(self.state.scene)
        self.state.phase = "scene_end"
        return self.render(self.scene.summary)

    def undo(self) -> bool:
        """Go back to just before the last choice. False when there is nothing to undo."""
        self._moved += 1
        if not self.state.undo:
            return False
        self.state.restore(self.state.undo.pop())
        self._vouched = None
        return True

    # ---- inside the engine ------------------------------------------------------------
    def _require(self, phase: str, call: str) -> None:
        if self.state.phase != phase:
            hints = {
                "delivering": "a line is waiting: call advance()",
                "awaiting_choice": "choices are waiting: call choose(i)",
                "scene_end": "the scene has ended: call next_scene()",
                "ended": "the story has ended",
            }
            raise RunnerError(f"{call} is not allowed now; {hints[self.phase]}")

    def _apply(self, effects) -> None:
        """Apply effects: through their compiled `apply` when the builder wrote one, else field by field."""
        state = self.state
        if effects.apply is not None:
            effects.apply(state.meters, state.flags)
            return
        meters = state.meters
        if effects.deltas:
            bounds = self.story.meters
            for name, delta in effects.deltas:
                value, meter = meters[name] + delta, bounds[name]
                meters[name] = meter.max if value > meter.max else meter.min if value < meter.min else value
        for name, value in effects.values:
            meters[name] = value
        if effects.set_flags:
            state.flags.update(effects.set_flags)
        if effects.clear_flags:
            state.flags.difference_update(effects.clear_flags)

    def _drift(self) -> None:
        """Time passes between scenes: wounds soften toward the start value; episode counters reset."""
        meters = self.state.meters
        for name, points in self.story.drift:
            meters[name] = drifted(meters[name], self.story.meters[name].start, points)
        flags = self.state.flags
        for name in self.story.flag_resets:
            if self.story.flags[name].start:
                flags.add(name)
            else:
                flags.discard(name)

    def _note_entry(self) -> None:
        """Keep the state as the current scene begins, so the scene can be played again from there.
        Tools that read no text (render=False) or keep no records step millions of scenes and keep none."""
        if not self.rendering or not self.recording:
            return
        state = self.state
        state.entries[state.scene] = {"meters": dict(state.meters), "flags": sorted(state.flags),
                                      "visits": dict(state.visits), "skipped": list(state.skipped),
                                      "moves_len": len(state.moves), "backlog_len": len(state.backlog)}

    def _enter(self, local: str) -> Node | None:
        """Enter a node of the scene: count the visit and apply its effects. Returns the node, or None when one of
        its effects set off an early ending."""
        state = self.state
        state.node = local
        state.cursor = 0
        state.reply = None
        node = self.story.scenes[state.scene].nodes[local]
        node_id = node.id
        visits = state.visits  # StoryState.enter, inline: a visit counted, and journalled while undo can take it back
        visits[node_id] = visits.get(node_id, 0) + 1
        if state.undo:
            state.entered.append(node_id)
        if self.trace is not None:
            self.trace.append(node_id)
        effects = node.effects
        if effects.empty:
            return node
        if effects.apply is None:
            self._apply(effects)
        else:
            effects.apply(state.meters, state.flags)
        if self._early and (node.early != () or self._vouched is not state) and self._early_ending(node.early):
            return None
        return node

    def _follow(self, target: Target) -> None:
        if target.node is not None:
            self._enter(target.node)
        elif target.end == "scene":
            self.state.phase = "scene_end"
        elif target.end == "story":
            self._finish(self._select_ending())
        else:  # pragma: no cover - the builder refuses targets that lead nowhere
            raise StoryRuntimeError(f"node {self.node.id} leads nowhere")

    def _settle(self) -> None:
        """Move through silent nodes until a line, a choice, a scene end or the ending waits."""
        state = self.state
        if state.phase != "ended" and state.phase != "scene_end":
            self._go(self.story.scenes[state.scene].nodes[state.node])

    def _go(self, node: Node) -> None:
        """_settle from `node`, the node play is at (`state.cursor` and `state.reply` say where in it)."""
        state = self.state
        silent = 0  # nodes passed through without a line or a choice
        while True:
            reply = state.reply
            tests = node.line_tests if reply is None else node.choice_at[reply].line_tests
            cursor, count = state.cursor, len(tests)
            while cursor < count:
                test = tests[cursor]
                if test is None or test(state):
                    state.cursor = cursor
                    state.phase = "delivering"
                    return
                cursor += 1
            state.cursor = cursor
            if reply is not None:  # the reply is over: on to the choice's own target
                state.reply = None
                target = node.choice_at[reply].target
            elif node.choices:
                # the menu, tested once here: `choices` and choose() read it (see _available)
                available = node.menu  # every choice unguarded: the same menu each time
                if available is None:
                    available = []
                    for choice in node.choices:
                        test = choice.guard.test
                        if test is None or test(state):
                            available.append(choice)
                    if not available:
                        raise StoryRuntimeError(f"soft-lock at {node.id}: every choice's condition is false", node.id)
                self._menu = ((state, state.scene, state.node, self._moved), available)
                state.phase = "awaiting_choice"
                return
            else:
                target = node.goto
                if target is None:
                    for branch in node.branches:
                        test = branch.guard.test
                        if test is None or test(state):
                            target = branch.target
                            break
                    else:
                        raise StoryRuntimeError(f"no branch of {node.id} applies in this state", node.id)
            if target.node is None:
                self._follow(target)  # the end of the scene or of the story
                return
            node = self._enter(target.node)
            if node is None:  # an early ending
                return
            if node.opens:
                state.phase = "delivering"
                return
            silent += 1
            if silent >= MAX_SILENT_STEPS:
                raise StoryRuntimeError(f"the story keeps moving without a line or choice near {self.node.id}",
                                        self.node.id)

    def _next_scene_id(self) -> str | None:
        """The next scene in the manifest's order whose `if` holds as this one ends (None: the story ends)."""
        order, guards = self.story.scene_order, self.story.scene_guards
        for scene_id in order[order.index(self.state.scene) + 1:]:
            guard = guards.get(scene_id)
            if guard is None or guard.holds(self.state):
                return scene_id
        return None

    def _early_ending(self, linked: tuple | None) -> bool:
        """After effects: end play at the first early ending that holds (True), testing only those in `linked`
        (positions in the story's early endings the effects can set off) when every other one is known not to
        hold (see the `early_endings` property). A tool's stand-ins are asked through `guard.holds`."""
        state = self.state
        early = self._early
        if linked is not None and self._vouched is state:  # (only ever `state` when the story's own are in play)
            for i in linked:
                test, ending = early[i]
                if test(state):
                    state.ended_early = True
                    self._finish(ending)
                    return True
            return False
        for test, ending in early:
            if test(state):
                state.ended_early = True
                self._finish(ending)
                return True
        if self._early_linked:
            self._vouched = state
        return False

    def _select_ending(self) -> str:
        for ending in self.story.endings:
            if ending.guard.holds(self.state):
                return ending.id
        return self.story.endings[-1].id  # the linter insists on a fallback; this keeps play going

    def _finish(self, ending_id: str) -> None:
        self.state.ending = ending_id
        self.state.phase = "ended"
