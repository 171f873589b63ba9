"""PlaySession: phases, autosave before every choice, a log written as things happen, failures that never stop play."""

from __future__ import annotations

import json

import pytest

from game.engine import SaveStore, load_story
from game.engine.session import PlaySession, SessionError
from tests.conftest import MINI


@pytest.fixture
def story():
    return load_story(MINI)


def test_phases_follow_the_game(story, tmp_path):
    s = PlaySession(story, SaveStore(tmp_path))
    assert s.phase == "title"
    with pytest.raises(SessionError):
        s.advance()
    s.new_game("anxious", "  Ada   Lovelace ", "she")
    assert s.phase == "playing" and s.runner.partner.name == "Ada Lovelace"  # typed names are trimmed
    s.continue_to_choice()
    s.choose("text_again")
    s.continue_to_choice()
    while s.phase == "playing":
        s.choose(0)
        s.continue_to_choice()
    assert s.phase in ("scene_debrief", "ending")
    if s.phase == "scene_debrief":
        debrief = s.debrief()
        assert debrief.notes and [t.name for t in debrief.meters] == ["closeness", "safety"]  # pursuit is hidden
        with pytest.raises(SessionError):
            s.choose(0)


def test_autosave_comes_before_each_choice_and_at_each_debrief(story, tmp_path):
    store = SaveStore(tmp_path)
    s = PlaySession(story, store)
    s.new_game("anxious")
    s.continue_to_choice()
    assert not store.exists("autosave")
    s.choose(0)
    saved = store.load("autosave", story).runner
    assert saved.phase == "awaiting_choice" and saved.moves == []  # from just before the choice


def test_undo_and_skip_are_logged_as_they_happen(story, tmp_path):
    log = tmp_path / "log.json"
    s = PlaySession(story, SaveStore(tmp_path / "saves"), log_path=log)
    s.new_game("anxious")
    s.continue_to_choice()
    s.choose(0)
    written = json.loads(log.read_text())
    assert [e for e in written["events"] if "choice" in e][0]["choice"] == "text.a_wait.text_again"
    assert s.undo()
    assert json.loads(log.read_text())["events"][-1] == {"undo": True}  # written at once, not at the end
    s.continue_to_choice()
    s.skip_scene()
    assert s.phase == "scene_debrief" and s.debrief().skipped
    events = json.loads(log.read_text())["events"]
    assert {"skipped_scene": "text"} in events and any(e.get("scene_end") == "text" for e in events)


def test_a_save_folder_that_cannot_be_written_never_stops_play(story, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    s = PlaySession(story, SaveStore(blocker / "saves"), log_path=blocker / "log.json")
    s.new_game("avoidant")
    s.continue_to_choice()
    s.choose(0)
    s.continue_to_choice()
    notices = s.take_notices()
    assert any("Could not save the game" in n for n in notices)
    assert any("Could not write the session log" in n for n in notices)
    assert s.phase in ("playing", "scene_debrief", "ending")


def test_continue_recaps_and_marks_the_resume_in_the_same_log(story, tmp_path):
    log = tmp_path / "log.json"
    first = PlaySession(story, SaveStore(tmp_path / "saves"), log_path=log)
    first.new_game("anxious")
    first.continue_to_choice()
    first.choose(1)
    first.continue_to_choice()
    first.quit()
    second = PlaySession(story, SaveStore(tmp_path / "saves"), log_path=log)
    ok, _ = second.continue_latest()
    assert ok and second.phase in ("playing", "scene_debrief")
    recap = second.recap()
    assert recap.choices_made == len(second.runner.moves) and recap.role_title == "The one who reaches"
    second.write_log()
    events = json.loads(log.read_text())["events"]
    assert sum("choice" in e for e in events) == 1 and "resumed" in events[-1]
    assert sum("scene_end" in e for e in events) <= 1  # a resumed debrief is not logged twice


def test_the_other_side_follows_the_ending(story, tmp_path):
    s = PlaySession(story, SaveStore(tmp_path))
    s.new_game("avoidant")
    for _ in range(50):
        if s.phase == "ending":
            break
        if s.phase == "scene_debrief":
            s.next_scene()
            continue
        s.continue_to_choice()
        if s.phase == "playing":
            s.choose(0)
    assert s.phase == "ending" and s.ending() is not None
    assert s.play_other_side() == "anxious" and s.phase == "between_roles"
    s.new_game("anxious")
    assert s.phase == "playing"


def test_an_escalation_names_its_turning_point_in_the_log_and_the_terminal(story, tmp_path):
    import io
    from types import SimpleNamespace

    from game.text.play import TextGame

    log = tmp_path / "log.json"
    args = SimpleNamespace(role="anxious", partner_name=None, pronouns=None, continue_game=False, log=log,
                           story=None, choices="text_again,attack")
    out = io.StringIO()
    TextGame(story, args, out=out, inp=io.StringIO(""), store=SaveStore(tmp_path / "saves")).run()
    ending = json.loads(log.read_text())["events"][-1]
    assert ending["kind"] == "escalation"
    assert ending["turning_point"] == {"scene": "text", "choice_number": 1, "chosen": "text.a_wait.text_again",
                                       "secure_on_offer": ["text.a_wait.wait"]}
    text = out.getvalue()
    assert "== The turning point ==" in text and 'You chose: "Send another: ?? where are you"' in text


def test_a_growth_ending_has_no_turning_point(story, tmp_path):
    from game.engine.turning import find_turning_point, growth_reachable, menu_runners

    s = PlaySession(story, SaveStore(tmp_path))
    s.new_game("anxious")
    for pick in ("wait", "name_it"):
        s.continue_to_choice()
        if s.phase == "scene_debrief":
            s.next_scene()
            s.continue_to_choice()
        s.choose(pick)
    while s.phase != "ending":
        s.next_scene() if s.phase == "scene_debrief" else s.continue_to_choice()
    assert s.ending().kind == "growth" and s.turning_point is None
    assert find_turning_point(s.runner) is None
    # every menu of a growth game had growth in reach: the search agrees with what happened
    assert all(growth_reachable(menu) is True for menu in menu_runners(s.runner))
