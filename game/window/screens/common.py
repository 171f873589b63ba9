"""Layout shared by the full-page screens: a background, a panel, a heading, content and buttons."""

from __future__ import annotations

from .. import input as ix
from ..canvas import LOGICAL_H, LOGICAL_W, Canvas
from ..widgets import ItemList, ScrollColumn, panel
from .base import Screen

MARGIN = 40


def place_of(runner) -> str:
    """Where the player is now: the node's place, else the role's, else the scene's."""
    return runner.scene.location_for(runner.role, runner.state.node)


def draw_background(screen: Screen, canvas: Canvas, key: str | None, dim: int = 0) -> None:
    size = canvas.px_rect((0, 0, LOGICAL_W, LOGICAL_H)).size
    canvas.clear(screen.theme.dim)
    canvas.image(screen.app.art.background(key, size), (0, 0, LOGICAL_W, LOGICAL_H))
    if screen.theme.name == "high_contrast":
        canvas.dim((0, 0, 0), 200)
    elif dim:
        canvas.dim(screen.theme.dim, dim)


class PageScreen(Screen):
    """Heading, a scrolling column and a row of buttons, on a panel over a background.

    Arrow keys and the mouse wheel scroll the column; Tab, Left/Right and
    number keys move between buttons; Enter presses the focused button.
    """

    background = "default"
    heading = ""
    overlay = False

    def __init__(self, app):
        super().__init__(app)
        self.column = ScrollColumn()
        self.buttons = ItemList([])
        self.build()

    def build(self) -> None:
        """Fill self.column.blocks and self.buttons.items."""

    def on_button(self, item_id: str) -> None:
        """A button was pressed."""

    def handle(self, intent: ix.Intent) -> None:
        k = intent.kind
        if k == ix.BACK:
            self.on_back()
            return
        if k in (ix.LEFT, ix.RIGHT, ix.NEXT, ix.PREV):
            step = -1 if k in (ix.LEFT, ix.PREV) else 1
            if not self.buttons.move(step):
                self.buttons.set_focus(0 if step > 0 else len(self.buttons.items) - 1)
            return
        if k in (ix.UP, ix.DOWN, ix.PAGE_UP, ix.PAGE_DOWN, ix.HOME, ix.END, ix.SCROLL):
            if self.column.handle(intent):
                return
        if k == ix.CLICK and self.column.handle(intent):
            return
        act = self.buttons.handle(intent)
        if act:
            self.on_button(act.id)

    def on_back(self) -> None:
        self.app.stack.pop()

    def place(self) -> str | None:
        return None if self.background in ("default", "title") else self.background

    def panel_rect(self) -> tuple:
        return (MARGIN, MARGIN, LOGICAL_W - 2 * MARGIN, LOGICAL_H - 2 * MARGIN)

    def draw(self, canvas: Canvas) -> None:
        if self.overlay:
            canvas.dim(self.theme.dim, self.theme.dim_alpha)
        else:
            draw_background(self, canvas, self.background, dim=60)
        px, py, pw, ph = self.panel_rect()
        panel(canvas, self.theme, (px, py, pw, ph))
        inner_x, inner_w = px + 36, pw - 72
        y = py + 24
        if self.heading:
            hb = canvas.text.wrap(self.heading, "heading", inner_w)
            canvas.text_in(self.heading, "heading", (inner_x, y, inner_w, hb.height), self.theme.text,
                           where=f"{self.name} heading")
            y += hb.height + 14
        bh = self._buttons_height(canvas, inner_w, ph * 0.4) if self.buttons.items else 0
        bottom = py + ph - 24
        content_h = bottom - y - (bh + 20 if bh else 0)
        self.draw_content(canvas, (inner_x, y, inner_w, content_h))
        if bh:
            self.buttons.draw_row(canvas, self.theme, (inner_x, bottom - bh, inner_w, bh), where=f"{self.name} buttons")

    def _buttons_height(self, canvas: Canvas, width: float, most: float) -> float:
        """Buttons side by side if they fit; else in columns; else a list that scrolls within `most`."""
        buttons = self.buttons
        buttons.columns = 1
        bh = buttons.row_height(canvas, width)
        if bh <= most or buttons.fits_row(canvas, width):
            return bh
        for columns in (len(buttons.items), 2):
            if 1 < columns <= 3 and buttons.grid_height(canvas, width, columns) <= most:
                buttons.columns = columns
                return buttons.grid_height(canvas, width, columns)
        return most

    def draw_content(self, canvas: Canvas, rect) -> None:
        self.column.draw(canvas, self.theme, rect, where=f"{self.name} text")

    def speech(self) -> str:
        parts = [self.heading]
        focused = self.buttons.focused
        if focused:
            parts.append(f"Button: {focused.label}")
        return ". ".join(p for p in parts if p)
