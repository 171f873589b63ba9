"""`python -m benchmarks.instructions STORY N`: load STORY and play N seeded playthroughs, for instruction counts.

Run it under `valgrind --tool=callgrind` twice, with N and with 0, and divide the difference by the choices it
prints: that is the runner's cost per choice in instructions, the same however loaded the machine is
(docs/performance.md). Playthroughs go as in benchmarks/step.py, alternating the story's roles.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    from benchmarks.step import playthrough
    from game.engine.loader import load_story
    from game.engine.runner import StoryRunner

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or not args[1].isdigit():
        print(__doc__.splitlines()[0], file=sys.stderr)
        return 2
    story = load_story(Path(args[0]))
    roles = list(story.roles)
    choices = 0
    for run in range(int(args[1])):
        made, _calls = playthrough(StoryRunner.new(story, roles[run % len(roles)]), run * 7919 + 1)
        choices += made
    print("choices", choices)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
