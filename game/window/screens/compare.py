"""The debrief of a scene played again: the first try and this one side by side, then what differs.

At text sizes up to 125 % the two tries stand in two columns that scroll
together; larger text stacks them in one column, the first try above.
"""

from __future__ import annotations

from .. import input as ix
from ..widgets import Block, Item, ItemList, ScrollColumn
from .debrief import chart_block, move_blocks

SIDE_BY_SIDE = 1.25  # the largest text size at which the two tries stand side by side
GUTTER = 40


def try_blocks(app, attempt) -> list[Block]:
    """One try: its label, what it did to the meters and how many moves were secure, its chart, its moves."""
    out = [Block("text", attempt.label, style="label"),
           Block("text", f"{attempt.changes()}. {attempt.secure_sentence()}", style="small")]
    if attempt.ending:
        out.append(Block("text", f"It ended the story: {attempt.ending}.", style="small"))
    out.append(Block("gap", height=10))
    moves = [n.move for n in attempt.notes]
    if moves:
        out.append(chart_block(app, moves, ["Start"] + [str(i) for i in range(1, len(moves) + 1)]))
        out.append(Block("gap", height=14))
        for i, note in enumerate(attempt.notes, 1):
            out.extend(move_blocks(app, i, note.move, note.other_side))
    else:
        out.append(Block("text", "Skipped: no moves." if attempt.skipped else "No choices.", style="body"))
    return out


class Comparison:
    """The comparison part of a DebriefScreen: its blocks, its buttons, how it lays out and scrolls."""

    def __init__(self, screen, comparison):
        self.screen = screen
        self.comparison = comparison
        app = screen.app
        sentences = comparison.sentences()  # how both began, each try, what differs: the tries speak for themselves
        self.head = [Block("text", sentence, style="small") for sentence in (sentences[0], sentences[-1])]
        self.head.append(Block("gap", height=14))
        self.first = try_blocks(app, comparison.first)
        self.second = try_blocks(app, comparison.second)
        self.right = ScrollColumn()
        back = "Back to the ending" if screen.app.session.replay.back_to == "ending" else "Back to the title"
        # nothing focused at first: Enter pressed to get through the scene's last lines does not leave the debrief
        screen.buttons = ItemList([Item("another", "Play another scene"), Item("back", back, primary=True)],
                                  focus=None)
        screen.column.blocks = self.head + self.first + [Block("gap", height=24)] + self.second

    def side_by_side(self) -> bool:
        return self.screen.app.settings.text_size <= SIDE_BY_SIDE

    def draw(self, canvas, rect) -> None:
        screen = self.screen
        for block in self.first + self.second:
            if hasattr(block, "measure"):
                block.height = block.measure(canvas)
        x, y, w, h = rect
        if not self.side_by_side():
            screen.column.blocks = self.head + self.first + [Block("gap", height=24)] + self.second
            screen.column.draw(canvas, screen.theme, rect, where="comparison text")
            return
        head_h = sum(canvas.text.wrap(b.text, b.style, w).height if b.kind == "text" else b.height
                     for b in self.head)
        top = ScrollColumn(self.head)
        top.draw(canvas, screen.theme, (x, y, w, head_h), where="comparison head")
        half = (w - GUTTER) / 2
        screen.column.blocks = self.first
        self.right.blocks = self.second
        screen.column.draw(canvas, screen.theme, (x, y + head_h, half, h - head_h), where="first try")
        self.right.draw(canvas, screen.theme, (x + half + GUTTER, y + head_h, half, h - head_h), where="this try")

    def scroll(self, intent) -> bool:
        """Both columns scroll together, so the two tries stay level."""
        if intent.kind not in (ix.UP, ix.DOWN, ix.PAGE_UP, ix.PAGE_DOWN, ix.HOME, ix.END, ix.SCROLL, ix.CLICK):
            return False
        moved = self.screen.column.handle(intent)
        if self.side_by_side() and self.right.view is not None:
            if intent.kind == ix.CLICK and moved:
                self.right.scroll = min(self.right.max_scroll, self.screen.column.scroll)
                return True
            moved = self.right.handle(intent) or moved
        return moved

    def on_button(self, item_id: str) -> None:
        app = self.screen.app
        app.after_debrief()  # back where the replay started: the ending, or the title
        if item_id == "another":
            app.open("replay")

    def speech(self) -> str:
        parts = [self.screen.heading, "You played this scene again."] + self.comparison.sentences()
        focused = self.screen.buttons.focused
        parts.append(f"Button: {focused.label}" if focused else "Press Tab, then Enter, to go on.")
        return " ".join(parts)
