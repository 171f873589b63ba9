"""Typing into a text field on a screen that also has buttons and lists.

While a field has focus, the keys that type (letters, digits, space) type, and nothing else: a
digit does not pick a numbered button, a space does not press one, and U, L, H and M do not undo,
open the history or the menu. Enter, Tab, Escape and the arrows keep their meanings.
"""

from __future__ import annotations

from . import input as ix
from .canvas import Canvas
from .theme import Theme
from .widgets import PAD, TextField

TYPED_KEYS = (ix.NUMBER, ix.UNDO, ix.BACKLOG, ix.MENU, ix.OTHER_KEY)


def typing(field: TextField, intent: ix.Intent) -> bool:
    """True when `intent` was typing for the focused `field` (handled or to be ignored)."""
    if field.handle(intent):
        return True
    if intent.kind in TYPED_KEYS:
        return True
    return intent.kind == ix.CONFIRM and intent.char == " "


def draw_box(canvas: Canvas, theme: Theme, field: TextField, rect, focused: bool, blink: bool,
             where: str = "answer", placeholder: str = "") -> None:
    """A text box of several lines: the text wrapped, its last lines shown when it is longer than the box."""
    field.draw_frame(canvas, theme, rect, focused)
    x, y, w, h = rect
    inner = (x + PAD, y + PAD / 2, w - 2 * PAD - 6, h - PAD)
    text = canvas.text
    lh = text.line_height("body")
    if not field.text:
        if placeholder and not focused:
            canvas.text_in(placeholder, "small", (inner[0], inner[1] + (lh - text.line_height("small")) / 2,
                                                  inner[2], text.wrap(placeholder, "small", inner[2]).height),
                           theme.text_muted, where=where + " hint")
        if focused and blink:
            canvas.rect((inner[0] + 2, inner[1] + 4, 3, lh - 8), theme.text)
        return
    block = text.wrap(field.text, "body", inner[2])
    fits = max(1, int(inner[3] // block.line_height))
    shown = block.lines[-fits:]
    for i, line in enumerate(shown):
        canvas.text_in(line or " ", "body", (inner[0], inner[1] + i * block.line_height, inner[2], block.line_height),
                       theme.text, where=where)
    if focused and blink:
        last = shown[-1] if shown else ""
        cx = inner[0] + min(text.measure(last, "body")[0], inner[2] - 4) + 2
        cy = inner[1] + (len(shown) - 1) * block.line_height
        canvas.rect((cx, cy + 4, 3, block.line_height - 8), theme.text)


def tail_that_fits(canvas: Canvas, text: str, style: str, width: float) -> str:
    """The end of `text` that fits on one line of `width`, with "…" before it when the start is cut."""
    if canvas.text.measure(text, style)[0] <= width:
        return text
    low, high = 0, len(text)  # binary search on where the shown part starts: at most log2(len) measures
    while low < high:
        mid = (low + high) // 2
        if canvas.text.measure("…" + text[mid:], style)[0] <= width:
            high = mid
        else:
            low = mid + 1
    return "…" + text[low:]


def draw_line(canvas: Canvas, theme: Theme, field: TextField, rect, focused: bool, blink: bool,
              where: str = "field") -> None:
    """A one-line field that shows the end of a long text (a path), where the typing happens."""
    field.draw_frame(canvas, theme, rect, focused)
    x, y, w, h = rect
    inner_w = w - 2 * PAD - 8
    shown = tail_that_fits(canvas, field.text, "body", inner_w)
    lh = canvas.text.line_height("body")
    top = y + (h - lh) / 2
    if shown:
        canvas.text_in(shown, "body", (x + PAD, top, inner_w + 1, lh), theme.text, where=where)
    if focused and blink:
        cx = x + PAD + canvas.text.measure(shown, "body")[0] + 2
        canvas.rect((cx, top + 4, 3, lh - 8), theme.text)
