"""The page's bridge over PlaySession, without a browser: same game, same log as the terminal."""

import json

import pytest

from game.engine.loader import compile_story
from game.web.bridge import WebGame
from tests.conftest import MINI, SHIPPED
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


@pytest.mark.parametrize("plan", ["shipped_anxious_steady_ground", "shipped_avoidant_gone_quiet"])
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
