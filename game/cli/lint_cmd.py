"""`tether lint [PATH] [--format text|json]`: check a story and point at file:line:col for each problem."""

from __future__ import annotations

import sys
from pathlib import Path

from game.cli.args import add_budget_arguments
from game.cli.paths import default_story_dir
from game.cli.progress import Progress
from game.tools.lint import LINT_MAX_STATES, lint_path
from game.tools.output import format_json, format_text


def register(sub) -> None:
    p = sub.add_parser("lint", help="check a story for errors and advice",
                       description="Check a story folder or one of its files: errors, soft-locks, unreachable "
                       "endings and writing advice. Codes are explained in docs/diagnostics.md.")
    p.add_argument("path", nargs="?", type=Path, help="story folder or YAML file (default: the shipped story)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="text for people, json for tools")
    p.add_argument("--schema", action="store_true", help="also check every file against the JSON Schema")
    # no time limit: what lint reports must not depend on how fast the machine is
    add_budget_arguments(p, LINT_MAX_STATES, None, "exploration budget: choice menus to expand")
    p.set_defaults(run=run)


def run(args) -> int:
    path = args.path or default_story_dir()
    progress = Progress()  # a big story's exploration takes seconds: a bar on a terminal's stderr after two
    try:
        story, diagnostics = lint_path(path, args.max_states, schema=args.schema, progress=progress)
    finally:
        progress.close()
    if args.format == "json":
        print(format_json(diagnostics))
    elif diagnostics:
        print(format_text(diagnostics))
    if story is None or any(d.is_error for d in diagnostics):
        return 1
    if args.format == "text" and not diagnostics:
        nodes = sum(len(s.nodes) for s in story.scenes.values())
        print(f"{path}: ok ({len(story.scenes)} scenes, {nodes} nodes, no problems)", file=sys.stdout)
    return 0
