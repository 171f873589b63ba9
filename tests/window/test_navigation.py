"""Play through real pygame events: keyboard alone, mouse alone, undo, history and menus."""

from __future__ import annotations

import pygame
import pytest

from window_helpers import click_at, go_on, press, pump


def advance_to_choices(app, key=pygame.K_RETURN, limit=40):
    play = app.stack.top
    for _ in range(limit):
        if play.choices is not None:
            return play
        press(app, key)
    raise AssertionError("no choices appeared")


def test_keyboard_only_new_game_choice_and_debrief(make_app):
    app = make_app()
    assert app.stack.top.name == "title"
    press(app, pygame.K_RETURN)  # "New game" has focus
    assert app.stack.top.name == "new_game"
    for _ in range(4):  # role cards -> name -> pronouns -> training mode -> Start
        press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    assert app.stack.top.name == "play"
    runner = app.session.runner
    assert runner.role == "anxious" and runner.partner.name == "Sam"
    play = advance_to_choices(app)
    assert [i.number for i in play.choices.items] == [1, 2]
    press(app, pygame.K_2, "2")
    assert runner.moves[-1].choice_id.endswith(".wait")
    for _ in range(20):
        if app.stack.top.name == "debrief":
            break
        press(app, pygame.K_SPACE)
    assert app.stack.top.name == "debrief"
    press(app, pygame.K_RETURN)
    assert app.stack.top.name == "debrief"  # Enter alone does not skip past the debrief
    go_on(app)  # Tab to Continue, then Enter
    assert app.stack.top.name == "play"
    assert runner.scene.id == "talk"


def test_arrow_keys_and_enter_pick_a_choice(make_app):
    app = make_app()
    app.open_new_game()
    app.stack.top.start()
    advance_to_choices(app)
    press(app, pygame.K_RETURN)
    assert app.session.runner.moves == []  # nothing is focused: Enter alone picks nothing
    press(app, pygame.K_DOWN)  # the first choice
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    assert app.session.runner.moves[-1].choice_id.endswith(".wait")


@pytest.mark.parametrize("speed", ["normal", "instant"])
def test_forty_enter_presses_never_make_a_choice(make_app, speed):
    from game.window.settings import Settings

    app = make_app(settings=Settings(text_speed=speed))
    app.open_new_game()
    app.stack.top.start()
    for _ in range(40):
        press(app, pygame.K_RETURN, frames=3)
    assert app.session.runner.moves == [] and app.stack.top.name == "play"


def test_typing_a_partner_name_and_switching_role(make_app):
    app = make_app()
    press(app, pygame.K_RETURN)
    press(app, pygame.K_RIGHT)  # focus the other role card
    press(app, pygame.K_RETURN)  # choose it
    screen = app.stack.top
    assert screen.role == "avoidant" and screen.field.text == "Robin"
    press(app, pygame.K_DOWN)  # the name field
    for _ in range(5):
        press(app, pygame.K_BACKSPACE)
    for ch in "Kit":
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    pump(app)
    press(app, pygame.K_DOWN)  # pronouns
    press(app, pygame.K_RIGHT)  # she -> he
    for _ in range(2):
        press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)
    runner = app.session.runner
    assert (runner.role, runner.partner.name, runner.partner.pronouns) == ("avoidant", "Kit", "he")


def test_mouse_alone_can_name_the_partner(make_app):
    app = make_app()
    click_at(app, app.stack.top.menu.rects["new"])
    pump(app)
    new_game = app.stack.top
    assert new_game.field.text == "Sam"
    for _ in range(2):
        click_at(app, new_game.name_arrows["right"])
        pump(app)
    assert new_game.field.text == "Alex"  # Sam -> Robin -> Alex
    click_at(app, new_game.name_arrows["left"])
    pump(app)
    click_at(app, new_game.buttons.rects["start"])
    pump(app)
    assert app.session.runner.partner.name == "Robin"


def test_mouse_only_play(make_app):
    app = make_app()
    title = app.stack.top
    click_at(app, title.menu.rects["new"])
    pump(app)
    new_game = app.stack.top
    assert new_game.name == "new_game"
    click_at(app, new_game.buttons.rects["start"])
    pump(app)
    play = app.stack.top
    assert play.name == "play"
    for _ in range(20):
        if play.choices is not None:
            break
        click_at(app, play.box_rect)
        pump(app)
    assert play.choices is not None
    click_at(app, play.choices.rects["0"])
    pump(app)
    assert app.session.runner.moves[-1].choice_id.endswith(".text_again")
    for _ in range(20):
        if app.stack.top.name == "debrief":
            break
        click_at(app, (600, 300, 10, 10))  # anywhere on the scene
        pump(app)
    debrief = app.stack.top
    assert debrief.name == "debrief"
    click_at(app, debrief.buttons.rects["continue"])
    pump(app)
    assert app.session.runner.scene.id == "talk"


def test_mouse_only_menu_history_and_undo(make_app):
    app = make_app()
    app.open_new_game()
    app.stack.top.start()
    pump(app)
    play = app.stack.top
    click_at(app, play.hud.rects["history"])
    pump(app)
    assert app.stack.top.name == "backlog"
    click_at(app, app.stack.top.buttons.rects["close"])
    pump(app)
    assert app.stack.top is play
    for _ in range(10):
        if play.choices is not None:
            break
        click_at(app, play.box_rect)
        pump(app)
    click_at(app, play.choices.rects["0"])
    pump(app)
    assert app.session.runner.can_undo
    click_at(app, play.hud.rects["undo"])
    pump(app)
    assert app.session.runner.moves == [] and play.choices is not None
    click_at(app, play.hud.rects["menu"])
    pump(app)
    pause = app.stack.top
    assert pause.name == "pause"
    click_at(app, pause.menu.rects["title"])
    pump(app)
    assert app.stack.top.name == "title"


def test_undo_key_and_autosave_before_choice(make_app):
    app = make_app()
    app.open_new_game()
    app.stack.top.start()
    advance_to_choices(app)
    assert not app.session.store.exists("autosave")
    press(app, pygame.K_1, "1")
    assert app.session.store.exists("autosave")
    press(app, pygame.K_u, "u")
    play = app.stack.top
    assert app.session.runner.phase == "awaiting_choice" and play.choices is not None


def test_typewriter_completes_on_any_key(make_app):
    from game.window.settings import Settings

    app = make_app(settings=Settings(text_speed="slow"))
    app.open_new_game()
    app.stack.top.start()
    play = app.stack.top
    assert play.revealing
    press(app, pygame.K_x, "x")
    assert not play.revealing
    first = play.line.id
    press(app, pygame.K_x, "x")
    assert play.line.id != first


def test_pause_menu_save_then_load_from_title(make_app):
    app = make_app()
    app.open_new_game()
    app.stack.top.start()
    advance_to_choices(app)
    press(app, pygame.K_1, "1")
    press(app, pygame.K_ESCAPE)
    assert app.stack.top.name == "pause"
    press(app, pygame.K_TAB)
    press(app, pygame.K_RETURN)  # Save
    assert app.stack.top.name == "save"
    press(app, pygame.K_3, "3")
    assert app.session.store.exists("slot3")
    line = app.session.runner.current_line.id
    app.go_title()
    pump(app)
    title = app.stack.top
    assert [i.id for i in title.menu.items][:2] == ["continue", "new"]
    for _ in range(6):
        if title.menu.focused.id == "load":
            break
        press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)  # Load
    assert app.stack.top.name == "load"
    press(app, pygame.K_3, "3")
    assert app.stack.top.name == "play"
    assert app.session.runner.current_line.id == line


def test_skip_scene_shows_summary_then_debrief(make_app):
    app = make_app()
    app.open_new_game()
    app.stack.top.start()
    pump(app)
    press(app, pygame.K_ESCAPE)
    pause = app.stack.top
    pause.menu.focus_id("skip")
    press(app, pygame.K_RETURN)
    assert app.stack.top.name == "skipped"
    press(app, pygame.K_RETURN)
    assert app.stack.top.name == "debrief"


def test_scroll_backlog_with_wheel_and_keys(make_app):
    app = make_app()
    app.open_new_game()
    app.stack.top.start()
    advance_to_choices(app)
    press(app, pygame.K_l, "l")
    assert app.stack.top.name == "backlog"
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False, precise_x=0.0, precise_y=1.0))
    pump(app)
    press(app, pygame.K_ESCAPE)
    assert app.stack.top.name == "play"


def test_focus_loss_and_resize_do_not_break_play(make_app):
    app = make_app()
    app.open_new_game()
    app.stack.top.start()
    pygame.event.post(pygame.event.Event(pygame.WINDOWFOCUSLOST))
    pump(app)
    assert not app.focused
    pygame.event.post(pygame.event.Event(pygame.WINDOWFOCUSGAINED))
    pygame.display.set_mode((960, 540), pygame.RESIZABLE)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(960, 540), w=960, h=540))
    pump(app)
    assert app.focused and abs(app.canvas.scale - 0.75) < 1e-6
    assert app.stack.top.name == "play"


def test_large_text_keeps_the_last_line_until_read_before_showing_choices(make_app):
    from game.window.settings import Settings
    from window_helpers import SHIPPED

    app = make_app(story_dir=SHIPPED, settings=Settings(text_size=2.0, text_speed="instant", show_meters=True))
    app.open_new_game()
    app.stack.top.start()
    play = app.stack.top
    for _ in range(60):
        pump(app)
        if play.choices is not None:
            break
        press(app, pygame.K_RETURN)
    assert play.choices is not None
    if play.choices_hidden:  # the choices need the box's room: the line stays up first
        assert play.box_rect is not None
        press(app, pygame.K_RETURN)
        assert not play.choices_hidden and play.choices is not None
    press(app, pygame.K_1, "1")
    assert len(app.session.runner.moves) == 1


def test_f11_toggles_full_screen_and_back(make_app, user_data):
    app = make_app()
    press(app, pygame.K_F11)
    assert app.settings.fullscreen
    press(app, pygame.K_F11)
    assert not app.settings.fullscreen
    assert app.stack.top.name == "title" and app.canvas.overflows == []
