"""The page's bridge over PlaySession, without a browser: same game, same log as the terminal."""

import json

import pytest

from game.engine.loader import compile_story
from game.web.bridge import WebGame
from tests.conftest import MINI, SHIPPED, mini_with_renamed_roles
from tests.web.helpers import comparable, plan_choices, terminal_log


@pytest.fixture(scope="module")
def shipped_json():
    return json.dumps(compile_story(SHIPPED)[0])


def play(game: WebGame, choices: list[str], view: dict) -> dict:
    for _ in range(500):
        if view["phase"] == "playing":
            ids = [c["id"] for c in view["choices"]]
            view = json.loads(game.choose(ids.index(choices.pop(0))))
        elif view["phase"] == "scene_debrief":
            view = json.loads(game.next_scene())
        else:
            return view
    raise AssertionError("the game did not end")


@pytest.mark.parametrize("plan", ["ending_anxious_steady_ground", "ending_avoidant_gone_quiet"])
def test_a_scripted_game_ends_and_logs_exactly_as_in_the_terminal(plan, shipped_json, tmp_path):
    role, choices = plan_choices(plan)
    game = WebGame(shipped_json, home=tmp_path / "web")
    view = play(game, list(choices), json.loads(game.new_game(role, "Kim")))
    expected = terminal_log(SHIPPED, role, choices, tmp_path)
    assert view["ending"]["id"] == expected["ending"]["id"] and plan.endswith(expected["ending"]["id"])
    assert comparable(json.loads(game.log_text())) == comparable(expected)
    assert "Kim" not in game.log_text()  # the log holds no names
    assert view["ending"]["reasons"] and view["ending"]["meters"][0]["values"]
    point = game.session.turning_point
    assert view["ending"]["turning_point"] == (point.sentences() if point else [])
    if view["ending"]["kind"] == "growth":
        assert view["ending"]["turning_point"] == []


def test_views_carry_new_lines_portraits_debrief_and_undo(tmp_path):
    game = WebGame(json.dumps(compile_story(MINI)[0]), home=tmp_path)
    title = json.loads(game.title())
    assert {r["name"] for r in title["roles"]} == {"anxious", "avoidant"} and title["saved"] is None
    view = json.loads(game.new_game("avoidant", ""))
    assert view["phase"] == "playing" and view["choices"] and view["new_lines"] == len(view["transcript"]) > 0
    assert view["can_undo"] is False
    before = view["transcript"]
    after = json.loads(game.choose(0))
    assert after["can_undo"] is True
    undone = json.loads(game.undo())
    assert undone["undone"] is True and undone["transcript"] == before and undone["choices"] == view["choices"]
    skipped = json.loads(game.skip_scene())
    assert skipped["phase"] == "scene_debrief" and skipped["debrief"]["skipped"] and skipped["skipped_summary"]
    assert all(t["sentence"] for t in skipped["debrief"]["meters"])


def test_the_save_survives_in_the_pages_storage_and_continues(tmp_path):
    story = json.dumps(compile_story(MINI)[0])
    first = WebGame(story, home=tmp_path / "one")
    view = json.loads(first.new_game("anxious", "Kim"))
    view = json.loads(first.choose(0))
    kept = first.files()  # what the page writes to localStorage
    assert json.loads(kept)["autosave"] and json.loads(kept)["log"]
    second = WebGame(story, home=tmp_path / "two")  # a reloaded page: a fresh in-memory file system
    title = json.loads(second.restore(kept))
    assert title["saved"]["role_title"]
    resumed = json.loads(second.continue_game())
    assert resumed["recap"]["choices_made"] == 1 and resumed["recap"]["partner"] == "Kim"
    assert resumed["phase"] == view["phase"]
    assert resumed["transcript"] == view["transcript"]  # the page continues after the last choice, not before it


@pytest.mark.parametrize("junk", ["", "not json", "[]", json.dumps({"autosave": 5, "log": "x" * 10}),
                                  json.dumps({"autosave": "{broken"})])
def test_damaged_storage_never_stops_the_page(tmp_path, junk):
    game = WebGame(json.dumps(compile_story(MINI)[0]), home=tmp_path)
    title = json.loads(game.restore(junk))
    assert title["title"]
    view = json.loads(game.continue_game())
    assert view["phase"] in ("title", "playing")


# ---- a scene played again ---------------------------------------------------------------------------------
def first_choices_to_debrief(game: WebGame, view: dict) -> dict:
    for _ in range(200):
        if view["phase"] != "playing":
            return view
        view = json.loads(game.choose(view["choices"][-1]["index"]))
    raise AssertionError("the scene played again did not end")


def test_a_scene_is_played_again_from_the_ending_and_the_debrief_compares_the_tries(shipped_json, tmp_path):
    role, choices = plan_choices("ending_anxious_steady_ground")
    game = WebGame(shipped_json, home=tmp_path / "web")
    ending = play(game, list(choices), json.loads(game.new_game(role, "")))
    offered = ending["ending"]["replay"]
    assert [g["role"] for g in offered] == [role]
    scene = offered[0]["scenes"][1]
    assert scene["id"] == game.story.scene_order[1] and scene["title"]
    view = json.loads(game.replay_scene(scene["id"], role))
    assert view["phase"] == "playing" and view["replaying"] and view["replay_back_to"] == "ending"
    assert view["scene"]["id"] == scene["id"] and view["new_lines"] == len(view["transcript"]) > 0
    first_try = [m for m in game.session.finished_game(role).moves if m.scene_id == scene["id"]]
    debrief = first_choices_to_debrief(game, view)
    assert debrief["phase"] == "scene_debrief"
    compared = debrief["debrief"]["comparison"]
    assert [t["label"] for t in compared["tries"]] == ["First try", "This try"]
    assert [m["text"] for m in compared["tries"][0]["moves"]] == [m.text for m in first_try]
    assert [m["text"] for m in compared["tries"][1]["moves"]] == [n["text"] for n in debrief["debrief"]["notes"]]
    assert compared["sentences"][0].startswith("Both tries began")
    back = json.loads(game.next_scene())
    assert back["phase"] == "ending" and back["ending"]["id"] == ending["ending"]["id"] and not back["replaying"]
    log = json.loads(game.log_text())
    assert sum(1 for e in log["events"] if "replay" in e) == 1  # one event, not a second playthrough


def test_finished_games_survive_a_reload_and_are_offered_on_the_title(shipped_json, tmp_path):
    role, choices = plan_choices("ending_avoidant_gone_quiet")
    first = WebGame(shipped_json, home=tmp_path / "one")
    play(first, list(choices), json.loads(first.new_game(role, "")))
    kept = json.loads(first.files())
    assert kept[f"finished.{role}"] and all(kept[f"finished.{r}"] is None for r in first.story.roles if r != role)
    second = WebGame(shipped_json, home=tmp_path / "two")  # a reloaded page
    assert json.loads(second.title())["replay"] == []
    title = json.loads(second.restore(json.dumps(kept)))
    assert [g["role"] for g in title["replay"]] == [role]
    opening = title["replay"][0]["scenes"][0]["id"]
    view = json.loads(second.replay_scene(opening, role))
    assert view["replaying"] and view["replay_back_to"] == "title"
    debrief = first_choices_to_debrief(second, view)
    assert debrief["debrief"]["comparison"] is not None
    assert json.loads(second.next_scene())["phase"] == "title"


def test_a_damaged_finished_game_is_set_aside_and_the_page_goes_on(shipped_json, tmp_path):
    game = WebGame(shipped_json, home=tmp_path)
    title = json.loads(game.restore(json.dumps({"finished.anxious": '{"format": "tether-save", "version": 3'})))
    assert title["replay"] == [] and "could not be used" in " ".join(title["notices"])
    assert [p.name.split(".json.")[1][:7] for p in (tmp_path / "saves" / "finished").iterdir()] == ["damaged"]
    view = json.loads(game.replay_scene(game.story.scene_order[0], "anxious"))
    assert view["phase"] == "title" and "no finished game" in " ".join(view["notices"])


# ---- assignments --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def shipped_story():
    from game.engine import load_story

    return load_story(SHIPPED)


def assignment_game(tmp_path, shipped_json, shipped_story) -> WebGame:
    from game.engine.assignment import read_assignment
    from game.engine.diagnostics import DiagnosticBag
    from tests.web.helpers import write_assignment

    bag = DiagnosticBag()
    assignment = read_assignment(write_assignment(tmp_path, shipped_story), bag, shipped_story)
    assert assignment is not None, bag.sorted()
    return WebGame(shipped_json, home=tmp_path / "web", assignment_json=json.dumps(assignment.to_dict()))


def test_an_assignment_in_the_page_hands_in_what_the_terminal_logs(tmp_path, shipped_json, shipped_story, monkeypatch):
    from game.engine.handin import Handin, replay
    from tests.web.helpers import comparable_assignment, terminal_assignment_log, write_assignment

    game = assignment_game(tmp_path, shipped_json, shipped_story)
    title = json.loads(game.title())
    assert title["assignment"]["title"] == "Week 5 in the browser" and title["assignment"]["partial"]
    assert json.loads(game.enter_code("ZZZZ"))["ok"] is False
    entered = json.loads(game.enter_code(" k7q2 "))
    assert entered == {"ok": True, "code": "K7Q2", "key": "wk5-web.K7Q2"}
    view = json.loads(game.assignment_start(""))
    assert (view["phase"], view["stage"]) == ("assignment", "before")
    likert = view["questions"][0]
    assert [o["value"] for o in likert["options"]] == [1, 2, 3, 4, 5]
    refused = json.loads(game.answer_questions(json.dumps({"pre_sure": 9})))
    assert refused["stage"] == "before" and "1 to 5" in refused["problem"]
    view = json.loads(game.answer_questions(json.dumps({"pre_sure": 4, "pre_hope": "to listen"})))
    assert view["stage"] == "role" and [r["name"] for r in view["roles"]] == ["anxious"]
    view = json.loads(game.begin("anxious", "Kim"))
    chosen = []
    for _ in range(200):  # the first choice on offer each time, through both assigned scenes
        if view["phase"] == "playing":
            assert view["scene"]["id"] in ("the_friends", "weekend_away") and view["scene"]["of"] == 2
            chosen.append(view["choices"][0]["id"])
            view = json.loads(game.choose(view["choices"][0]["index"]))
        elif view["phase"] == "scene_debrief" and not view["assignment"]["play_over"]:
            view = json.loads(game.next_scene())
        else:
            break
    assert view["phase"] == "scene_debrief" and view["debrief"]["title"] and view["assignment"]["play_over"]
    view = json.loads(game.next_scene())  # the debrief of the last assigned scene closes play
    assert view["stage"] == "after" and view["questions"][0]["options"][1]["value"] == 1
    view = json.loads(game.answer_questions(json.dumps({"post_break": 1})))
    assert view["stage"] == "share"
    view = json.loads(game.share(True))
    assert view["stage"] == "handin" and view["finished"]
    assert game.flow.handin_file.is_relative_to(tmp_path / "web")  # the page's own files, nowhere else
    handin = Handin.from_text(view["handin"])
    replayed = replay(handin, shipped_story)
    assert replayed.finished and handin.answers == {"pre_sure": 4, "pre_hope": "to listen", "post_break": 1}
    expected, terminal_code = terminal_assignment_log(SHIPPED, write_assignment(tmp_path, shipped_story), "K7Q2",
                                                      "anxious", chosen, ["4", "to listen", "2", "y"], tmp_path,
                                                      monkeypatch)
    assert comparable_assignment(replayed.log.to_dict()) == comparable_assignment(expected)
    assert comparable_assignment(json.loads(game.log_text())) == comparable_assignment(expected)
    assert Handin.from_text(terminal_code).steps == handin.steps
    assert "Kim" not in game.log_text()


def test_written_answers_stay_out_of_the_code_unless_shared(tmp_path, shipped_json, shipped_story):
    from game.engine.handin import Handin

    game = assignment_game(tmp_path, shipped_json, shipped_story)
    game.enter_code("M3RX")
    game.assignment_start("")
    game.answer_questions(json.dumps({"pre_hope": "to listen"}))
    view = json.loads(game.begin("anxious"))
    view = json.loads(game.choose(view["choices"][0]["index"]))
    stopped = json.loads(game.stop())  # quitting part way still gives a code
    assert stopped["stage"] == "handin" and not stopped["finished"]
    assert Handin.from_text(stopped["handin"]).answers == {}
    assert json.loads(game.log_text())["answers"] == {"pre_hope": "to listen"}  # kept in the browser
    back = json.loads(game.current())
    assert back["phase"] == "playing" and back["transcript"]


def test_a_student_comes_back_with_the_same_code(tmp_path, shipped_json, shipped_story):
    first = assignment_game(tmp_path, shipped_json, shipped_story)
    first.enter_code("K7Q2")
    first.assignment_start("")
    first.answer_questions(json.dumps({"pre_sure": 2}))
    view = json.loads(first.begin("anxious"))
    view = json.loads(first.choose(view["choices"][0]["index"]))
    kept = first.files()
    again = assignment_game(tmp_path / "again", shipped_json, shipped_story)  # a reloaded page
    again.enter_code("K7Q2")
    resumed = json.loads(again.assignment_start(kept))
    assert resumed["phase"] == "playing" and resumed["recap"]["choices_made"] == 1
    assert resumed["transcript"] == view["transcript"]
    assert again.flow.play.answers == {"pre_sure": 2}


def test_a_damaged_assignment_stops_the_page_with_a_reason(shipped_json):
    from game.web.bridge import WebError

    with pytest.raises(WebError, match="A0015|unknown scene"):
        WebGame(shipped_json, assignment_json=json.dumps({"assignment": 1, "id": "x", "title": "X",
                                                          "story": {"id": "tether", "version": "0"},
                                                          "roles": ["anxious"], "scenes": ["nowhere"]}))
    assert WebGame(shipped_json, assignment_json="null").assignment is None


def test_a_whole_story_assignment_shows_its_ending_before_the_hand_in(tmp_path):
    from game.engine import load_story
    from game.engine.assignment import Assignment
    from game.engine.handin import Handin

    story = load_story(MINI)
    assignment = Assignment("whole", "Whole", story.id, str(story.version), ("avoidant",), tuple(story.scene_order), ())
    game = WebGame(json.dumps(compile_story(MINI)[0]), home=tmp_path, assignment_json=json.dumps(assignment.to_dict()))
    assert json.loads(game.enter_code("ANY1"))["ok"]  # an assignment without a list of codes takes any code
    view = json.loads(game.assignment_start(""))
    view = json.loads(game.begin("avoidant"))
    for _ in range(100):
        if view["phase"] == "playing":
            view = json.loads(game.choose(view["choices"][0]["index"]))
        elif view["phase"] == "scene_debrief":
            view = json.loads(game.next_scene())
        else:
            break
    assert view["phase"] == "ending" and view["ending"]["title"]
    view = json.loads(game.end_play())
    assert view["stage"] == "handin" and Handin.from_text(view["handin"]).ended
    kept = game.files()
    again = WebGame(json.dumps(compile_story(MINI)[0]), home=tmp_path / "again",
                    assignment_json=json.dumps(assignment.to_dict()))  # the same code on a reloaded page
    again.enter_code("ANY1")
    back = json.loads(again.assignment_start(kept))
    assert back["stage"] == "handin" and back["finished"] and "recap" not in back
    assert back["handin"] == view["handin"] and "finished this assignment earlier" in back["notices"][0]


@pytest.mark.parametrize(("role", "portrait"), [("reacher", "partner_room"), ("keeper", "partner_reach")])
def test_the_partners_portrait_follows_the_roles_habit_whatever_the_role_is_called(role, portrait, tmp_path):
    story, problems = compile_story(mini_with_renamed_roles(tmp_path / "renamed"))
    assert story is not None, problems
    game = WebGame(json.dumps(story), home=tmp_path / "web")
    view = json.loads(game.new_game(role, ""))
    for _ in range(20):
        faces = {line["portrait"] for line in view["transcript"] if line["speaker"] == "partner"}
        if faces:
            break
        view = json.loads(game.choose(0) if view["phase"] == "playing" else game.next_scene())
    assert faces == {portrait}
