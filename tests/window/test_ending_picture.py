"""The ending is a picture first: the last place, the two of you, the ending's title; then the whole year."""

from __future__ import annotations

import pygame
import pytest

from game.window.settings import Settings

from window_helpers import go_on, press


def to_ending(app):
    app.open_new_game(role="avoidant")
    app.stack.top.start()
    for _ in range(200):
        top = app.stack.top
        if top.name == "ending":
            return top
        press(app, pygame.K_1, "1") if top.name == "play" and top.choices is not None else go_on(app)
    raise AssertionError("no ending")


@pytest.mark.parametrize("size", [1.0, 2.0])
def test_the_ending_is_a_picture_with_its_title_and_the_two_figures(make_app, size):
    app = make_app(settings=Settings(text_speed="instant", text_size=size))
    ending = to_ending(app)
    kind = ending.ending.kind
    drawn = []
    real = app.art.ending
    app.art.ending = lambda k, s: drawn.append(k) or real(k, s)
    app.draw()
    assert ending.picture and drawn == [kind]
    assert real(kind, (1280, 720)) is not None  # the figures exist for this kind
    assert app.canvas.overflows == []
    assert ending.shot_key() == "ending"
    assert ending.ending.title in ending.speech() and "The whole year" in ending.speech()
    labels = [item.label for item in ending.picture_buttons.items]
    assert labels == ["The whole year", "Play as the other partner", "Play a scene again", "Back to title"]
    rects = list(ending.picture_buttons.rects.values())
    assert all(r[1] + r[3] <= 720 and r[0] >= 0 and r[0] + r[2] <= 1280 for r in rects)


def test_the_whole_year_opens_the_report_and_back_returns_to_the_picture(make_app):
    app = make_app(settings=Settings(text_speed="instant"))
    ending = to_ending(app)
    press(app, pygame.K_RETURN)  # "The whole year" has the focus
    assert not ending.picture and ending.shot_key() == "ending_story"
    assert any("Why this ending" == b.text for b in ending.column.blocks if b.kind == "text")
    press(app, pygame.K_ESCAPE)
    assert app.stack.top is ending and ending.picture
    press(app, pygame.K_ESCAPE)
    assert app.stack.top.name == "title"
