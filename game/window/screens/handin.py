"""The hand-in code: shown whole and wrapped, copied to the clipboard with one button, and kept in a file.

It appears at the end of an assignment, and when the student stops part way (back to the title, or
closing the window), as the hand-in code so far.
"""

from __future__ import annotations

from game.engine.assignment_play import HANDIN_HELP
from game.engine.handin import PREFIX

from .. import input as ix
from ..canvas import Canvas
from ..clipboard import copy
from ..widgets import Block, Item, ItemList
from .assign_open import _home
from .common import PageScreen

GROUP = 4  # characters between spaces on screen; the copy and the file hold the code unbroken


def grouped(code: str) -> str:
    """The code as shown: in groups of four after the prefix, so it wraps at a space and reads in chunks."""
    body = code[len(PREFIX):] if code.startswith(PREFIX) else code
    return (PREFIX if code.startswith(PREFIX) else "") + " ".join(body[i:i + GROUP] for i in range(0, len(body), GROUP))


class HandinScreen(PageScreen):
    name = "handin"

    def __init__(self, app, sitting, code: str, final: bool, closing: bool = False):
        self.sitting, self.code, self.final, self.closing = sitting, code, final, closing
        self.heading = "Your hand-in code" if final else "Your hand-in code so far"
        self.status = ""
        super().__init__(app)

    def build(self) -> None:
        shown = grouped(self.code)

        def draw_code(canvas, theme, rect):
            x, y, w, h = rect
            # a box, not a panel: it scrolls with the page, and the page's own panel holds it
            canvas.rect(rect, theme.button, radius=12)
            canvas.rect(rect, theme.panel_border, radius=12, width=2)
            canvas.text_in(shown, "body", (x + 24, y + 16, w - 48, h - 32), theme.text, valign="middle",
                           where="hand-in code")

        code_block = Block("custom", draw=draw_code)
        code_block.measure = lambda canvas, w: canvas.text.wrap(shown, "body", w - 48).height + 32  # type: ignore[attr-defined]
        # the code first, so it is in view at any text size; what to do with it after
        blocks = [code_block, Block("gap", height=10)]
        if self.status:
            blocks += [Block("text", self.status, style="label"), Block("gap", height=8)]
        blocks += [Block("text", f"{HANDIN_HELP} Press C, or the button below, to copy it."), Block("gap", height=8)]
        flow = self.sitting.flow
        if flow.handin_file or flow.handin_problem:
            kept = flow.handin_problem or f"It is also kept in {_home(flow.handin_file)}."
            blocks.append(Block("text", kept, style="small", colour="error" if flow.handin_problem else "text"))
        if self.sitting.log_path:
            blocks.append(Block("text", f"Your session log (everything you chose and wrote) stays in "
                                        f"{_home(self.sitting.log_path)}.", style="small"))
        if not self.final:
            blocks += [Block("gap", height=8),
                       Block("text", "To go on later, open the assignment again and type the same code.", style="small")]
        self.column.blocks = blocks
        items = [Item("copy", "Copy the code", primary=True)]
        if not self.final:  # back to where the student stopped: the scene, or the questions after
            items.append(Item("play", "Keep playing") if self.sitting.playing() else Item("back", "Go back"))
        items.append(Item("quit", "Quit") if self.closing else Item("title", "Back to title"))
        focus = self.buttons.focus if self.buttons.items else -1
        self.buttons = ItemList(items, focus=None)  # nothing focused: Enter pressed a moment ago does not leave
        self.buttons.focus = focus

    def copy(self) -> None:
        if copy(self.code):
            self.status = "Copied. Paste it into your class's form (Ctrl+V, or Cmd+V on a Mac)."
        else:
            self.status = "This computer would not let Tether copy it: open the file named below, or copy it by hand."
        self.app.toast(self.status.split(".")[0] + ".")
        self.build()

    def handle(self, intent: ix.Intent) -> None:
        if intent.kind == ix.OTHER_KEY and intent.char.lower() == "c":
            self.copy()
            return
        super().handle(intent)

    def on_button(self, item_id: str) -> None:
        if item_id == "copy":
            self.copy()
        elif item_id == "play":
            self.app.resume_game()
        elif item_id == "back":
            self.sitting.next_stage()
        elif item_id == "quit":
            self.sitting.leave()
            self.app.quit()
        else:
            self.sitting.leave()
            self.app.go_title()

    def on_back(self) -> None:
        pass  # a button decides: the code must not vanish with a stray Escape

    def draw_content(self, canvas: Canvas, rect) -> None:
        for block in self.column.blocks:
            if hasattr(block, "measure"):
                block.height = block.measure(canvas, rect[2] - 30)
        super().draw_content(canvas, rect)

    def shot_key(self) -> str | None:
        return "handin" if self.final else "handin_so_far"

    def speech(self) -> str:
        focused = self.buttons.focused
        parts = [self.heading, HANDIN_HELP, self.status, f"Button: {focused.label}" if focused else ""]
        return ". ".join(p for p in parts if p)
