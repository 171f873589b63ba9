"""Untrusted records of play kept for playing scenes again: the scene starts in a save, the finished game per role."""

from __future__ import annotations

import json

import pytest

from game.engine import SaveStore
from game.engine.runner import StoryRunner
from game.engine.session import PlaySession, SessionError
from game.engine.state import StateError, StoryState
from tests.engine.test_replay import finished, story  # noqa: F401 - fixtures


@pytest.mark.parametrize("damage, reason", [
    (lambda e: e["talk"].update(meters="high"), "'meters' of the start of scene 'talk' should be a mapping"),
    (lambda e: e["talk"].update(meters={"safety": 1.5}), "'safety' in the meters at the start of scene 'talk'"),
    (lambda e: e["talk"].update(moves_len=99), "choice count at the start of scene 'talk'"),
    (lambda e: e["talk"].pop("visits"), "has no 'visits'"),
    (lambda e: e.update(talk=[1]), "start of scene 'talk' should be a mapping"),
])
def test_a_damaged_record_of_scene_starts_is_refused_with_a_reason(finished, story, damage, reason):
    data = json.loads(json.dumps(finished.runner.to_dict()))
    damage(data["entries"])
    with pytest.raises(StateError, match=reason):
        StoryState.from_dict(data, story)


def test_a_damaged_finished_game_is_set_aside_with_a_message(finished, story, tmp_path):
    kept = tmp_path / "saves" / "finished" / "anxious.json"
    kept.write_text('{"save_version": 3, "state": ')
    again = PlaySession(story, SaveStore(tmp_path / "saves"))
    assert again.replayable() == {}
    message = " ".join(again.take_notices())
    assert "finished game as the anxious partner could not be used" in message and "kept as" in message
    assert not kept.exists() and list(kept.parent.glob("anxious*"))  # renamed aside, not deleted
    with pytest.raises(SessionError):
        again.replay_scene("talk", "anxious")


def test_a_kept_game_that_is_not_finished_is_set_aside(story, tmp_path):
    store = SaveStore(tmp_path)
    runner = StoryRunner.new(story, "anxious")
    store.keep_finished(runner)
    result = store.load_finished("anxious", story)
    assert result.runner is None and "not a finished game" in result.message
