"""Buttons, lists with keyboard focus, option rows, a text field and a scrolling column.

Layout is computed while drawing (from cached wraps, so it is cheap) and
the rectangles are kept for mouse hit-testing on the next event. Every
widget can be used with the keyboard alone and with the mouse alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import input as ix
from .canvas import Canvas
from .scroll import SCROLLBAR, Block, ScrollColumn, draw_scrollbar, hit, marker  # noqa: F401  (part of this module's API)
from .theme import Theme

PAD = 14
GAP = 10
RADIUS = 12


def focus_ring(canvas: Canvas, theme: Theme, rect, radius: float = RADIUS) -> None:
    x, y, w, h = rect
    canvas.rect((x - 6, y - 6, w + 12, h + 12), theme.focus_outer, radius=radius + 6, width=2)
    canvas.rect((x - 4, y - 4, w + 8, h + 8), theme.focus, radius=radius + 4, width=4)


def panel(canvas: Canvas, theme: Theme, rect, radius: float = 18) -> None:
    canvas.note_panel(rect)
    canvas.rect_alpha(rect, theme.panel, theme.panel_alpha, radius)
    canvas.rect(rect, theme.panel_border, radius=radius, width=2)


def triangle(canvas: Canvas, centre, size: float, direction: str, colour) -> None:
    cx, cy = centre
    s = size / 2
    pts = {
        "left": [(cx + s, cy - s), (cx + s, cy + s), (cx - s, cy)],
        "right": [(cx - s, cy - s), (cx - s, cy + s), (cx + s, cy)],
        "down": [(cx - s, cy - s), (cx + s, cy - s), (cx, cy + s)],
        "up": [(cx - s, cy + s), (cx + s, cy + s), (cx, cy - s)],
    }[direction]
    canvas.polygon(pts, colour)


@dataclass
class Item:
    id: str
    label: str
    number: int | None = None  # shown in a badge; the number key picks it
    detail: str = ""  # smaller second text
    enabled: bool = True
    primary: bool = False
    value: str | None = None  # option rows show the current value between arrows


@dataclass
class Activation:
    kind: str  # "activate" | "left" | "right"
    id: str


class ItemList:
    """A vertical list of large buttons sharing one focus."""

    def __init__(self, items: list[Item], focus: int | None = 0, style: str = "button", min_height: float = 56):
        """`focus=None` starts with nothing focused: Enter then does nothing until the player moves to an item."""
        self.items = items
        self.style = style
        self.min_height = min_height
        self.focus = 0
        self.scroll = 0.0
        self.rects: dict[str, tuple] = {}
        self.arrow_rects: dict[str, tuple] = {}
        self.view: tuple | None = None
        self.content_h = 0.0
        self.track: tuple | None = None
        self.has_focus = True  # false when another widget on the screen holds focus
        self.columns = 1  # a grid of buttons when more than 1
        if focus is None:
            self.focus = -1
        else:
            self.set_focus(focus)

    # focus -------------------------------------------------------------
    def enabled_indexes(self) -> list[int]:
        return [i for i, item in enumerate(self.items) if item.enabled]

    def set_focus(self, index: int) -> None:
        enabled = self.enabled_indexes()
        if not enabled:
            self.focus = -1
            return
        self.focus = index if index in enabled else enabled[0]

    def focus_id(self, item_id: str) -> None:
        for i, item in enumerate(self.items):
            if item.id == item_id and item.enabled:
                self.focus = i

    @property
    def focused(self) -> Item | None:
        return self.items[self.focus] if 0 <= self.focus < len(self.items) else None

    def move(self, step: int) -> bool:
        """Move focus; returns False at either end so a screen can move focus to another widget."""
        enabled = self.enabled_indexes()
        if not enabled:
            return False
        if self.focus not in enabled:
            self.focus = enabled[0]
            return True
        pos = enabled.index(self.focus) + step
        if pos < 0 or pos >= len(enabled):
            return False
        self.focus = enabled[pos]
        return True

    # input -------------------------------------------------------------
    def handle(self, intent: ix.Intent, wrap: bool = True) -> Activation | None:
        k = intent.kind
        if self.columns > 1 and k in (ix.UP, ix.DOWN, ix.LEFT, ix.RIGHT) and self.has_focus:
            step = {ix.UP: -self.columns, ix.DOWN: self.columns, ix.LEFT: -1, ix.RIGHT: 1}[k]
            target = self.focus + step
            if 0 <= target < len(self.items) and self.items[target].enabled:
                self.focus = target
            return None
        if k in (ix.UP, ix.PREV) and self.has_focus:
            if not self.move(-1) and wrap:
                self.set_focus(self.enabled_indexes()[-1] if self.enabled_indexes() else 0)
        elif k in (ix.DOWN, ix.NEXT) and self.has_focus:
            if not self.move(1) and wrap:
                self.set_focus(self.enabled_indexes()[0] if self.enabled_indexes() else 0)
        elif k == ix.HOME and self.has_focus:
            self.set_focus(0)
        elif k == ix.END and self.has_focus:
            enabled = self.enabled_indexes()
            if enabled:
                self.focus = enabled[-1]
        elif k in (ix.LEFT, ix.RIGHT) and self.has_focus and self.focused and self.focused.value is not None:
            return Activation("left" if k == ix.LEFT else "right", self.focused.id)
        elif k == ix.CONFIRM and self.has_focus and self.focused:
            return Activation("activate", self.focused.id)
        elif k == ix.NUMBER:
            for i, item in enumerate(self.items):
                if item.number == intent.value and item.enabled:
                    self.focus = i
                    return Activation("activate", item.id)
        elif k == ix.POINTER:
            for i, item in enumerate(self.items):
                if item.enabled and hit(self.rects.get(item.id), intent.pos) and hit(self.view, intent.pos):
                    self.focus = i
        elif k == ix.CLICK:
            for item_id, (left, right) in self.arrow_rects.items():
                if hit(left, intent.pos):
                    self.focus_id(item_id)
                    return Activation("left", item_id)
                if hit(right, intent.pos):
                    self.focus_id(item_id)
                    return Activation("right", item_id)
            for i, item in enumerate(self.items):
                if item.enabled and hit(self.rects.get(item.id), intent.pos) and hit(self.view, intent.pos):
                    self.focus = i
                    kind = "right" if item.value is not None else "activate"
                    return Activation(kind, item.id)
            if self.track and hit(self.track, intent.pos):
                self._page(-1 if intent.pos[1] < self.track[1] + self.track[3] / 2 else 1)
        elif k == ix.SCROLL and self.view and self.content_h > self.view[3]:
            self.scroll = max(0.0, min(self.content_h - self.view[3], self.scroll - intent.value * 60))
        return None

    # a row of buttons side by side, when they fit ---------------------
    def _row_widths(self, canvas: Canvas) -> list[float]:
        out = []
        for item in self.items:
            tw, _ = canvas.text.measure(item.label, self.style)
            if item.detail:
                tw = max(tw, canvas.text.measure(item.detail, "small")[0])
            badge = self._badge_size(canvas) + PAD if item.number is not None else 0
            out.append(tw + 2 * PAD + 16 + badge)
        return out

    def fits_row(self, canvas: Canvas, width: float) -> bool:
        widths = self._row_widths(canvas)
        return sum(widths) + GAP * 2 * max(0, len(widths) - 1) <= width

    def row_height(self, canvas: Canvas, width: float) -> float:
        """Height needed: one button high when the buttons fit side by side, else stacked."""
        if self.fits_row(canvas, width):
            return max(self._item_height(canvas, item, w + 1) for item, w in zip(self.items, self._row_widths(canvas)))
        return self.total_height(canvas, width)

    def draw_row(self, canvas: Canvas, theme: Theme, rect, align: str = "right", where: str = "buttons") -> None:
        x, y, w, h = rect
        if not self.fits_row(canvas, w):
            self.draw(canvas, theme, rect, where=where)
            return
        widths = self._row_widths(canvas)
        total = sum(widths) + GAP * 2 * max(0, len(widths) - 1)
        cx = {"left": x, "center": x + (w - total) / 2}.get(align, x + w - total)
        bh = self.row_height(canvas, w)
        self.view = (x - 8, y - 8, w + 16, h + 16)
        self.content_h = bh
        self.track = None
        self.rects.clear()
        self.arrow_rects.clear()
        for i, (item, iw) in enumerate(zip(self.items, widths)):
            r = (cx, y + (h - bh) / 2, iw, bh)
            self.rects[item.id] = r
            self._draw_item(canvas, theme, item, r, i == self.focus and self.has_focus, where)
            cx += iw + GAP * 2

    def _page(self, direction: int) -> None:
        if self.view:
            self.scroll = max(0.0, min(self.content_h - self.view[3], self.scroll + direction * self.view[3] * 0.8))

    # drawing -----------------------------------------------------------
    def measure(self, canvas: Canvas, width: float) -> list[float]:
        heights = []
        for item in self.items:
            heights.append(self._item_height(canvas, item, width))
        return heights

    def total_height(self, canvas: Canvas, width: float) -> float:
        heights = self.measure(canvas, width)
        return sum(heights) + GAP * max(0, len(heights) - 1)

    def _label_width(self, canvas: Canvas, item: Item, width: float) -> float:
        badge = self._badge_size(canvas) + PAD if item.number is not None else 0
        return width - 2 * PAD - badge

    def _badge_size(self, canvas: Canvas) -> float:
        return canvas.text.line_height(self.style) + 4

    def _value_layout(self, canvas: Canvas, item: Item, width: float):
        """Option rows: label and value side by side if they fit, else stacked."""
        inner = width - 2 * PAD
        arrows = 2 * (self._arrow_w(canvas) + 4)
        vw, _ = canvas.text.measure(item.value or "", self.style)
        lw, _ = canvas.text.measure(item.label, self.style)
        side = lw + vw + arrows + 24 <= inner
        return side, inner, arrows, vw

    def _arrow_w(self, canvas: Canvas) -> float:
        return max(30.0, canvas.text.line_height(self.style) * 0.42 + 16)

    def _item_height(self, canvas: Canvas, item: Item, width: float) -> float:
        if item.value is not None:
            side, inner, arrows, _vw = self._value_layout(canvas, item, width)
            lh = canvas.text.line_height(self.style)
            if side:
                h = lh
            else:
                h = canvas.text.wrap(item.label, self.style, inner).height + 6 + \
                    canvas.text.wrap(item.value, self.style, inner - arrows).height
            if item.detail:
                h += 4 + canvas.text.wrap(item.detail, "small", inner).height
            return max(self.min_height, h + 2 * PAD)
        lw = self._label_width(canvas, item, width)
        h = canvas.text.wrap(item.label, self.style, lw).height
        if item.detail:
            h += 4 + canvas.text.wrap(item.detail, "small", lw).height
        return max(self.min_height, h + 2 * PAD, self._badge_size(canvas) + 2 * PAD if item.number else 0)

    def grid_height(self, canvas: Canvas, width: float, columns: int) -> float:
        cw = (width - GAP * 2 * (columns - 1)) / columns
        heights = self.measure(canvas, cw)
        rows = [max(heights[i:i + columns]) for i in range(0, len(heights), columns)]
        return sum(rows) + GAP * max(0, len(rows) - 1)

    def draw_grid(self, canvas: Canvas, theme: Theme, rect, where: str = "grid") -> None:
        x, y, w, h = rect
        cols = self.columns
        cw = (w - GAP * 2 * (cols - 1)) / cols
        heights = self.measure(canvas, cw)
        self.view = (x - 8, y - 8, w + 16, h + 16)
        self.track = None
        self.rects.clear()
        self.arrow_rects.clear()
        cy = y
        for start in range(0, len(self.items), cols):
            rh = max(heights[start:start + cols])
            for j, item in enumerate(self.items[start:start + cols]):
                r = (x + j * (cw + GAP * 2), cy, cw, rh)
                self.rects[item.id] = r
                self._draw_item(canvas, theme, item, r, start + j == self.focus and self.has_focus, where)
            cy += rh + GAP
        self.content_h = cy - y - GAP
        if self.content_h > h + 0.5:
            canvas.overflows.append(f"{where}: a grid of buttons needs {self.content_h:.0f} high, has {h:.0f}")

    def draw(self, canvas: Canvas, theme: Theme, rect, valign: str = "top", where: str = "list") -> None:
        if self.columns > 1:
            self.draw_grid(canvas, theme, rect, where)
            return
        x, y, w, h = rect
        heights = self.measure(canvas, w)
        total = sum(heights) + GAP * max(0, len(heights) - 1)
        scrolling = total > h + 0.5
        if scrolling:
            w -= SCROLLBAR + 8
            heights = self.measure(canvas, w)
            total = sum(heights) + GAP * max(0, len(heights) - 1)
        self.content_h = total
        self.view = (x - 8, y - 8, w + 16 + (SCROLLBAR + 8 if scrolling else 0), h + 16)
        offset = 0.0
        if not scrolling:
            self.scroll = 0.0
            if valign == "middle":
                offset = (h - total) / 2
            elif valign == "bottom":
                offset = h - total
        else:
            # keep the focused item in view
            top = sum(heights[: self.focus]) + GAP * max(0, self.focus)
            if 0 <= self.focus < len(heights):
                if top < self.scroll:
                    self.scroll = top
                elif top + heights[self.focus] > self.scroll + h:
                    self.scroll = top + heights[self.focus] - h
            self.scroll = max(0.0, min(total - h, self.scroll))
        self.rects.clear()
        self.arrow_rects.clear()
        cy = y + offset - self.scroll
        with canvas.clip((x - 8, y - 8, w + 16, h + 16)):
            for i, (item, ih) in enumerate(zip(self.items, heights)):
                r = (x, cy, w, ih)
                self.rects[item.id] = r
                if cy + ih >= y - 8 and cy <= y + h + 8:
                    self._draw_item(canvas, theme, item, r, i == self.focus and self.has_focus, where)
                cy += ih + GAP
        self.track = None
        if scrolling:
            self.track = draw_scrollbar(canvas, theme, x + w + 8, y, h, total, self.scroll)

    def _draw_item(self, canvas: Canvas, theme: Theme, item: Item, r, focused: bool, where: str) -> None:
        x, y, w, h = r
        if item.primary and item.enabled:
            fill, text_colour = theme.primary, theme.primary_text
        else:
            fill = theme.button_hover if focused else theme.button
            text_colour = theme.button_text if item.enabled else theme.button_disabled
        canvas.rect(r, fill, radius=RADIUS)
        canvas.rect(r, theme.panel_border if item.enabled else theme.grid, radius=RADIUS, width=2)
        if focused:
            focus_ring(canvas, theme, r)
        if item.value is not None:
            self._draw_option(canvas, theme, item, r, text_colour, where)
            return
        lx = x + PAD
        if item.number is not None:
            b = self._badge_size(canvas)
            canvas.rect((x + PAD, y + PAD, b, b), theme.badge, radius=8)
            canvas.text_in(str(item.number), self.style, (x + PAD, y + PAD, b, b), theme.badge_text,
                           align="center", valign="middle", where=where + " badge")
            lx += b + PAD
        lw = self._label_width(canvas, item, w)
        block = canvas.text.wrap(item.label, self.style, lw)
        detail_h = canvas.text.wrap(item.detail, "small", lw).height + 4 if item.detail else 0
        inner_h = block.height + detail_h
        ty = y + (h - inner_h) / 2
        canvas.text_in(item.label, self.style, (lx, ty, lw, block.height), text_colour, where=where)
        if item.detail:
            canvas.text_in(item.detail, "small", (lx, ty + block.height + 4, lw, detail_h - 4),
                           text_colour if item.primary else theme.text_muted, where=where + " detail")

    def _draw_option(self, canvas: Canvas, theme: Theme, item: Item, r, colour, where: str) -> None:
        x, y, w, h = r
        side, inner, arrows, vw = self._value_layout(canvas, item, w)
        lh = canvas.text.line_height(self.style)
        if side:
            canvas.text_in(item.label, self.style, (x + PAD, y + PAD, inner - vw - arrows - 24, lh), colour,
                           where=where)
            vy = y + PAD
            vx = x + w - PAD - arrows - vw
            val_w = vw
        else:
            lb = canvas.text.wrap(item.label, self.style, inner)
            canvas.text_in(item.label, self.style, (x + PAD, y + PAD, inner, lb.height), colour, where=where)
            vy = y + PAD + lb.height + 6
            vx = x + PAD + arrows / 2
            val_w = inner - arrows
        vb = canvas.text.wrap(item.value or "", self.style, val_w + 1)
        aw = self._arrow_w(canvas)
        left = (vx - aw - 4, vy, aw, max(lh, vb.height))
        right = (vx + min(val_w, vb.width) + 4, vy, aw, max(lh, vb.height))
        size = aw - 16
        triangle(canvas, (left[0] + aw / 2, left[1] + left[3] / 2), size, "left", colour)
        triangle(canvas, (right[0] + aw / 2, right[1] + right[3] / 2), size, "right", colour)
        self.arrow_rects[item.id] = (left, right)
        canvas.text_in(item.value or "", self.style, (vx, vy, val_w + 1, vb.height), colour, where=where + " value")
        if item.detail:
            dy = vy + max(lh, vb.height) + 4
            canvas.text_in(item.detail, "small", (x + PAD, dy, inner, y + h - PAD - dy), theme.text_muted,
                           where=where + " detail")


class TextField:
    """A one-line text box for a name; keeps focus state from its screen."""

    def __init__(self, text: str = "", max_len: int = 24):
        self.text = text
        self.max_len = max_len
        self.rect: tuple | None = None

    def handle(self, intent: ix.Intent) -> bool:
        if intent.kind == ix.TEXT:
            clean = "".join(ch for ch in str(intent.value) if ch.isprintable() and ch not in "{}")
            self.text = (self.text + clean)[: self.max_len]
            return True
        if intent.kind == ix.BACKSPACE:
            self.text = self.text[:-1]
            return True
        if intent.kind == ix.DELETE_WORD:
            self.text = self.text.rstrip().rsplit(" ", 1)[0] if " " in self.text.strip() else ""
            return True
        return False

    def draw_frame(self, canvas: Canvas, theme: Theme, rect, focused: bool) -> None:
        """The panel, border and focus ring of a text field, drawn before its text; the rect is kept for clicks."""
        self.rect = rect
        canvas.rect(rect, theme.panel, radius=10)
        canvas.rect(rect, theme.text if focused else theme.panel_border, radius=10, width=2)
        if focused:
            focus_ring(canvas, theme, rect, 10)

    def draw(self, canvas: Canvas, theme: Theme, rect, focused: bool, blink: bool, where: str = "field") -> None:
        self.draw_frame(canvas, theme, rect, focused)
        x, y, w, h = rect
        shown = self.text or ""
        block = canvas.text_in(shown or " ", "body", (x + PAD, y, w - 2 * PAD - 6, h), theme.text,
                               valign="middle", where=where)
        if focused and blink:
            cw = canvas.text.measure(shown, "body")[0] if shown else 0
            cx = x + PAD + min(cw, w - 2 * PAD - 4) + 2
            canvas.rect((cx, y + (h - block.line_height) / 2 + 4, 3, block.line_height - 8), theme.text)
