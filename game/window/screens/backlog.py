"""History: every line shown so far and every choice made, in order, newest at the bottom, scrollable."""

from __future__ import annotations

from .. import input as ix
from ..text import quoted
from ..widgets import Block, Item, ItemList
from .common import PageScreen


class BacklogScreen(PageScreen):
    name = "backlog"
    heading = "History"
    overlay = True
    opaque = False

    def build(self) -> None:
        blocks = []
        for kind, item in history(self.app.session.runner):
            if kind == "choice":
                # a choice stands out by its words and its shape, not by colour alone
                blocks.append(Block("text", f"You chose: {quoted(item.text)}", style="label", marker="choice"))
            else:
                if item.speaker_name:
                    blocks.append(Block("text", item.speaker_name, style="label"))
                blocks.append(Block("text", item.text, style="body", indent=24 if item.speaker_name else 0))
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
        said = []
        for kind, item in history(self.app.session.runner)[-3:]:
            if kind == "choice":
                said.append(f"You chose: {item.text}")
            else:
                said.append(f"{item.speaker_name}: {item.text}" if item.speaker_name else item.text)
        return f"History. The last lines: {'. '.join(said)}"


def history(runner) -> list[tuple[str, object]]:
    """Lines shown and choices made, in the order they happened: ("line", ShownLine) or ("choice", Move).

    Each move records how many lines had been shown when it was made. A move from an older save
    without that goes after the last line of its own scene shown before the next move's scene."""
    line_ids = runner.state.backlog
    moves = runner.moves
    places = []
    floor = 0
    for move in moves:
        at = move.at_line
        if at is None:
            prefix = move.scene_id + "."
            seen = [i + 1 for i, lid in enumerate(line_ids) if i >= floor and lid.startswith(prefix)]
            at = seen[-1] if seen else floor
        at = max(floor, min(at, len(line_ids)))
        places.append(at)
        floor = at
    out: list[tuple[str, object]] = []
    m = 0
    for i, line_id in enumerate(line_ids):
        while m < len(moves) and places[m] <= i:
            out.append(("choice", moves[m]))
            m += 1
        if line_id in runner.story.lines:
            out.append(("line", runner.show(line_id)))
    out.extend(("choice", move) for move in moves[m:])
    return out
