"""Saves: atomic, in the user's folder, and a damaged save is set aside, never deleted."""

import json
import os

import pytest

from game.engine import AUTOSAVE, SaveStore, StoryRunner, data_dir, load_story
from game.engine import files
from tests.conftest import MINI


@pytest.fixture
def runner(mini_story):
    r = StoryRunner.new(mini_story, "anxious")
    r.advance(), r.advance()
    r.choose(1)
    return r


def test_saves_live_under_xdg_data_home(tmp_path, monkeypatch, runner):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    path = SaveStore().save(AUTOSAVE, runner)
    assert path == tmp_path / "tether" / "saves" / "autosave.json" and data_dir() == tmp_path / "tether"


def test_save_and_load_round_trip(tmp_path, runner, mini_story):
    store = SaveStore(tmp_path)
    store.save("slot1", runner)
    data = json.loads((tmp_path / "slot1.json").read_text())
    assert data["save_version"] == 3 and data["min_reader_version"] == 2
    assert data["story"] == {"id": "mini", "version": "0.1.0", "hash": mini_story.content_hash,
                             "folder": str(MINI.resolve())}
    result = store.load("slot1", mini_story)
    assert result.message is None
    assert result.runner.to_dict() == runner.to_dict()
    assert [s.slot for s in store.slots()] == ["slot1"] and store.slots()[0].scene_title == "The Text"


def test_atomic_write_keeps_the_old_file_when_the_rename_fails(tmp_path, runner, monkeypatch):
    store = SaveStore(tmp_path)
    store.save("slot1", runner)
    old = (tmp_path / "slot1.json").read_bytes()
    runner.advance()

    def broken_replace(src, dst):
        raise OSError("disk unplugged")

    monkeypatch.setattr(files.os, "replace", broken_replace)
    with pytest.raises(OSError):
        store.save("slot1", runner)
    assert (tmp_path / "slot1.json").read_bytes() == old
    assert [p.name for p in tmp_path.iterdir()] == ["slot1.json"]  # no temp file left behind


def test_atomic_write_fsyncs_before_replacing(tmp_path, monkeypatch):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(files.os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd)))
    monkeypatch.setattr(files.os, "replace", lambda a, b: (calls.append("replace"), real_replace(a, b)))
    files.atomic_write_text(tmp_path / "x.json", "{}")
    assert calls == ["fsync", "replace"] and (tmp_path / "x.json").read_text() == "{}"


@pytest.mark.parametrize("content, reason", [
    (b"{not json", "not valid JSON"),
    (b"\xff\xfe", "not UTF-8"),
    (b"[1, 2]", "not a Tether save"),
    (json.dumps({"save_version": 99}).encode(), "save version 99"),
    (json.dumps({"save_version": 1, "story": {"id": "mini"}, "state": {"state_version": 1, "role": "x"}}).encode(), "unknown role"),
    (json.dumps({"save_version": 1, "story": {"id": "mini"}, "state": {"state_version": 1}}).encode(), "damaged"),
])
def test_damaged_save_is_set_aside_with_a_message(tmp_path, mini_story, content, reason):
    store = SaveStore(tmp_path)
    (tmp_path / "autosave.json").write_bytes(content)
    result = store.load(AUTOSAVE, mini_story)
    assert result.runner is None
    assert reason in result.message and "starting fresh" in result.message
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("autosave.json.damaged-")]
    assert len(kept) == 1 and kept[0].read_bytes() == content  # nothing the player made is lost
    assert not (tmp_path / "autosave.json").exists()


def test_a_save_records_its_story_and_one_of_another_story_is_left_alone(tmp_path, runner, mini_story):
    store = SaveStore(tmp_path)
    store.save(AUTOSAVE, runner)
    data = json.loads((tmp_path / "autosave.json").read_text())
    assert data["story"]["id"] == "mini" and data["story"]["folder"] == str(MINI.resolve())
    data["story"]["id"] = "pack"
    (tmp_path / "autosave.json").write_text(json.dumps(data))
    result = store.load(AUTOSAVE, mini_story)
    assert result.runner is None
    assert "belongs to another story ('pack')" in result.message and "damaged" not in result.message
    assert f"tether play --continue --story {MINI.resolve()}" in result.message
    assert [p.name for p in tmp_path.iterdir()] == ["autosave.json"]  # not renamed aside


def test_save_from_a_changed_story_loads_with_a_note(tmp_path, runner):
    store = SaveStore(tmp_path)
    store.save("slot1", runner)
    data = json.loads((tmp_path / "slot1.json").read_text())
    data["story"]["hash"] = "0" * 64
    (tmp_path / "slot1.json").write_text(json.dumps(data))
    result = store.load("slot1", load_story(MINI))
    assert result.runner is not None and "has changed" in result.message


def test_save_pointing_at_a_removed_node_is_set_aside(tmp_path, runner, mini_story):
    store = SaveStore(tmp_path)
    store.save("slot1", runner)
    data = json.loads((tmp_path / "slot1.json").read_text())
    data["state"]["node"] = "gone"
    (tmp_path / "slot1.json").write_text(json.dumps(data))
    result = store.load("slot1", mini_story)
    assert result.runner is None and "no node 'gone'" in result.message


def test_missing_slot_is_not_an_error(tmp_path, mini_story):
    result = SaveStore(tmp_path).load("nothing", mini_story)
    assert result.runner is None and result.message is None


def test_slot_names_are_checked(tmp_path):
    with pytest.raises(ValueError):
        SaveStore(tmp_path).path("../escape")
