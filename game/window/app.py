"""The window's main loop: one App holds the screen stack and the things screens need.

`run(options)` is what `tether play` calls. With `options.auto` it plays
itself (new game, the given choices, then choice 1) and writes a PNG of
every screen it passes through to `options.screenshots`.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

from game.signals import ignore_stop_signals, stop_on_signals

from . import input as ix
from .settings import Settings, load_settings, save_settings
from .theme import theme_for

FPS = 60
UI_SOUNDS = {ix.UP: "move", ix.DOWN: "move", ix.NEXT: "move", ix.PREV: "move", ix.CONFIRM: "select",
             ix.NUMBER: "select", ix.BACK: "back"}  # soft sounds for moving, choosing and going back
LOGICAL = (1280, 720)


class App:
    def __init__(self, options, settings: Settings | None = None, store=None):
        import pygame

        from .art import Art
        from .canvas import Canvas
        from .screens.base import ScreenStack
        from .screens.registry import build
        from .text import TextSystem
        from .sound import Sound
        from .voice import Voice

        self.pygame = pygame
        self.options = options
        self.auto = getattr(options, "auto", None) is not None
        self.dev = bool(getattr(options, "dev", False))
        self.settings = settings or load_settings()
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption("Tether")
        self.window = self._open_window(self.settings.fullscreen and not self.auto)
        self.text = TextSystem(self.settings.font, self.settings.text_size)
        self.canvas = Canvas(self.window, self.text)
        self.text.configure(self.settings.font, self.settings.text_size, self.canvas.scale)
        self.theme = theme_for(self.settings.theme)
        self.art = Art()
        self.voice = Voice(enabled=self.settings.self_voicing and not self.auto)
        self.sound = Sound(self.settings.ambient_volume, self.settings.effects_volume, enabled=not self.auto)
        self.story_dir = Path(getattr(options, "story_dir", None) or Path("story"))
        self.store = store
        self.diagnostics: list = []
        self.session = None  # the PlaySession, once the story has loaded
        self.assignment = None  # the WindowAssignment while an assignment is open (see assignment.py)
        self.stack = ScreenStack()
        self.build_screen = build
        self.clock = pygame.time.Clock()
        self.running = True
        self.exit_code = 0
        self.focused = True
        self.pointer: tuple[float, float] | None = None
        self.fade = 0.0  # 1.0 = black, fading to 0
        self.toast_text = ""
        self.toast_time = 0.0
        self.failures = 0
        self.disclaimer_seen = False  # the title shows it whole; at very large text, on its own page first

    # window ------------------------------------------------------------------------
    def _open_window(self, fullscreen: bool):
        pygame = self.pygame
        if fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(LOGICAL, pygame.RESIZABLE)

    def on_resize(self) -> None:
        surface = self.pygame.display.get_surface()
        if surface is None:
            return
        self.window = surface
        self.canvas.set_target(surface)
        self.text.configure(self.settings.font, self.settings.text_size, self.canvas.scale)

    def toggle_fullscreen(self) -> None:
        self.settings.fullscreen = not self.settings.fullscreen
        self.apply_settings()

    def apply_settings(self) -> None:
        """Use changed settings at once and keep them for next time."""
        s = self.settings.clean()
        self.theme = theme_for(s.theme)
        self.voice.enabled = s.self_voicing and not self.auto
        self.sound.set_volumes(s.ambient_volume, s.effects_volume)
        want_full = s.fullscreen and not self.auto
        is_full = bool(self.window.get_flags() & self.pygame.FULLSCREEN)
        if want_full != is_full:
            try:
                self.window = self._open_window(want_full)
            except self.pygame.error:
                s.fullscreen = False
                self.window = self._open_window(False)
            self.on_resize()
        self.text.configure(s.font, s.text_size, self.canvas.scale)
        if not self.auto:
            save_settings(s)

    @property
    def show_meters(self) -> bool:
        """Meters on screen while playing: the player's setting, or in an assignment its training mode."""
        return self.assignment.training if self.assignment is not None else self.settings.show_meters

    def chars_per_second(self) -> float:
        return 0.0 if self.auto else self.settings.chars_per_second

    # flow between screens ------------------------------------------------------------
    def load_story(self) -> bool:
        """Read the story; on success a fresh PlaySession over it, else `diagnostics` say why."""
        from game.engine import SaveStore, StoryLoadError, check_story
        from game.engine.session import PlaySession
        try:
            story, diagnostics = check_story(self.story_dir)
        except StoryLoadError as exc:
            story, diagnostics = None, list(exc.diagnostics)
        except OSError as exc:
            story, diagnostics = None, [f"{self.story_dir}: cannot read the story: {exc}"]
        self.diagnostics = list(diagnostics)
        if story is None:
            return False
        self.session = PlaySession(story, self.store or SaveStore(), log_path=getattr(self.options, "log", None),
                                   story_dir=self.story_dir)
        return True

    def start(self) -> None:
        if not self.load_story():
            self.reset_to("broken_story")
            return
        self.reset_to("title")
        if getattr(self.options, "assignment", None) is not None and not self.auto:
            from .assignment import open_assignment_file
            open_assignment_file(self, self.options.assignment, getattr(self.options, "code", None))
        elif getattr(self.options, "continue_game", False) and not self.auto:
            self.continue_latest()
        elif getattr(self.options, "replay", False) and not self.auto:
            self.open("replay")

    def retry_story(self) -> None:
        self.start()

    # screens by name: see screens/registry.py ----------------------------------------
    def open(self, name: str, *args, **kwargs):
        """Show the named screen on top of the current one."""
        screen = self.build_screen(name, self, *args, **kwargs)
        self.stack.push(screen)
        return screen

    def reset_to(self, name: str, *args, **kwargs):
        """Start again from the named screen (the title, a new game, the ending)."""
        screen = self.build_screen(name, self, *args, **kwargs)
        self.stack.reset(screen)
        return screen

    def go_title(self) -> None:
        self.voice.stop()
        if self.assignment is not None and self.assignment.stop():  # its hand-in code comes first
            return
        if self.session is not None:
            self.session.to_title()  # also leaves a scene being played again
        self.reset_to("title")

    def open_new_game(self, role: str | None = None) -> None:
        role = role or getattr(self.options, "role", None)
        name = getattr(self.options, "partner_name", None)
        pronouns = getattr(self.options, "pronouns", None)
        if not (self.stack.top and self.stack.top.name == "title"):
            self.go_title()
        self.open("new_game", role=role, partner_name=name, pronouns=pronouns)

    def start_game(self, role: str, partner_name: str | None, pronouns: str | None) -> None:
        if self.assignment is not None:
            self.assignment.start_game(role, partner_name, pronouns)  # the assignment's flow starts play
        else:
            self.session.new_game(role, partner_name, pronouns)
        self.reset_to("play")
        self.show_notices()

    def resume_game(self, message: str = "") -> None:
        self.reset_to("play")
        if message:
            self.toast(message, seconds=6)

    def continue_latest(self) -> None:
        ok, message = self.session.continue_latest()
        if ok:
            self.resume_game(message)
        else:
            self.toast(message, seconds=8)

    def start_replay(self, scene_id: str, role: str) -> None:
        """Play a scene of a finished game again, from the state it began with."""
        self.session.replay_scene(scene_id, role)
        self.reset_to("play")
        self.toast(f"Playing “{self.session.runner.scene.title}” again from where it began. Nothing is saved.",
                   seconds=5)
        self.show_notices()

    def show_debrief(self) -> None:
        self.open("debrief")

    def after_debrief(self) -> None:
        if self.assignment is not None and self.assignment.after_debrief():
            return
        if self.session.phase == "scene_debrief":
            self.session.next_scene()  # after a scene played again: back to the ending, or the title
        if self.session.phase == "title":
            self.go_title()
            return
        self.stack.pop()  # back to play, which shows the new scene (or the ending)

    def show_ending(self) -> None:
        self.fade_in()
        self.reset_to("ending")

    def write_session_log(self, path: Path) -> str:
        """Write this game's session log (every event as it happened) to `path`; returns what to tell the player."""
        problem = self.session.write_log(path)
        return problem or f"Session log saved: {path}"

    def show_notices(self) -> None:
        """Save or log trouble the session met: the player hears of it, and play goes on."""
        if self.session is not None and self.session.notices:
            self.toast(" ".join(self.session.take_notices()), seconds=8)

    def skip_scene(self) -> None:
        if self.assignment is not None and not self.assignment.skip_allowed:
            return
        runner = self.session.runner
        title, location = runner.scene.title, runner.scene.location_for(runner.role)
        summary = self.session.skip_scene()
        while self.stack.top and self.stack.top.name != "play":
            self.stack.pop()

        def go_on():
            self.stack.pop()
            self.show_debrief()

        self.open("skipped", title, summary, go_on, location)

    def reload_story(self) -> None:
        """Writer mode, F5: read the story again and keep the place."""
        if self.session is None or self.stack.top is None or self.stack.top.name == "broken_story":
            self.start()
            return
        ok, message, self.diagnostics = self.session.reload()
        if not ok:
            self.open("reload_errors", message)
            return
        play = self.stack.find_play()
        if play is not None:
            while self.stack.top is not play:
                self.stack.pop()
            play.story_reloaded()
        self.toast(message)

    def open_inspector(self) -> None:
        if self.session is None or self.session.runner is None:
            return
        if self.stack.top and self.stack.top.name == "inspector":
            self.stack.pop()
        else:
            self.open("inspector")

    def quit(self) -> None:
        self.running = False

    # effects ---------------------------------------------------------------------------
    def fade_in(self) -> None:
        if not (self.settings.reduce_motion or self.auto):
            self.fade = 1.0

    def toast(self, message: str, seconds: float = 3.5) -> None:
        self.toast_text = message
        self.toast_time = seconds

    # errors ----------------------------------------------------------------------------
    def fail(self, exc: BaseException) -> None:
        """A story error at run time: show it and go back to the title, never a traceback."""
        self.failures += 1
        log = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        print(f"tether: the story stopped: {type(exc).__name__}: {exc}", file=sys.stderr)
        if self.dev:
            print(log, file=sys.stderr)
        if self.failures > 3:
            self.exit_code = 1
            self.running = False
            return
        detail = log.strip().splitlines()[-1] if self.dev else ""
        self.reset_to("runtime_error", f"{type(exc).__name__}: {exc}", detail)

    # the loop --------------------------------------------------------------------------
    def dispatch(self, intent: ix.Intent) -> None:
        k = intent.kind
        if k == ix.QUIT:
            if self.assignment is None or not self.assignment.closing_window():  # else: the hand-in code so far
                self.running = False
        elif k == ix.RESIZE:
            self.on_resize()
        elif k == ix.FOCUS_LOST:
            self.focused = False
        elif k == ix.FOCUS_GAINED:
            self.focused = True
            self.on_resize()
        elif k == ix.FULLSCREEN:
            self.toggle_fullscreen()
        elif k == ix.RELOAD and self.dev:
            self.reload_story()
        elif k == ix.INSPECT and self.dev:
            self.open_inspector()
        elif k == ix.SPEAK:
            self.voice.repeat()
        else:
            if k in (ix.POINTER, ix.CLICK):
                self.pointer = intent.pos
            self.sound.effect(UI_SOUNDS.get(k, ""))
            if self.stack.top:
                self.stack.top.handle(intent)

    def step(self, dt: float, intents: list[ix.Intent] | None = None, draw: bool = True) -> None:
        """One frame: input, update, draw. Errors from the story go to the error screen."""
        try:
            for intent in (ix.poll(self.canvas.to_logical) if intents is None else intents):
                self.dispatch(intent)
                if not self.running:
                    return
            top = self.stack.top
            if top:
                top.update(dt)
                self.sound.ambience(self.stack.place())
            self.show_notices()
            self.fade = max(0.0, self.fade - dt / 0.45)
            self.toast_time = max(0.0, self.toast_time - dt)
            if draw:
                self.draw()
            if self.voice.enabled and self.stack.top:
                self.voice.say(self.stack.top.speech())
        except Exception as exc:  # noqa: BLE001 - the player must never see a traceback
            self.fail(exc)

    def draw(self) -> None:
        canvas = self.canvas
        canvas.begin_frame()
        canvas.clear((0, 0, 0))
        self.stack.draw(canvas)
        canvas.layer += 1
        if self.toast_time > 0 and self.toast_text:
            self._draw_toast()
        if self.dev:
            self._draw_dev_badge()
        if self.fade > 0:
            canvas.dim((0, 0, 0), int(255 * min(1.0, self.fade)))
        self.pygame.display.flip()

    def _draw_toast(self) -> None:
        from .widgets import panel
        canvas = self.canvas
        w = 760
        block = canvas.text.wrap(self.toast_text, "small", w - 40)
        rect = (640 - (block.width + 40) / 2, 720 - block.height - 60, block.width + 40, block.height + 24)
        panel(canvas, self.theme, rect, radius=12)
        canvas.text_in(self.toast_text, "small", (rect[0] + 20, rect[1] + 12, block.width + 1, block.height),
                       self.theme.text, where="toast")

    def _draw_dev_badge(self) -> None:
        canvas = self.canvas
        label = "Writer mode · F5 reload · F2 meters"
        w, h = canvas.text.measure(label, "small")
        rect = (640 - (w + 24) / 2, 720 - h - 10, w + 24, h + 6)
        canvas.rect_alpha(rect, self.theme.panel, 200, radius=8)
        canvas.text_in(label, "small", (rect[0] + 12, rect[1] + 3, w + 1, h), self.theme.text_muted, where="dev")

    def loop(self) -> int:
        while self.running:
            dt = self.clock.tick(FPS if self.focused else 12) / 1000.0
            self.step(min(dt, 0.1), draw=not self._minimised())
        return self.exit_code

    def _minimised(self) -> bool:
        try:
            return not self.pygame.display.get_active()
        except self.pygame.error:
            return False

    def screenshot(self, path: Path) -> None:
        self.pygame.image.save(self.window, str(path))

    def close(self) -> None:
        self.voice.stop()
        self.sound.stop()
        self.art.close()
        self.pygame.display.quit()


def run(options) -> int:
    """Open the window and play. Returns an exit code."""
    if getattr(options, "auto", None) is not None:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    if getattr(options, "auto", None) is not None:
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")  # a self-playing run makes no sound
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    try:
        app = App(options)
    except Exception as exc:  # noqa: BLE001
        print(f"tether: the game window could not open: {exc}", file=sys.stderr)
        return 1
    try:
        app.start()
        stop_on_signals()  # after start: the game continued with --continue is what a signal saves
        if app.auto:
            from .autoplay import AutoPilot
            return AutoPilot(app, options.auto, getattr(options, "screenshots", None),
                             role=getattr(options, "role", None)).run()
        return app.loop()
    except KeyboardInterrupt:  # Ctrl-C, SIGTERM, SIGHUP: save the game and write the log, as the terminal does
        ignore_stop_signals()
        if app.session is not None:
            app.session.quit()
        return 130
    finally:
        app.close()
