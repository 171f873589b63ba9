"""The pause menu, drawn over the scene."""

from __future__ import annotations

from .. import input as ix
from ..canvas import LOGICAL_H, LOGICAL_W, Canvas
from ..widgets import Item, ItemList, panel
from .base import Screen


class PauseScreen(Screen):
    name = "pause"
    opaque = False

    def __init__(self, app):
        super().__init__(app)
        skip_allowed = app.assignment is None or app.assignment.skip_allowed
        self.menu = ItemList([
            Item("resume", "Resume", primary=True),
            Item("save", "Save"),
            Item("load", "Load"),
            Item("settings", "Settings"),
            Item("breathe", "Pause and breathe"),
            Item("notes", "Content notes"),
            Item("skip", "Skip this scene (read its summary)", enabled=skip_allowed,
                 detail="" if skip_allowed else "Turned off for this assignment"),
            Item("title", "Quit to title"),
        ])

    def handle(self, intent: ix.Intent) -> None:
        if intent.kind in (ix.BACK, ix.MENU):
            self.app.stack.pop()
            return
        act = self.menu.handle(intent)
        if not act:
            return
        app = self.app
        if act.id == "resume":
            app.stack.pop()
        elif act.id in ("save", "load"):
            app.open("save_load", mode=act.id)
        elif act.id == "settings":
            app.open("settings", overlay=True)
        elif act.id == "breathe":
            app.open("breathe")
        elif act.id == "notes":
            app.open("content_notes", overlay=True)
        elif act.id == "skip":
            app.skip_scene()
        elif act.id == "title":
            app.go_title()

    def draw(self, canvas: Canvas) -> None:
        theme = self.theme
        canvas.dim(theme.dim, theme.dim_alpha)
        text = canvas.text
        width = 520
        heading = "Paused"
        hh = text.line_height("heading")
        avail = LOGICAL_H - 80 - hh - 70
        self.menu.columns = 1
        list_h = self.menu.total_height(canvas, width)
        if list_h > avail:
            width = 1000
            if self.menu.grid_height(canvas, width, 2) <= avail:
                self.menu.columns = 2
                list_h = self.menu.grid_height(canvas, width, 2)
            else:  # very large text: one column that scrolls, focus kept in view
                list_h = avail
        h = min(LOGICAL_H - 60, hh + 40 + list_h + 50)
        x = (LOGICAL_W - width) / 2 - 40
        y = (LOGICAL_H - h) / 2
        panel(canvas, theme, (x, y, width + 80, h))
        canvas.text_in(heading, "heading", (x + 40, y + 24, width, hh), theme.text, where="pause heading")
        self.menu.draw(canvas, theme, (x + 40, y + 24 + hh + 16, width, h - hh - 40 - 40), where="pause menu")

    def speech(self) -> str:
        f = self.menu.focused
        return f"Paused. {f.label}" if f else "Paused"
