"""The face beside the dialogue: who spoke last, in the mood of their line, cross-fading between moods.

A new mood (or a new speaker) fades in over FADE seconds while the last one
fades out; with reduced motion (or in autoplay) it changes at once. The play
screen decides where the face goes: large above the dialogue box while lines
are read, a smaller card beside the choices while the player decides.
"""

from __future__ import annotations

from .canvas import Canvas

FADE = 0.3  # seconds
ASPECT = 520 / 400  # portraits are 400x520


class PortraitView:
    def __init__(self):
        self.key: tuple[str, str | None] | None = None  # (who, mood)
        self.previous: tuple[str, str | None] | None = None
        self.fade = 0.0  # 1.0: only the previous face shows; 0.0: only the current one
        self.rect: tuple | None = None  # where it was last drawn, in logical pixels

    def clear(self) -> None:
        self.key = self.previous = None
        self.fade = 0.0

    def show(self, who: str, mood: str | None, animate: bool) -> None:
        key = (who, mood or "neutral")
        if key == self.key:
            return
        if animate and self.key is not None:
            self.previous, self.fade = self.key, 1.0
        else:
            self.previous, self.fade = None, 0.0
        self.key = key

    @property
    def fading(self) -> bool:
        return self.previous is not None and self.fade > 0

    def update(self, dt: float) -> None:
        if self.fading:
            self.fade = max(0.0, self.fade - dt / FADE)
            if self.fade == 0.0:
                self.previous = None

    def draw(self, canvas: Canvas, art, rect, theme=None, clip=None) -> None:
        """Draw in `rect` (x, y, w, h); with a theme, on a card (the small face beside the choices)."""
        if self.key is None:
            self.rect = None
            return
        self.rect = rect
        x, y, w, h = rect
        if theme is not None:
            canvas.rect_alpha(rect, theme.panel, min(235, theme.panel_alpha), radius=16)
            canvas.rect(rect, theme.panel_border, radius=16, width=2)
            x, y, w, h = x + 8, y + 8, w - 16, h - 8
        size = canvas.px_rect((x, y, w, h)).size
        layers = [(self.previous, self.fade), (self.key, 1.0 - self.fade)] if self.fading else [(self.key, 1.0)]
        with canvas.clip(clip or rect):
            for key, weight in layers:
                surf = art.portrait(key[0], key[1], size)
                if surf is None or weight <= 0:
                    continue
                if weight < 1.0:
                    surf = surf.copy()
                    surf.set_alpha(round(255 * weight))
                canvas.image(surf, (x, y, w, h))
