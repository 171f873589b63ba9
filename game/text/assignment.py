"""The terminal front end for an assignment: the student's code, questions before and after,
the assigned scenes only, and a hand-in code to paste into the class's form at the end or on quitting.

The order of things, the role, the log and the hand-in code come from the engine's AssignmentFlow,
which the browser page follows too; this file only asks and prints."""

from __future__ import annotations

from game.engine.assignment import Question
from game.engine.assignment_flow import AssignmentFlow
from game.engine.assignment_play import HANDIN_HELP, NO_SKIPPING, SHARE_QUESTION, TEXT_NOTE, AssignmentPlay
from game.text.debrief import arc_debrief, show_scene_debrief
from game.text.play import Quit, TextGame, menu_number


class AssignmentTextGame(TextGame):
    def __init__(self, story, args, play: AssignmentPlay, out=None, inp=None):
        super().__init__(play.story, args, out, inp, store=play.store())
        self.flow = AssignmentFlow(play, log_path=getattr(args, "log", None) or play.log_path)
        self.session = self.flow.session
        self.log_path = self.flow.log_path

    def start(self) -> None:
        flow = self.flow
        self.say(f"Assignment: {flow.assignment.title} (your code: {flow.play.code})")
        if self.args.continue_game:
            ok, message = flow.resume()
            if message:
                self.say(message)
            if ok and flow.stage == "handin":  # finished earlier: only the hand-in code again
                self.session.to_title()
                return
            if ok:
                self.show_recap()
        if self.runner is None:
            self.ask_questions("Before you play")
            role = flow.fixed_role(self.args.role) or self.ask_role()
            flow.begin(role, self.args.partner_name, self.args.pronouns)
            self.say(f"You play {self.story.roles[role].title.lower()}. Your partner is {self.runner.partner.name}.")
            self.show_scene_intro()
        self.tell_notices()

    def ask_role(self, allowed=None) -> str:
        return super().ask_role(self.flow.roles)

    def ask_questions(self, heading: str) -> None:
        questions = self.flow.questions
        if questions:
            self.say(f"== {heading}: {len(questions)} question{'s' * (len(questions) != 1)} ==")
        for q in questions:
            self.ask(q)
        if self.flow.stage in ("before", "after"):
            self.flow.answers_done()

    def ask(self, q: Question) -> None:
        self.say()
        self.say(str(q.text))
        if q.kind == "text":
            self.say(f"({TEXT_NOTE} Enter skips.)")
            text = self.read("> ")
            if text:
                self.flow.answer(q.id, text)
            return
        for i, option in enumerate(q.options, 1):
            self.say(f"{i}. {option}")
        while True:
            number = menu_number(self.read("> "))
            if number is not None and 1 <= number <= len(q.options):
                self.flow.answer_option(q, number - 1)
                return
            self.say(f"Type a number from 1 to {len(q.options)}.")

    def command(self, text: str):
        if text == "k" and not self.flow.may_skip:
            self.say(f"{NO_SKIPPING} You can stop at any time with q.")
            return None
        return super().command(text)

    def choose(self) -> None:
        super().choose()
        if self.flow.training and self.runner is not None:
            meters = self.runner.meters
            self.say(f"(Training mode: closeness {meters.get('closeness')}, safety {meters.get('safety')})")
        self.flow.keep_log()

    def end_scene(self) -> None:
        if self.flow.play_over:  # the last assigned scene: its debrief closes play
            self.say()
            show_scene_debrief(self.session.debrief(), self.say)
            self.flow.end_play()
            return
        super().end_scene()
        self.flow.keep_log()

    def finish(self) -> None:
        if self.flow.stage == "handin":  # a finished sitting come back to: nothing is asked or shown twice
            self.hand_in(finished=True)
            return
        runner = self.runner
        if runner.ending is not None:
            self.say()
            self.say(f"== Ending: {runner.ending.title} ({runner.ending.kind}) ==")
            self.say(runner.ending_text)
            self.say()
            arc_debrief(runner, self.say)
        if self.flow.stage == "playing":
            self.flow.end_play()
        self.ask_questions("After playing")
        if self.flow.stage == "share":
            self.say()
            self.say(f"{SHARE_QUESTION} (y/n; n keeps them here)")
            self.flow.share(self.read("> ").lower().startswith("y"))
        self.hand_in(finished=True)

    def hand_in(self, finished: bool) -> None:
        code = self.flow.handin()
        self.say()
        self.say("== Your hand-in code ==" if finished else "== Your hand-in code so far ==")
        self.say(HANDIN_HELP)
        print(code, file=self.out, flush=True)  # one line, never wrapped: it is copied whole
        if self.flow.handin_file or self.flow.handin_problem:
            self.say(self.flow.handin_problem or f"It is also kept in {self.flow.handin_file}.")
        self.say(f"Your session log is kept at {self.log_path}.")

    def continue_hint(self) -> str:
        return f"tether play --text --assignment {self.args.assignment} --code {self.flow.play.code} --continue"

    def run(self) -> int:
        code = super().run()
        if self.flow.handed_in is None and self.runner is not None and self.runner.moves:
            try:
                self.hand_in(finished=False)
            except Quit:
                pass
        return code
