"""A scene of a finished game played again: the state it began with, the two tries compared, saves and the log."""

from __future__ import annotations

import copy
import json

import pytest

from game.engine import SaveStore, load_story
from game.engine.runner import StoryRunner
from game.engine.saves import MIGRATIONS, migrate
from game.engine.session import PlaySession, SessionError
from game.engine.state import StoryState
from game.tools.report import read_session
from tests.conftest import MINI, ROOT

FIXTURES = ROOT / "tests" / "data" / "saves"


@pytest.fixture
def story():
    return load_story(MINI)


def finish(session: PlaySession, picks: list[str]) -> None:
    """Play on to the ending, taking the choices `picks` (local ids) in order."""
    picks = list(picks)
    while session.phase != "ending":
        if session.phase == "scene_debrief":
            session.next_scene()
            continue
        session.continue_to_choice()
        if session.phase == "playing":
            session.choose(picks.pop(0))


def play_scene(session: PlaySession, pick: str) -> None:
    while session.phase == "playing":
        session.continue_to_choice()
        if session.phase == "playing":
            session.choose(pick)


@pytest.fixture
def finished(story, tmp_path):
    """An anxious game that texted again (safety down) and then named the loop, at its ending."""
    session = PlaySession(story, SaveStore(tmp_path / "saves"), log_path=tmp_path / "log.json")
    session.new_game("anxious")
    finish(session, ["text_again", "name_it"])
    return session


def test_the_state_each_scene_began_with_is_kept(finished):
    entries = finished.runner.state.entries
    assert list(entries) == ["text", "talk"]
    talk = entries["talk"]
    assert talk["meters"] == finished.runner.moves[1].before  # nothing happens in the talk before its choice
    assert talk["moves_len"] == 1 and talk["visits"] == {"text.a_wait": 1, "text.a_reply": 1}


def test_a_replay_starts_with_the_state_its_scene_began_with(finished, story, tmp_path):
    # a new session over the same saves: the game was closed and opened again at the title
    again = PlaySession(story, SaveStore(tmp_path / "saves"))
    assert again.replayable() == {"anxious": ["text", "talk"]}
    entry = again.finished_game("anxious").state.entries["talk"]
    runner = again.replay_scene("talk", "anxious")
    assert again.phase == "playing" and again.replaying
    assert runner.meters == entry["meters"] and runner.meters != {m.name: m.start for m in story.meters.values()}
    assert runner.state.visits == {**entry["visits"], "talk.start": 1}
    assert runner.moves == [] and runner.partner == finished.runner.partner


def test_the_debrief_sets_the_two_tries_side_by_side(finished):
    first_talk = [m for m in finished.runner.moves if m.scene_id == "talk"]
    finished.replay_scene("talk")
    play_scene(finished, "shrug")
    assert finished.phase == "scene_debrief"
    debrief = finished.debrief()
    comparison = debrief.comparison
    assert [n.move.choice_id for n in comparison.first.notes] == [m.choice_id for m in first_talk] == ["talk.start.name_it"]
    assert [n.move.choice_id for n in comparison.second.notes] == ["talk.start.shrug"]
    assert comparison.first.secure == ("It's our loop again. You go quiet, I chase.",) and comparison.second.secure == ()
    start = first_talk[0].before
    assert comparison.entered_with == {"closeness": start["closeness"], "safety": start["safety"]}
    assert comparison.first.meters[1].values == (start["safety"], start["safety"] + 2)
    assert comparison.second.meters[1].values == (start["safety"], start["safety"] - 1)
    sentences = " ".join(comparison.sentences())
    assert "1 of 1 move secure" in sentences and "0 of 1 move secure" in sentences
    assert "This try ended with closeness 3 lower and safety 3 lower than the first." in sentences


def test_a_replay_leaves_the_finished_game_and_the_saves_alone(finished, tmp_path):
    saves = tmp_path / "saves"
    before = {p.relative_to(saves): p.read_bytes() for p in saves.rglob("*.json")}
    ending = finished.runner.ending.id
    finished.replay_scene("text")
    play_scene(finished, "wait")
    assert finished.save("slot1") is None and "not saved" in " ".join(finished.take_notices())
    finished.next_scene()  # from the replay's debrief: back to the ending it started from
    assert finished.phase == "ending" and finished.runner.ending.id == ending and not finished.replaying
    assert {p.relative_to(saves): p.read_bytes() for p in saves.rglob("*.json")} == before


def test_a_replay_is_one_log_event_and_no_new_session_in_the_report(finished, story, tmp_path):
    log = tmp_path / "log.json"
    counted = read_session(json.loads(log.read_text()), story)
    finished.replay_scene("talk")
    play_scene(finished, "attack")
    data = json.loads(log.read_text())
    event = data["events"][-1]
    assert event["replay"] == "talk" and [m["choice"] for m in event["moves"]] == ["talk.start.attack"]
    assert not any("line" in e and e["line"].startswith("talk.") for e in data["events"][-3:])
    session = read_session(data, story)
    assert session.moves == counted.moves and session.ending_id == counted.ending_id


def test_undo_forgets_the_start_of_a_scene_it_takes_back(story):
    runner = StoryRunner.new(story, "anxious")
    runner.advance_to_choice()
    runner.choose(0)
    runner.advance_to_choice()
    assert set(runner.state.entries) == {"text", "talk"}
    runner.undo()
    assert set(runner.state.entries) == {"text"}


def test_entries_round_trip_through_a_save(finished, story, tmp_path):
    store = SaveStore(tmp_path / "other")
    store.save("slot1", finished.runner)
    loaded = store.load("slot1", story).runner
    assert loaded.state.entries == finished.runner.state.entries


def test_a_version_2_save_gets_an_empty_record_of_scene_starts(story):
    v2 = json.loads((FIXTURES / "v2.json").read_text())
    v3 = MIGRATIONS[2](copy.deepcopy(v2))
    assert v3["save_version"] == 3 and v3["min_reader_version"] == 2 and v3["state"]["entries"] == {}
    assert StoryState.from_dict(migrate(v2)["state"], story).entries == {}


def test_a_replay_is_only_offered_where_it_makes_sense(finished, story, tmp_path):
    with pytest.raises(SessionError):
        finished.replay_scene("nowhere")
    fresh = PlaySession(story, SaveStore(tmp_path / "empty"))
    assert fresh.replayable() == {}
    with pytest.raises(SessionError):
        fresh.replay_scene("text", "anxious")
    finished.replay_scene("text")
    with pytest.raises(SessionError):  # one replay at a time
        finished.replay_scene("talk")


def test_leaving_a_replay_for_the_title_gives_the_game_before_back(finished, story):
    game = finished.runner
    finished.replay_scene("talk")
    finished.continue_to_choice()
    finished.to_title()
    assert finished.phase == "title" and not finished.replaying and finished.runner is game
    finished.replay_scene("text")
    finished.new_game("avoidant")  # a new game is never mistaken for a replay: it is saved and logged
    assert not finished.replaying and finished.runner.role == "avoidant"


def test_the_debrief_asked_for_by_scene_is_the_comparison_during_a_replay(finished):
    finished.replay_scene("talk")
    play_scene(finished, "name_it")
    assert finished.debrief("talk").comparison is not None
    assert "Both tries left the meters in the same place." in finished.debrief("talk").comparison.sentences()
