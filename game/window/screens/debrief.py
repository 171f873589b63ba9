"""After each scene: how the story's shown meters moved, each move with its tag and why, and the secure move not taken."""

from __future__ import annotations

from game.engine import TAGS
from game.engine.debrief import meter_series

from ..chart import Series, chart_height, draw_chart
from ..text import quoted
from ..theme import FAMILY_WORDS
from ..widgets import Block, Item, ItemList, ScrollColumn
from .common import PageScreen

# Line styles for the shown meters, in order: colour, dashed, marker. Each differs from the others in at least
# two of the three, so the chart reads without colour; a fifth meter starts the list again.
STYLES = (("closeness", False, "circle"), ("safety", True, "square"), ("closeness", True, "square"),
          ("safety", False, "circle"))


def shown(story) -> list[tuple[str, str, bool, str]]:
    """(meter, colour, dashed, marker) for every meter the debrief shows (each declared meter not hidden)."""
    return [(name, *STYLES[i % len(STYLES)]) for i, name in enumerate(story.shown_meters)]


def signed(n: int) -> str:
    return f"+{n}" if n > 0 else ("no change" if n == 0 else f"−{-n}")


def chart_block(app, moves, x_labels) -> Block:
    story = app.session.story
    series = []
    meters = [story.meters[name] for name, *_ in shown(story)]
    lo, hi = (min(m.min for m in meters), max(m.max for m in meters)) if meters else (0, 10)
    for name, colour, dashed, marker in shown(story):
        meter = story.meters[name]
        series.append(Series(meter.label, tuple(meter_series(moves, name, meter.start)), colour, dashed, marker))

    def draw(canvas, theme, rect):
        draw_chart(canvas, theme, rect, series, lo, hi, x_labels)

    block = Block("custom", draw=draw)
    block.height = 0  # set when measured: depends on text size
    block.measure = lambda canvas: chart_height(canvas)  # type: ignore[attr-defined]
    return block


def move_blocks(app, index: int, move, other_side: str = "") -> list[Block]:
    story = app.session.story
    out = [Block("text", f"{index}. {quoted(move.text)}", style="label")]
    for tag in move.tags:
        info = TAGS.get(tag)
        if info is None:
            continue
        out.append(Block("text", f"{FAMILY_WORDS.get(info.family, info.family)} move: {info.label}",
                         style="small", indent=24, marker=info.family))
    changes = []
    for name, *_ in shown(story):
        if name in move.before:
            a, b = move.before[name], move.after.get(name, move.before[name])
            changes.append(f"{story.meters[name].label} {a} to {b} ({signed(b - a)})")
    if changes:
        out.append(Block("text", " · ".join(changes), style="small", indent=24))
    if move.why:
        out.append(Block("text", move.why, style="body", indent=24))
    if other_side:
        out.append(Block("text", f"The other side: {other_side}", style="italic", indent=24))
    for missed in move.missed_secure:
        out.append(Block("text", f"A secure move you could have made: {quoted(missed)}", style="italic", indent=24))
    out.append(Block("gap", height=18))
    return out


class DebriefScreen(PageScreen):
    name = "debrief"

    def __init__(self, app):
        runner = app.session.runner
        self.scene = runner.scene
        self.heading = f"After “{self.scene.title}”"
        self.compare = None  # a scene played again: the two tries side by side (compare.py)
        super().__init__(app)
        self.background = self.scene.location_for(runner.role)

    def build(self) -> None:
        comparison = self.app.session.debrief(self.scene.id).comparison
        if comparison is not None:
            from .compare import Comparison
            self.heading = f"“{self.scene.title}”, played again"
            self.compare = Comparison(self, comparison)
            return
        runner = self.app.session.runner
        moves = [m for m in runner.moves if m.scene_id == self.scene.id]
        skipped = self.scene.id in getattr(runner.state, "skipped", [])
        self.head: list[Block] = []
        self.moves: list[Block] = []
        if not moves:
            why = "You skipped this scene, so there are no moves to look at." if skipped else \
                "You made no choices in this scene."
            self.moves.append(Block("text", why))
        else:
            labels = [self.app.session.story.meters[name].label.lower() for name, *_ in shown(self.app.session.story)]
            named = " and ".join([", ".join(labels[:-1]), labels[-1]] if len(labels) > 1 else labels) or "the meters"
            self.head.append(Block("text", f"How {named} moved with each of your choices. "
                                           "The numbers are the values after each choice.", style="small"))
            self.head.append(Block("gap", height=10))
            self.head.append(chart_block(self.app, moves, ["Start"] + [str(i) for i in range(1, len(moves) + 1)]))
            self.head.append(Block("gap", height=14))
            for i, item in enumerate(self.app.session.debrief(self.scene.id).notes, 1):
                self.moves.extend(move_blocks(self.app, i, item.move, item.other_side))
        self.column.blocks = self.head + self.moves
        self.side = ScrollColumn()
        ended = runner.phase == "ended"  # an early ending cut this scene short
        # Continue starts unfocused, so Enter pressed to get through the scene's last lines does not skip the debrief.
        self.buttons = ItemList([Item("continue", "Continue to the ending" if ended else "Continue", primary=True)],
                                focus=None)

    def handle(self, intent) -> None:
        if self.compare is not None and self.compare.scroll(intent):
            return
        super().handle(intent)

    def draw_content(self, canvas, rect) -> None:
        if self.compare is not None:
            self.compare.draw(canvas, rect)
            return
        for block in self.head:
            if hasattr(block, "measure"):
                block.height = block.measure(canvas)
        x, y, w, h = rect
        if self.head and self.app.settings.text_size <= 1.25:
            # side by side: the chart stays in view while the moves scroll
            left_w = 470
            self.side.blocks = self.head
            self.side.draw(canvas, self.theme, (x, y, left_w, h), where="debrief chart")
            if self.column.blocks is not self.moves:
                self.column.blocks = self.moves
            self.column.draw(canvas, self.theme, (x + left_w + 40, y, w - left_w - 40, h), where="debrief moves")
        else:
            if self.column.blocks is self.moves:
                self.column.blocks = self.head + self.moves
            self.column.draw(canvas, self.theme, rect, where="debrief text")

    def on_button(self, item_id: str) -> None:
        if self.compare is not None:
            self.compare.on_button(item_id)
            return
        self.app.after_debrief()

    def on_back(self) -> None:
        pass  # the debrief is part of the story's flow: Continue moves on

    def shot_key(self) -> str | None:
        return f"debrief_{self.scene.id}" + ("_again" if self.compare is not None else "")

    def speech(self) -> str:
        if self.compare is not None:
            return self.compare.speech()
        runner = self.app.session.runner
        moves = [m for m in runner.moves if m.scene_id == self.scene.id]
        parts = [self.heading]
        for i, m in enumerate(moves, 1):
            labels = ", ".join(TAGS[t].label for t in m.tags if t in TAGS)
            parts.append(f"Move {i}: {m.text}. {labels}. {m.why}")
        parts.append("Press Tab, then Enter, to continue.")
        return " ".join(parts)
