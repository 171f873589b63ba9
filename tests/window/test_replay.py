"""Playing a scene again in the window, keyboard only and mouse only: from the ending and from the title."""

from __future__ import annotations

import pygame

from game.engine import SaveStore

from window_helpers import click_at, go_on, press, pump


def play_to_the_ending(app, keys=("2", "1")):
    """A new anxious game played with the keyboard: wait (2), then name the loop (1): the Steady ending."""
    app.open_new_game(role="anxious")
    app.stack.top.start()
    keys = list(keys)
    for _ in range(200):
        top = app.stack.top
        if top.name == "ending":
            return top
        if top.name == "debrief":
            go_on(app)
        elif top.name == "play" and top.choices is not None:
            key = keys.pop(0)
            press(app, getattr(pygame, f"K_{key}"), key)
        else:
            press(app, pygame.K_RETURN)
    raise AssertionError(f"no ending; at {app.stack.top.name}")


def click(app, rect):
    click_at(app, rect)
    pump(app)


def finished_files(user_data):
    return {p.name: p.read_bytes() for p in (user_data / "saves").rglob("*.json")}


def test_keyboard_only_from_the_ending_to_a_scene_played_again_and_back(make_app, user_data):
    app = make_app()
    ending = play_to_the_ending(app)
    assert ending.ending.id == "steady"
    kept = finished_files(user_data)
    assert "anxious.json" in kept
    for _ in range(2):
        press(app, pygame.K_RIGHT)
    assert ending.picture_buttons.focused.id == "scenes"
    press(app, pygame.K_RETURN)
    screen = app.stack.top
    assert screen.name == "replay" and [i.label for i in screen.scenes.items] == ["The Text", "The Talk"]
    press(app, pygame.K_RETURN)  # nothing is focused yet: a stray Enter starts no scene
    assert app.stack.top is screen and not app.session.replaying
    press(app, pygame.K_DOWN)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)  # The Talk
    play = app.stack.top
    assert play.name == "play" and app.session.replaying and app.session.runner.scene.id == "talk"
    text = app.canvas.text
    assert play._scene_label_fitted(text, 900)[0] == "The Talk, played again"  # room enough: said in full
    narrow = text.wrap("The Talk", "label", 160).height
    label, block = play._scene_label_fitted(text, 160)  # little room: shorter, never a line more than the title
    assert label in ("The Talk (again)", "The Talk") and block.height <= narrow
    assert app.session.runner.meters["safety"] == 6  # as the talk began the first time (after waiting: +1)
    for _ in range(40):
        if play.choices is not None:
            break
        press(app, pygame.K_RETURN)
    press(app, pygame.K_3, "3")  # "It's fine. Forget it." this time
    for _ in range(40):
        if app.stack.top.name == "debrief":
            break
        press(app, pygame.K_RETURN)
    debrief = app.stack.top
    assert debrief.name == "debrief" and debrief.compare is not None
    texts = " ".join(b.text for b in debrief.compare.first + debrief.compare.second if b.kind == "text")
    assert "It's our loop again" in texts and "It's fine. Forget it." in texts and "1 of 1 move secure" in texts
    press(app, pygame.K_RETURN)  # the debrief's buttons start unfocused too
    assert app.stack.top is debrief
    press(app, pygame.K_TAB)
    press(app, pygame.K_TAB)
    assert debrief.buttons.focused.label == "Back to the ending"
    press(app, pygame.K_RETURN)
    assert app.stack.top.name == "ending" and app.session.runner.ending.id == "steady"
    assert not app.session.replaying and app.session.phase == "ending"
    assert finished_files(user_data) == kept  # the finished game and the saves are as they were


def test_mouse_only_from_the_title_after_a_restart(make_app, user_data):
    first = make_app()
    play_to_the_ending(first)
    first.close()
    app = make_app()  # the game opened again: the title offers the finished game's scenes
    title = app.stack.top
    app.draw()
    assert "replay" in [i.id for i in title.menu.items]
    click(app, title.menu.rects["replay"])
    screen = app.stack.top
    assert screen.name == "replay"
    app.draw()
    click(app, screen.scenes.rects["anxious:text"])
    play = app.stack.top
    assert play.name == "play" and app.session.runner.scene.id == "text" and app.session.runner.moves == []
    for _ in range(40):
        if play.choices is not None:
            break
        app.draw()
        click(app, (400, 300, 10, 10))  # a click on the scene moves the dialogue on
    app.draw()
    click(app, play.choices.rects[play.choices.items[0].id])  # "Send another" this time (waited the first time)
    for _ in range(40):
        if app.stack.top.name == "debrief":
            break
        app.draw()
        click(app, (400, 300, 10, 10))
    debrief = app.stack.top
    assert debrief.name == "debrief" and debrief.compare is not None
    app.draw()
    assert [i.label for i in debrief.buttons.items] == ["Play another scene", "Back to the title"]
    click(app, debrief.buttons.rects["back"])
    assert app.stack.top.name == "title" and not app.session.replaying


def test_the_title_offers_no_replay_before_a_game_was_finished(make_app):
    app = make_app()
    assert "replay" not in [i.id for i in app.stack.top.menu.items]


def test_a_damaged_finished_game_is_told_and_not_offered(make_app, user_data):
    app = make_app()
    play_to_the_ending(app)
    app.close()
    (user_data / "saves" / "finished" / "anxious.json").write_text("{")
    again = make_app()
    assert "replay" not in [i.id for i in again.stack.top.menu.items]
    assert "could not be used" in again.toast_text and "kept as" in again.toast_text
    assert SaveStore(user_data / "saves").load_finished("anxious", again.session.story).runner is None


def test_the_screen_tour_visits_the_replay_screens_and_nothing_is_cut(make_app):
    """The tour is what the layout sweep and make screenshots walk: the new screens must stay in it."""
    from window_tour import tour

    out = tour(make_app())
    new = {"replay", "debrief_again", "debrief_again_scrolled", "title_finished"}
    assert new <= set(out)
    assert {name: out[name] for name in new if out[name]} == {}
