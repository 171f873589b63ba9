"""One scripted game through the session API, the terminal and the window gives one log, one save, one debrief."""

from __future__ import annotations

import io
import json
from types import SimpleNamespace

import pygame
import pytest

from game.engine import SaveStore, load_story
from game.engine.session import PlaySession
from game.text.play import TextGame
from window_helpers import MINI, go_on, press

PICKS = ["text_again", "2", "1"]  # a choice id, then menu numbers (1-based), as a player would type them


def _comparable(log: dict) -> dict:
    return {k: v for k, v in log.items() if k != "written_at"}


def _by_session(tmp_path):
    story = load_story(MINI)
    session = PlaySession(story, SaveStore(tmp_path / "api-saves"), log_path=tmp_path / "api.json")
    session.new_game("anxious")
    debriefs = []
    picks = list(PICKS)
    while session.phase != "ending":
        if session.phase == "scene_debrief":
            debriefs.append(session.debrief())
            session.next_scene()
            continue
        session.continue_to_choice()
        if session.phase == "playing":
            session.choose(picks.pop(0))
    return json.loads((tmp_path / "api.json").read_text()), debriefs, tmp_path / "api-saves"


def _by_terminal(tmp_path):
    story = load_story(MINI)
    args = SimpleNamespace(role="anxious", partner_name=None, pronouns=None, continue_game=False,
                           log=tmp_path / "text.json", story=None, choices=",".join(PICKS))
    out = io.StringIO()
    game = TextGame(story, args, out=out, inp=io.StringIO(""), store=SaveStore(tmp_path / "text-saves"))
    assert game.run() == 0
    return json.loads((tmp_path / "text.json").read_text()), out.getvalue(), tmp_path / "text-saves"


def _by_window(tmp_path, make_app):
    app = make_app(role="anxious", log=tmp_path / "window.json")
    app.session.store = SaveStore(tmp_path / "window-saves")
    app.open_new_game()
    app.stack.top.start()
    picks = list(PICKS)
    for _ in range(400):
        top = app.stack.top
        if top.name == "ending":
            break
        if top.name == "play" and top.choices is not None:
            index = app.session.runner.find_choice(picks.pop(0))
            press(app, pygame.K_1 + index, str(index + 1))
        else:
            go_on(app)
    assert app.stack.top.name == "ending"
    return json.loads((tmp_path / "window.json").read_text()), app, tmp_path / "window-saves"


def _save_state(folder):
    data = json.loads((folder / "autosave.json").read_text())
    return data["state"]


def test_the_same_game_through_session_terminal_and_window(tmp_path, make_app):
    api_log, debriefs, api_saves = _by_session(tmp_path)
    text_log, text_out, text_saves = _by_terminal(tmp_path)
    window_log, app, window_saves = _by_window(tmp_path, make_app)
    assert api_log["ending"] is not None
    assert _comparable(text_log) == _comparable(api_log)
    assert _comparable(window_log) == _comparable(api_log)
    assert _save_state(text_saves) == _save_state(api_saves) == _save_state(window_saves)
    # the debrief content is the same: what the terminal prints is what the session assembled
    assert [d.scene_id for d in debriefs] == ["text", "talk"]
    for debrief in debriefs:
        assert f'== After "{debrief.title}" ==' in text_out
        for item in debrief.notes:
            assert f'You chose: "{item.move.text}"' in text_out and f"Why: {item.move.why}" in text_out
    assert any(e.get("scene_end") == "text" for e in api_log["events"])
    assert api_log["events"][-1]["ending"] == api_log["ending"]["id"]


def test_window_debrief_shows_the_sessions_debrief(tmp_path, make_app):
    window_log, app, _ = _by_window(tmp_path, make_app)
    shown = [m.choice_id for m in app.session.runner.moves]
    chosen = [e["choice"] for e in window_log["events"] if "choice" in e]
    assert shown == chosen and chosen[0] == "text.a_wait.text_again" and len(chosen) >= 2
