"""The terminal front end for an assignment: the student's code, questions before and after,
the assigned scenes only, and a hand-in code to paste into the class's form at the end or on quitting."""

from __future__ import annotations

from game.engine.assignment import Question
from game.engine.assignment_play import AssignmentPlay
from game.engine.session import PlaySession
from game.text.debrief import arc_debrief, show_scene_debrief
from game.text.play import Quit, TextGame, menu_number


class AssignmentTextGame(TextGame):
    def __init__(self, story, args, play: AssignmentPlay, out=None, inp=None):
        super().__init__(play.story, args, out, inp, store=play.store())
        self.play_ = play
        log_path = getattr(args, "log", None) or play.log_path
        self.session = PlaySession(play.story, play.store(), log_path=log_path, story_dir=None)
        self.log_path = log_path
        self.handed_in = False

    def start(self) -> None:
        a, play = self.play_.assignment, self.play_
        self.say(f"Assignment: {a.title} (your code: {play.code})")
        if self.args.continue_game:
            play.restore(self.log_path)
            ok, message = self.session.continue_latest()
            if message:
                self.say(message)
            if ok:
                self.show_recap()
        if self.runner is None:
            self.ask_questions(a.before, "Before you play")
            role = self.args.role if self.args.role in a.roles else a.roles[0] if len(a.roles) == 1 else None
            if role is None:
                role = self.ask_role()
            self.session.new_game(role, self.args.partner_name, self.args.pronouns)
            self.say(f"You play {self.story.roles[role].title.lower()}. Your partner is {self.runner.partner.name}.")
            self.show_scene_intro()
        self.keep_log()
        self.tell_notices()

    def ask_role(self, allowed=None) -> str:
        return super().ask_role(self.play_.assignment.roles)

    def ask_questions(self, questions: tuple[Question, ...], heading: str) -> None:
        if not questions:
            return
        self.say(f"== {heading}: {len(questions)} question{'s' * (len(questions) != 1)} ==")
        for q in questions:
            self.say()
            self.say(str(q.text))
            if q.kind == "text":
                self.say("(A short answer; it stays on this computer unless you choose to share it. Enter skips.)")
                text = self.read("> ")
                if text:
                    self.play_.answer(q.id, text)
                continue
            first = 1 if q.kind == "likert" else 0
            for i, option in enumerate(q.options, 1):
                self.say(f"{i}. {option}")
            while True:
                number = menu_number(self.read("> "))
                if number is not None and 1 <= number <= len(q.options):
                    self.play_.answer(q.id, number - 1 + first)
                    break
                self.say(f"Type a number from 1 to {len(q.options)}.")

    def command(self, text: str):
        if text == "k" and not self.play_.assignment.skip_allowed:
            self.say("Skipping scenes is turned off for this assignment; you can stop at any time with q.")
            return None
        return super().command(text)

    def choose(self) -> None:
        super().choose()
        if self.play_.assignment.training and self.runner is not None:
            meters = self.runner.meters
            self.say(f"(Training mode: closeness {meters.get('closeness')}, safety {meters.get('safety')})")
        self.keep_log()

    def end_scene(self) -> None:
        if self.play_.is_done(self.runner):  # the last assigned scene: its debrief closes the assignment
            self.say()
            show_scene_debrief(self.session.debrief(), self.say)
            self.session.to_title()
            return
        super().end_scene()
        self.keep_log()

    def finish(self) -> None:
        runner = self.runner
        if runner.ending is not None:
            self.say()
            self.say(f"== Ending: {runner.ending.title} ({runner.ending.kind}) ==")
            self.say(runner.render(runner.ending.text))
            self.say()
            arc_debrief(runner, self.say)
        self.play_.finish()
        self.ask_questions(self.play_.assignment.after, "After playing")
        if any(q.kind == "text" and q.id in self.play_.answers for q in self.play_.assignment.questions):
            self.say()
            self.say("Share your written answers with your teacher in the hand-in code? (y/n; n keeps them here)")
            self.play_.share_text = self.read("> ").lower().startswith("y")
        self.hand_in(finished=True)

    def hand_in(self, finished: bool) -> None:
        self.keep_log()
        self.say()
        self.say("== Your hand-in code ==" if finished else "== Your hand-in code so far ==")
        self.say("Copy this whole line into the form your teacher gave you. It holds your code, choices and "
                 "answers; no name.")
        print(self.play_.handin_code(self.runner), file=self.out, flush=True)
        self.say(f"Your session log is kept at {self.log_path}.")
        self.handed_in = True

    def keep_log(self) -> None:
        if self.session.log is not None and self.runner is not None:
            self.session.log.extra = self.play_.log_extra(self.runner)
            self.session.write_log()

    def continue_hint(self) -> str:
        return f"tether play --text --assignment {self.args.assignment} --code {self.play_.code} --continue"

    def run(self) -> int:
        code = super().run()
        if not self.handed_in and self.runner is not None and self.runner.moves:
            try:
                self.hand_in(finished=False)
            except Quit:
                pass
        return code
