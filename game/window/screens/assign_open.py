"""Opening an assignment: the file chooser (files found nearby, or a typed path), the student's code,
and, for a code already played, whether to continue or start again."""

from __future__ import annotations

from pathlib import Path

from .. import input as ix
from ..assignment import SUFFIX, WindowAssignment, find_assignment_files, read_for, search_folders
from ..canvas import Canvas
from ..fields import draw_line, typing
from ..widgets import Block, Item, ItemList, ScrollColumn, TextField, hit
from .common import PageScreen
from .info import InfoScreen

FILES, FIELD, BUTTONS = range(3)
MAX_PATH = 1000
MAX_TOAST = 240  # characters of a problem repeated in the toast


def _home(path: Path) -> str:
    """A folder as a person reads it: ~ for the home folder."""
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)


class FieldPage(PageScreen):
    """A page with a scrolling text column, an optional list, one text field and a row of buttons.

    Focus moves between the list, the field and the buttons with Tab (and Up/Down past either end
    of the list); typing always goes to the field. The buttons start unfocused, so Enter pressed on
    the screen before does not press one."""

    field_label = ""
    field_h_lines = 1
    field_w = 10_000.0  # the field's widest

    def __init__(self, app, text: str = "", max_len: int = 100):
        self.field = TextField(text, max_len=max_len)
        self.group = FIELD
        self.blink = 0.0
        self.list = ItemList([], focus=None)
        self.problems: list[str] = []
        self.rects: dict[int, tuple] = {}
        super().__init__(app)
        self.intro = ScrollColumn()
        self.problems_col = ScrollColumn()  # below the field, on a page without a list
        self.compact = False  # large text: the list or the field, not both

    # ---- to fill in ----
    def intro_blocks(self) -> list[Block]:
        return []

    def submit(self) -> None:
        """Enter in the field."""

    def pick(self, item_id: str) -> None:
        """A list item was chosen."""

    def tell(self, problems: list[str]) -> None:
        """Show what is wrong on the page and, so that it is seen at any text size, in a toast too."""
        told = " ".join(self.problems[:2])
        self.problems = problems
        if problems:
            said = " ".join(problems[:2])
            self.app.toast(said if len(said) <= MAX_TOAST else said[:MAX_TOAST - 1] + "…", seconds=8)
        elif told and self.app.toast_text.startswith(told[:MAX_TOAST - 1]):
            self.app.toast_time = 0.0  # put right: the old problem does not follow onto the next page

    # ---- input ----
    def _groups(self) -> list[int]:
        return ([FILES] if self.list.items else []) + [FIELD, BUTTONS]

    def focus(self, group: int) -> None:
        self.group = group
        self.list.has_focus = group == FILES
        self.buttons.has_focus = group == BUTTONS
        if group == BUTTONS and self.buttons.focused is None:
            self.buttons.set_focus(0)
        if group == FILES and self.list.focused is None:
            self.list.set_focus(0)

    def handle(self, intent: ix.Intent) -> None:
        k = intent.kind
        if k == ix.BACK:
            self.on_back()
            return
        if k == ix.TEXT and self.group != FIELD:
            self.focus(FIELD)
        if self.group == FIELD and typing(self.field, intent):
            return
        if k in (ix.NEXT, ix.PREV):
            groups = self._groups()
            at = groups.index(self.group) if self.group in groups else 0
            self.focus(groups[(at + (1 if k == ix.NEXT else -1)) % len(groups)])
            return
        if k == ix.CLICK:
            if self.field.rect and hit(self.field.rect, intent.pos):
                self.focus(FIELD)
                return
            act = self.buttons.handle(intent)
            if act:
                self.on_button(act.id)
                return
            act = self.list.handle(intent)
            if act:
                self.focus(FILES)
                self.pick(act.id)
                return
            self.intro.handle(intent)
            return
        if k in (ix.POINTER, ix.SCROLL):
            if self.list.view and hit(self.list.view, intent.pos or self.app.pointer):
                self.list.handle(intent)
            elif k == ix.SCROLL:
                self.intro.handle(intent)
            else:
                self.buttons.handle(intent)
            return
        if k in (ix.PAGE_UP, ix.PAGE_DOWN):
            self.intro.handle(intent)
            return
        if self.group == FILES:
            if k in (ix.UP, ix.DOWN) and not self.list.move(-1 if k == ix.UP else 1):
                if k == ix.DOWN:
                    self.focus(FIELD)
                return
            act = self.list.handle(intent, wrap=False)
            if act:
                self.pick(act.id)
            return
        if self.group == FIELD:
            if k == ix.CONFIRM:
                self.submit()
            elif k == ix.UP and self.list.items:
                self.focus(FILES)
                self.list.set_focus(len(self.list.items) - 1)
            elif k == ix.DOWN:
                self.focus(BUTTONS)
            return
        if k == ix.UP:
            self.focus(FIELD)
            return
        if k in (ix.LEFT, ix.RIGHT):
            if not self.buttons.move(-1 if k == ix.LEFT else 1):
                self.buttons.set_focus(0 if k == ix.RIGHT else len(self.buttons.items) - 1)
            return
        act = self.buttons.handle(intent)
        if act:
            self.on_button(act.id)

    def update(self, dt: float) -> None:
        self.blink = (self.blink + dt) % 1.0

    # ---- drawing ----
    def draw_content(self, canvas: Canvas, rect) -> None:
        """The problems and the text at the top (scrolling when long), then the list, then the field. When
        text is too large for the list and the field together, the one in use is shown: the list, or (once
        the player types or Tabs to it) the field."""
        x, y, w, h = rect
        text, theme = canvas.text, self.theme
        lab_h = text.wrap(self.field_label, "label", w).height if self.field_label else 0
        field_h = text.line_height("body") * self.field_h_lines + 20
        field_block = lab_h + 8 + field_h
        problems = [Block("text", p, style="small", colour="error") for p in self.problems]
        self.compact = False
        if not self.list.items:  # the field right below the text it belongs to, and what is wrong right below it
            self.problems_col.blocks = problems
            prob_need = sum(text.wrap(p, "small", w - SCROLL_ROOM).height for p in self.problems)
            prob_h = min(prob_need, max(0.0, h - field_block - 8))
            self.intro.blocks = self.intro_blocks()
            need = sum(text.wrap(b.text, b.style, w - SCROLL_ROOM).height if b.kind == "text" else b.height
                       for b in self.intro.blocks)
            top_h = min(need, h - field_block - (prob_h + 8 if prob_h else 0) - 16)
            if top_h >= text.line_height("small"):
                self.intro.draw(canvas, theme, (x, y, w, top_h), where=f"{self.name} text")
                fy = y + top_h + 16
            else:  # very large text: the field and its problem have the page
                fy = y
            self._draw_field_block(canvas, (x, fy, w, field_block), lab_h, field_h)
            if prob_h:
                self.problems_col.draw(canvas, theme, (x, fy + field_block + 8, w, prob_h), where=f"{self.name} problem")
            return
        self.intro.blocks = problems + ([Block("gap", height=8)] if problems else []) + self.intro_blocks()
        need = sum(text.wrap(b.text, b.style, w - SCROLL_ROOM).height if b.kind == "text" else b.height
                   for b in self.intro.blocks)
        one = max(self.list.measure(canvas, w - SCROLL_ROOM), default=0)
        top_h = min(need, h * 0.35)
        list_h = h - top_h - 10 - field_block - 16
        if list_h >= one:
            self.intro.draw(canvas, theme, (x, y, w, top_h), where=f"{self.name} text")
            self.list.draw(canvas, theme, (x, y + top_h + 10, w, list_h), where=f"{self.name} list")
            self._draw_field_block(canvas, (x, y + h - field_block, w, field_block), lab_h, field_h)
            return
        self.compact = True
        if self.group == FIELD:
            top_h = min(need, h - field_block - 16)
            self.intro.draw(canvas, theme, (x, y, w, top_h), where=f"{self.name} text")
            self._draw_field_block(canvas, (x, y + top_h + 16, w, field_block), lab_h, field_h)
        else:
            top_h = min(need, max(h - one - 10, h * 0.3))
            self.intro.draw(canvas, theme, (x, y, w, top_h), where=f"{self.name} text")
            self.list.draw(canvas, theme, (x, y + top_h + 10, w, h - top_h - 10), where=f"{self.name} list")
            self.field.rect = None

    def _draw_field_block(self, canvas: Canvas, rect, lab_h: float, field_h: float) -> None:
        x, y, w, _ = rect
        if self.field_label:
            canvas.text_in(self.field_label, "label", (x, y, w, lab_h), self.theme.text, where=f"{self.name} label")
        self.draw_field(canvas, (x, y + lab_h + 8, w, field_h))

    def draw_field(self, canvas: Canvas, rect) -> None:
        x, y, w, h = rect
        rect = (x, y, min(w, self.field_w), h)
        draw_line(canvas, self.theme, self.field, rect, self.group == FIELD, self.blink < 0.6, where=f"{self.name} field")

    def speech(self) -> str:
        parts = [self.heading] + self.problems
        if self.group == FIELD:
            parts.append(f"{self.field_label} {self.field.text or 'empty'}")
        elif self.group == FILES and self.list.focused:
            parts.append(f"{self.list.focused.label}, in {self.list.focused.detail}")
        elif self.buttons.focused:
            parts.append(f"Button: {self.buttons.focused.label}")
        return ". ".join(p for p in parts if p)


SCROLL_ROOM = 30


class OpenAssignmentScreen(FieldPage):
    """The files an assignment probably is (here, Documents, Downloads), and a field for any other path."""

    name = "open_assignment"
    heading = "Open an assignment"
    field_label = "Or type the path of the file"

    def __init__(self, app, path: str = "", problems: list[str] | None = None, folders: list[Path] | None = None):
        self.folders = folders if folders is not None else search_folders()
        self.files = find_assignment_files(self.folders)
        super().__init__(app, path, max_len=MAX_PATH)
        self.problems = list(problems or [])
        self.focus(FIELD if path or not self.files else FILES)
        self.list.focus = -1  # nothing picked until the player moves or clicks

    def build(self) -> None:
        self.list = ItemList([Item(str(i), path.name, detail=_home(path.parent)) for i, path in enumerate(self.files)],
                             focus=None, min_height=56)
        self.buttons = ItemList([Item("open", "Open", primary=True), Item("back", "Back")], focus=None)

    def intro_blocks(self) -> list[Block]:
        where = ", ".join(_home(f) for f in self.folders)
        if self.files:
            said = (f"Assignment files (ending in {SUFFIX}) in {where} and their subfolders. "
                    "Pick one, or type where yours is.")
        else:
            said = (f"No assignment files (ending in {SUFFIX}) are in {where} or their subfolders. "
                    "Type the path of the file "
                    "your teacher shared, for example ~/Desktop/week5.tether.yaml.")
        return [Block("text", said, style="small")]

    def pick(self, item_id: str) -> None:
        self.open_path(self.files[int(item_id)], typed=False)

    def submit(self) -> None:
        typed = self.field.text.strip()
        if not typed:
            self.tell(["Type the path of the assignment file first, or pick one from the list."])
            return
        self.open_path(Path(typed).expanduser())

    def open_path(self, path: Path, typed: bool = True) -> None:
        if not path.is_absolute():
            path = Path.cwd() / path
        if path.is_dir():
            self.tell([f"{_home(path)} is a folder: type the path of the {SUFFIX} file in it."])
            return
        assignment, problems = read_for(self.app, path)
        if assignment is None:
            self.tell([f"{path.name} cannot be opened:"] + problems)
            if typed:
                self.field.text = str(path)
                self.focus(FIELD)
            return
        self.tell([])
        WindowAssignment(self.app, assignment).begin()

    def on_button(self, item_id: str) -> None:
        if item_id == "open":
            if self.field.text.strip() or self.list.focused is None:
                self.submit()
            else:
                self.pick(self.list.focused.id)
        else:
            self.on_back()

    def shot_key(self) -> str | None:
        return "assignment_open"


class AssignmentCodeScreen(FieldPage):
    """The assignment's first page: what it holds, and the student's code."""

    name = "assignment_code"
    field_label = "Your code (from your teacher)"
    field_w = 420.0

    def __init__(self, app, sitting: WindowAssignment, code: str = ""):
        self.sitting = sitting
        self.heading = f"Assignment: {sitting.assignment.title}"
        super().__init__(app, code, max_len=20)
        self.focus(FIELD)
        if code:
            problem = sitting.code_problem(code)
            self.problems = [f"{problem[0].upper()}{problem[1:]}."] if problem else []

    def build(self) -> None:
        self.buttons = ItemList([Item("start", "Start", primary=True), Item("back", "Back to title")], focus=None)

    def intro_blocks(self) -> list[Block]:
        a, story = self.sitting.assignment, self.sitting.home_session.story
        scenes = [story.scenes[s].title for s in a.scenes if s in story.scenes]
        roles = [story.roles[r].title.lower() for r in a.roles if r in story.roles]
        steps = []
        if a.before:
            steps.append(f"answer {_count(len(a.before), 'question')} before you play")
        scene_words = "the whole year" if tuple(a.scenes) == tuple(story.scene_order) else \
            f"{_count(len(scenes), 'scene')}: {', '.join(scenes)}"
        steps.append(f"play {scene_words}, as {' or '.join(roles)}")
        if a.after:
            steps.append(f"answer {_count(len(a.after), 'question')} after")
        steps.append("get a hand-in code to paste into your class's form")
        said = "You will " + "; ".join(steps) + "."
        blocks = [Block("text", said), Block("gap", height=10),
                  Block("text", "No name is asked for or kept: your teacher knows you by your code only. You can stop "
                                "at any time and get the hand-in code so far.", style="small")]
        if a.training:
            blocks += [Block("gap", height=6), Block("text", "Training mode: the meters show while you play.",
                                                     style="small")]
        return blocks

    def submit(self) -> None:
        problem = self.sitting.use_code(self.field.text)
        self.tell([f"{problem[0].upper()}{problem[1:]}."] if problem else [])

    def on_button(self, item_id: str) -> None:
        if item_id == "start":
            self.submit()
        else:
            self.on_back()

    def on_back(self) -> None:
        self.sitting.leave()
        self.app.go_title()

    def shot_key(self) -> str | None:
        return "assignment_code"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def resume_screen(app, sitting: WindowAssignment) -> InfoScreen:
    """This code has a saved game: continue it, or start the assignment again."""
    recap = app.session.slots()
    latest = recap.get(app.session.latest_slot())
    where = f" You stopped in “{latest.scene_title}”." if latest else ""
    blocks = [Block("text", f"You have played this assignment with the code {sitting.flow.play.code} before.{where}"),
              Block("gap", height=10),
              Block("text", "Continue where you stopped, or start again from the first question.", style="small")]
    screen = InfoScreen(app, "Continue the assignment?", blocks,
                        buttons=[Item("continue", "Continue", primary=True), Item("again", "Start again")],
                        actions={"continue": sitting.resume, "again": sitting.start_again,
                                 "back": lambda: sitting.questions_back("before")},
                        name="assignment_resume")
    screen.buttons.focus = -1  # Enter pressed on the code page does not also pick one
    return screen
