"""What the debrief says: the meters move by move, the tags and why, and why this ending."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.conditions import Cond, Ref, compile_condition, subtrees
from game.engine.runner import Move, StoryRunner
from game.engine.tags import TAGS, family_of, is_secure
from game.engine.vocabulary import GROWTH


@dataclass(frozen=True)
class MoveNote:
    move: Move
    labels: tuple[str, ...]  # readable tag names
    families: tuple[str, ...]
    changes: dict  # meter -> delta, for the shown meters
    other_side: str = ""  # what the other partner felt at this moment (the mirrored node's `inner:`)


@dataclass(frozen=True)
class MeterTrack:
    name: str
    label: str
    low: int
    high: int
    values: tuple[int, ...]  # before the first move, then after each move: a chart's points

    def sentence(self) -> str:
        """The chart in words, for a screen reader: "Safety: 7, then 6, 8 (up 1 over the scene, of 10)."."""
        values = self.values
        if len(values) == 1:
            return f"{self.label}: {values[0]} of {self.high}."
        steps = ", ".join(str(v) for v in values[1:])
        change = values[-1] - values[0]
        moved = f"up {change}" if change > 0 else (f"down {-change}" if change < 0 else "no change")
        return f"{self.label}: {values[0]}, then {steps} ({moved} over the scene, of {self.high})."


@dataclass(frozen=True)
class SceneDebrief:
    """Everything a front end shows after a scene, the same for the terminal, the window and the browser."""
    scene_id: str
    title: str
    skipped: bool
    summary: str  # the scene's summary when it was skipped
    notes: tuple[MoveNote, ...]
    meters: tuple[MeterTrack, ...]  # the story's shown meters over this scene
    cut_short: bool  # an ending came in the middle of this scene
    comparison: "ReplayComparison | None" = None  # a scene played again: the two tries side by side

    @property
    def moves(self) -> tuple[Move, ...]:
        return tuple(n.move for n in self.notes)


def note(move: Move, shown=("closeness", "safety")) -> MoveNote:
    labels = tuple(TAGS[t].label if t in TAGS else t for t in move.tags)
    changes = {m: move.after.get(m, 0) - move.before.get(m, 0) for m in shown if m in move.after}
    return MoveNote(move, labels, tuple(sorted(family_of(move.tags))), changes)


def other_side(runner: StoryRunner, move: Move) -> str:
    """The `inner:` line of the moment this move's node mirrors, rendered for the player; "" when none."""
    scene = runner.story.scenes.get(move.scene_id)
    node = scene.nodes.get(move.choice_id.split(".")[1]) if scene else None
    if node is None or node.mirror is None:
        return ""
    return runner.render(scene.nodes[node.mirror].inner)


def scene_notes(runner: StoryRunner, scene_id: str) -> list[MoveNote]:
    shown = runner.story.shown_meters
    notes = []
    for move in runner.moves:
        if move.scene_id == scene_id:
            item = note(move, shown)
            notes.append(MoveNote(item.move, item.labels, item.families, item.changes, other_side(runner, move)))
    return notes


def scene_debrief(runner: StoryRunner, scene_id: str) -> SceneDebrief:
    story = runner.story
    scene = story.scenes[scene_id]
    notes = tuple(scene_notes(runner, scene_id))
    moves = [n.move for n in notes]
    tracks = tuple(MeterTrack(name, story.meters[name].label, story.meters[name].min, story.meters[name].max,
                              tuple(meter_series(moves, name, runner.meters.get(name, story.meters[name].start))))
                   for name in story.shown_meters)
    skipped = scene_id in runner.state.skipped
    cut_short = runner.phase == "ended" and runner.state.scene == scene_id and runner.state.ended_early
    return SceneDebrief(scene_id, runner.render(scene.title), skipped, runner.render(scene.summary) if skipped else "",
                        notes, tracks, cut_short)


def meter_series(moves: list[Move], meter: str, start: int) -> list[int]:
    """The meter's value before the first move and after each one: a chart's points."""
    values = [moves[0].before.get(meter, start)] if moves else [start]
    values.extend(m.after.get(meter, values[-1]) for m in moves)
    return values


def family_counts(moves: list[Move]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for move in moves:
        for family in family_of(move.tags):
            counts[family] = counts.get(family, 0) + 1
    return counts


def ending_reasons(runner: StoryRunner) -> list[str]:
    """Plain sentences about the state the ending was chosen by."""
    ending = runner.ending
    if ending is None:
        return []
    guard = ending.guard
    if runner.state.ended_early:
        guard = next((e.guard for e in runner.story.early_endings if e.ending == ending.id), guard)
    if guard.cond is None:
        return ["None of the other endings' conditions held, so the story closed the way it does by default."]
    out = []
    seen: set = set()
    for ref in guard.cond.refs():
        out.extend(_describe(runner, ref, seen))
    when = "The story stopped early because" if runner.state.ended_early else "This ending is chosen when"
    out.append(f"{when}: {describe_condition(guard.cond.tree, runner.story)}.")
    return out + growth_missed(runner)


MAX_MISSED = 3  # unmet conditions named for a growth ending that was checked first


def growth_missed(runner: StoryRunner) -> list[str]:
    """For an ending reached at the story's end: each growth ending checked before it, with the conditions it
    needs that this playthrough did not meet (the player sees why not, not only why this one)."""
    ending, story = runner.ending, runner.story
    if ending is None or runner.state.ended_early:
        return []
    out = []
    for other in story.endings:
        if other.id == ending.id:
            break
        if other.kind != GROWTH or other.guard.cond is None:
            continue
        unmet = [part for part in _conjuncts(other.guard.cond.tree) if _holds(part, runner.state) is False]
        if unmet:
            said = "; ".join(_unmet_words(part, runner) for part in unmet[:MAX_MISSED])
            out.append(f"Why not {runner.render(other.title)}? Of what it asks, this did not hold: {said}.")
    return out


def _conjuncts(tree: tuple) -> list[tuple]:
    """The parts of `a and b and c`, left to right; any other condition is one part."""
    out, stack = [], [tree]
    for _ in range(10_000):  # bounded: a condition has far fewer parts
        if not stack:
            break
        part = stack.pop()
        if part[0] == "and":
            stack.extend((part[2], part[1]))
        else:
            out.append(part)
    return out


def _holds(part: tuple, state) -> bool | None:
    """Whether one part of an ending's condition holds at the end (None: it leaves something to chance)."""
    if any(sub[0] == "chance" for sub in subtrees(part)):
        return None
    return compile_condition(Cond("", part), lambda name: name)(state)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _unmet_words(part: tuple, runner: StoryRunner) -> str:
    """An unmet part in words, with where this playthrough stood."""
    story = runner.story
    if part[0] == "not" and part[1][0] == "flag":
        return f"that “{_sentence(describe_condition(part[1], story))}” is not true (it was)"
    if part[0] == "flag":
        return f"that “{_sentence(describe_condition(part, story))}” is true (it was not)"
    if part[0] == "cmp" and part[2][0] == "meter" and part[3][0] == "num":
        return f"{describe_condition(part, story)} (it ended at {runner.meters[part[2][1]]})"
    return describe_condition(part, story)


_OP_WORDS = {">=": "is at least", "<=": "is at most", ">": "is above", "<": "is below", "==": "is", "!=": "is not"}


def describe_condition(tree: tuple, story) -> str:
    """A condition in plain words, using meter labels and flag descriptions."""
    kind = tree[0]
    if kind == "and":
        return f"{describe_condition(tree[1], story)} and {describe_condition(tree[2], story)}"
    if kind == "or":
        return f"{describe_condition(tree[1], story)}, or {describe_condition(tree[2], story)}"
    if kind == "not":
        return f"not ({describe_condition(tree[1], story)})"
    if kind == "const":
        return "always" if tree[1] else "never"
    if kind == "flag":
        flag = story.flags.get(tree[1])
        text = flag.description if flag and flag.description else tree[1].replace("_", " ")
        return text[:1].lower() + text[1:]
    if kind == "cmp":
        return f"{_operand(tree[2], story)} {_OP_WORDS[tree[1]]} {_operand(tree[3], story)}"
    return str(tree)  # pragma: no cover - every tree kind is handled above


def _operand(tree: tuple, story) -> str:
    kind = tree[0]
    if kind == "meter":
        meter = story.meters.get(tree[1])
        return meter.label.lower() if meter else tree[1]
    if kind == "visits":
        return f"the visits to {tree[1]}"
    if kind == "role":
        return "your role"
    if kind == "arith":
        return f"{_operand(tree[2], story)} {'plus' if tree[1] == '+' else 'minus'} {_operand(tree[3], story)}"
    return str(tree[1])


def _describe(runner: StoryRunner, ref: Ref, seen: set) -> list[str]:
    if ref.name in seen:
        return []
    seen.add(ref.name)
    if ref.kind == "meter":
        meter = runner.story.meters[ref.name]
        return [f"{meter.label} ended at {runner.meters[ref.name]} of {meter.max}."]
    if ref.kind == "flag":
        flag = runner.story.flags[ref.name]
        text = flag.description or ref.name.replace("_", " ")
        return [f"{text}: {'yes' if ref.name in runner.flags else 'no'}."]
    return []


# ---- a scene played again: the two tries side by side -------------------------------------------
@dataclass(frozen=True)
class SceneTry:
    """One try of a scene: its moves, how the shown meters moved, the secure moves taken, how it ended."""
    label: str  # "First try", "This try"
    notes: tuple[MoveNote, ...]
    meters: tuple[MeterTrack, ...]
    secure: tuple[str, ...]  # the texts of the secure moves taken
    skipped: bool
    ending: str  # the title of the ending this try ran into within the scene ("" when the scene just ended)

    def changes(self) -> str:
        """The meters over the try in words: "Closeness 5 to 7 (+2), safety 6 to 4 (−2)"."""
        parts = []
        for track in self.meters:
            a, b = track.values[0], track.values[-1]
            parts.append(f"{track.label} {a} to {b} ({signed(b - a)})")
        text = ", ".join(parts)
        return text[:1].upper() + text[1:].lower() if text else ""

    def secure_sentence(self) -> str:
        if self.skipped:
            return "Skipped: no moves."
        made = len(self.notes)
        return f"{len(self.secure)} of {made} move{'s' if made != 1 else ''} secure."


@dataclass(frozen=True)
class ReplayComparison:
    scene_id: str
    title: str
    role: str
    entered_with: dict  # the shown meters as the scene began, both tries alike
    first: SceneTry
    second: SceneTry

    def sentences(self) -> list[str]:
        """What changed between the tries, in a few plain sentences (the same for every front end)."""
        started = ", ".join(f"{t.label.lower()} {t.values[0]}" for t in self.first.meters)
        out = [f"Both tries began with {started}." if started else "Both tries began from the same place."]
        for attempt in (self.first, self.second):
            end = f" It ended the story: {attempt.ending}." if attempt.ending else ""
            out.append(f"{attempt.label}: {attempt.changes()}. {attempt.secure_sentence()}{end}")
        diffs = []
        for one, two in zip(self.first.meters, self.second.meters):
            change = two.values[-1] - one.values[-1]
            if change:
                diffs.append(f"{one.label.lower()} {abs(change)} {'higher' if change > 0 else 'lower'}")
        out.append(f"This try ended with {' and '.join(diffs)} than the first." if diffs
                   else "Both tries left the meters in the same place.")
        return out


def signed(n: int) -> str:
    return f"+{n}" if n > 0 else ("no change" if n == 0 else f"−{-n}")


def scene_try(runner: StoryRunner, scene_id: str, start: dict, label: str) -> SceneTry:
    """A try of `scene_id` in `runner` (a finished game, or a scene played again), from the meters `start`."""
    story = runner.story
    notes = tuple(scene_notes(runner, scene_id))
    moves = [n.move for n in notes]
    tracks = tuple(MeterTrack(name, story.meters[name].label, story.meters[name].min, story.meters[name].max,
                              tuple(meter_series(moves, name, start.get(name, story.meters[name].start))))
                   for name in story.shown_meters)
    ended_here = runner.state.ended_early and runner.state.scene == scene_id and runner.ending is not None
    return SceneTry(label, notes, tracks, tuple(n.move.text for n in notes if is_secure(n.move.tags)),
                    scene_id in runner.state.skipped, runner.render(runner.ending.title) if ended_here else "")


def compare_tries(first: StoryRunner, again: StoryRunner, scene_id: str) -> ReplayComparison:
    """The scene as the finished game played it beside the same scene played again from the same start."""
    story = first.story
    entry = first.state.entries.get(scene_id, {})
    start = {name: entry.get("meters", {}).get(name, story.meters[name].start) for name in story.shown_meters}
    return ReplayComparison(scene_id, first.render(story.scenes[scene_id].title), first.role, start,
                            scene_try(first, scene_id, start, "First try"),
                            scene_try(again, scene_id, start, "This try"))
