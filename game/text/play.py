"""The terminal front end: plain text a screen reader reads well, numbered choices, piped input.

No colours, no screen clearing. Every line goes to standard output as it is
delivered; choices are numbered; single letters are commands (see HELP). It is
a view over `PlaySession`: the session does the saving, the log and the
debriefs, exactly as it does for the window.
"""

from __future__ import annotations

import sys
import textwrap

from game.engine.model import Story
from game.engine.printable import printable_text
from game.engine.saves import SaveStore
from game.engine.session import PlaySession
from game.text.debrief import arc_debrief, show_scene_debrief, show_turning_point

WIDTH = 78
MAX_INPUT = 200  # characters of one typed answer that are looked at
MAX_DIGITS = 4  # no menu has more than a few choices
HELP = """Commands:
  1-9   make that choice
  u     undo the last choice
  h     history: every line so far
  n     content notes for this scene
  k     skip this scene (you read a short summary instead)
  b     pause and breathe
  a     about this game, where to find help, and further reading
  s     save
  q     save and quit
  ?     this help"""
DEV_HELP = "\n  r     reload the story from disk, keeping your place (writer mode)"
MAX_SHOWN_PROBLEMS = 20
MAX_REPLAYS = 100  # scenes played again in one sitting before the game stops asking
REPLAY_OFFER = "Type p to play one scene again from where it began and try another move, or press Enter to finish."
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
        self.dev = bool(getattr(args, "dev", False))
        self.session = PlaySession(story, store, log_path=getattr(args, "log", None),
                                   story_dir=getattr(args, "story_dir", None) or getattr(args, "story", None))
        self.scripted = _split(getattr(args, "choices", None))

    @property
    def runner(self):
        return self.session.runner

    # ---- output ------------------------------------------------------------------------
    def say(self, text: str = "", indent: str = "") -> None:
        if not text:
            print(file=self.out)
            return
        for para in printable_text(text).split("\n"):  # story text and names never reach the terminal raw
            # Never inside a word or at a hyphen: a path or command in a message stays whole when copied.
            print(textwrap.fill(para, WIDTH, initial_indent=indent, subsequent_indent=indent, break_long_words=False,
                                break_on_hyphens=False) if para else "", file=self.out)
        self.out.flush()

    def tell_notices(self) -> None:
        for message in self.session.take_notices():
            self.say(message)

    def read(self, prompt: str) -> str:
        print(prompt, end="", file=self.out, flush=True)
        line = self.inp.readline()
        if not line:
            print(file=self.out)
            raise Quit("eof")
        return line.strip()[:MAX_INPUT]

    # ---- setup -------------------------------------------------------------------------
    def start(self) -> None:
        story, args = self.story, self.args
        self.say(story.title)
        if story.disclaimer:
            self.say(story.disclaimer)
        self.say("Type ? at any prompt for help, and a for where to find support.")
        if self.dev:
            self.say("Writer mode: type r at a choice to read the story from disk again; your place is kept.")
        self.say()
        if args.continue_game:
            ok, message = self.session.continue_latest()
            if message:
                self.say(message)
            if ok:
                self.show_recap()
        if self.runner is None and self.session.replayable():
            self.say("You have finished this story before. To play one of its scenes again from where it began:")
            print("  " + printable_text(self.replay_hint()), file=self.out)  # one line, never wrapped: it is copied
        if self.runner is None:
            role = args.role or self.ask_role()
            self.session.new_game(role, args.partner_name, args.pronouns, getattr(args, "seed", None))
            spec = story.roles[role]
            partner = self.runner.partner
            self.say(f"You play {spec.title.lower()}. {spec.blurb}".strip())
            self.say(f"Your partner is {partner.name} ({partner.pronouns}).")
            self.show_scene_intro()
        self.tell_notices()

    def show_recap(self) -> None:
        recap = self.session.recap()
        self.say(f"Continuing: {recap.scene_title}, as {recap.role_title.lower()}, with {recap.partner}. "
                 f"You have made {recap.choices_made} choice{'s' if recap.choices_made != 1 else ''} so far.")
        if recap.last_lines:
            self.say("Where you left off:")
            for line in recap.last_lines:
                self.say(f"{line.speaker_name}: {line.text}" if line.speaker_name else line.text, indent="  ")
        self.say()

    def ask_role(self, allowed=None) -> str:
        """The role the player picks; `allowed` narrows the menu (an assignment may set one role)."""
        roles = [r for r in self.story.roles.values() if allowed is None or r.name in allowed]
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
        if getattr(self.args, "replay", False):
            return self.run_replays()
        try:
            self.start()
            while True:
                phase = self.session.phase
                if phase == "playing":
                    self.play()
                elif phase == "scene_debrief":
                    self.end_scene()
                else:
                    break
            self.finish()
            return 0
        except (Quit, KeyboardInterrupt) as stop:  # Ctrl-C, SIGTERM and SIGHUP too: save and write the log
            if self.session.replaying:
                self.session.quit()
                self.say("Stopped. A scene played again is not saved; your finished game is as it was.")
            elif self.runner is not None and self.runner.phase != "ended":
                path = self.session.quit()
                reason = "Input ended." if str(stop) == "eof" else "Stopped."
                self.say(f"{reason} Your game is saved ({path})." if path else f"{reason} The game could not be saved.")
                self.say("Continue with:")
                print("  " + printable_text(self.continue_hint()), file=self.out)  # one line, never wrapped: it is copied
            else:
                self.session.quit()
            self.tell_notices()
            return 0

    def replay_hint(self) -> str:
        story = getattr(self.args, "story", None)
        return "tether play --text --replay" + (f" --story {story}" if story else "")

    def continue_hint(self) -> str:
        story = getattr(self.args, "story", None)
        return "tether play --text --continue" + (f" --story {story}" if story else "")

    def play(self) -> None:
        session = self.session
        for line in session.continue_to_choice():
            self.say(f"{line.speaker_name}: {line.text}" if line.speaker_name else line.text)
        if session.phase == "playing" and self.runner.phase == "awaiting_choice":
            self.choose()

    def choose(self) -> None:
        choices = self.session.choices
        self.say()
        for view in choices:
            self.say(f"{view.index + 1}. {view.text}")
        while True:
            answer = self.next_answer(choices)
            if answer is None:
                continue
            if answer == "menu changed":
                return
            self.session.choose(answer)
            move = self.runner.moves[-1]
            self.say(f"(You chose: {move.text})")
            self.say()
            self.tell_notices()
            return

    def next_answer(self, choices):
        """An index to choose, "menu changed" after undo or skip, or None to ask again."""
        if self.scripted:
            token = self.scripted.pop(0)
            index = self.runner.find_choice(token)
            if index is not None:
                return index
            self.say(f"The scripted choice {token!r} is not on offer here; continuing by hand.")
            self.scripted = []
            return None
        text = self.read("> ").lower()
        if text.isdigit():
            index = self.runner.find_choice(text)
            if index is None:
                self.say(f"Type a number from 1 to {len(choices)}, or ? for help.")
            return index
        return self.command(text)

    def command(self, text: str):
        session, runner = self.session, self.runner
        if text in ("?", "help"):
            self.say(HELP + (DEV_HELP if self.dev else ""))
        elif text == "r" and self.dev:
            return self.reload()
        elif text == "u":
            if session.undo():
                self.say("Undone. You are back before your last choice.")
                return "menu changed"
            self.say("There is no choice to undo yet.")
        elif text == "h":
            self.say("History:")
            for line in runner.backlog:
                self.say(f"{line.speaker_name}: {line.text}" if line.speaker_name else line.text, indent="  ")
        elif text == "n":
            notes = runner.scene.content_notes
            self.say("Content notes: " + ("; ".join(notes) if notes else "none for this scene") + ".")
        elif text == "k":
            summary = session.skip_scene()
            self.say("Scene skipped. What happens: " + summary)
            return "menu changed"
        elif text == "b":
            self.say(BREATHE)
        elif text == "a":
            self.show_about()
        elif text == "s" and session.replaying:
            self.say("A scene played again is not saved; your finished game is as it was.")
        elif text == "s":
            path = session.save("autosave")
            self.say(f"Saved ({path})." if path else "The game could not be saved.")
            self.tell_notices()
        elif text == "q":
            raise Quit("quit")
        elif text:
            self.say("Type a choice number, or ? for help.")
        return None

    def reload(self):
        """Writer mode: read the story again; its problems are listed and the last good version plays on."""
        changed, message, diagnostics = self.session.reload()
        for d in diagnostics[:MAX_SHOWN_PROBLEMS]:
            self.say(str(d))
        if len(diagnostics) > MAX_SHOWN_PROBLEMS:
            self.say(f"... and {len(diagnostics) - MAX_SHOWN_PROBLEMS} more (tether lint shows them all).")
        self.say(message)
        if changed:
            self.story = self.session.story
            return "menu changed"
        return None

    def show_about(self) -> None:
        show_about(self.story, self.say)

    def end_scene(self) -> None:
        self.say()
        show_scene_debrief(self.session.debrief(), self.say)
        self.session.next_scene()
        if self.session.phase == "playing":
            self.show_scene_intro()

    def finish(self) -> None:
        runner = self.runner
        ending = runner.ending
        if ending is None:
            return
        self.say()
        self.say(f"== Ending: {ending.title} ({ending.kind}) ==")
        self.say(runner.ending_text)
        self.say()
        arc_debrief(runner, self.say)
        show_turning_point(self.session.turning_point, self.say)
        self.tell_notices()
        other = self.session.other_role()
        self.say()
        self.say(f"Play the same year from the other side: tether play --text --role {other}"
                 + (f" --story {self.args.story}" if getattr(self.args, "story", None) else ""))
        self.say("About this game, where to find support, and further reading: tether about")
        self.offer_replays()

    # ---- a scene played again ----------------------------------------------------------------
    def run_replays(self) -> int:
        """`tether play --text --replay`: play scenes of a finished game again, from the title's side."""
        self.say(self.story.title)
        if not self.session.replayable():
            self.tell_notices()
            self.say("There is no finished game of this story yet. Play it to an ending first; then any of its "
                     "scenes can be played again.")
            return 1
        try:
            self.tell_notices()
            for _ in range(MAX_REPLAYS):
                if not self.replay_menu():
                    break
        except (Quit, KeyboardInterrupt):
            if self.session.replaying:
                self.session.quit()
                self.say("Stopped. A scene played again is not saved; your finished game is as it was.")
        self.tell_notices()
        return 0

    def offer_replays(self) -> None:
        """After an ending: p plays a scene again; anything else (or the end of input) finishes."""
        if not self.session.replayable():
            return
        try:
            for _ in range(MAX_REPLAYS):
                self.say()
                if self.read(REPLAY_OFFER + "\n> ").lower() != "p" or not self.replay_menu():
                    return
        except Quit:
            if self.session.replaying:
                self.session.end_replay()
            return

    def replay_menu(self) -> bool:
        """List the scenes that can be played again and play the one picked; False when the player goes back."""
        options = []
        self.say("Scenes you can play again, each from where it began in your finished game:")
        replayable = self.session.replayable()
        for role, scenes in replayable.items():
            if len(replayable) > 1:
                self.say(f"As {self.story.roles[role].title.lower()}:")
            for scene in scenes:
                options.append((role, scene))
                self.say(f"{len(options)}. {self.story.scenes[scene].title}", indent="  " if len(replayable) > 1 else "")
        while True:
            text = self.read("Type a number, or press Enter to go back.\n> ")
            if not text:
                return False
            number = menu_number(text)
            if number is not None and 1 <= number <= len(options):
                self.replay(*options[number - 1])
                return True
            self.say(f"Type a number from 1 to {len(options)}, or press Enter to go back.")

    def replay(self, role: str, scene_id: str) -> None:
        session = self.session
        session.replay_scene(scene_id, role)
        story = self.story
        began = ", ".join(f"{story.meters[m].label.lower()} {self.runner.meters[m]}" for m in story.shown_meters)
        self.say()
        self.say(f"== Playing again: {self.runner.scene.title} ==")
        self.say(f"You begin where you began the first time ({began}). Nothing you do now is saved.")
        if self.runner.scene.content_notes:
            self.say("Content notes: " + "; ".join(self.runner.scene.content_notes) + ".")
        self.say()
        self.tell_notices()
        while session.phase == "playing":
            self.play()
        if session.phase == "scene_debrief":
            self.say()
            show_scene_debrief(session.debrief(), self.say)
            session.next_scene()
        self.tell_notices()


def show_about(story: Story, say) -> None:
    say(f"== About {story.title} ==")
    say(story.about or f"{story.title}, version {story.version}.")
    if story.learn_more:
        say()
        say("== Learn more ==")
        say(story.learn_more)


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
