"""One student's sitting of an assignment, in the order every front end follows.

    code ─▶ before (questions) ─▶ role ─▶ playing ─▶ after (questions) ─▶ share ─▶ handin
                                              │
                                              └── quitting part way ──────────────────▶ handin (so far)

The terminal, the window and the browser page draw these stages; the flow decides which come
next, which role is fixed, when play is over (the story's ending, or the end of the last assigned
scene for a part of the story), what the session log gets, and the hand-in code. Free-text answers
stay in the local log; the share stage asks whether they go into the hand-in code too, and comes
only when there is a written answer to share.
"""

from __future__ import annotations

from pathlib import Path

from game.engine.assignment import Assignment, Question
from game.engine.assignment_play import AssignmentPlay
from game.engine.model import Story
from game.engine.saves import SaveStore
from game.engine.session import PlaySession

STAGES = ("before", "role", "playing", "after", "share", "handin")


class AssignmentFlow:
    def __init__(self, play: AssignmentPlay, store: SaveStore | None = None, log_path: Path | None = None):
        self.play = play
        self.log_path = Path(log_path) if log_path else play.log_path
        self.session = PlaySession(play.story, store or play.store(), log_path=self.log_path, story_dir=None)
        self.session.log_extra = play.log_extra  # every write of the log carries the code and answers, after a load too
        self.stage = "before"
        self.finished = False  # play reached its end (not a stop part way)
        self.handed_in: str | None = None  # the last hand-in code given
        self.handin_file: Path | None = None  # the file the last code is kept in
        self.handin_problem: str | None = None  # or why it could not be kept there
        self._done = None  # a finished sitting come back to: the game it finished, for its hand-in code
        self._settle()

    @classmethod
    def start(cls, assignment: Assignment, story: Story, code: str, store: SaveStore | None = None,
              log_path: Path | None = None) -> tuple["AssignmentFlow | None", str | None]:
        """(the flow, None) for a code the assignment takes, or (None, why not)."""
        problem = AssignmentPlay.code_problem(assignment, code)
        if problem is not None:
            return None, problem
        return cls(AssignmentPlay(assignment, story, code), store, log_path), None

    # ---- what the front end asks ----------------------------------------------------------
    @property
    def assignment(self) -> Assignment:
        return self.play.assignment

    @property
    def runner(self):
        return self.session.runner

    @property
    def questions(self) -> tuple[Question, ...]:
        """The questions of the stage in hand (before or after play); none in other stages."""
        return {"before": self.assignment.before, "after": self.assignment.after}.get(self.stage, ())

    @property
    def roles(self) -> tuple[str, ...]:
        return self.assignment.roles

    def fixed_role(self, preferred: str | None = None) -> str | None:
        """The role to play without asking: the one asked for when allowed, or the only one allowed."""
        if preferred in self.roles:
            return preferred
        return self.roles[0] if len(self.roles) == 1 else None

    @property
    def may_skip(self) -> bool:
        return self.assignment.skip_allowed

    @property
    def training(self) -> bool:
        return self.assignment.training

    @property
    def has_written_answers(self) -> bool:
        return any(q.kind == "text" and q.id in self.play.answers for q in self.assignment.questions)

    @property
    def play_over(self) -> bool:
        """The assignment's play is over: the ending, or the end of the last assigned scene."""
        return self.runner is not None and self.play.is_done(self.runner)

    # ---- what the student does --------------------------------------------------------------
    def answer(self, question_id: str, value) -> None:
        """Keep an answer to a question of this stage; ValueError when it does not fit."""
        if question_id not in {q.id for q in self.questions}:
            raise ValueError(f"question {question_id} is not asked now")
        self.play.answer(question_id, value)
        self.keep_log()

    def answer_option(self, question: Question, position: int) -> None:
        """The student picked the option at `position` (0-based, as listed)."""
        self.answer(question.id, AssignmentPlay.option_value(question, position))

    def answers_done(self) -> None:
        """The questions of this stage are answered (or passed over): on to the next stage."""
        if self.stage not in ("before", "after"):
            raise ValueError(f"there are no questions in the {self.stage} stage")
        self.stage = "role" if self.stage == "before" else "share"
        self._settle()

    def begin(self, role: str, partner_name: str | None = None, pronouns: str | None = None) -> None:
        """Start play as `role` (one the assignment allows)."""
        if self.stage != "role":
            raise ValueError(f"play starts after the questions, not in the {self.stage} stage")
        if role not in self.roles:
            raise ValueError(f"this assignment is played as {' or '.join(self.roles)}, not {role}")
        self.session.new_game(role, partner_name, pronouns)
        self.stage = "playing"
        self.keep_log()

    def resume(self) -> tuple[bool, str]:
        """Continue an earlier sitting with the same code: its answers, start time and saved game.

        A sitting that was finished (play over, questions after answered) goes straight to its hand-in
        code again, for the student who lost it: nothing is asked twice."""
        self.play.restore(self.log_path)
        ok, message = self.session.continue_latest()
        done = self._finished_game() if ok and self.play.finished_at is not None else None
        if done is not None:
            self._done = done
            self.finished = True
            self.stage = "handin"
            finished = "You finished this assignment earlier; here is your hand-in code again."
            return ok, f"{message} {finished}".strip() if message else finished
        if ok:
            self.stage = "playing"
            self.keep_log()
        return ok, message

    def end_play(self) -> None:
        """Play is over (call when `play_over`): the questions after, then the hand-in."""
        if self.stage != "playing" or not self.play_over:
            raise ValueError("play is not over yet")
        self.finished = True
        self.play.finish()
        if self.session.phase == "scene_debrief":
            self.session.to_title()  # a part of the story ends with that scene's debrief, not the year's ending
        self.stage = "after"
        self._settle()

    def share(self, yes: bool) -> None:
        """Whether the written answers go into the hand-in code (they stay in the local log either way)."""
        self.play.share_text = bool(yes)
        if self.stage == "share":
            self.stage = "handin"
        self.keep_log()

    def handin(self) -> str:
        """The hand-in code: at the end, or on stopping part way (then it holds the play so far)."""
        self.keep_log()
        self.handed_in = self.play.handin_code(self._done or self.runner)
        # beside the log, to be found again (a log given elsewhere, or a test's, keeps it there too)
        self.handin_file, self.handin_problem = self.play.keep_handin(self.handed_in, self.log_path.parent)
        return self.handed_in

    def can_hand_in(self) -> bool:
        """A code is worth handing in: a game was started (a stop before any play has nothing to replay)."""
        return self.runner is not None

    def keep_log(self) -> None:
        """The session log with what the assignment adds (code, answers, times), written to its path."""
        if self.session.log is not None and self.runner is not None:
            self.session.log.extra = self.play.log_extra(self.runner)
            self.session.write_log()

    # ---- inside ------------------------------------------------------------------------------
    def _finished_game(self):
        """The game an earlier sitting finished: the save itself when it stopped at the end of the assigned
        part, or else the role's kept finished game when the save is that same game before its last choice."""
        runner = self.runner
        if self.play.is_done(runner):
            return runner
        record = self.session.finished_game(runner.role)
        if record is None or not self.play.is_done(record):
            return None
        made = [m.choice_id for m in runner.moves]
        return record if [m.choice_id for m in record.moves[:len(made)]] == made else None

    def _settle(self) -> None:
        """Pass over stages with nothing to do: no questions, no written answer to share."""
        for _ in STAGES:  # bounded: each pass moves one stage on
            if self.stage in ("before", "after") and not self.questions:
                self.stage = "role" if self.stage == "before" else "share"
            elif self.stage == "share" and not self.has_written_answers:
                self.stage = "handin"
            else:
                return
