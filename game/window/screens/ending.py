"""The ending: what happened, the whole year's debrief, and an offer to live it as the other partner."""

from __future__ import annotations

import time

from game.engine.debrief import ending_reasons, family_counts
from game.engine.saves import data_dir

from ..theme import FAMILY_WORDS
from ..widgets import Block, Item, ItemList
from .common import PageScreen, place_of
from .debrief import chart_block, move_blocks
from .info import paragraphs

KIND_WORDS = {"growth": "Growth", "escalation": "Escalation", "breakup": "Breakup"}


class EndingScreen(PageScreen):
    name = "ending"

    def __init__(self, app):
        runner = app.session.runner
        self.ending = runner.ending
        self.heading = self.ending.title if self.ending else "The end"
        super().__init__(app)
        self.background = place_of(runner)

    def build(self) -> None:
        app = self.app
        runner = app.session.runner
        story = app.session.story
        moves = runner.moves
        blocks = []
        if self.ending:
            kind = KIND_WORDS.get(self.ending.kind, self.ending.kind)
            blocks.append(Block("text", f"Ending: {kind}", style="label"))
            blocks.append(Block("gap", height=6))
            blocks += paragraphs(runner.render(self.ending.text), gap=14)
        blocks.append(Block("text", "Why this ending", style="label"))
        for reason in ending_reasons(runner):
            blocks.append(Block("text", reason, style="small", indent=24))
        point = app.session.turning_point
        if point is not None:
            blocks.append(Block("gap", height=12))
            blocks.append(Block("text", "The turning point", style="label"))
            for sentence in point.sentences():
                blocks.append(Block("text", sentence, style="small", indent=24))
        blocks.append(Block("gap", height=16))
        blocks.append(Block("text", "The whole story", style="label"))
        if moves:
            blocks.append(Block("text", "Closeness and safety after every choice you made, from the first scene "
                                        "to the last.", style="small"))
            blocks.append(Block("gap", height=8))
            blocks.append(chart_block(app, moves, ["Start"] + [str(i) for i in range(1, len(moves) + 1)]))
            counts = family_counts(moves)
            summary = " · ".join(f"{FAMILY_WORDS[f]}: {counts.get(f, 0)}"
                                 for f in ("secure", "pursue", "withdraw", "corrosive"))
            blocks.append(Block("text", f"Your moves by kind: {summary}", style="body"))
            blocks.append(Block("gap", height=16))
            for scene in story.scenes.values():
                scene_moves = [m for m in moves if m.scene_id == scene.id]
                if not scene_moves:
                    continue
                blocks.append(Block("text", scene.title, style="label"))
                blocks.append(Block("gap", height=6))
                for i, move in enumerate(scene_moves, 1):
                    blocks.extend(move_blocks(app, i, move))
        else:
            blocks.append(Block("text", "You made no choices.", style="body"))
        self.column.blocks = blocks
        other = app.session.other_role(runner.role)
        other_title = story.roles[other].title if other in story.roles else other
        self.buttons = ItemList([
            Item("replay", "Play as the other partner", detail=other_title, primary=True),
            Item("export", "Save for a class report", detail="no names in it"),
            Item("title", "Back to title"),
        ])
        self.other_role = other

    def draw_content(self, canvas, rect) -> None:
        for block in self.column.blocks:
            if hasattr(block, "measure"):
                block.height = block.measure(canvas)
        super().draw_content(canvas, rect)

    def on_button(self, item_id: str) -> None:
        if item_id == "replay":
            self.app.open_new_game(role=self.other_role)
        elif item_id == "export":
            stamp = time.strftime("%Y%m%d-%H%M%S")
            path = data_dir() / "exports" / f"tether-session-{self.app.session.runner.role}-{stamp}.json"
            self.app.toast(self.app.write_session_log(path), seconds=10)
        else:
            self.app.go_title()

    def on_back(self) -> None:
        self.app.go_title()

    def shot_key(self) -> str | None:
        return "ending"

    def speech(self) -> str:
        text = self.ending.text if self.ending else ""
        return f"Ending: {self.heading}. {text}"
