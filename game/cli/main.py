"""`tether` and `python -m game`: parse the command line and hand over to one command module."""

from __future__ import annotations

import argparse
import sys

from game.cli import about_cmd, build_web_cmd, explore_cmd, graph_cmd, lint_cmd, play_cmd, playtest_cmd, report_cmd, schema_cmd, stats_cmd

COMMANDS = [play_cmd, lint_cmd, explore_cmd, playtest_cmd, graph_cmd, stats_cmd, schema_cmd, report_cmd, about_cmd, build_web_cmd]


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
    for stream in (sys.stdout, sys.stderr):
        # A name that is not UTF-8 (or a terminal that is not) must never end in UnicodeEncodeError.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    if hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(errors="replace")  # random bytes typed or piped in are no UnicodeDecodeError
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
