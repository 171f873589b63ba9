"""What the debrief says: the meters move by move, the tags and why, and why this ending."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.conditions import Ref
from game.engine.runner import Move, StoryRunner
from game.engine.tags import TAGS, family_of


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
    return out


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
