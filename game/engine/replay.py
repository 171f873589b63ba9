"""A scene of a finished game played again from the state it began with, to try another move.

The finished game (the last one of each role, kept by the save store) records
the state as each of its scenes began (`StoryState.entries`): meters, flags,
visits and skipped scenes. Playing a scene again starts a new runner there; the
finished game itself is never changed, and the debrief sets the two tries side
by side (debrief.compare_tries).
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.model import Story
from game.engine.runner import StoryRunner
from game.engine.state import StoryState


class ReplayError(RuntimeError):
    """The scene cannot be played again: the finished game never began it."""


@dataclass
class Replay:
    role: str
    scene_id: str
    record: StoryRunner  # the finished game whose scene is played again
    back_to: str  # the phase to return to afterwards: "ending" or "title"
    before: StoryRunner | None  # the session's runner before, given back afterwards


def scenes_to_replay(record: StoryRunner) -> list[str]:
    """The scenes the finished game began, in story order."""
    return [scene for scene in record.story.scene_order if scene in record.state.entries]


def replay_runner(record: StoryRunner, scene_id: str) -> StoryRunner:
    """A new runner at the start of `scene_id`, with the state the finished game began that scene with."""
    story: Story = record.story
    entry = record.state.entries.get(scene_id)
    if entry is None or scene_id not in story.scenes:
        raise ReplayError(f"the finished game as the {record.role} partner never began scene {scene_id!r}")
    meters = {m.name: m.start for m in story.meters.values()}
    for name, value in entry["meters"].items():
        if name in meters:
            meters[name] = max(story.meters[name].min, min(story.meters[name].max, value))
    saved = record.state
    state = StoryState(saved.role, saved.partner_name, saved.partner_pronouns, scene_id,
                       story.scenes[scene_id].starts[saved.role], meters=meters,
                       flags={f for f in entry["flags"] if f in story.flags}, visits=dict(entry["visits"]),
                       skipped=[s for s in entry["skipped"] if s in story.scenes], seed=saved.seed)
    runner = StoryRunner(story, state)
    runner.begin_scene()
    return runner


def replay_event(runner: StoryRunner, scene_id: str) -> dict:
    """The session log's record of a scene played again: one event, so it never counts as a new playthrough
    or as choices of the finished one."""
    moves = [{"choice": m.choice_id, "tags": list(m.tags), "before": m.before, "after": m.after}
             for m in runner.moves if m.scene_id == scene_id]
    early = runner.state.ending if runner.state.ended_early else None
    return {"replay": scene_id, "role": runner.role, "moves": moves, "meters": runner.meters, "ending": early}
