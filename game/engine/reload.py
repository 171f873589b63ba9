"""Reload a changed story from disk and keep the player's place when it still exists."""

from __future__ import annotations

from pathlib import Path

from game.engine.diagnostics import Diagnostic
from game.engine.loader import check_story
from game.engine.runner import StoryRunner
from game.engine.state import StateError, StoryState


def reload(story_dir: Path, runner: StoryRunner) -> tuple[StoryRunner, list[Diagnostic], str]:
    """(runner on the new story, diagnostics, what happened).

    On a broken story the old runner comes back unchanged with the diagnostics.
    When the current node was removed, play restarts at the current scene's start
    (or the first scene) with the meters and flags kept.
    """
    story, diagnostics = check_story(Path(story_dir))
    if story is None:
        return runner, diagnostics, "The story has errors; still playing the last good version."
    data = runner.to_dict()
    try:
        kept = StoryRunner.from_dict(story, data)
        if data["backlog"] and data["backlog"][-1] not in story.lines:
            raise StateError("the line you were at is gone")
        return kept, diagnostics, "Reloaded; your place is kept."
    except StateError as exc:
        scene = data["scene"] if data["scene"] in story.scenes else story.scene_order[0]
        # The scene plays again from its start, so its lines leave the backlog (a line id names a position,
        # and after an edit the same id may hold other words); lines of earlier scenes stay.
        backlog = [i for i in data["backlog"] if i in story.lines and not i.startswith(f"{data['scene']}.")]
        data.update(scene=scene, node=story.scenes[scene].starts[runner.role], cursor=0, phase="delivering", undo=[],
                    reply=None, backlog=backlog)
        try:
            fresh = StoryRunner(story, StoryState.from_dict(data, story, settled=False))
            fresh.settle()
        except StateError:
            fresh = StoryRunner.new(story, runner.role, runner.partner)
        return fresh, diagnostics, f"Reloaded; {exc}, so the scene starts again from its first line."
