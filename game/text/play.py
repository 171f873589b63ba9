"""The terminal front end: plain text a screen reader reads well, numbered choices, piped input.

No colours, no screen clearing. Every line goes to standard output as it is
delivered; choices are numbered; single letters are commands (see HELP).
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

from game.engine.model import Story
from game.engine.printable import printable_text
from game.engine.runner import StoryRunner
from game.engine.saves import AUTOSAVE, SaveStore
from game.engine.session_log import SessionLog
from game.engine.text import Partner
from game.text.debrief import arc_debrief, scene_debrief

WIDTH = 78
MAX_DIGITS = 4  # no menu has more than a few choices
HELP = """Commands:
  1-9   make that choice
  u     undo the last choice
  h     history: every line so far
  n     content notes for this scene
  k     skip this scene (you read a short summary instead)
  b     pause and breathe
  s     save
  q     save and quit
  ?     this help"""
BREATHE = """Pause and breathe.
  Breathe in slowly through your nose for four counts,
  hold for four, and breathe out for six.
  Do that three times. The story will wait; nothing here is timed."""


class Quit(Exception):
    """The player asked to stop, or the input ended."""


class TextGame:
    def __init__(self, story: Story, args, out=None, inp=None, store: SaveStore | None = None):
        self.story = story
        self.args = args
        self.out = out or sys.stdout
        self.inp = inp or sys.stdin
        self.store = store or SaveStore()
        self.runner: StoryRunner | None = None
        self.log: SessionLog | None = None
        self.scripted = _split(getattr(args, "choices", None))

    # ---- output ------------------------------------------------------------------------
    def say(self, text: str = "", indent: str = "") -> None:
        if not text:
            print(file=self.out)
            return
        for para in printable_text(text).split("\n"):  # story text and names never reach the terminal raw
            print(textwrap.fill(para, WIDTH, initial_indent=indent, subsequent_indent=indent) if para else "", file=self.out)
        self.out.flush()

    def read(self, prompt: str) -> str:
        print(prompt, end="", file=self.out, flush=True)
        line = self.inp.readline()
        if not line:
            print(file=self.out)
            raise Quit("eof")
        return line.strip()

    # ---- setup -------------------------------------------------------------------------
    def start(self) -> None:
        story, args = self.story, self.args
        self.say(story.title)
        if story.disclaimer:
            self.say(story.disclaimer)
        self.say("Type ? at any prompt for help.")
        self.say()
        if args.continue_game:
            result = self.store.load(AUTOSAVE, story)
            if result.message:
                self.say(result.message)
            if result.runner is not None:
                self.runner = result.runner
                self.say(f"Continuing: {self.runner.scene.title}, as {story.roles[self.runner.role].title.lower()}.")
            elif not result.message:
                self.say("There is no saved game yet; starting a new one.")
        if self.runner is None:
            role = args.role or self.ask_role()
            spec = story.roles[role]
            partner = Partner(args.partner_name or spec.partner_name, args.pronouns or spec.partner_pronouns)
            self.runner = StoryRunner.new(story, role, partner)
            self.say(f"You play {spec.title.lower()}. {spec.blurb}".strip())
            self.say(f"Your partner is {partner.name} ({partner.pronouns}).")
            self.show_scene_intro()
        log_path = getattr(args, "log", None)
        if log_path:
            self.log, message = SessionLog.open(log_path, self.runner, resume=bool(args.continue_game))
            if message:
                self.say(message)

    def ask_role(self) -> str:
        roles = list(self.story.roles.values())
        self.say("Whose side do you want to live?")
        for i, role in enumerate(roles, 1):
            self.say(f"{i}. {role.title}: {role.blurb}")
        while True:
            number = menu_number(self.read("> "))
            if number is not None and 1 <= number <= len(roles):
                return roles[number - 1].name
            self.say(f"Type a number from 1 to {len(roles)}.")

    def show_scene_intro(self) -> None:
        scene = self.runner.scene
        self.say()
        self.say(f"== {scene.title} ==")
        if scene.content_notes:
            self.say("Content notes: " + "; ".join(scene.content_notes) + ". (Type k at a choice to skip this scene.)")
        self.say()

    # ---- the loop ----------------------------------------------------------------------
    def run(self) -> int:
        try:
            self.start()
            while self.runner.phase != "ended":
                phase = self.runner.phase
                if phase == "delivering":
                    self.deliver()
                elif phase == "awaiting_choice":
                    self.choose()
                elif phase == "scene_end":
                    self.end_scene()
            self.finish()
            return 0
        except Quit as stop:
            if self.runner is not None and self.runner.phase != "ended":
                path = self.store.save(AUTOSAVE, self.runner)
                self.write_log()
                reason = "Input ended." if str(stop) == "eof" else "Stopped."
                self.say(f"{reason} Your game is saved ({path}).")
                self.say("Continue with: tether play --text --continue")
            return 0

    def deliver(self) -> None:
        line = self.runner.advance()
        if self.log:
            self.log.line(line)
        if line.speaker_name:
            self.say(f"{line.speaker_name}: {line.text}")
        else:
            self.say(line.text)

    def choose(self) -> None:
        runner = self.runner
        choices = runner.choices
        self.store.save(AUTOSAVE, runner)  # before every choice: a crash loses at most this moment
        self.say()
        for view in choices:
            self.say(f"{view.index + 1}. {view.text}", indent="")
        while True:
            answer = self.next_answer(choices)
            if answer is None:
                continue
            if isinstance(answer, int):
                runner.choose(answer)
                move = runner.moves[-1]
                if self.log:
                    self.log.choice(move)
                self.say(f"(You chose: {move.text})")
                self.say()
                return
            if answer == "undo":
                return

    def next_answer(self, choices):
        """An index to choose, "undo" when the menu changed, or None to ask again."""
        if self.scripted:
            token = self.scripted.pop(0)
            for view in choices:
                if token in (view.id, view.id.rsplit(".", 1)[-1]):
                    return view.index
            number = menu_number(token)
            if number is not None and 1 <= number <= len(choices):
                return number - 1
            self.say(f"The scripted choice {token!r} is not on offer here; continuing by hand.")
            self.scripted = []
            return None
        text = self.read("> ").lower()
        if text.isdigit():
            number = menu_number(text)
            if number is not None and 1 <= number <= len(choices):
                return number - 1
            self.say(f"Type a number from 1 to {len(choices)}, or ? for help.")
            return None
        return self.command(text)

    def command(self, text: str):
        runner = self.runner
        if text in ("?", "help"):
            self.say(HELP)
        elif text == "u":
            if runner.undo():
                if self.log:
                    self.log.undo()
                self.say("Undone. You are back before your last choice.")
                return "undo"
            self.say("There is no choice to undo yet.")
        elif text == "h":
            self.say("History:")
            for line in runner.backlog:
                self.say(f"{line.speaker_name}: {line.text}" if line.speaker_name else line.text, indent="  ")
        elif text == "n":
            notes = runner.scene.content_notes
            self.say("Content notes: " + ("; ".join(notes) if notes else "none for this scene") + ".")
        elif text == "k":
            scene_id = runner.scene.id
            summary = runner.skip_scene()
            if self.log:
                self.log.skip(scene_id)
            self.say("Scene skipped. What happens: " + summary)
            return "undo"
        elif text == "b":
            self.say(BREATHE)
        elif text == "s":
            path = self.store.save(AUTOSAVE, runner)
            self.say(f"Saved ({path}).")
        elif text == "q":
            raise Quit("quit")
        elif text:
            self.say("Type a choice number, or ? for help.")
        return None

    def end_scene(self) -> None:
        scene = self.runner.scene
        self.say()
        self.say(f"-- End of {scene.title} --")
        scene_debrief(self.runner, scene.id, self.say, brief=True)
        self.runner.next_scene()
        if self.runner.phase != "ended":
            self.show_scene_intro()

    def finish(self) -> None:
        ending = self.runner.ending
        self.say()
        self.say(f"== Ending: {ending.title} ({ending.kind}) ==")
        self.say(self.runner.render(ending.text))
        self.say()
        arc_debrief(self.runner, self.say)
        self.write_log()
        other = "avoidant" if self.runner.role == "anxious" else "anxious"
        self.say()
        self.say(f"Play the same year from the other side: tether play --text --role {other}")

    def write_log(self) -> None:
        if self.log is not None:
            self.log.write(Path(self.args.log))


def menu_number(text: str) -> int | None:
    """A menu number typed by a player: ASCII digits only, at most MAX_DIGITS of them, else None.

    A 5,000-digit number would make int() raise; a superscript digit passes isdigit() but not int().
    """
    text = text.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > MAX_DIGITS:
        return None
    return int(text)


def _split(text: str | None) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()] if text else []


def play_text(story: Story, args) -> int:
    return TextGame(story, args).run()
