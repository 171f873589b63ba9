"""`tether lint [PATH]`: check a story folder or one of its files."""

from __future__ import annotations

from pathlib import Path

from game.cli.paths import default_story_dir
from game.cli.report import print_diagnostics
from game.engine.loader import check_story


def register(sub) -> None:
    p = sub.add_parser("lint", help="check a story for errors", description="Check a story folder or a single story file.")
    p.add_argument("path", nargs="?", type=Path, help="story folder or YAML file (default: the shipped story)")
    p.set_defaults(run=run)


def run(args) -> int:
    path = args.path or default_story_dir()
    story, diagnostics = check_story(path)
    import sys

    print_diagnostics(diagnostics, sys.stdout)
    if story is None or any(d.is_error for d in diagnostics):
        return 1
    if not diagnostics:
        print(f"{path}: ok ({len(story.scenes)} scenes, {sum(len(s.nodes) for s in story.scenes.values())} nodes)")
    return 0
