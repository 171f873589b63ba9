"""Scripted --auto runs, settings on disk, the text cache, errors on screen, writer mode and self-voicing."""

from __future__ import annotations

import json
import shutil

import pygame
import pytest

from window_helpers import MINI, options, press, pump


def test_auto_run_saves_a_png_of_every_screen(tmp_path):
    from game.window import app as window_app

    shots = tmp_path / "shots"
    code = window_app.run(options(auto=[1, 2], screenshots=shots, role="anxious"))
    assert code == 0
    names = sorted(p.name for p in shots.glob("*.png"))
    assert names[0] == "001_title.png" and names[1] == "002_new_game.png"
    assert any("_scene_text" in n for n in names)
    assert any("_choice_text_" in n for n in names)
    assert any("_debrief_text" in n for n in names)
    assert names[-1].endswith("_ending.png")
    numbers = [int(n[:3]) for n in names]
    assert numbers == list(range(1, len(names) + 1))
    picture = pygame.image.load(str(shots / names[0]))
    assert picture.get_size() == (1280, 720)


def test_auto_run_as_the_other_role_with_choices_running_out(tmp_path):
    from game.window import app as window_app

    shots = tmp_path / "shots"
    assert window_app.run(options(auto=[], screenshots=shots, role="avoidant")) == 0
    assert any(p.name.endswith("_ending.png") for p in shots.iterdir())


def test_settings_round_trip_through_the_settings_screen(make_app, user_data):
    from game.window.settings import Settings, load_settings, save_settings, settings_path

    assert settings_path().parent == user_data
    app = make_app(settings=load_settings())
    press(app, pygame.K_DOWN)  # from New game, past Load (disabled: nothing saved yet), to Settings
    assert app.stack.top.menu.focused.id == "settings"
    press(app, pygame.K_RETURN)
    assert app.stack.top.name == "settings"
    press(app, pygame.K_RIGHT)  # text size 100% -> 125%
    press(app, pygame.K_DOWN)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RIGHT)  # colours -> high contrast
    on_disk = json.loads(settings_path().read_text())
    assert on_disk["text_size"] == 1.25 and on_disk["theme"] == "high_contrast"
    assert load_settings() == Settings(text_size=1.25, theme="high_contrast")
    assert app.theme.name == "high_contrast"
    custom = Settings(text_size=2.0, text_speed="instant", font="opendyslexic", self_voicing=True,
                      show_meters=True, reduce_motion=True)
    save_settings(custom)
    assert load_settings() == custom


def test_broken_settings_file_falls_back_to_defaults(user_data):
    from game.window.settings import Settings, load_settings, settings_path

    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("{not json")
    assert load_settings() == Settings()
    settings_path().write_text(json.dumps({"text_size": 9, "theme": "neon", "font": 3, "unknown": 1}))
    loaded = load_settings()
    assert loaded.text_size == 2.0 and loaded.theme == "calm" and loaded.font == "atkinson"


def test_text_cache_hits_on_the_second_render():
    from game.window.text import TextSystem

    pygame.font.init()
    text = TextSystem()
    first = text.render_line("Sorry, sorry. Stuck at work.", "body", (0, 0, 0))
    hits = text.surfaces.hits
    second = text.render_line("Sorry, sorry. Stuck at work.", "body", (0, 0, 0))
    assert second is first and text.surfaces.hits == hits + 1
    block = text.wrap("A long line that will need to wrap over more than one line of text.", "body", 200)
    assert len(block.lines) > 1
    assert text.wrap("A long line that will need to wrap over more than one line of text.", "body", 200) is block
    text.render_line("other colour", "body", (255, 0, 0))
    assert text.surfaces.misses >= 2


def test_text_is_rendered_at_the_window_scale(make_app):
    app = make_app()
    small = app.text.px("body")
    pygame.display.set_mode((2560, 1440), pygame.RESIZABLE)
    app.on_resize()
    assert app.canvas.scale == 2.0
    assert app.text.px("body") == 2 * small


def test_story_error_during_play_shows_error_screen_then_title(make_app):
    from game.engine import StoryRuntimeError

    app = make_app()
    app.open_new_game()
    app.stack.top.start()
    pump(app)

    def broken():
        raise StoryRuntimeError("no branch of text.a_reply applies in this state")

    app.session.runner.advance = broken
    for _ in range(5):
        press(app, pygame.K_RETURN)
        if app.stack.top.name == "error":
            break
    assert app.stack.top.name == "error"
    press(app, pygame.K_RETURN)
    assert app.stack.top.name == "title"


def test_broken_story_shows_diagnostics_and_recovers(make_app, tmp_path):
    story = tmp_path / "story"
    shutil.copytree(MINI, story)
    scene = story / "scenes" / "text.yaml"
    good = scene.read_text()
    scene.write_text(good.replace("goto: a_reply", "goto: nowhere", 1))
    app = make_app(story_dir=story, dev=True)
    screen = app.stack.top
    assert screen.name == "broken_story"
    shown = " ".join(b.text for b in screen.column.blocks)
    assert "text.yaml:" in shown
    scene.write_text(good)
    press(app, pygame.K_F5)
    assert app.stack.top.name == "title"


@pytest.mark.parametrize("edit", ["rename the node", "delete a line"])
def test_writer_mode_reload_after_the_current_node_changed_restarts_the_scene(make_app, tmp_path, edit):
    story = tmp_path / "story"
    shutil.copytree(MINI, story)
    app = make_app(story_dir=story, dev=True)
    app.open_new_game()
    app.stack.top.start()
    pump(app)
    play = app.stack.top
    while play.choices is None:
        press(app, pygame.K_RETURN)
    assert app.session.runner.current_line.id == "text.a_wait.2"
    scene = story / "scenes" / "text.yaml"
    text = scene.read_text()
    if edit == "rename the node":
        text = text.replace("a_wait", "a_waiting")
    else:
        text = text.replace("      - speaker: priya\n        text: \"Put it face down. {They}'ll answer.\"\n", "")
    scene.write_text(text)
    press(app, pygame.K_F5)  # used to stop the story with KeyError: 'text.a_wait.2'
    assert app.stack.top is play and app.failures == 0
    assert "the scene starts again" in app.toast_text
    runner = app.session.runner
    assert runner.current_line.id == ("text.a_waiting.1" if edit == "rename the node" else "text.a_wait.1")
    assert [line.id for line in runner.backlog] == [runner.current_line.id]  # a fresh backlog for the scene


def test_writer_mode_reload_keeps_the_place_and_inspector_explains(make_app, tmp_path):
    story = tmp_path / "story"
    shutil.copytree(MINI, story)
    app = make_app(story_dir=story, dev=True)
    app.open_new_game()
    app.stack.top.start()
    pump(app)
    play = app.stack.top
    while play.choices is None:
        press(app, pygame.K_RETURN)
    press(app, pygame.K_1, "1")
    place = app.session.runner.current_line.id
    scene = story / "scenes" / "text.yaml"
    scene.write_text(scene.read_text().replace("Sorry. I was out.", "Sorry. I was out late."))
    press(app, pygame.K_F5)
    assert app.stack.top is play
    assert app.session.runner.current_line.id == place
    assert app.session.runner.current_line.text == "Sorry. I was out late."
    # a broken edit: diagnostics on screen, and play goes on with the last good story
    scene.write_text(scene.read_text().replace("speaker: priya", "speaker: nobody_known"))
    press(app, pygame.K_F5)
    assert app.stack.top.name == "reload_errors"
    press(app, pygame.K_ESCAPE)
    assert app.stack.top is play
    press(app, pygame.K_F2)
    inspector = app.stack.top
    assert inspector.name == "inspector"
    text = " ".join(b.text for b in inspector.column.blocks)
    assert "Safety 5 to 3" in text and "A bid for closeness" in text


def test_self_voicing_uses_an_engine_or_says_why_not(make_app, monkeypatch):
    from game.window import voice as voice_mod

    none = voice_mod.Voice(enabled=True, which=lambda name: None)
    assert not none.available and "espeak-ng" in none.status()
    none.say("hello")  # nothing installed: no error

    started = []

    class FakePopen:
        def __init__(self, args, **kw):
            started.append(args)

        def poll(self):
            return 0

    monkeypatch.setattr(voice_mod.subprocess, "Popen", FakePopen)
    fake = voice_mod.Voice(enabled=True, which=lambda name: f"/usr/bin/{name}" if name == "espeak-ng" else None)
    fake.say("Sam: Sorry, sorry.")
    fake.say("Sam: Sorry, sorry.")  # the same text is not repeated
    assert started == [["/usr/bin/espeak-ng", "--", "Sam: Sorry, sorry."]]
    off = voice_mod.Voice(enabled=False, which=lambda name: "/usr/bin/espeak-ng")
    off.say("quiet")
    assert len(started) == 1


def test_voice_is_off_by_default():
    from game.window.settings import Settings

    assert Settings().self_voicing is False


def test_the_engine_never_imports_the_window():
    import subprocess
    import sys

    code = ("import sys, game.engine, game.engine.debrief\n"
            "bad = [m for m in sys.modules if m.startswith('game.window') or m == 'pygame']\n"
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_continue_option_resumes_the_autosave(make_app):
    first = make_app(partner_name="Kit", pronouns="he", role="avoidant")
    first.open_new_game()
    assert first.stack.top.field.text == "Kit" and first.stack.top.pronouns == "he"
    first.stack.top.start()
    play = first.stack.top
    while play.choices is None:
        play.advance()
    line = first.session.runner.current_line.id
    saved = first.session.store.load("autosave", first.session.story).runner
    assert saved is None or saved.phase != "awaiting_choice"  # nothing autosaved at this menu yet
    press(first, pygame.K_1, "1")
    made = len(first.session.runner.moves)
    second = make_app(continue_game=True)
    assert second.stack.top.name == "play"
    assert second.session.runner.partner.name == "Kit"
    if first.session.phase == "playing":  # the autosave is from just before the choice
        assert second.session.runner.phase == "awaiting_choice" and second.stack.top.choices is not None
        assert second.session.runner.current_line.id == line
    else:  # the choice ended the scene: the autosave at its debrief keeps the choice
        assert second.session.phase == "scene_debrief" and len(second.session.runner.moves) == made
