"""Session logs: checked writable at the start, written after every choice, continued (and marked) on resume."""

from __future__ import annotations

import json

from game.engine import SaveStore
from game.engine.session import PlaySession
from game.engine.session_log import SessionLog
from tests.security.helpers import MINI, assert_clean, tether


def _session(mini_story, tmp_path, log):
    return PlaySession(mini_story, SaveStore(tmp_path / "saves"), log_path=log)


def test_log_is_on_disk_after_every_choice_not_only_at_the_end(tmp_path, mini_story):
    log = tmp_path / "log.json"
    session = _session(mini_story, tmp_path, log)
    session.new_game("anxious")
    session.continue_to_choice()
    session.choose(0)
    data = json.loads(log.read_text())  # a Ctrl-C or a killed terminal now loses nothing chosen so far
    assert [e["choice"] for e in data["events"] if "choice" in e] == [session.runner.moves[0].choice_id]


def test_unwritable_log_path_is_reported_at_the_start_and_play_goes_on(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")  # refuses even root, unlike chmod
    out = tether("play", "--text", "--story", MINI, "--role", "anxious", "--log", blocker / "log.json",
                 stdin="1\n1\n1\n1\n1\n")
    text = assert_clean(out, exit_code=0)
    first_choice = text.index("\n1. ")
    assert "cannot be written" in " ".join(text[:first_choice].split())  # said before any choice is made
    assert "== Ending:" in text


def test_log_given_as_a_folder_is_refused_at_open(tmp_path, mini_story):
    from game.engine import StoryRunner

    (tmp_path / "log.json").mkdir()
    log, message = SessionLog.open(tmp_path / "log.json", StoryRunner.new(mini_story, "anxious"), resume=False)
    assert "is a folder" in message and log.events == []


def test_a_resumed_game_continues_its_log_and_marks_the_resume(tmp_path, mini_story):
    log = tmp_path / "log.json"
    first = _session(mini_story, tmp_path, log)
    first.new_game("anxious")
    first.continue_to_choice()
    first.choose(0)
    first.quit()
    before = json.loads(log.read_text())["events"]
    second = _session(mini_story, tmp_path, log)
    ok, _ = second.load("autosave")
    assert ok
    second.continue_to_choice()
    if second.phase == "playing" and second.runner.phase == "awaiting_choice":
        second.choose(0)
    events = json.loads(log.read_text())["events"]
    assert events[: len(before)] == before  # nothing from the first sitting is lost
    assert any("resumed" in e for e in events[len(before):])


def test_damaged_log_on_resume_is_set_aside_not_overwritten(tmp_path, mini_story):
    from game.engine import StoryRunner

    log = tmp_path / "log.json"
    log.write_text("[" * 100_000)
    session_log, message = SessionLog.open(log, StoryRunner.new(mini_story, "anxious"), resume=True)
    assert "could not be continued" in message and session_log.events == []
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("log.json.damaged-")]
    assert len(kept) == 1 and kept[0].read_text() == "[" * 100_000
