"""Screens and the screen stack, with lifecycle hooks.

A screen is pushed on top of the stack (`on_push`), covers the one below
(`on_pause` on that one), and when popped (`on_pop`) the one below carries
on (`on_resume`). Overlays (menus) are not opaque: the screens under them
are drawn first, dimmed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import input as ix
from ..canvas import Canvas

if TYPE_CHECKING:  # pragma: no cover
    from ..app import App


class Screen:
    name = "screen"
    opaque = True

    def __init__(self, app: "App"):
        self.app = app

    # lifecycle
    def on_push(self) -> None: ...
    def on_pop(self) -> None: ...
    def on_pause(self) -> None: ...
    def on_resume(self) -> None: ...

    # per frame
    def handle(self, intent: ix.Intent) -> None: ...
    def update(self, dt: float) -> None: ...
    def draw(self, canvas: Canvas) -> None: ...

    def place(self) -> str | None:
        """The place whose ambient sound plays while this screen is on top (None: quiet)."""
        return None

    def shot_key(self) -> str | None:
        """A name for what is on screen now, for --screenshots; None when it is not worth a picture."""
        return self.name

    def speech(self) -> str:
        """What self-voicing says for this screen right now."""
        return ""

    @property
    def theme(self):
        return self.app.theme


class ScreenStack:
    def __init__(self):
        self.screens: list[Screen] = []

    @property
    def top(self) -> Screen | None:
        return self.screens[-1] if self.screens else None

    def push(self, screen: Screen) -> None:
        if self.top:
            self.top.on_pause()
        self.screens.append(screen)
        screen.on_push()

    def pop(self) -> Screen | None:
        if not self.screens:
            return None
        screen = self.screens.pop()
        screen.on_pop()
        if self.top:
            self.top.on_resume()
        return screen

    def reset(self, screen: Screen) -> None:
        """Empty the stack and start again from one screen (back to the title, a new game)."""
        while self.screens:
            self.screens.pop().on_pop()
        self.screens.append(screen)
        screen.on_push()

    def find_play(self) -> Screen | None:
        for screen in self.screens:
            if screen.name == "play":
                return screen
        return None

    def place(self) -> str | None:
        """Where the player is: the top screen's place, or (under an overlay) the place of the screen below."""
        for screen in reversed(self.screens):
            place = screen.place()
            if place or screen.opaque:
                return place
        return None

    def draw(self, canvas: Canvas) -> None:
        start = 0
        for i in range(len(self.screens) - 1, -1, -1):
            if self.screens[i].opaque:
                start = i
                break
        for screen in self.screens[start:]:
            canvas.layer += 1
            screen.draw(canvas)
