"""An assignment in the window: the steps around play, in the order the terminal takes them.

The student's code, the questions before, the role (asked only when the assignment leaves a choice),
the assigned scenes, the questions after (the last assigned scene's debrief or the ending comes
first), the choice to share written answers, and the hand-in code. Stopping part way (back to the
title, or closing the window) shows the hand-in code so far. The rules live in the engine's
AssignmentPlay; this only decides which screen comes next.
"""

from __future__ import annotations

import os
from pathlib import Path

from game.engine.assignment import Assignment, Question, read_assignment
from game.engine.assignment_play import AssignmentPlay
from game.engine.diagnostics import DiagnosticBag

SUFFIX = ".tether.yaml"
MAX_LISTED = 60  # files shown in the list
MAX_SCANNED = 5000  # entries looked at in one folder (a Downloads folder can be huge)
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
    """The *.tether.yaml files directly in `folders`, newest first; bounded in entries read and files listed."""
    found: list[tuple[float, Path]] = []
    for folder in folders:
        try:
            with os.scandir(folder) as entries:
                for count, entry in enumerate(entries):
                    if count >= MAX_SCANNED:
                        break
                    if entry.name.lower().endswith(SUFFIX):
                        try:
                            if entry.is_file():
                                found.append((entry.stat().st_mtime, Path(entry.path)))
                        except OSError:
                            continue
        except OSError:
            continue
    found.sort(key=lambda item: (-item[0], str(item[1])))
    return [path for _, path in found[:MAX_LISTED]]


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
    AssignmentFlow(app, assignment).begin(code)


class AssignmentFlow:
    def __init__(self, app, assignment: Assignment):
        self.app = app
        self.assignment = assignment
        self.play: AssignmentPlay | None = None
        self.home_session = app.session  # the session the title screen shows, back when the assignment is left
        self.kept_meters = app.settings.show_meters
        self.handed_in = False  # the hand-in code at the end has been shown

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
        problem = self.code_problem(code)
        if problem is not None:
            return problem
        app = self.app
        self.play = AssignmentPlay(self.assignment, self.home_session.story, code)
        app.session = self.play.session(getattr(app.options, "log", None))
        app.settings.show_meters = self.assignment.training  # training mode is the teacher's setting here
        if getattr(app.options, "continue_game", False):
            self.resume()
        elif app.session.latest_slot() is not None:
            app.open("assignment_resume", self)
        else:
            self.ask_before()
        return None

    def resume(self) -> None:
        self.play.restore(self.app.session.log_path)
        ok, message = self.app.session.continue_latest()
        if ok:
            self.app.resume_game(message)
        else:
            self.app.toast(message, seconds=8)
            self.ask_before()

    def ask_before(self) -> None:
        if self.assignment.before:
            self.app.reset_to("assignment_questions", self, self.assignment.before, "before")
        else:
            self.choose_role()

    def choose_role(self) -> None:
        app, options = self.app, self.app.options
        role = self.play.role_for(getattr(options, "role", None))
        if role is not None:
            app.start_game(role, getattr(options, "partner_name", None), getattr(options, "pronouns", None))
        else:
            app.open("new_game", role=None, partner_name=getattr(options, "partner_name", None),
                     pronouns=getattr(options, "pronouns", None), roles=self.assignment.roles)

    def questions_back(self, which: str) -> None:
        """Back from the first question: the questions after play stay (play is over); before play, the first page."""
        if which == "before":
            self.leave_to_code()

    def leave_to_code(self) -> None:
        """Back to the first page, before anything was played: the code can be changed there."""
        code = self.play.code if self.play else ""
        self.app.session = self.home_session
        self.play = None
        self.app.reset_to("assignment_code", self, code)

    def questions_done(self, which: str) -> None:
        if which == "before":
            self.choose_role()
        elif self.play.asks_to_share():
            self.app.reset_to("assignment_share", self)
        else:
            self.hand_in(final=True)

    # ---- during play -----------------------------------------------------------------------------
    @property
    def skip_allowed(self) -> bool:
        return self.assignment.skip_allowed

    def is_done(self) -> bool:
        runner = self.app.session.runner
        return self.play is not None and runner is not None and self.play.is_done(runner)

    def after_debrief(self) -> bool:
        """Continue on a debrief: after the last assigned scene, the assignment goes on to its end."""
        if self.is_done() and self.app.session.runner.phase != "ended":
            self.finish()
            return True
        return False

    # ---- the end ------------------------------------------------------------------------------------
    def finish(self) -> None:
        """Play is over: the questions after, the choice to share written answers, the hand-in code."""
        self.play.finish()
        self.app.session.write_log()
        if self.assignment.after:
            self.app.reset_to("assignment_questions", self, self.assignment.after, "after")
        else:
            self.questions_done("after")

    def share(self, yes: bool) -> None:
        self.play.share_text = yes
        self.hand_in(final=True)

    def hand_in(self, final: bool, closing: bool = False) -> None:
        """Show the hand-in code (at the end, or so far), kept in a file too."""
        session = self.app.session
        if final:
            self.play.finish()
            self.handed_in = True
        session.write_log()
        code = self.play.handin_code(session.runner)
        problem = self.play.keep_handin(code)
        self.app.reset_to("handin", self, code, final, problem, closing)

    def stop(self) -> bool:
        """The student goes back to the title. True when a screen of the assignment's is shown instead."""
        runner = self.app.session.runner
        if self.play is None or self.handed_in:
            self.leave()
            return False
        if self.is_done():
            self.finish()
            return True
        if AssignmentPlay.has_progress(runner):
            self.app.session.quit()  # saved, so the same code continues it
            self.hand_in(final=False)
            return True
        self.leave()
        return False

    def closing_window(self) -> bool:
        """The window's close button: the first time, the hand-in code so far is shown (True); then it closes."""
        top = self.app.stack.top
        if self.play is None or self.handed_in or (top is not None and top.name == "handin"):
            if self.play is not None and self.app.session.runner is not None:
                self.app.session.quit()
            return False
        if not AssignmentPlay.has_progress(self.app.session.runner):
            return False
        self.app.session.quit()
        self.hand_in(final=False, closing=True)
        return True

    def leave(self) -> None:
        """Back to the game as it was before the assignment: its session and the player's meter setting."""
        app = self.app
        app.session = self.home_session
        app.settings.show_meters = self.kept_meters
        if app.assignment is self:
            app.assignment = None

    # ---- for the screens ------------------------------------------------------------------------------
    def answer_of(self, question: Question):
        return self.play.answers.get(question.id) if self.play else None

    @property
    def log_path(self) -> Path | None:
        return self.app.session.log_path if self.play else None
