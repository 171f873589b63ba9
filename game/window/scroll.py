"""Long content (debriefs, history, notes) in a scrolling column with a visible scrollbar."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from . import input as ix
from .canvas import Canvas
from .theme import Theme

SCROLLBAR = 14


def thumb_span(y: float, h: float, content_h: float, scroll: float) -> tuple[float, float]:
    """Where a scrollbar's thumb starts and how tall it is, for `h` of `content_h` shown from `scroll`."""
    thumb_h = max(30, h * h / max(1, content_h))
    return y + (h - thumb_h) * (scroll / max(1, content_h - h)), thumb_h


def draw_scrollbar(canvas, theme, x: float, y: float, h: float, content_h: float, scroll: float) -> tuple:
    """Draw a scrollbar track and thumb at x; returns the track's rect (for clicks)."""
    track = (x, y, SCROLLBAR, h)
    canvas.rect(track, theme.grid, radius=SCROLLBAR / 2)
    thumb_y, thumb_h = thumb_span(y, h, content_h, scroll)
    canvas.rect((x, thumb_y, SCROLLBAR, thumb_h), theme.text_muted, radius=SCROLLBAR / 2)
    return track


def hit(rect, pos) -> bool:
    if rect is None or pos is None:
        return False
    x, y, w, h = rect
    return x <= pos[0] < x + w and y <= pos[1] < y + h


@dataclass
class Block:
    """One piece of a ScrollColumn: wrapped text, a gap, or a custom drawing of fixed height."""

    kind: str  # "text" | "gap" | "custom"
    text: str = ""
    style: str = "body"
    colour: str = "text"  # a Theme attribute name, or "family:<name>"
    indent: float = 0
    height: float = 0
    draw: Callable | None = None  # draw(canvas, theme, rect)
    align: str = "left"
    marker: str = ""  # "secure" etc.: a small shape drawn before the text, so family is not colour alone


@dataclass
class ScrollColumn:
    """Long content (debriefs, backlog, notes) in a scrolling view with a visible scrollbar."""

    blocks: list[Block] = field(default_factory=list)
    scroll: float = 0.0
    content_h: float = 0.0
    view: tuple | None = None
    track: tuple | None = None
    stick_to_end: bool = False

    def handle(self, intent: ix.Intent) -> bool:
        if not self.view:
            return False
        page = self.view[3] * 0.85
        step = {ix.UP: -60, ix.DOWN: 60, ix.PAGE_UP: -page, ix.PAGE_DOWN: page}.get(intent.kind)
        if intent.kind == ix.SCROLL:
            step = -intent.value * 60
        if intent.kind == ix.HOME:
            self.scroll = 0
            return True
        if intent.kind == ix.END:
            self.scroll = self.max_scroll
            return True
        if intent.kind == ix.CLICK and self.track and hit(self.track, intent.pos):
            step = -page if intent.pos[1] < self._thumb_centre() else page
        if step is None:
            return False
        self.scroll = max(0.0, min(self.max_scroll, self.scroll + step))
        self.stick_to_end = False
        return True

    @property
    def max_scroll(self) -> float:
        return max(0.0, self.content_h - (self.view[3] if self.view else 0))

    @property
    def scrollable(self) -> bool:
        return self.max_scroll > 0.5

    def _thumb_centre(self) -> float:
        x, y, w, h = self.track
        thumb_y, thumb_h = thumb_span(y, h, self.content_h, self.scroll)
        return thumb_y + thumb_h / 2

    def _heights(self, canvas: Canvas, width: float) -> list[float]:
        out = []
        for b in self.blocks:
            if b.kind == "text":
                out.append(canvas.text.wrap(b.text, b.style, width - b.indent - (24 if b.marker else 0)).height)
            else:
                out.append(b.height)
        return out

    def draw(self, canvas: Canvas, theme: Theme, rect, where: str = "column") -> None:
        x, y, w, h = rect
        heights = self._heights(canvas, w)
        total = sum(heights)
        scrolling = total > h + 0.5
        if scrolling:
            w -= SCROLLBAR + 12
            heights = self._heights(canvas, w)
            total = sum(heights)
        self.content_h = total
        self.view = (x, y, w, h)
        if self.stick_to_end:
            self.scroll = self.max_scroll
        self.scroll = max(0.0, min(self.max_scroll, self.scroll))
        cy = y - self.scroll
        with canvas.clip(rect):
            for b, bh in zip(self.blocks, heights):
                if cy + bh >= y and cy <= y + h:
                    colour = self._colour(theme, b.colour)
                    if b.kind == "text":
                        tx = x + b.indent
                        if b.marker:
                            marker(canvas, theme, b.marker, (tx + 8, cy + canvas.text.line_height(b.style) / 2))
                            tx += 24
                        canvas.text_in(b.text, b.style, (tx, cy, x + w - tx, bh), colour, align=b.align, where=where)
                    elif b.kind == "custom" and b.draw:
                        b.draw(canvas, theme, (x + b.indent, cy, w - b.indent, bh))
                cy += bh
        self.track = None
        if scrolling:
            self.track = draw_scrollbar(canvas, theme, x + w + 12, y, h, total, self.scroll)

    @staticmethod
    def _colour(theme: Theme, name: str):
        if name.startswith("family:"):
            return theme.families.get(name[7:], theme.text) if theme.name != "calm" else theme.text
        return getattr(theme, name, theme.text)


def marker(canvas: Canvas, theme: Theme, family: str, centre) -> None:
    """A shape per behaviour family (circle, triangle, square, diamond, ring), drawn in its colour."""
    cx, cy = centre
    colour = theme.families.get(family, theme.text)
    if family == "secure":
        canvas.circle((cx, cy), 7, colour)
    elif family == "pursue":
        canvas.polygon([(cx, cy - 8), (cx + 8, cy + 7), (cx - 8, cy + 7)], colour)
    elif family == "withdraw":
        canvas.rect((cx - 7, cy - 7, 14, 14), colour)
    elif family == "corrosive":
        canvas.polygon([(cx, cy - 9), (cx + 9, cy), (cx, cy + 9), (cx - 9, cy)], colour)
    else:
        canvas.circle((cx, cy), 7, colour, width=3)
