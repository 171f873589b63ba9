"""`tether play`: the game window when a screen is available, the terminal otherwise."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from game.cli.args import role_problem
from game.cli.paths import default_story_dir
from game.cli.report import print_diagnostics
from game.engine.loader import check_story
from game.engine.runner import StoryRuntimeError
from game.engine.text import PRONOUNS
from game.signals import stop_on_signals


def register(sub) -> None:
    p = sub.add_parser("play", help="play the story (default command)",
                       description="Play Tether in the game window, or in the terminal with --text.")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--text", action="store_true", help="play in the terminal (works with screen readers and piped input)")
    mode.add_argument("--gui", action="store_true", help="play in the game window")
    p.add_argument("--role", help="which partner you play (a role of the story, e.g. anxious)")
    p.add_argument("--story", type=Path, help="story folder (default: the shipped story)")
    p.add_argument("--log", type=Path, metavar="FILE", help="write the session as JSON to FILE")
    p.add_argument("--continue", dest="continue_game", action="store_true", help="continue the autosaved game")
    p.add_argument("--replay", action="store_true", help="terminal: play a scene of a finished game again, "
                   "from where it began")
    p.add_argument("--partner-name", help="the partner's name (default: the role's own)")
    p.add_argument("--pronouns", choices=PRONOUNS, help="the partner's pronouns")
    p.add_argument("--choices", help="comma-separated choice numbers (1-based) or choice ids to make first, e.g. 1,2,text_again")
    p.add_argument("--seed", type=int, metavar="N", help="terminal: decide the story's chance(N) rolls with this "
                   "seed (`tether explore` names one for a path that needs certain rolls)")
    p.add_argument("--auto", help="window only: comma-separated choice numbers to make automatically")
    p.add_argument("--screenshots", type=Path, metavar="DIR", help="window only: save a PNG of every screen to DIR")
    p.add_argument("--dev", action="store_true", help="writer mode: F5 (or r in the terminal) reloads the story; F2 shows the meters")
    p.add_argument("--assignment", type=Path, metavar="FILE", help="play an assignment your teacher shared "
                   "(a .tether.yaml file); a hand-in code is shown at the end")
    p.add_argument("--code", help="your code for the assignment, e.g. K7Q2 (asked for when missing)")
    p.set_defaults(run=run)


def no_display_reason() -> str | None:
    """Why a window cannot open here, or None when it probably can."""
    driver = os.environ.get("SDL_VIDEODRIVER", "")
    if driver in ("dummy", "offscreen"):
        return None
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return "no display was found (neither DISPLAY nor WAYLAND_DISPLAY is set)"
    return None


def run(args) -> int:
    try:
        return _run(args)
    except StoryRuntimeError as exc:  # the story itself went wrong mid-play: say where, no traceback
        print(f"\nThe story stopped: {exc}. Run `tether lint` on it to find the cause.", file=sys.stderr)
        return 1


def _run(args) -> int:
    story_dir = args.story or default_story_dir()
    story, diagnostics = check_story(story_dir)
    if story is None:
        print(f"The story in {story_dir} cannot be played:", file=sys.stderr)
        print_diagnostics(diagnostics)
        return 1
    if (problem := role_problem(story, args.role)) is not None:
        print(problem, file=sys.stderr)
        return 2
    assignment = None
    if getattr(args, "assignment", None) is not None:
        assignment = _read_assignment(args.assignment, story)
        if assignment is None:
            return 1
    if args.auto is not None:
        try:
            args.auto = _numbers(args.auto)
        except ValueError:
            print(f"--auto takes choice numbers separated by commas, e.g. 1,2,1 (got {args.auto!r})", file=sys.stderr)
            return 2
        if no_display_reason():  # scripted runs need no screen
            os.environ["SDL_VIDEODRIVER"] = "dummy"
            os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    if not args.text:
        reason = no_display_reason()
        window = None
        if reason is None:
            try:
                from game.window import app as window
            except ImportError as exc:  # pragma: no cover - only when the window cannot load at all
                reason = f"the game window could not start ({exc})"
        if window is not None and reason is None:
            args.story_dir = story_dir
            return window.run(args)
        if args.gui:
            print(f"Cannot open the game window: {reason}.", file=sys.stderr)
            return 1
        print(f"Playing in the terminal because {reason}. (Use --text to choose this directly.)")
    if args.dev:
        print("Writer mode in the terminal: type r at a choice to reload the story (F2's meters are window-only).")
    args.story_dir = story_dir
    stop_on_signals()
    if assignment is not None:
        return _play_assignment_text(args, story, assignment)
    from game.text.play import play_text

    return play_text(story, args)


def _numbers(text: str) -> list[int]:
    out = []
    for part in text.split(","):
        part = part.strip()
        if part:
            out.append(int(part))
    return out


def _read_assignment(path: Path, story):
    """The assignment in `path`, or None after printing its problems at file:line:col."""
    from game.engine.assignment import read_assignment
    from game.engine.diagnostics import DiagnosticBag

    bag = DiagnosticBag()
    assignment = read_assignment(path, bag, story)
    if assignment is None:
        print(f"The assignment {path} cannot be played:", file=sys.stderr)
        print_diagnostics(bag.sorted())
    return assignment


def _play_assignment_text(args, story, assignment) -> int:
    """An assignment in the terminal: the code (asked for when missing), then the game. (The window asks
    for the code on its own first page.)"""
    from game.engine.assignment_play import AssignmentPlay
    from game.text.assignment import AssignmentTextGame

    code = args.code
    while True:
        if code is None:
            print("Your code (from your teacher): ", end="", flush=True)
            code = sys.stdin.readline()
            if not code:
                return 1
        problem = AssignmentPlay.code_problem(assignment, code)
        if problem is None:
            break
        print(f"Cannot start: {problem}.", file=sys.stderr)
        if args.code is not None:
            return 2
        code = None
    play = AssignmentPlay(assignment, story, code)
    return AssignmentTextGame(story, args, play).run()
