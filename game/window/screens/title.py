"""The title screen: continue, new game, load, settings, content notes, about; the disclaimer."""

from __future__ import annotations

from .. import input as ix
from ..canvas import LOGICAL_W, Canvas
from ..widgets import Block, Item, ItemList, ScrollColumn, hit, panel
from .base import Screen
from .common import draw_background


def saved_when(iso: str) -> str:
    """'2025-11-26T14:02:10' -> '26 Nov 2025, 14:02'."""
    import datetime as dt

    try:
        when = dt.datetime.fromisoformat(str(iso))
    except ValueError:
        return str(iso)
    return f"{when.day} {when.strftime('%b %Y, %H:%M')}"


class TitleScreen(Screen):
    name = "title"

    def __init__(self, app):
        super().__init__(app)
        self.menu = ItemList([])
        self.notice = ScrollColumn()
        self.refresh()

    def refresh(self) -> None:
        session = self.app.session
        latest = session.latest_slot()
        items = []
        if latest:
            info = session.slots()[latest]
            role = session.story.roles.get(info.role)
            detail = f"{info.scene_title} · {role.title if role else info.role} · {saved_when(info.saved_at)}"
            items.append(Item("continue", "Continue", detail=detail, primary=True))
        items += [
            Item("new", "New game", primary=not latest),
            Item("load", "Load", enabled=bool(session.slots()),
                 detail="" if session.slots() else "Nothing saved yet"),
            Item("settings", "Settings"),
            Item("notes", "Content notes"),
            Item("about", "About & learn more"),
            Item("quit", "Quit"),
        ]
        self.menu = ItemList(items, focus=0, min_height=52)

    def on_resume(self) -> None:
        focused = self.menu.focused.id if self.menu.focused else None
        self.refresh()
        if focused:
            self.menu.focus_id(focused)

    def handle(self, intent: ix.Intent) -> None:
        if self.handle_scroll(intent):
            return
        act = self.menu.handle(intent)
        if not act:
            return
        app = self.app
        if act.id == "continue":
            app.continue_latest()
        elif act.id == "new":
            app.open_new_game()
        elif act.id == "load":
            app.open("save_load", mode="load")
        elif act.id == "settings":
            app.open("settings")
        elif act.id == "notes":
            app.open("content_notes")
        elif act.id == "about":
            app.open("about")
        elif act.id == "quit":
            app.quit()

    def draw(self, canvas: Canvas) -> None:
        theme = self.theme
        story = self.app.session.story
        draw_background(self, canvas, "title")
        text = canvas.text
        x, y = 80, 44
        tb = text.wrap(story.title, "title", 700)
        canvas.text_in(story.title, "title", (x, y, 700, tb.height), theme.text, where="title")
        y += tb.height + 2
        tagline = "A story about closeness, distance and feeling safe together."
        sb = text.wrap(tagline, "italic", LOGICAL_W - 2 * x)
        if len(sb.lines) == 1:  # at large text sizes the buttons need the room more
            canvas.text_in(tagline, "italic", (x, y, LOGICAL_W - 2 * x, sb.height), theme.text, where="tagline")
            y += sb.height
        y += 24
        bottom = 720 - 36
        left_w = 470 if self.app.settings.text_size <= 1.25 else 560
        self.menu.columns = 1
        self.menu.draw(canvas, theme, (x, y, left_w, bottom - y), where="title menu")
        dx = x + left_w + 50
        self._disclaimer(canvas, story.disclaimer or "", dx, LOGICAL_W - dx - 50, y, bottom)

    def handle_scroll(self, intent: ix.Intent) -> bool:
        """Page Up/Down and the wheel over it scroll the disclaimer when it is longer than its panel."""
        if intent.kind in (ix.PAGE_UP, ix.PAGE_DOWN):
            return self.notice.handle(intent)
        if intent.kind == ix.SCROLL and self.notice.view and hit(self.notice.view, self.app.pointer):
            return self.notice.handle(intent)
        if intent.kind == ix.CLICK and self.notice.track and hit(self.notice.track, intent.pos):
            return self.notice.handle(intent)
        return False

    def _disclaimer(self, canvas: Canvas, disclaimer: str, x: float, w: float, top: float, bottom: float) -> None:
        if not disclaimer:
            return
        text = canvas.text
        self.notice.blocks = [Block("text", "Please read", style="label"), Block("gap", height=6),
                              Block("text", disclaimer, style="small")]
        need = text.wrap("Please read", "label", w - 48).height + 6 + text.wrap(disclaimer, "small", w - 48).height
        h = min(bottom - top, need + 36)
        panel(canvas, self.theme, (x, bottom - h, w, h))
        self.notice.draw(canvas, self.theme, (x + 24, bottom - h + 18, w - 48, h - 36), where="disclaimer")

    def speech(self) -> str:
        f = self.menu.focused
        return f"{self.app.session.story.title}. {f.label}. {f.detail}" if f else ""
