"""Save and load slots, with the autosave and when each was written."""

from __future__ import annotations

from .. import input as ix
from ..canvas import Canvas
from ..widgets import Item, ItemList
from .common import PageScreen
from .title import saved_when

SLOTS = ("autosave", "slot1", "slot2", "slot3", "slot4", "slot5", "slot6")


def slot_name(slot: str) -> str:
    return "Autosave" if slot == "autosave" else f"Slot {slot.removeprefix('slot')}"


class SaveLoadScreen(PageScreen):
    name = "save"

    def __init__(self, app, mode: str = "load"):
        self.mode = mode
        self.name = mode
        self.heading = "Save your game" if mode == "save" else "Load a game"
        in_game = app.session.runner is not None and app.stack.find_play() is not None
        self.overlay = in_game
        self.opaque = not in_game
        self.message = ""
        super().__init__(app)

    def build(self) -> None:
        session = self.app.session
        infos = session.slots()
        story = session.story
        items = []
        for i, slot in enumerate(SLOTS):
            info = infos.get(slot)
            if info:
                role = story.roles.get(info.role)
                detail = f"{info.scene_title} · {role.title if role else info.role} · {saved_when(info.saved_at)}"
            else:
                detail = "Empty"
            label = slot_name(slot)
            enabled = bool(info) if self.mode == "load" else slot != "autosave"
            if slot == "autosave":
                detail += " · written before every choice"
                if self.mode == "save":
                    detail += " (you cannot save over it)"
            items.append(Item(slot, label, number=i if i else None, detail=detail, enabled=enabled))
        focus = self.slots.focus if hasattr(self, "slots") else 0
        self.slots = ItemList(items, focus=focus, min_height=64)
        self.buttons = ItemList([Item("back", "Back")])
        self.slots.has_focus = True
        self.buttons.has_focus = False

    def handle(self, intent: ix.Intent) -> None:
        k = intent.kind
        if k == ix.BACK:
            self.app.stack.pop()
            return
        if k in (ix.NEXT, ix.PREV) or (k in (ix.UP, ix.DOWN) and self.buttons.has_focus):
            self.slots.has_focus = not self.slots.has_focus
            self.buttons.has_focus = not self.slots.has_focus
            return
        if self.buttons.has_focus or k == ix.CLICK:
            if self.buttons.handle(intent):
                self.app.stack.pop()
                return
        act = self.slots.handle(intent, wrap=False) if (self.slots.has_focus or k in (ix.CLICK, ix.NUMBER, ix.POINTER, ix.SCROLL)) else None
        if k == ix.POINTER:
            if any(_hit(r, intent.pos) for r in self.buttons.rects.values()):
                self.slots.has_focus, self.buttons.has_focus = False, True
            elif any(_hit(r, intent.pos) for r in self.slots.rects.values()):
                self.slots.has_focus, self.buttons.has_focus = True, False
        if act and act.kind == "activate":
            self.pick(act.id)

    def pick(self, slot: str) -> None:
        session = self.app.session
        if self.mode == "save":
            saved = session.save(slot)
            self.message = f"Saved to {slot_name(slot)}." if saved else " ".join(session.take_notices())
            self.app.toast(self.message)
            self.build()
            self.slots.focus_id(slot)
        else:
            ok, message = session.load(slot)
            if ok:
                self.app.resume_game(message)
            else:
                self.message = message
                self.app.toast(message)
                self.build()

    def draw_content(self, canvas: Canvas, rect) -> None:
        self.slots.draw(canvas, self.theme, rect, where="slot")

    def speech(self) -> str:
        f = self.slots.focused if self.slots.has_focus else self.buttons.focused
        return f"{self.heading}. {f.label}. {f.detail}" if f else self.heading


def _hit(rect, pos) -> bool:
    x, y, w, h = rect
    return pos is not None and x <= pos[0] < x + w and y <= pos[1] < y + h
