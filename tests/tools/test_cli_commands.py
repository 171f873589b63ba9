"""The command line: one table names every command, and a command imports only its own module."""

import argparse
import importlib
import json
import subprocess
import sys

from game.cli.main import COMMANDS, build_parser


def test_each_command_module_registers_the_name_the_table_gives_it():
    for name, module in COMMANDS.items():
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers(dest="command")
        importlib.import_module(f"game.cli.{module}").register(sub)
        assert list(sub.choices) == [name], module


def test_help_lists_every_command_in_the_tables_order():
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert list(sub.choices) == list(COMMANDS)


def _modules_after(code: str) -> set:
    out = subprocess.run([sys.executable, "-c", code + "; import sys, json; print(json.dumps(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True, timeout=60)
    return set(json.loads(out.stdout.splitlines()[-1]))


def test_starting_the_game_imports_none_of_the_writer_or_teacher_tools():
    loaded = _modules_after("from game.cli.main import build_parser; build_parser('play').parse_args(['play', '--text'])")
    assert "game.cli.play_cmd" in loaded
    for heavy in ("game.cli.lint_cmd", "game.cli.assign_cmd", "game.cli.report_cmd", "game.tools.lint",
                  "game.tools.explore", "game.engine.assignment", "game.tools.report_html"):
        assert heavy not in loaded, heavy
    assert "game.cli.assign_cmd" in _modules_after("from game.cli.main import build_parser; build_parser()")
