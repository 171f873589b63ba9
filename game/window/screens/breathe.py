"""Pause and breathe: a slow circle to breathe with. No timer; leave whenever you like."""

from __future__ import annotations

import math

from .. import input as ix
from ..canvas import LOGICAL_H, LOGICAL_W, Canvas
from ..widgets import Item, ItemList
from .base import Screen
from .common import draw_background

CYCLE = 10.0  # seconds: 4 in, 1 hold, 4 out, 1 rest


class BreatheScreen(Screen):
    name = "breathe"

    def __init__(self, app):
        super().__init__(app)
        self.t = 0.0
        self.buttons = ItemList([Item("back", "Back to the story", primary=True)])

    def handle(self, intent: ix.Intent) -> None:
        if intent.kind in (ix.BACK, ix.MENU):
            self.app.stack.pop()
            return
        if self.buttons.handle(intent):
            self.app.stack.pop()

    def update(self, dt: float) -> None:
        self.t = (self.t + dt) % CYCLE

    def phase(self) -> tuple[str, float]:
        t = self.t
        if t < 4:
            return "Breathe in", t / 4
        if t < 5:
            return "Hold", 1.0
        if t < 9:
            return "Breathe out", 1 - (t - 5) / 4
        return "Rest", 0.0

    def draw(self, canvas: Canvas) -> None:
        theme = self.theme
        draw_background(self, canvas, "coast_morning", dim=40)
        text = canvas.text
        still = self.app.settings.reduce_motion
        word, amount = ("Breathe in for four, out for four", 0.6) if still else self.phase()
        eased = 0.5 - 0.5 * math.cos(math.pi * amount)
        bh = self.buttons.row_height(canvas, 600)
        button_y = LOGICAL_H - bh - 30
        wb = text.wrap(word, "heading", 1000)
        word_y = button_y - 24 - wb.height - 16
        big = max(60.0, min(190.0, (word_y - 40) / 2))
        cx, cy = LOGICAL_W / 2, 20 + big
        r = big * (0.35 + 0.6 * eased)
        canvas.rect_alpha((cx - big - 10, cy - big - 10, 2 * big + 20, 2 * big + 20), theme.panel, 150,
                          radius=big + 10)
        canvas.circle((cx, cy), r, theme.safety)
        canvas.circle((cx, cy), big, theme.text_muted, width=2)
        canvas.rect_alpha((cx - wb.width / 2 - 24, word_y, wb.width + 48, wb.height + 16), theme.panel,
                          theme.panel_alpha, radius=14)
        canvas.text_in(word, "heading", (cx - 500, word_y + 8, 1000, wb.height), theme.text, align="center",
                       where="breathe word")
        self.buttons.draw_row(canvas, theme, (cx - 300, button_y, 600, bh), align="center",
                              where="breathe button")

    def shot_key(self) -> str | None:
        return "breathe"

    def speech(self) -> str:
        return "Pause and breathe. Breathe in for four, and out for four. Press Escape to go back."
