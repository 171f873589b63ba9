"""Drawing in logical 1280x720 coordinates onto a window of any size.

Shapes are scaled to the window; text is rendered at the window's real
scale (never a small surface stretched up), so it stays sharp. Text drawn
into a box that is too small for it is recorded in `overflows`, which the
tests read to prove nothing is clipped. Where each piece of text and each
panel landed is recorded too (`text_rects`, `panels`, per screen `layer`), so
the layout tests can prove no two texts overlap and no text straddles the
edge of its panel.
"""

from __future__ import annotations

from contextlib import contextmanager

import pygame

from .text import TextBlock, TextSystem

LOGICAL_W, LOGICAL_H = 1280, 720


class Canvas:
    def __init__(self, surface: pygame.Surface, text: TextSystem):
        self.text = text
        self.overflows: list[str] = []
        self.text_rects: list[tuple[int, str, tuple]] = []  # (layer, where, visible logical rect)
        self.panels: list[tuple[int, tuple]] = []  # (layer, logical rect)
        self.layer = 0  # one per screen drawn this frame: an overlay may cover what is under it
        self._clips: list[tuple] = []
        self._alpha_cache: dict = {}
        self._veil: pygame.Surface | None = None  # the whole-window layer `dim` refills each frame
        self.set_target(surface)

    # geometry ------------------------------------------------------------
    def set_target(self, surface: pygame.Surface) -> None:
        self.surface = surface
        w, h = surface.get_size()
        self.scale = max(0.05, min(w / LOGICAL_W, h / LOGICAL_H))
        self.ox = (w - LOGICAL_W * self.scale) / 2
        self.oy = (h - LOGICAL_H * self.scale) / 2
        self._alpha_cache.clear()
        self._veil = None

    def px_rect(self, rect) -> pygame.Rect:
        x, y, w, h = rect
        x0 = round(self.ox + x * self.scale)
        y0 = round(self.oy + y * self.scale)
        x1 = round(self.ox + (x + w) * self.scale)
        y1 = round(self.oy + (y + h) * self.scale)
        return pygame.Rect(x0, y0, max(0, x1 - x0), max(0, y1 - y0))

    def px_point(self, x: float, y: float) -> tuple[int, int]:
        return round(self.ox + x * self.scale), round(self.oy + y * self.scale)

    def to_logical(self, pos) -> tuple[float, float]:
        return (pos[0] - self.ox) / self.scale, (pos[1] - self.oy) / self.scale

    def n(self, value: float) -> int:
        """A logical length (line width, radius) in real pixels, at least 1."""
        return max(1, round(value * self.scale))

    # shapes --------------------------------------------------------------
    def clear(self, colour=(0, 0, 0)) -> None:
        self.surface.fill(colour)

    def rect(self, rect, colour, radius: float = 0, width: float = 0) -> None:
        pygame.draw.rect(self.surface, colour, self.px_rect(rect),
                         width=self.n(width) if width else 0, border_radius=self.n(radius) if radius else 0)

    def rect_alpha(self, rect, colour, alpha: int, radius: float = 0) -> None:
        r = self.px_rect(rect)
        if r.w <= 0 or r.h <= 0:
            return
        key = (r.size, tuple(colour), alpha, radius)
        surf = self._alpha_cache.get(key)
        if surf is None:
            surf = pygame.Surface(r.size, pygame.SRCALPHA)
            pygame.draw.rect(surf, (*colour, alpha), surf.get_rect(), border_radius=self.n(radius) if radius else 0)
            if len(self._alpha_cache) > 64:
                self._alpha_cache.clear()
            self._alpha_cache[key] = surf
        self.surface.blit(surf, r.topleft)

    def line(self, a, b, colour, width: float = 2) -> None:
        pygame.draw.line(self.surface, colour, self.px_point(*a), self.px_point(*b), self.n(width))

    def lines(self, points, colour, width: float = 2) -> None:
        if len(points) >= 2:
            pygame.draw.lines(self.surface, colour, False, [self.px_point(*p) for p in points], self.n(width))

    def dashed(self, a, b, colour, width: float = 2, dash: float = 10) -> None:
        ax, ay = a
        bx, by = b
        length = max(1e-6, ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5)
        steps = max(1, int(length / dash))
        for i in range(0, steps, 2):
            t0, t1 = i / steps, min(1.0, (i + 1) / steps)
            self.line((ax + (bx - ax) * t0, ay + (by - ay) * t0), (ax + (bx - ax) * t1, ay + (by - ay) * t1),
                      colour, width)

    def circle(self, centre, radius: float, colour, width: float = 0) -> None:
        pygame.draw.circle(self.surface, colour, self.px_point(*centre), self.n(radius),
                           self.n(width) if width else 0)

    def polygon(self, points, colour) -> None:
        pygame.draw.polygon(self.surface, colour, [self.px_point(*p) for p in points])

    def image(self, surface: pygame.Surface, rect) -> None:
        """Blit a surface already scaled to `px_rect(rect).size`."""
        self.surface.blit(surface, self.px_rect(rect).topleft)

    @contextmanager
    def clip(self, rect):
        old = self.surface.get_clip()
        self.surface.set_clip(self.px_rect(rect).clip(old))
        self._clips.append(tuple(rect))
        try:
            yield
        finally:
            self._clips.pop()
            self.surface.set_clip(old)

    # what was drawn where, for the layout tests ----------------------------
    def begin_frame(self) -> None:
        self.overflows.clear()
        self.text_rects.clear()
        self.panels.clear()
        self.layer = 0

    def note_panel(self, rect) -> None:
        self.panels.append((self.layer, tuple(rect)))

    def _note_text(self, where: str, rect) -> None:
        x0, y0, x1, y1 = rect[0], rect[1], rect[0] + rect[2], rect[1] + rect[3]
        for cx, cy, cw, ch in self._clips:  # only the part that shows
            x0, y0, x1, y1 = max(x0, cx), max(y0, cy), min(x1, cx + cw), min(y1, cy + ch)
        if x1 - x0 > 0.5 and y1 - y0 > 0.5:
            self.text_rects.append((self.layer, where, (x0, y0, x1 - x0, y1 - y0)))

    def dim(self, colour, alpha: int) -> None:
        """Lay `colour` at `alpha` over the whole logical area (the fade between scenes).

        A fade changes its alpha every frame, so a cached surface per alpha would
        allocate a window-sized surface each frame and push everything else out of
        the rect_alpha cache: one surface is kept and refilled instead (the same
        pixels as a fresh one)."""
        r = self.px_rect((0, 0, LOGICAL_W, LOGICAL_H))
        if r.w <= 0 or r.h <= 0:
            return
        if self._veil is None or self._veil.get_size() != r.size:
            self._veil = pygame.Surface(r.size, pygame.SRCALPHA)
        self._veil.fill((*colour, alpha))
        self.surface.blit(self._veil, r.topleft)

    # text ----------------------------------------------------------------
    def draw_block(self, block: TextBlock, x: float, y: float, colour, align: str = "left",
                   width: float | None = None, reveal: int | None = None) -> None:
        """Draw wrapped text; `reveal` shows only the first N characters (typewriter)."""
        width = block.width if width is None else width
        remaining = block.chars if reveal is None else reveal
        for i, line in enumerate(block.lines):
            if remaining <= 0:
                break
            surf = self.text.render_line(line, block.style, colour, block.px)
            lx = x
            line_w = surf.get_width() / self.scale
            if align == "center":
                lx = x + (width - line_w) / 2
            elif align == "right":
                lx = x + width - line_w
            px, py = self.px_point(lx, y + block.top(i))
            if remaining >= len(line):
                self.surface.blit(surf, (px, py))
            else:
                font = self.text.font(block.style, block.px)
                shown_w = font.size(line[:remaining])[0]
                self.surface.blit(surf, (px, py), pygame.Rect(0, 0, shown_w, surf.get_height()))
            remaining -= len(line)

    def text_in(self, text: str, style: str, rect, colour, align: str = "left", valign: str = "top",
                reveal: int | None = None, where: str = "") -> TextBlock:
        """Wrap text to fit `rect`'s width and draw it there; record an overflow if it does not fit."""
        x, y, w, h = rect
        block = self.text.wrap(text, style, w)
        if block.height > h + 0.5 or block.width > w + 0.5 or block.too_wide:
            self.overflows.append(f"{where or 'text'}: {text[:60]!r} needs {block.width:.0f}x{block.height:.0f}, "
                                  f"has {w:.0f}x{h:.0f}")
        ty = y
        if valign == "middle":
            ty = y + (h - block.height) / 2
        elif valign == "bottom":
            ty = y + h - block.height
        self.draw_block(block, x, ty, colour, align, w, reveal)
        bx = {"center": x + (w - block.width) / 2, "right": x + w - block.width}.get(align, x)
        self._note_text(where or "text", (bx, ty, block.width, block.height))
        return block
