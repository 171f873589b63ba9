"""The title screen: continue, new game, load, settings, content notes, about; the disclaimer."""

from __future__ import annotations

from .. import input as ix
from ..canvas import LOGICAL_H, LOGICAL_W, Canvas
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
        self.notice_first = False  # the disclaimer is shown alone until the player goes on
        self.notice_button = ItemList([Item("read", "I have read this", primary=True)], focus=0)
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
        ]
        if session.replayable():
            items.append(Item("replay", "Play a scene again", detail="of a finished game"))
        items += [
            Item("settings", "Settings"),
            Item("notes", "Content notes"),
            Item("about", "About & learn more"),
            Item("assignment", "Open assignment…", detail="from your teacher"),
            Item("quit", "Quit"),
        ]
        self.menu = ItemList(items, focus=0, min_height=52)

    def on_resume(self) -> None:
        focused = self.menu.focused.id if self.menu.focused else None
        self.refresh()
        if focused:
            self.menu.focus_id(focused)

    def handle(self, intent: ix.Intent) -> None:
        if self.notice_first:
            if intent.kind in (ix.CONFIRM, ix.BACK) or self.notice_button.handle(intent):
                self.app.disclaimer_seen = True
                self.notice_first = False
            return
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
        elif act.id == "replay":
            app.open("replay")
        elif act.id == "assignment":
            app.open("open_assignment")
        elif act.id == "settings":
            app.open("settings")
        elif act.id == "notes":
            app.open("content_notes")
        elif act.id == "about":
            app.open("about")
        elif act.id == "quit":
            app.quit()

    def draw(self, canvas: Canvas) -> None:
        """Three layouts, the first that shows the whole disclaimer without scrolling:
        menu and disclaimer side by side; a small title, the disclaimer across, the menu in columns;
        or (very large text) the disclaimer on its own first, then the menu."""
        story = self.app.session.story
        draw_background(self, canvas, "title")
        disclaimer = story.disclaimer or ""
        alone = bool(disclaimer) and self._notice_only(canvas, disclaimer, dry=True)
        self.notice_first = alone and not self.app.disclaimer_seen
        if self.notice_first:
            self._notice_only(canvas, disclaimer)
        elif alone:  # read already: the menu gets the room
            self._side_by_side(canvas, story, "")
        elif self._side_by_side(canvas, story, disclaimer, dry=True):
            self._side_by_side(canvas, story, disclaimer)
        else:
            self._stacked(canvas, story, disclaimer)

    def _heading(self, canvas: Canvas, story, small: bool, dry: bool) -> float:
        """Draw the title (and the tagline when it fits on one line); returns the y below them."""
        text = canvas.text
        x, y = 80, 30 if small else 44
        style = "heading" if small else "title"
        tb = text.wrap(story.title, style, 700)
        if not dry:
            canvas.text_in(story.title, style, (x, y, 700, tb.height), self.theme.text, where="title")
        y += tb.height + 2
        tagline = "A story about closeness, distance and feeling safe together."
        sb = text.wrap(tagline, "italic", LOGICAL_W - 2 * x)
        if len(sb.lines) == 1 and not small:  # at large text sizes the buttons need the room more
            if not dry:
                canvas.text_in(tagline, "italic", (x, y, LOGICAL_W - 2 * x, sb.height), self.theme.text,
                               where="tagline")
            y += sb.height
        return y + (14 if small else 24)

    def _notice_height(self, canvas: Canvas, disclaimer: str, w: float) -> float:
        text = canvas.text
        return text.wrap("Please read", "label", w - 48).height + 6 + text.wrap(disclaimer, "small", w - 48).height + 36

    def _side_by_side(self, canvas: Canvas, story, disclaimer: str, dry: bool = False) -> bool:
        x, bottom = 80, LOGICAL_H - 36
        y = self._heading(canvas, story, small=False, dry=dry)
        left_w = 470 if self.app.settings.text_size <= 1.25 else 560
        dx = x + left_w + 50
        w = LOGICAL_W - dx - 50
        if disclaimer and self._notice_height(canvas, disclaimer, w) > bottom - y:
            return False
        if not dry:
            self.menu.columns = 1
            self.menu.draw(canvas, self.theme, (x, y, left_w, bottom - y), where="title menu")
            self._disclaimer(canvas, disclaimer, dx, w, y, bottom)
        return True

    def _stacked(self, canvas: Canvas, story, disclaimer: str) -> None:
        x, bottom, w = 80, LOGICAL_H - 36, LOGICAL_W - 160
        y = self._heading(canvas, story, small=True, dry=False)
        h = self._notice_height(canvas, disclaimer, w)
        self._disclaimer(canvas, disclaimer, x, w, y, y + h)
        y += h + 20
        menu = self.menu
        for columns in (2, 3, 4):
            if menu.grid_height(canvas, w, columns) <= bottom - y:
                break
        menu.columns = columns if menu.grid_height(canvas, w, columns) <= bottom - y else 1
        menu.draw(canvas, self.theme, (x, y, w, bottom - y), where="title menu")

    def _notice_only(self, canvas: Canvas, disclaimer: str, dry: bool = False) -> bool:
        """The disclaimer alone on a page with one button, when nothing else fits beside it."""
        w = LOGICAL_W - 160
        story = self.app.session.story
        stacked_room = LOGICAL_H - 36 - self._heading(canvas, story, small=True, dry=True)
        need_stacked = self._notice_height(canvas, disclaimer, w) + 20 + self.menu.grid_height(canvas, w, 4)
        side = self._side_by_side(canvas, story, disclaimer, dry=True)
        if dry:
            return not side and need_stacked > stacked_room
        self.menu.columns = 1
        text = canvas.text
        x, y, w = 40, 24, LOGICAL_W - 80
        bh = self.notice_button.row_height(canvas, w / 2)
        body = text.wrap(disclaimer, "small", w - 48)
        h = min(LOGICAL_H - 2 * y, 18 + bh + 12 + body.height + 18)
        panel(canvas, self.theme, (x, y, w, h))
        lb = text.wrap("Please read", "heading", w / 2 - 24)
        canvas.text_in("Please read", "heading", (x + 24, y + 18 + (bh - lb.height) / 2, w / 2 - 24, lb.height),
                       self.theme.text, where="notice heading")
        self.notice_button.draw_row(canvas, self.theme, (x + w / 2, y + 18, w / 2 - 24, bh), where="notice button")
        self.notice.blocks = [Block("text", disclaimer, style="small")]
        top = y + 18 + bh + 12
        self.notice.draw(canvas, self.theme, (x + 24, top, w - 48, y + h - 18 - top), where="disclaimer")
        return True

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
        if self.notice_first:
            return f"Please read. {self.app.session.story.disclaimer}. Button: I have read this"
        f = self.menu.focused
        return f"{self.app.session.story.title}. {f.label}. {f.detail}" if f else ""
