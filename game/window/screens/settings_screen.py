"""Settings: text size, text speed, theme, font, self-voicing, meters, motion, full screen, sound."""

from __future__ import annotations

from .. import input as ix
from ..canvas import Canvas
from ..settings import FONTS, TEXT_SIZES, TEXT_SPEEDS, THEMES, VOLUMES
from ..text import FONT_NAMES
from ..voice import NO_ENGINE_MESSAGE
from ..widgets import Item, ItemList
from .common import PageScreen

SPEED_WORDS = {"slow": "Slow", "normal": "Normal", "fast": "Fast", "instant": "Instant"}
THEME_WORDS = {"calm": "Calm", "high_contrast": "High contrast"}


def on_off(value: bool) -> str:
    return "On" if value else "Off"


def volume_word(value: float) -> str:
    return f"{round(value * 100)}%" if value > 0 else "Off"


class SettingsScreen(PageScreen):
    name = "settings"
    heading = "Settings"

    def __init__(self, app, overlay: bool = False):
        self.overlay = overlay
        self.opaque = not overlay
        super().__init__(app)

    def build(self) -> None:
        s = self.app.settings
        voice = self.app.voice
        voice_detail = ("Reads each line and the choices aloud. Press V to hear it again."
                        if voice.available else NO_ENGINE_MESSAGE)
        rows = [
            Item("text_size", "Text size", value=f"{round(s.text_size * 100)}%"),
            Item("text_speed", "Text speed", value=SPEED_WORDS[s.text_speed]),
            Item("theme", "Colours", value=THEME_WORDS[s.theme]),
            Item("font", "Font", value=FONT_NAMES[s.font]),
            Item("self_voicing", "Self-voicing", value=on_off(s.self_voicing), detail=voice_detail),
            Item("show_meters", "Show meters while playing", value=on_off(s.show_meters),
                 detail="Training mode: closeness and safety stay on screen.") if self.app.assignment is None else
            Item("show_meters", "Show meters while playing: "
                 f"{'on' if self.app.show_meters else 'off'} in this assignment",
                 detail="Your teacher sets this for the assignment.", enabled=False),
            Item("reduce_motion", "Reduce motion", value=on_off(s.reduce_motion),
                 detail="No fades and no moving breathing circle."),
            Item("fullscreen", "Full screen (F11)", value=on_off(s.fullscreen)),
            Item("ambient_volume", "Ambient sound", value=volume_word(s.ambient_volume),
                 detail=("Rain, voices, the street: a quiet loop for each place." if self.app.sound.available
                         else "No sound device was found, so the game is silent.")),
            Item("effects_volume", "Interface sounds", value=volume_word(s.effects_volume),
                 detail="A soft sound when you move, choose or go back."),
        ]
        focus = self.rows.focus if hasattr(self, "rows") else 0
        self.rows = ItemList(rows, focus=focus)
        self.buttons = ItemList([Item("done", "Done", primary=True)])
        self.rows.has_focus = True
        self.buttons.has_focus = False

    def change(self, item_id: str, step: int) -> None:
        s = self.app.settings

        def cycle(options, current):
            options = list(options)
            return options[(options.index(current) + step) % len(options)]

        if item_id == "text_size":
            s.text_size = cycle(TEXT_SIZES, s.text_size)
        elif item_id == "text_speed":
            s.text_speed = cycle(TEXT_SPEEDS, s.text_speed)
        elif item_id == "theme":
            s.theme = cycle(THEMES, s.theme)
        elif item_id == "font":
            s.font = cycle(FONTS, s.font)
        elif item_id in ("ambient_volume", "effects_volume"):
            setattr(s, item_id, VOLUMES[max(0, min(len(VOLUMES) - 1, VOLUMES.index(getattr(s, item_id)) + step))])
        elif item_id in ("self_voicing", "show_meters", "reduce_motion", "fullscreen"):
            setattr(s, item_id, not getattr(s, item_id))
            if item_id == "self_voicing" and s.self_voicing and not self.app.voice.available:
                self.app.toast(NO_ENGINE_MESSAGE, seconds=8)
        self.app.apply_settings()
        self.build()

    def handle(self, intent: ix.Intent) -> None:
        k = intent.kind
        if k == ix.BACK:
            self.app.stack.pop()
            return
        if k in (ix.UP, ix.DOWN, ix.NEXT, ix.PREV):
            forward = k in (ix.DOWN, ix.NEXT)
            if self.buttons.has_focus:
                self.buttons.has_focus = False
                self.rows.has_focus = True
                self.rows.set_focus(0 if forward else len(self.rows.items) - 1)
            elif not self.rows.move(1 if forward else -1):
                self.rows.has_focus = False
                self.buttons.has_focus = True
            return
        if k in (ix.POINTER, ix.CLICK):
            if any(hit_rect(r, intent.pos) for r in self.buttons.rects.values()):
                self.rows.has_focus, self.buttons.has_focus = False, True
            elif any(hit_rect(r, intent.pos) for r in self.rows.rects.values()):
                self.rows.has_focus, self.buttons.has_focus = True, False
        if k == ix.SCROLL:
            self.rows.handle(intent)
            return
        if self.buttons.has_focus or k == ix.CLICK:
            act = self.buttons.handle(intent)
            if act:
                self.app.stack.pop()
                return
        if self.rows.has_focus or k == ix.CLICK:
            act = self.rows.handle(intent, wrap=False)
            if act:
                self.change(act.id, -1 if act.kind == "left" else 1)

    def draw_content(self, canvas: Canvas, rect) -> None:
        self.rows.draw(canvas, self.theme, rect, where="settings row")

    def speech(self) -> str:
        f = self.rows.focused if self.rows.has_focus else self.buttons.focused
        if not f:
            return "Settings"
        return f"{f.label}: {f.value}" if f.value is not None else f"Button: {f.label}"


def hit_rect(rect, pos) -> bool:
    x, y, w, h = rect
    return pos is not None and x <= pos[0] < x + w and y <= pos[1] < y + h
