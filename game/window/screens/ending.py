"""The ending: first a picture (the last place, the two of you, the ending's title), then the whole year.

The picture is what the player sees when the story ends; "The whole year"
opens the report (what happened and why, the chart, every move), and Back
from the report returns to the picture.
"""

from __future__ import annotations

import time

from game.engine.debrief import ending_reasons, family_counts
from game.engine.saves import data_dir
from game.engine.vocabulary import FAMILY_WORDS, KIND_WORDS, MOVE_FAMILIES

from .. import input as ix
from ..canvas import LOGICAL_H, LOGICAL_W
from ..widgets import Block, Item, ItemList, panel
from .common import PageScreen, draw_background, place_of
from .debrief import chart_block, move_blocks
from .info import paragraphs

FINISH = dict(id="finish", label="Finish the assignment", detail="the last questions and your hand-in code")


class EndingScreen(PageScreen):
    name = "ending"

    def __init__(self, app):
        runner = app.session.runner
        self.ending = runner.ending
        self.heading = self.ending.title if self.ending else "The end"
        self.picture = True  # the composed picture first; the report after "The whole year"
        super().__init__(app)
        self.background = place_of(runner)
        self.picture_buttons = ItemList([
            Item("story", "The whole year", detail="what happened, and why", primary=True),
            Item("replay", "Play as the other partner", detail=self.other_title),
            Item("scenes", "Play a scene again", detail="try another move"),
            Item("title", "Back to title"),
        ], focus=0)
        if app.assignment is not None:  # an assignment goes on to its last questions and the hand-in code
            self.picture_buttons.items[1:] = [Item(**FINISH)]

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
            blocks += paragraphs(runner.ending_text, gap=14)
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
                                 for f in MOVE_FAMILIES)
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
            Item("scenes", "Play a scene again", detail="try another move"),
            Item("export", "Save for a class report", detail="no names in it"),
            Item("title", "Back to title"),
        ])
        if app.assignment is not None:
            self.buttons.items = [Item(**FINISH, primary=True)]
        self.other_role = other
        self.other_title = other_title

    def draw_content(self, canvas, rect) -> None:
        for block in self.column.blocks:
            if hasattr(block, "measure"):
                block.height = block.measure(canvas)
        super().draw_content(canvas, rect)

    @property
    def kind_word(self) -> str:
        return KIND_WORDS.get(self.ending.kind, self.ending.kind) if self.ending else ""

    def handle(self, intent: ix.Intent) -> None:
        if not self.picture:
            super().handle(intent)
            return
        k = intent.kind
        if k == ix.BACK:
            self.app.go_title()
            return
        if k in (ix.LEFT, ix.RIGHT, ix.NEXT, ix.PREV):
            step = -1 if k in (ix.LEFT, ix.PREV) else 1
            if not self.picture_buttons.move(step):
                self.picture_buttons.set_focus(0 if step > 0 else len(self.picture_buttons.items) - 1)
            return
        act = self.picture_buttons.handle(intent)
        if act:
            self.on_button(act.id)

    def draw(self, canvas) -> None:
        if not self.picture:
            super().draw(canvas)
            return
        theme = self.theme
        draw_background(self, canvas, self.background)
        if self.ending:
            figures = self.app.art.ending(self.ending.kind, canvas.px_rect((0, 0, LOGICAL_W, LOGICAL_H)).size)
            if figures is not None:
                canvas.image(figures, (0, 0, LOGICAL_W, LOGICAL_H))
        text = canvas.text
        # the ending's kind and title, on a card at the top
        width = LOGICAL_W - 240
        label = f"Ending: {self.kind_word}" if self.ending else ""
        lb = text.wrap(label, "label", width) if label else None
        tb = text.wrap(self.heading, "title", width)
        inner_w = max(tb.width, lb.width if lb else 0)
        card_h = tb.height + (lb.height + 8 if lb else 0) + 40
        card = ((LOGICAL_W - inner_w - 80) / 2, 36, inner_w + 80, card_h)
        panel(canvas, theme, card, radius=20)
        y = card[1] + 20
        if lb:
            canvas.text_in(label, "label", (card[0] + 40, y, inner_w + 1, lb.height), theme.text_muted,
                           align="center", where="ending kind")
            y += lb.height + 8
        canvas.text_in(self.heading, "title", (card[0] + 40, y, inner_w + 1, tb.height), theme.text,
                       align="center", where="ending title")
        # the buttons along the bottom
        buttons = self.picture_buttons
        bw = LOGICAL_W - 160
        room = LOGICAL_H - 36 - (card[1] + card[3] + 24)
        # side by side when they fit, else the grid that covers least of the picture (large text), else a list
        buttons.columns = 1
        grids = sorted((buttons.grid_height(canvas, bw, c), c) for c in (4, 3, 2) if c <= len(buttons.items))
        if buttons.fits_row(canvas, bw):
            bh = buttons.row_height(canvas, bw)
        elif grids and grids[0][0] <= room:
            bh, buttons.columns = grids[0]
        else:
            bh = min(room, buttons.total_height(canvas, bw))
        top = LOGICAL_H - 36 - bh
        buttons.draw_row(canvas, theme, (80, top, bw, bh), align="center", where="ending buttons")

    def on_button(self, item_id: str) -> None:
        if item_id == "story":
            self.picture = False
        elif item_id == "finish":
            self.app.assignment.finish()
        elif item_id == "replay":
            self.app.open_new_game(role=self.other_role)
        elif item_id == "scenes":
            self.app.open("replay")
        elif item_id == "export":
            stamp = time.strftime("%Y%m%d-%H%M%S")
            path = data_dir() / "exports" / f"tether-session-{self.app.session.runner.role}-{stamp}.json"
            self.app.toast(self.app.write_session_log(path), seconds=10)
        else:
            self.app.go_title()

    def on_back(self) -> None:
        self.picture = True

    def shot_key(self) -> str | None:
        return "ending" if self.picture else "ending_story"

    def speech(self) -> str:
        if self.picture:
            focused = self.picture_buttons.focused
            button = f" Button: {focused.label}" if focused else ""
            return f"Ending: {self.kind_word}. {self.heading}.{button}"
        text = self.app.session.runner.ending_text if self.ending else ""
        return f"Ending: {self.heading}. {text}"
