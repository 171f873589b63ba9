"""Helpers shared by the window tests: paths, options, and real pygame input events."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from pathlib import Path  # noqa: E402
from types import SimpleNamespace  # noqa: E402

import pygame  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini_story"
SHIPPED = ROOT / "story"


def options(**kw):
    base = dict(story_dir=MINI, role=None, auto=None, screenshots=None, dev=False, continue_game=False,
                partner_name=None, pronouns=None)
    base.update(kw)
    return SimpleNamespace(**base)


def post_key(key, unicode="", mod=0):
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0))


def click_at(app, logical_rect):
    """A real left click in the middle of a logical rectangle."""
    r = app.canvas.px_rect(logical_rect)
    pos = r.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))


def pump(app, frames=1):
    for _ in range(frames):
        app.step(1 / 60)


def press(app, key, unicode="", frames=1):
    post_key(key, unicode)
    pump(app, frames)


def go_on(app):
    """What a keyboard player presses to move on: Enter, after Tab on a debrief (its Continue starts unfocused)."""
    if app.stack.top is not None and app.stack.top.name == "debrief":
        press(app, pygame.K_TAB)
    press(app, pygame.K_RETURN)
