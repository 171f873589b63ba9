"""`tether stats [PATH] [--json]`: how big the story is and how well its choices are tagged."""

from __future__ import annotations

import json
from pathlib import Path

from game.cli.args import story_from_args
from game.tools.stats import stats


def register(sub) -> None:
    p = sub.add_parser("stats", help="count scenes, nodes, choices, words and endings",
                       description="Story statistics: words in total and per role (text each role can reach), "
                       "endings by kind, the share of choices with behaviour tags and a why.")
    p.add_argument("path", nargs="?", type=Path, help="story folder (default: the shipped story)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(run=run)


def run(args) -> int:
    story = story_from_args(args)
    if story is None:
        return 1
    s = stats(story)
    if args.json:
        print(json.dumps(s, indent=1))
        return 0
    print(f"{story.title}: {s['scenes']} scenes, {s['nodes']} nodes, {s['lines']} lines, {s['choices']} choices, "
          f"{s['words']} words")
    for role, v in s["by_role"].items():
        print(f"  as {role}: {v['words']} words reachable, {v['nodes']} nodes, {v['choices']} choices")
    for sid, v in s["by_scene"].items():
        print(f"  scene {sid}: {v['nodes']} nodes, {v['choices']} choices, {v['words']} words")
    print("  endings: " + ", ".join(f"{n} {k}" for k, n in s["endings_by_kind"].items()))
    print(f"  choices with tags: {s['choices_with_tags']} of {s['choices']} ({100 * s['share_with_tags']:.0f}%), "
          f"with why: {s['choices_with_why']} ({100 * s['share_with_why']:.0f}%)")
    print("  choices by family: " + ", ".join(f"{k} {n}" for k, n in s["choices_by_family"].items()))
    return 0
