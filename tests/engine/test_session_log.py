"""A session log rebuilt from a game's state matches the one recorded as play happened."""

import json

from game.engine import StoryRunner
from game.engine.session_log import SessionLog
from tests.engine.helpers import roundtrip


def record(runner, picks, skip_first=False):
    log = SessionLog(runner)
    if skip_first:
        log.skip(runner.scene.id)
        runner.skip_scene()
    picks = list(picks)
    while runner.phase != "ended":
        if runner.phase == "delivering":
            log.line(runner.advance())
        elif runner.phase == "awaiting_choice":
            runner.choose(picks.pop(0))
            log.choice(runner.moves[-1])
        else:
            runner.next_scene()
    return log


def test_rebuilt_log_equals_the_recorded_one(mini_story):
    runner = StoryRunner.new(mini_story, "anxious")
    recorded = record(runner, [1, 0])
    rebuilt = SessionLog.from_runner(roundtrip(runner))
    assert rebuilt.events == json.loads(json.dumps(recorded.events))
    assert rebuilt.to_dict()["ending"] == {"id": "steady", "kind": "growth", "title": "Steady"}


def test_rebuilt_log_places_a_skipped_scene(mini_story):
    runner = StoryRunner.new(mini_story, "avoidant")
    recorded = record(runner, [0], skip_first=True)
    assert SessionLog.from_runner(runner).events == json.loads(json.dumps(recorded.events))
