"""Places in the window: each role and node shows its own picture, and the pictures are the script's."""

from __future__ import annotations

import sys

import pygame
import pytest

from game.window.settings import Settings

from window_helpers import ROOT, SHIPPED


def drawn_places(app) -> list[str]:
    seen = []
    real = app.art.background

    def recording(key, size):
        seen.append(key)
        return real(key, size)

    app.art.background = recording
    app.draw()
    app.art.background = real
    return seen


@pytest.mark.parametrize("role, place", [("anxious", "flat_evening"), ("avoidant", "climbing_wall")])
def test_each_role_starts_the_first_scene_in_its_own_place(make_app, role, place):
    app = make_app(story_dir=SHIPPED, settings=Settings(text_speed="instant"))
    app.open_new_game(role=role)
    app.stack.top.start()
    assert app.stack.top.name == "play"
    assert drawn_places(app) == [place]


def test_a_node_with_its_own_place_shows_it(make_app):
    app = make_app(story_dir=SHIPPED, settings=Settings(text_speed="instant"))
    app.open_new_game(role="avoidant")
    app.stack.top.start()
    runner = app.session.runner
    assert runner.scene.nodes["v_call_open"].location == "street_night"
    runner.state.node = "v_call_open"
    assert drawn_places(app) == ["street_night"]


def test_every_place_in_the_shipped_story_has_a_full_size_picture():
    from game.engine.loader import load_story
    story = load_story(SHIPPED)
    places = set().union(*(scene.all_locations() for scene in story.scenes.values()))
    assert len(places) >= 10
    for place in places:
        picture = pygame.image.load(str(ROOT / "assets" / "backgrounds" / f"{place}.png"))
        assert picture.get_size() == (1280, 720), place


@pytest.mark.parametrize("place", ["default", "title"])
def test_committed_pictures_are_what_the_script_draws(place):
    """Art is generated: editing tools/make_art.py without running it shows up here."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import make_art
    finally:
        sys.path.pop(0)
    drawn = make_art.background(place)
    committed = pygame.image.load(str(ROOT / "assets" / "backgrounds" / f"{place}.png"))
    assert drawn.get_size() == committed.get_size()
    differ = sum(1 for x in range(0, 1280, 16) for y in range(0, 720, 16)
                 if max(abs(a - b) for a, b in zip(drawn.get_at((x, y))[:3], committed.get_at((x, y))[:3])) > 3)
    assert differ == 0, f"{differ} sampled pixels differ: run tools/make_art.py {place}"
