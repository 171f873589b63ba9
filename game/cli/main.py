"""`tether` and `python -m game`: parse the command line and hand over to one command module."""

from __future__ import annotations

import argparse
import io
import sys

from game.cli import (about_cmd, assign_cmd, build_web_cmd, explore_cmd, graph_cmd, lint_cmd, play_cmd, playtest_cmd,
                     report_cmd, schema_cmd, stats_cmd)
from game.engine.printable import printable_text

COMMANDS = [play_cmd, lint_cmd, explore_cmd, playtest_cmd, graph_cmd, stats_cmd, schema_cmd, report_cmd, about_cmd,
            build_web_cmd, assign_cmd]


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tether",
        description="Tether: a story about closeness, distance and feeling safe together. "
        "With no command, starts the game.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
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
    parser = build_parser()
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = ["play", *argv]
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        print("\nStopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
