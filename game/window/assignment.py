"""An assignment in the window: the steps around play, in the order the terminal takes them.

The student's code, the questions before, the role (asked only when the assignment leaves a choice),
the assigned scenes, the questions after (the last assigned scene's debrief or the ending comes
first), the choice to share written answers, and the hand-in code. Stopping part way (back to the
title, or closing the window) shows the hand-in code so far. The order and the rules are the
engine's AssignmentFlow, which the terminal and the browser page follow too; this only shows each
of its stages on a screen.
"""

from __future__ import annotations

import os
from pathlib import Path

from game.engine.assignment import Assignment, Question, read_assignment
from game.engine.assignment_flow import AssignmentFlow
from game.engine.assignment_play import AssignmentPlay
from game.engine.diagnostics import DiagnosticBag

SUFFIX = ".tether.yaml"
MAX_LISTED = 60  # files shown in the list
MAX_SCANNED = 5000  # entries looked at under one searched folder, its subfolders included (Downloads can be huge)
MAX_DEPTH = 2  # subfolders looked into below a searched folder: Documents/Psychology/Week 5/ is found
MAX_SHOWN_PROBLEMS = 4


def search_folders() -> list[Path]:
    """Where a student's assignment file probably is: here, then Documents and Downloads."""
    import platformdirs

    folders = [Path.cwd()]
    for find in (platformdirs.user_documents_dir, platformdirs.user_downloads_dir):
        try:
            folders.append(Path(find()))
        except (OSError, ValueError):  # pragma: no cover - no home folder
            pass
    out: list[Path] = []
    for folder in folders:
        if folder not in out:
            out.append(folder)
    return out


def find_assignment_files(folders: list[Path]) -> list[Path]:
    """The *.tether.yaml files in `folders` and their subfolders up to MAX_DEPTH down, newest first.

    Breadth-first, so files near the top are found before a deep tree uses up the budget of entries read;
    hidden folders and links to folders are not entered, and no file is listed twice."""
    found: dict[Path, float] = {}
    for root in folders:
        scanned = 0
        level = [Path(root)]
        for _depth in range(MAX_DEPTH + 1):
            below: list[Path] = []
            for folder in level:
                if scanned >= MAX_SCANNED:
                    break
                try:
                    with os.scandir(folder) as entries:
                        for entry in entries:
                            scanned += 1
                            if scanned > MAX_SCANNED:
                                break
                            _look_at(entry, found, below)
                except OSError:
                    continue
            level = sorted(below)
    ordered = sorted(found.items(), key=lambda item: (-item[1], str(item[0])))
    return [path for path, _ in ordered[:MAX_LISTED]]


def _look_at(entry: os.DirEntry, found: dict, below: list) -> None:
    """An assignment file is kept in `found` (path -> when changed); a folder to look into goes in `below`."""
    try:
        if entry.name.lower().endswith(SUFFIX) and entry.is_file():
            found.setdefault(Path(entry.path), entry.stat().st_mtime)
        elif not entry.name.startswith(".") and entry.is_dir(follow_symlinks=False):
            below.append(Path(entry.path))
    except OSError:
        pass


def read_for(app, path: Path) -> tuple[Assignment | None, list[str]]:
    """The assignment in `path`, checked against the story; else the problems, as file:line:col lines."""
    bag = DiagnosticBag()
    assignment = read_assignment(Path(path), bag, app.session.story)
    problems = [str(d) for d in bag.sorted() if d.is_error]
    if len(problems) > MAX_SHOWN_PROBLEMS:
        problems = problems[:MAX_SHOWN_PROBLEMS] + [f"... and {len(problems) - MAX_SHOWN_PROBLEMS} more "
                                                    "(tether assign lint shows them all)"]
    return assignment, problems


def open_assignment_file(app, path: Path, code: str | None = None) -> None:
    """Start the assignment in `path` (from `tether play --assignment`); a broken file opens the chooser,
    which says what is wrong."""
    assignment, problems = read_for(app, path)
    if assignment is None:
        app.open("open_assignment", path=str(path), problems=problems)
        return
    WindowAssignment(app, assignment).begin(code)


class WindowAssignment:
    """The window's side of an assignment sitting: which screen shows the engine flow's stage."""

    def __init__(self, app, assignment: Assignment):
        self.app = app
        self.assignment = assignment
        self.flow: AssignmentFlow | None = None  # the engine's flow, once a code is taken
        self.home_session = app.session  # the session the title screen shows, back when the assignment is left

    # ---- starting -----------------------------------------------------------------------------
    def begin(self, code: str | None = None) -> None:
        """Show the assignment's first page; with a code that fits, go straight on to the questions."""
        self.app.assignment = self
        self.app.reset_to("assignment_code", self, code or "")
        if code and self.code_problem(code) is None:
            self.use_code(code)

    def code_problem(self, code: str) -> str | None:
        return AssignmentPlay.code_problem(self.assignment, code)

    def use_code(self, code: str) -> str | None:
        """Start with this code; returns why it cannot be used, or None."""
        app = self.app
        flow, problem = AssignmentFlow.start(self.assignment, self.home_session.story, code,
                                             log_path=getattr(app.options, "log", None))
        if flow is None:
            return problem
        self.flow = flow
        app.session = flow.session
        if getattr(app.options, "continue_game", False):
            self.resume()
        elif flow.session.latest_slot() is not None:
            app.open("assignment_resume", self)
        else:
            self.next_stage()
        return None

    def resume(self) -> None:
        ok, message = self.flow.resume()
        if ok and self.flow.stage == "handin":  # finished earlier: the hand-in code again, nothing asked twice
            self.app.toast(message, seconds=8)
            self.hand_in(final=True)
        elif ok:
            self.app.resume_game(message)
        else:
            self.app.toast(message, seconds=8)
            self.next_stage()

    def start_again(self) -> None:
        self.next_stage()

    def next_stage(self) -> None:
        """Show the flow's stage: its questions, the role, the sharing choice or the hand-in code."""
        flow, app, options = self.flow, self.app, self.app.options
        stage = flow.stage
        if stage in ("before", "after"):
            app.reset_to("assignment_questions", self, flow.questions, stage)
        elif stage == "role":
            role = flow.fixed_role(getattr(options, "role", None))
            if role is not None:
                app.start_game(role, getattr(options, "partner_name", None), getattr(options, "pronouns", None))
            else:
                app.open("new_game", role=None, partner_name=getattr(options, "partner_name", None),
                         pronouns=getattr(options, "pronouns", None), roles=flow.roles)
        elif stage == "share":
            app.reset_to("assignment_share", self)
        elif stage == "handin":
            self.hand_in(final=True)

    def start_game(self, role: str, partner_name: str | None, pronouns: str | None) -> None:
        """The role is chosen (or fixed): play begins."""
        self.flow.begin(role, partner_name, pronouns)

    def answer_option(self, question: Question, position: int) -> None:
        self.flow.answer_option(question, position)

    def answer_text(self, question: Question, text: str) -> None:
        if text.strip():
            self.flow.answer(question.id, text)
        else:
            self.flow.play.answers.pop(question.id, None)  # emptied: no answer
            self.flow.keep_log()

    def questions_done(self) -> None:
        self.flow.answers_done()
        self.next_stage()

    def questions_back(self, which: str) -> None:
        """Back from the first question before play: the first page, where the code can be changed."""
        if which == "before":
            code = self.flow.play.code
            self.app.session = self.home_session
            self.flow = None
            self.app.reset_to("assignment_code", self, code)

    def share(self, yes: bool) -> None:
        self.flow.share(yes)
        self.next_stage()

    # ---- during play -----------------------------------------------------------------------------
    @property
    def training(self) -> bool:
        """Meters shown while playing: the teacher's setting, whatever the student's own is."""
        return self.assignment.training

    @property
    def skip_allowed(self) -> bool:
        return self.assignment.skip_allowed

    def playing(self) -> bool:
        return self.flow is not None and self.flow.stage == "playing"

    def after_debrief(self) -> bool:
        """Continue on a debrief: after the last assigned scene, the assignment goes on to its end."""
        if self.playing() and self.flow.play_over and self.app.session.runner.phase != "ended":
            self.finish()
            return True
        return False

    # ---- the end ------------------------------------------------------------------------------------
    def finish(self) -> None:
        """Play is over (the ending, or the last assigned scene's debrief): on to the questions after."""
        self.flow.end_play()
        self.next_stage()

    def hand_in(self, final: bool, closing: bool = False) -> None:
        """Show the hand-in code (at the end, or so far); the flow keeps it in a file too."""
        code = self.flow.handin()
        self.app.reset_to("handin", self, code, final, closing)

    def worth_handing_in(self) -> bool:
        """Stopping now has something to hand in (as in the terminal: a choice was made)."""
        flow = self.flow
        return flow is not None and flow.can_hand_in() and bool(flow.runner.moves)

    def stop(self) -> bool:
        """The student goes back to the title. True when a screen of the assignment's is shown instead."""
        flow = self.flow
        if flow is None or flow.stage not in ("playing", "role"):
            self.leave()
            return False
        if flow.stage == "playing" and flow.play_over:
            self.finish()
            return True
        if self.worth_handing_in():
            flow.session.quit()  # saved, so the same code continues it
            self.hand_in(final=False)
            return True
        self.leave()
        return False

    def closing_window(self) -> bool:
        """The window's close button: first the hand-in code so far (True), as the terminal gives it when
        stopped at any point after a choice (during play or the questions after); then it closes."""
        top = self.app.stack.top
        if self.flow is None or self.flow.stage == "handin" or (top is not None and top.name == "handin"):
            return False
        if not self.worth_handing_in():
            return False
        self.flow.session.quit()
        self.hand_in(final=False, closing=True)
        return True

    def leave(self) -> None:
        """Back to the game as it was before the assignment, with its session."""
        app = self.app
        app.session = self.home_session
        if app.assignment is self:
            app.assignment = None

    # ---- for the screens ------------------------------------------------------------------------------
    def answer_of(self, question: Question):
        return self.flow.play.answers.get(question.id) if self.flow else None

    @property
    def log_path(self) -> Path | None:
        return self.flow.log_path if self.flow else None
