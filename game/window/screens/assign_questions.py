"""An assignment's questions, one to a page (Likert, multiple choice, a short written answer), and the
student's choice whether to hand in what they wrote."""

from __future__ import annotations

from game.engine.assignment import MAX_TEXT_ANSWER
from game.engine.assignment_play import SHARE_NOTE, SHARE_QUESTION, TEXT_NOTE, AssignmentPlay

from .. import input as ix
from ..canvas import Canvas
from ..fields import draw_box, typing
from ..widgets import Block, Item, ItemList, ScrollColumn, TextField, hit
from .common import PageScreen

OPTIONS, FIELD, BUTTONS = range(3)
HEADINGS = {"before": "Before you play", "after": "After playing"}
ANSWER_LINES = 4


class QuestionsScreen(PageScreen):
    """One question at a time. An option is picked with its number, a click, or the arrows and Enter, and
    the next question follows; nothing starts focused, so Enter pressed to get here picks nothing."""

    name = "assignment_questions"

    def __init__(self, app, sitting, questions, which: str):
        self.sitting, self.questions, self.which = sitting, tuple(questions), which
        self.index = 0
        self.field = TextField("", max_len=MAX_TEXT_ANSWER)
        self.group = OPTIONS
        self.blink = 0.0
        self.message = ""
        self.options = ItemList([], focus=None)
        self.top = ScrollColumn()
        super().__init__(app)

    @property
    def question(self):
        return self.questions[self.index]

    def build(self) -> None:
        q = self.question
        self.heading = f"{HEADINGS.get(self.which, 'Questions')} · {self.index + 1} of {len(self.questions)}"
        prior = self.sitting.answer_of(q)
        self.message = ""
        can_go_back = self.index > 0 or self.which == "before"
        back = [Item("back", "Back")] if can_go_back else []
        if q.kind == "text":
            self.field.text = prior if isinstance(prior, str) else ""
            self.options = ItemList([], focus=None)
            self.buttons = ItemList([Item("next", "Next", primary=True), Item("skip", "Skip this question"), *back],
                                    focus=None)
            self.group = FIELD
        else:
            items = []
            for i, option in enumerate(q.options):
                chosen = prior == AssignmentPlay.option_value(q, i)
                items.append(Item(str(i), option + (" (your answer)" if chosen else ""), number=i + 1, primary=chosen))
            self.options = ItemList(items, focus=None, min_height=52)
            self.buttons = ItemList(back, focus=None)
            self.group = OPTIONS
        self._sync()

    def _sync(self) -> None:
        self.options.has_focus = self.group == OPTIONS
        self.buttons.has_focus = self.group == BUTTONS

    # ---- answering ----
    def pick(self, position: int) -> None:
        self.sitting.answer_option(self.question, position)
        self.next()

    def submit_text(self, allow_empty: bool) -> None:
        if not self.field.text.strip() and not allow_empty:
            self.message = "Type your answer, or choose Skip this question."
            return
        self.sitting.answer_text(self.question, self.field.text)
        self.next()

    def next(self) -> None:
        if self.index + 1 < len(self.questions):
            self.index += 1
            self.build()
        else:
            self.sitting.questions_done()

    def back(self) -> None:
        if self.index > 0:
            self.index -= 1
            self.build()
        else:
            self.sitting.questions_back(self.which)

    def on_button(self, item_id: str) -> None:
        if item_id == "next":
            self.submit_text(allow_empty=False)
        elif item_id == "skip":
            self.submit_text(allow_empty=True)
        elif item_id == "back":
            self.back()

    def on_back(self) -> None:
        if self.index > 0 or self.which == "before":
            self.back()

    # ---- input ----
    def handle(self, intent: ix.Intent) -> None:
        k = intent.kind
        text_question = self.question.kind == "text"
        if k == ix.BACK:
            self.on_back()
            return
        if text_question and k == ix.TEXT and self.group != FIELD:
            self.group = FIELD
            self._sync()
        if self.group == FIELD and typing(self.field, intent):
            self.message = ""
            return
        if k in (ix.NEXT, ix.PREV) or (k in (ix.UP, ix.DOWN) and self.group != OPTIONS):
            first = FIELD if text_question else OPTIONS
            forward = k in (ix.NEXT, ix.DOWN)
            if self.group == BUTTONS and k == ix.NEXT and self.buttons.move(1):
                return
            if self.group == BUTTONS and k == ix.PREV and self.buttons.move(-1):
                return
            self.group = BUTTONS if (self.group == first) == forward and self.buttons.items else first
            if self.group == BUTTONS and self.buttons.focused is None:
                self.buttons.set_focus(0)
            self._sync()
            return
        if k == ix.CLICK:
            if self.field.rect and text_question and hit(self.field.rect, intent.pos):
                self.group = FIELD
                self._sync()
                return
            act = self.buttons.handle(intent)
            if act:
                self.on_button(act.id)
                return
            act = self.options.handle(intent)
            if act:
                self.pick(int(act.id))
                return
            self.top.handle(intent)
            return
        if k in (ix.PAGE_UP, ix.PAGE_DOWN) or (k == ix.SCROLL and not (self.options.view and
                                                                       hit(self.options.view, self.app.pointer))):
            self.top.handle(intent)
            return
        if self.group == FIELD:
            if k == ix.CONFIRM:
                self.submit_text(allow_empty=False)
            return
        if k == ix.NUMBER:
            act = self.options.handle(intent)
            if act:
                self.pick(int(act.id))
            return
        if self.group == BUTTONS:
            if k in (ix.LEFT, ix.RIGHT):
                if not self.buttons.move(-1 if k == ix.LEFT else 1):
                    self.buttons.set_focus(0 if k == ix.RIGHT else len(self.buttons.items) - 1)
                return
            act = self.buttons.handle(intent)
            if act:
                self.on_button(act.id)
            return
        if k == ix.CONFIRM and self.options.focused is None:
            self.message = "Pick an answer: its number, a click, or the arrow keys and then Enter."
            return
        if k == ix.UP and self.options.focus == self.options.enabled_indexes()[0]:
            return
        if k == ix.DOWN and self.options.focused is not None and not self.options.move(1):
            if self.buttons.items:
                self.group = BUTTONS
                self.buttons.set_focus(0)
                self._sync()
            return
        act = self.options.handle(intent, wrap=False)
        if act and act.kind == "activate":
            self.pick(int(act.id))

    def update(self, dt: float) -> None:
        self.blink = (self.blink + dt) % 1.0

    # ---- drawing ----
    def draw_content(self, canvas: Canvas, rect) -> None:
        x, y, w, h = rect
        text, theme = canvas.text, self.theme
        q = self.question
        blocks = [Block("text", q.text)]
        if self.message:
            blocks += [Block("gap", height=6), Block("text", self.message, style="small", colour="error")]
        note = TEXT_NOTE if q.kind == "text" else "How far do you agree?" if q.kind == "likert" else ""
        with_note = blocks + [Block("gap", height=6), Block("text", note, style="small", colour="text_muted")]

        def height(blocks):
            return sum(text.wrap(b.text, b.style, w - 30).height if b.kind == "text" else b.height for b in blocks)

        # the question is what matters: it may take 60 % of the page; the Likert hint gives way to it
        if note and (q.kind == "text" or height(with_note) <= h * 0.6):
            blocks = with_note
        self.top.blocks = blocks
        need = height(blocks)
        if q.kind == "text":
            box_h = text.line_height("body") * ANSWER_LINES + 24
            box_h = min(box_h, max(text.line_height("body") + 24, h * 0.5))
            top_h = min(need, h - box_h - 16)
            self.top.draw(canvas, theme, (x, y, w, top_h), where="question text")
            draw_box(canvas, theme, self.field, (x, y + top_h + 16, w, box_h), self.group == FIELD,
                     self.blink < 0.6, where="answer", placeholder="Type here")
            return
        options_need = self.options.total_height(canvas, w)
        top_h = min(need, max(h * 0.6, h - options_need - 16))
        self.top.draw(canvas, theme, (x, y, w, top_h), where="question text")
        self.options.draw(canvas, theme, (x, y + top_h + 16, w, h - top_h - 16), where="answer option")

    def shot_key(self) -> str | None:
        return f"assignment_{self.which}_{self.question.kind}"

    def speech(self) -> str:
        q = self.question
        parts = [self.heading, q.text, self.message]
        if q.kind == "text":
            parts.append(f"{TEXT_NOTE} Your answer: {self.field.text or 'empty'}")
        elif self.group == OPTIONS and self.options.focused is not None:
            parts.append(f"Answer {self.options.focused.number}: {self.options.focused.label}")
        else:
            parts.append(". ".join(f"{i.number}: {i.label}" for i in self.options.items))
        if self.group == BUTTONS and self.buttons.focused:
            parts.append(f"Button: {self.buttons.focused.label}")
        return ". ".join(p for p in parts if p)


class ShareScreen(PageScreen):
    """Written answers stay on this computer unless the student chooses to hand them in."""

    name = "assignment_share"
    heading = "Your written answers"

    def __init__(self, app, sitting):
        self.sitting = sitting
        super().__init__(app)

    def build(self) -> None:
        blocks = [Block("text", SHARE_QUESTION), Block("gap", height=6), Block("text", SHARE_NOTE, style="small"),
                  Block("gap", height=14)]
        for q in self.sitting.assignment.questions:
            answer = self.sitting.flow.play.answers.get(q.id)
            if q.kind == "text" and answer:
                blocks += [Block("text", q.text, style="label"), Block("text", answer, style="italic", indent=24),
                           Block("gap", height=10)]
        self.column.blocks = blocks
        # Nothing focused: the student picks one on purpose.
        self.buttons = ItemList([Item("share", "Share them"), Item("keep", "Keep them here")], focus=None)

    def on_button(self, item_id: str) -> None:
        self.sitting.share(item_id == "share")

    def on_back(self) -> None:
        pass  # one of the two buttons decides

    def shot_key(self) -> str | None:
        return "assignment_share"

    def speech(self) -> str:
        focused = self.buttons.focused
        return f"{SHARE_QUESTION} {SHARE_NOTE}" + (f" Button: {focused.label}" if focused else "")
