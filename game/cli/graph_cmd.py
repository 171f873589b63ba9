"""`tether graph [PATH] --format mermaid|dot [--scene ID] [--role R]`: the story map."""

from __future__ import annotations

import sys

from pathlib import Path

from game.cli.args import role_problem, story_from_args
from game.tools.graph import dot, mermaid


def register(sub) -> None:
    p = sub.add_parser("graph", help="draw the story map (Mermaid or DOT)",
                       description="Print the story map: scenes, nodes, choices and branches, endings by kind. "
                       "Mermaid renders on GitHub; DOT is for Graphviz (dot -Tsvg).")
    p.add_argument("path", nargs="?", type=Path, help="story folder (default: the shipped story)")
    p.add_argument("--format", choices=("mermaid", "dot"), default="mermaid")
    p.add_argument("--scene", help="one scene only")
    p.add_argument("--role", help="only what this role of the story can reach")
    p.set_defaults(run=run)


def run(args) -> int:
    story = story_from_args(args)
    if story is None:
        return 1
    if (problem := role_problem(story, args.role)) is not None:
        print(problem, file=sys.stderr)
        return 2
    if args.scene and args.scene not in story.scenes:
        print(f"no scene {args.scene!r}; scenes: {', '.join(story.scene_order)}")
        return 2
    print((mermaid if args.format == "mermaid" else dot)(story, args.scene, args.role), end="")
    return 0
