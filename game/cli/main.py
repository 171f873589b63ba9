"""`tether` and `python -m game`: parse the command line and hand over to one command module."""

from __future__ import annotations

import argparse
import importlib
import io
import sys

from game.engine.printable import printable_text

# Each command's name and the module that registers and runs it, in the order `tether --help` lists them.
# Only the module of the command given is imported: the writer and teacher tools take longer to import than
# the game takes to start, and a player starting the game needs none of them.
COMMANDS = {"play": "play_cmd", "lint": "lint_cmd", "explore": "explore_cmd", "playtest": "playtest_cmd",
            "graph": "graph_cmd", "stats": "stats_cmd", "schema": "schema_cmd", "report": "report_cmd",
            "about": "about_cmd", "build-web": "build_web_cmd", "assign": "assign_cmd"}


class EscapingStream(io.TextIOBase):
    """A text stream that writes through to `stream` with control characters escaped.

    Newlines and tabs pass; a carriage return passes only at the start of a write (a progress bar
    redrawing its line). Text that cannot be encoded comes out as backslash escapes.
    """

    def __init__(self, stream):
        self._stream = stream
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")

    def write(self, text: str) -> int:
        lead = "\r" if text.startswith("\r") else ""
        self._stream.write(lead + printable_text(text[len(lead):]))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def encoding(self):
        return getattr(self._stream, "encoding", "utf-8")

    def writable(self) -> bool:
        return True


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser: every command's, or with `only` that command's alone (what running it needs)."""
    parser = argparse.ArgumentParser(
        prog="tether",
        description="Tether: a story about closeness, distance and feeling safe together. "
        "With no command, starts the game.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in COMMANDS.items():
        if only is None or name == only:
            importlib.import_module(f"game.cli.{module}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(errors="replace")  # random bytes typed or piped in are no UnicodeDecodeError
    saved = sys.stdout, sys.stderr
    # Every command prints through these: story text, names and file names reach the terminal with
    # control characters escaped, whichever code printed them (see game/engine/printable.py).
    sys.stdout, sys.stderr = EscapingStream(sys.stdout), EscapingStream(sys.stderr)
    try:
        return _run(argv)
    finally:
        sys.stdout, sys.stderr = saved


def _run(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = ["play", *argv]
    parser = build_parser(argv[0] if argv[0] in COMMANDS else None)  # help or a mistake: every command
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        print("\nStopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
