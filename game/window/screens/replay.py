"""Play a scene again: the scenes of each finished game, each to be played from the state it began with."""

from __future__ import annotations

from game.engine.tags import is_secure

from .. import input as ix
from ..canvas import Canvas
from ..widgets import Item, ItemList, hit
from .common import PageScreen

INTRO = ("Each scene starts again with the meters, and everything else, as they were when you began it the first "
         "time. Nothing you do is saved; the debrief sets your two tries side by side.")
SHORT = "Each scene starts as it began the first time. Nothing is saved."
NONE = "There is no finished game to play a scene of yet. Play the story to an ending first."


def scene_items(session) -> list[Item]:
    """One button per scene that can be played again: its title, the role when both were played, how it began."""
    story = session.story
    replayable = session.replayable()
    items = []
    for role, scenes in replayable.items():
        record = session.finished_game(role)
        for scene in scenes:
            entry = record.state.entries[scene]
            began = ", ".join(f"{story.meters[m].label.lower()} {entry['meters'].get(m, story.meters[m].start)}"
                              for m in story.shown_meters)
            moves = [m for m in record.moves if m.scene_id == scene]
            if scene in record.state.skipped and not moves:
                first = "skipped the first time"
            else:
                secure = sum(1 for m in moves if is_secure(m.tags))
                first = f"first time: {len(moves)} move{'s' if len(moves) != 1 else ''}, {secure} secure"
            who = f"{story.roles[role].title} · " if len(replayable) > 1 else ""
            items.append(Item(f"{role}:{scene}", record.render(story.scenes[scene].title),
                              detail=f"{who}began with {began} · {first}"))
    return items


class ReplayScreen(PageScreen):
    name = "replay"
    heading = "Play a scene again"

    def build(self) -> None:
        # nothing focused at first: a key pressed in passing starts no scene
        self.scenes = ItemList(scene_items(self.app.session), focus=None, min_height=64)
        self.buttons = ItemList([Item("back", "Back")], focus=None)
        self.scenes.has_focus, self.buttons.has_focus = True, False
        self.intro = INTRO if self.scenes.items else NONE

    def handle(self, intent: ix.Intent) -> None:
        k = intent.kind
        if k == ix.BACK:
            self.on_back()
            return
        if k in (ix.NEXT, ix.PREV, ix.LEFT, ix.RIGHT) or (k == ix.UP and self.buttons.has_focus):
            to_buttons = not self.buttons.has_focus and k in (ix.NEXT, ix.RIGHT, ix.PREV, ix.LEFT)
            self.scenes.has_focus, self.buttons.has_focus = not to_buttons, to_buttons
            if to_buttons and self.buttons.focus < 0:
                self.buttons.set_focus(0)
            return
        if k == ix.POINTER:
            over_buttons = any(hit(r, intent.pos) for r in self.buttons.rects.values())
            over_scenes = any(hit(r, intent.pos) for r in self.scenes.rects.values())
            if over_buttons or over_scenes:
                self.scenes.has_focus, self.buttons.has_focus = over_scenes, over_buttons
        if (self.buttons.has_focus or k == ix.CLICK) and self.buttons.handle(intent):
            self.on_back()
            return
        if self.scenes.has_focus or k in (ix.CLICK, ix.POINTER, ix.SCROLL, ix.PAGE_UP, ix.PAGE_DOWN):
            act = self.scenes.handle(intent, wrap=False)
            if act and act.kind == "activate":
                role, scene = act.id.split(":", 1)
                self.app.start_replay(scene, role)

    def draw_content(self, canvas: Canvas, rect) -> None:
        x, y, w, h = rect
        intro, top = self.intro, y
        if canvas.text.wrap(intro, "small", w).height > h * 0.3 and self.scenes.items:
            intro = SHORT  # large text: the scenes need the room
            if len(canvas.text.wrap(intro, "small", w).lines) > 1:
                intro = ""  # the largest text: the list alone (a note on the scene says nothing is saved)
        if intro:
            intro_h = canvas.text.wrap(intro, "small", w).height
            canvas.text_in(intro, "small", (x, y, w, intro_h), self.theme.text, where="replay intro")
            top = y + intro_h + 16
        if self.scenes.items:
            self.scenes.draw(canvas, self.theme, (x, top, w, y + h - top), where="replay scenes")

    def speech(self) -> str:
        f = self.scenes.focused if self.scenes.has_focus else self.buttons.focused
        return f"{self.heading}. {f.label}. {f.detail}" if f else f"{self.heading}. {self.intro}"
