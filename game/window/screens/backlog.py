"""History: every line shown so far, newest at the bottom, scrollable."""

from __future__ import annotations

from .. import input as ix
from ..widgets import Block, Item, ItemList
from .common import PageScreen


class BacklogScreen(PageScreen):
    name = "backlog"
    heading = "History"
    overlay = True
    opaque = False

    def build(self) -> None:
        blocks = []
        for line in self.app.session.runner.backlog:
            if line.speaker_name:
                blocks.append(Block("text", line.speaker_name, style="label"))
            blocks.append(Block("text", line.text, style="body", indent=24 if line.speaker_name else 0))
            blocks.append(Block("gap", height=14))
        if not blocks:
            blocks = [Block("text", "Nothing has been said yet.")]
        self.column.blocks = blocks
        self.column.stick_to_end = True
        self.buttons = ItemList([Item("close", "Close (Esc)", primary=True)])

    def handle(self, intent: ix.Intent) -> None:
        if intent.kind == ix.BACKLOG:
            self.app.stack.pop()
            return
        if intent.kind == ix.PAGE_DOWN and self.column.scroll >= self.column.max_scroll - 1:
            self.app.stack.pop()
            return
        super().handle(intent)

    def on_button(self, item_id: str) -> None:
        self.app.stack.pop()

    def speech(self) -> str:
        lines = self.app.session.runner.backlog[-3:]
        said = ". ".join(f"{x.speaker_name}: {x.text}" if x.speaker_name else x.text for x in lines)
        return f"History. The last lines: {said}"
