"""Saves that would crash forever: each is set aside with a message, the file kept, the game playable."""

from __future__ import annotations

import copy
import errno
import json
import os
import time
from pathlib import Path

import pytest

from game.engine import AUTOSAVE, SaveStore, StoryRunner
from game.engine import saves as saves_module
from game.engine.files import SAVE_LIMIT
from game.engine.session import PlaySession
from game.engine.saves import MIGRATIONS, OLDEST_SAVE_VERSION, SAVE_VERSION, migrate
from tests.security.helpers import MINI, ROOT, assert_clean, tether

FIXTURES = ROOT / "tests" / "data" / "saves"


@pytest.fixture
def good(mini_story) -> dict:
    runner = StoryRunner.new(mini_story, "anxious")
    runner.advance(), runner.advance()
    runner.choose(1)
    return json.loads(SaveStore(Path("/nonexistent-unused")).encode(runner))


def _load(tmp_path, mini_story, data=None, raw: bytes | None = None):
    store = SaveStore(tmp_path)
    content = raw if raw is not None else json.dumps(data).encode()
    (tmp_path / "autosave.json").write_bytes(content)
    result = store.load(AUTOSAVE, mini_story)
    return result, content


def _assert_set_aside(tmp_path, result, content, reason: str):
    assert result.runner is None
    assert reason in result.message and "starting fresh" in result.message, result.message
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("autosave.json.damaged-")]
    assert len(kept) == 1 and kept[0].read_bytes() == content  # never lost
    assert not (tmp_path / "autosave.json").exists()  # the next start does not meet it again


def _with(data: dict, change) -> dict:
    data = copy.deepcopy(data)
    change(data)
    return data



def test_a_save_naming_another_story_is_left_as_it_is_even_when_damaged(tmp_path, mini_story, good):
    """It is that story's game (a player with two stories keeps both): never set aside, never overwritten."""
    for state in (good["state"], {"meters": "1e999"}):
        data = _with(good, lambda d: d.update(story={"id": "0", "folder": "/elsewhere"}, state=state))
        result, content = _load(tmp_path, mini_story, data)
        assert result.runner is None and "belongs to another story ('0')" in result.message
        assert "could not be used" not in result.message
        assert [p.name for p in tmp_path.iterdir()] == ["autosave.json"]
        assert (tmp_path / "autosave.json").read_bytes() == content

ATTACKS = {
    "meter 1e999": (lambda d: d["state"]["meters"].update(safety="1e999"), "should be a whole number"),
    "cursor 1e999": (lambda d: d["state"].update(cursor=1e300), "should be a whole number"),
    "visits huge": (lambda d: d["state"]["visits"].update({"text.a_wait": 10**40}), "outside 0 to"),
    "story is text": (lambda d: d.update(story="x"), "not a Tether save"),
    "empty move": (lambda d: d["state"].update(moves=[{}]), "choice 1 made has no 'scene'"),
    "ended without ending": (lambda d: d["state"].update(phase="ended", ending=None), "ended without an ending"),
    "ending while playing": (lambda d: d["state"].update(ending="steady"), "not ended but has an ending"),
    "cursor at the end while delivering": (lambda d: d["state"].update(cursor=2), "after the last line"),
    "choice where none is offered": (lambda d: d["state"].update(phase="awaiting_choice"), "offers none"),
    "undo entry missing keys": (lambda d: d["state"]["undo"][0].pop("visits"), "undo point 1 has no 'visits'"),
    "undo entry past the history": (lambda d: d["state"]["undo"][0].update(backlog_len=99), "outside 0 to 2"),
    "flags not a list": (lambda d: d["state"].update(flags={"a": 1}), "should be a list"),
    "partner name is a number": (lambda d: d["state"]["partner"].update(name=5), "should be text"),
    "unknown ending": (lambda d: d["state"].update(phase="ended", ending="fake"), "unknown ending 'fake'"),
    "bool as cursor": (lambda d: d["state"].update(cursor=True), "should be a whole number"),
    "version is text": (lambda d: d.update(save_version="2"), "no save version"),
    "older than the oldest": (lambda d: d.update(save_version=0), "from an old Tether"),
    "newer, not readable": (lambda d: d.update(save_version=99, min_reader_version=99), "newer Tether"),
}


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_broken_save_is_set_aside_with_a_message(tmp_path, mini_story, good, name):
    change, reason = ATTACKS[name]
    data = _with(good, change)
    if name == "meter 1e999":  # written as JSON's own 1e999, which Python would read as infinity
        raw = json.dumps(data).replace('"1e999"', "1e999").encode()
        result, content = _load(tmp_path, mini_story, raw=raw)
        reason = "too large"
    else:
        result, content = _load(tmp_path, mini_story, data)
    _assert_set_aside(tmp_path, result, content, reason)
    again = SaveStore(tmp_path).load(AUTOSAVE, mini_story)
    assert again.runner is None and again.message is None  # the next --continue starts cleanly


def test_save_nested_two_hundred_thousand_deep_is_set_aside(tmp_path, mini_story, good):
    raw = json.dumps(good).replace('"flags": []', '"flags": ' + "[" * 200_000 + "]" * 200_000).encode()
    result, content = _load(tmp_path, mini_story, raw=raw)
    _assert_set_aside(tmp_path, result, content, "nested more than")


def test_save_over_the_size_limit_is_set_aside_unread(tmp_path, mini_story):
    with open(tmp_path / "autosave.json", "wb") as handle:
        handle.truncate(SAVE_LIMIT + 1)  # sparse: refused by its size before any read
    result = SaveStore(tmp_path).load(AUTOSAVE, mini_story)
    assert result.runner is None and "the limit is 4 MB" in result.message
    assert any(p.name.startswith("autosave.json.damaged-") for p in tmp_path.iterdir())


def test_a_game_too_long_to_save_is_refused_at_write(tmp_path, mini_story, monkeypatch):
    runner = StoryRunner.new(mini_story, "anxious")
    monkeypatch.setattr(saves_module, "SAVE_LIMIT", 100)
    with pytest.raises(ValueError, match="too long to save"):
        SaveStore(tmp_path).save(AUTOSAVE, runner)
    assert not (tmp_path / "autosave.json").exists()


@pytest.mark.parametrize("shape", ["link", "fifo", "folder"])
def test_save_that_is_not_a_regular_file_is_set_aside(tmp_path, mini_story, shape):
    target = tmp_path / "autosave.json"
    if shape == "link":
        target.symlink_to("/dev/zero")
    elif shape == "fifo":
        os.mkfifo(target)
    else:
        target.mkdir()
    result = SaveStore(tmp_path).load(AUTOSAVE, mini_story)
    assert result.runner is None and "starting fresh" in result.message
    assert not os.path.lexists(target)


@pytest.mark.parametrize("code", [errno.EROFS, errno.ENOSPC, errno.EACCES])
def test_write_failures_give_a_message_and_play_goes_on(tmp_path, mini_story, monkeypatch, code):
    def refuse(path, text):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(saves_module, "atomic_write_text", refuse)
    session = PlaySession(mini_story, SaveStore(tmp_path))
    session.new_game("anxious")
    session.continue_to_choice()
    session.choose(0)  # autosaves first: refused, yet the choice is made
    assert session.runner.moves and session.save("slot1") is None
    notices = session.take_notices()
    assert notices and all(os.strerror(code) in n and "play goes on" in n for n in notices)


def test_terminal_play_goes_on_when_the_save_folder_cannot_be_written(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")  # refuses even root, unlike chmod
    out = tether("play", "--text", "--story", MINI, "--role", "anxious", stdin="1\ns\n1\n1\n1\n",
                 env={"XDG_DATA_HOME": str(blocker / "data")})
    text = assert_clean(out, exit_code=0)
    assert "Could not save the game" in text and "play goes on without saving" in text
    assert "== Ending:" in text  # played to the end
    assert text.count("Could not save the game") <= 3  # said when it changes, not at every choice


def test_continue_with_a_broken_save_twice_never_crashes(tmp_path):
    saves = tmp_path / "tether" / "saves"
    saves.mkdir(parents=True)
    (saves / "autosave.json").write_text('{"save_version": 2, "story": "x"}')
    env = {"XDG_DATA_HOME": str(tmp_path)}
    first = assert_clean(tether("play", "--text", "--continue", "--story", MINI, "--role", "anxious", stdin="q\n", env=env), 0)
    assert "could not be used" in first and "autosave.json.damaged-" in first
    second = assert_clean(tether("play", "--text", "--continue", "--story", MINI, "--role", "anxious", stdin="q\n", env=env), 0)
    assert "could not be used" not in second


def test_orphaned_temp_files_are_removed_at_start(tmp_path):
    old = time.time() - 3600
    for i in range(5):
        orphan = tmp_path / f".autosave.json.{i}abc.tmp"
        orphan.write_text("{")
        os.utime(orphan, (old, old))
    fresh = tmp_path / ".autosave.json.fresh.tmp"  # a write in progress elsewhere: left alone
    fresh.write_text("{")
    keep = tmp_path / "notes.tmp"  # not one of ours
    keep.write_text("x")
    os.utime(keep, (old, old))
    SaveStore(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".autosave.json.fresh.tmp", "notes.tmp"]


# ---- versions and migrations ----------------------------------------------------------------
def test_there_is_a_fixture_for_every_save_version():
    assert sorted(p.name for p in FIXTURES.glob("v*.json")) == [f"v{n}.json" for n in range(OLDEST_SAVE_VERSION, SAVE_VERSION + 1)]
    assert set(MIGRATIONS) == set(range(OLDEST_SAVE_VERSION, SAVE_VERSION))


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("v*.json")))
def test_every_fixture_save_loads_where_it_was_saved(tmp_path, mini_story, fixture):
    (tmp_path / "slot1.json").write_bytes((FIXTURES / fixture).read_bytes())
    result = SaveStore(tmp_path).load("slot1", mini_story)
    assert result.runner is not None, result.message
    runner = result.runner
    assert (runner.role, runner.state.node, runner.phase) == ("anxious", "a_reply", "delivering")
    assert [m.choice_id for m in runner.moves] == ["text.a_wait.wait"] and runner.meters["safety"] == 6
    assert runner.undo() and runner.phase == "awaiting_choice" and runner.meters["safety"] == 5


def test_migration_from_v1_fills_what_v1_left_out():
    v1 = json.loads((FIXTURES / "v1.json").read_text())
    assert "at_line" not in v1["state"]["moves"][0]
    v2 = MIGRATIONS[1](copy.deepcopy(v1))
    assert v2["save_version"] == 2 and v2["min_reader_version"] == 2
    assert v2["state"]["moves"][0]["at_line"] is None and v2["state"]["moves"][0]["missed_secure"] == []
    v1["state"]["undo"][0].pop("ended_early")
    v1["state"].pop("ended_early")
    v2 = migrate(v1)
    assert v2["state"]["ended_early"] is False and v2["state"]["undo"][0]["ended_early"] is False


def test_a_newer_save_that_says_it_stays_readable_loads(tmp_path, mini_story, good):
    data = _with(good, lambda d: d.update(save_version=SAVE_VERSION + 1, min_reader_version=SAVE_VERSION))
    result, _ = _load(tmp_path, mini_story, data)
    assert result.runner is not None and result.runner.state.node == "a_reply"
