"""Playing an assignment: the scene subset, the student's code, answers, and the hand-in code at the end.

Front ends keep using PlaySession for play itself (saves, the log, debriefs); this adds what an
assignment needs around it (the engine's AssignmentFlow puts it in order for every front end): what
a picked option stores, the words the student reads, and the hand-in code with the file it is kept
in. Free-text answers stay in the local log; they go into the hand-in code only when the student
chooses to share them.
"""

from __future__ import annotations

import time
from pathlib import Path

from game.engine.assignment import Assignment, Question, normal_code
from game.engine.files import LOG_LIMIT, atomic_write_text, read_json
from game.engine.handin import handin_for
from game.engine.model import Story
from game.engine.runner import StoryRunner
from game.engine.saves import SaveStore, data_dir

# What the student reads, in the terminal and the window alike.
TEXT_NOTE = "A short answer; it stays on this computer unless you choose to share it."
SHARE_QUESTION = "Share your written answers with your teacher in the hand-in code?"
SHARE_NOTE = "If you do not, they stay on this computer and only your other answers are handed in."
HANDIN_HELP = "Copy this whole code into the form your teacher gave you. It holds your code, choices and answers; no name."
NO_SKIPPING = "Skipping scenes is turned off for this assignment."
HANDIN_FILE = "hand-in-code.txt"


class AssignmentPlay:
    def __init__(self, assignment: Assignment, story: Story, code: str):
        self.assignment = assignment
        self.full_story = story
        self.story = assignment.story_for(story)
        self.partial = assignment.is_partial(story)
        self.code = normal_code(code)
        self.answers: dict = {}
        self.share_text = False
        self.started: float = time.time()
        self.finished_at: float | None = None

    @staticmethod
    def code_problem(assignment: Assignment, code: str) -> str | None:
        """Why a typed code cannot be used, or None."""
        code = normal_code(code)
        if not code:
            return "type the code your teacher gave you"
        if assignment.codes and code not in assignment.codes:
            return f"{code} is not one of this assignment's codes; check it with your teacher"
        return None

    # ---- where things live: one folder per assignment and code, so a student can stop and continue
    @property
    def folder(self) -> Path:
        return data_dir() / "assignments" / f"{self.assignment.id}-{self.code}"

    def store(self) -> SaveStore:
        return SaveStore(self.folder / "saves")

    @property
    def log_path(self) -> Path:
        return self.folder / "session-log.json"

    def restore(self, log_path: Path | None = None) -> None:
        """Answers and the start time from an earlier sitting's log (when continuing)."""
        try:
            data = read_json(Path(log_path or self.log_path), LOG_LIMIT)
        except ValueError:
            return
        if isinstance(data, dict) and isinstance(data.get("answers"), dict):
            try:
                self.answers.update(self.assignment.check_answers(data["answers"]))
            except ValueError:
                pass
            started = data.get("started_unix")
            if isinstance(started, (int, float)) and not isinstance(started, bool):
                self.started = float(started)
            finished = data.get("finished_unix")
            if isinstance(finished, (int, float)) and not isinstance(finished, bool) and finished >= self.started:
                self.finished_at = float(finished)
            if data.get("share_text") is True:
                self.share_text = True

    # ---- questions ----------------------------------------------------------------------------
    @staticmethod
    def option_value(question: Question, position: int) -> int:
        """What picking the option at `position` (0-based, as listed) stores: Likert 1..n, choice its index."""
        return position + 1 if question.kind == "likert" else position

    def answer(self, question_id: str, value) -> None:
        """Keep an answer; ValueError when it does not fit the question."""
        self.answers.update(self.assignment.check_answers({question_id: value}))

    # ---- during play ----------------------------------------------------------------------
    def is_done(self, runner: StoryRunner) -> bool:
        """The story's ending, or (for a part of the story) the end of the last assigned scene."""
        if runner.phase == "ended":
            return True
        return self.partial and runner.phase == "scene_end" and runner.state.scene == self.story.scene_order[-1]

    def finish(self) -> None:
        if self.finished_at is None:
            self.finished_at = time.time()

    def log_extra(self, runner: StoryRunner) -> dict:
        """What an assignment adds to the session log (the local log holds every answer)."""
        return {"code": self.code,
                "assignment": {"id": self.assignment.id, "scenes": list(self.story.scene_order),
                               "partial": self.partial, "finished": self.is_done(runner)},
                "started_at": _iso(self.started), "finished_at": _iso(self.finished_at), "started_unix": int(self.started),
                "finished_unix": int(self.finished_at) if self.finished_at is not None else None,
                "share_text": self.share_text, "answers": dict(self.answers)}

    def shared_answers(self) -> dict:
        text = {q.id for q in self.assignment.questions if q.kind == "text"}
        return {k: v for k, v in self.answers.items() if k not in text or self.share_text}

    def handin_code(self, runner: StoryRunner) -> str:
        return handin_for(runner, self.assignment.id, self.code, self.shared_answers(), self.started,
                          self.finished_at or time.time()).to_text()

    def keep_handin(self, code: str, folder: Path | None = None) -> tuple[Path | None, str | None]:
        """Write the hand-in code to a file in `folder` (by default the student's data folder for this
        assignment), so it can be found again: (the file, None), or (None, why not). Where there is no
        data folder (the browser without a folder given), (None, None)."""
        try:
            path = Path(folder or self.folder) / HANDIN_FILE
        except ImportError:
            return None, None
        try:
            atomic_write_text(path, code + "\n")
        except OSError as exc:
            return None, f"The hand-in code could not be written to {path} ({exc.strerror or exc})."
        return path, None


def _iso(seconds: float | None) -> str | None:
    return None if seconds is None else time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))
