"""Sound: a loop per place and soft interface sounds, with volumes in settings; silence never breaks anything."""

from __future__ import annotations

import wave

import pygame
import pytest

from game.window.settings import Settings, VOLUMES
from game.window.sound import ASSETS, PLACE_SOUNDS, Sound

from window_helpers import SHIPPED, press


def test_every_place_of_the_shipped_story_has_a_loop_or_is_meant_to_be_quiet():
    from game.engine.loader import load_story
    story = load_story(SHIPPED)
    places = set().union(*(scene.all_locations() for scene in story.scenes.values()))
    assert places <= set(PLACE_SOUNDS), sorted(places - set(PLACE_SOUNDS))
    for loop in set(PLACE_SOUNDS.values()):
        with wave.open(str(ASSETS / f"ambient_{loop}.wav")) as w:
            seconds = w.getnframes() / w.getframerate()
            assert 4 <= seconds <= 12 and w.getnchannels() == 1
    for effect in ("move", "select", "back"):
        with wave.open(str(ASSETS / f"ui_{effect}.wav")) as w:
            assert w.getnframes() / w.getframerate() < 0.5
    assert sum(p.stat().st_size for p in ASSETS.glob("*.wav")) < 1_500_000  # small files


def test_the_dummy_driver_plays_places_and_effects_without_a_crash(make_app):
    """SDL_AUDIODRIVER=dummy (set for every window test): a device that plays nothing."""
    app = make_app(story_dir=SHIPPED, settings=Settings(text_speed="instant"))
    assert app.sound.available
    app.open_new_game(role="avoidant")
    app.stack.top.start()
    app.step(1 / 60, intents=[])
    assert app.sound.current == "hall"  # the climbing wall
    press(app, pygame.K_DOWN)
    press(app, pygame.K_ESCAPE)  # the pause menu: the place's loop goes on under it
    assert app.sound.current == "hall"
    app.go_title()
    app.step(1 / 60, intents=[])
    assert app.sound.current is None


def test_ambient_volume_off_stops_the_loop_and_settings_keep_volumes(make_app):
    app = make_app(story_dir=SHIPPED, settings=Settings(text_speed="instant"))
    app.open_new_game(role="anxious")
    app.stack.top.start()
    app.step(1 / 60, intents=[])
    assert app.sound.current == "room"
    app.settings.ambient_volume = 0.0
    app.apply_settings()
    app.step(1 / 60, intents=[])
    assert app.sound.current is None
    assert Settings(ambient_volume=0.33, effects_volume="loud").clean().ambient_volume in VOLUMES
    assert Settings(effects_volume="loud").clean().effects_volume == 0.6


def test_no_audio_device_means_silence_not_a_crash(monkeypatch):
    def broken(*args, **kwargs):
        raise pygame.error("No available audio device")

    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", broken)
    sound = Sound()
    assert not sound.available
    sound.ambience("bar_night")
    sound.effect("select")
    sound.stop()
    assert sound.current is None


@pytest.mark.parametrize("item", ["ambient_volume", "effects_volume"])
def test_volumes_change_in_the_settings_screen(make_app, item):
    app = make_app(settings=Settings(text_speed="instant"))
    app.open("settings")
    screen = app.stack.top
    before = getattr(app.settings, item)
    screen.change(item, -1)
    assert getattr(app.settings, item) < before
    labels = {i.id: i.value for i in screen.rows.items}
    assert labels[item].endswith("%") or labels[item] == "Off"
