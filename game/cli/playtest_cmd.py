"""`tether playtest [PATH] --runs N --seed S [--role R] [--policy P] [--never TAG] [--json]`: seeded playthrough statistics."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from game.cli.args import role_problem, story_from_args
from game.engine.tags import TAGS
from game.engine.vocabulary import ENDING_KINDS
from game.tools.playtest import POLICIES, playtest, progress_bar


def register(sub) -> None:
    p = sub.add_parser("playtest", help="play the story many times and show the distributions",
                       description="Seeded playthroughs (the same seed gives the same runs). Policies use the "
                       "behaviour tags: secure prefers secure moves, pursue prefers pursue moves (then contempt), "
                       "withdraw prefers withdrawal; random picks uniformly; learner plays the role's insecure family "
                       "(the role's habit in the manifest: pursue or withdraw) in the first half of the scenes and secure moves "
                       "after; mirror is secure only while the partner's last line was calm.")
    p.add_argument("path", nargs="?", type=Path, help="story folder (default: the shipped story)")
    p.add_argument("--runs", type=int, default=100, help="playthroughs per role (default 100)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--role", help="one role of the story only (default: every role)")
    p.add_argument("--policy", choices=POLICIES, default="random", help="how choices are picked (default random)")
    p.add_argument("--never", action="append", default=[], metavar="TAG",
                   help="avoid choices with this behaviour tag wherever another choice is on offer (repeatable)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(run=run)


def _pct(n: int, total: int) -> str:
    return f"{100 * n / total:5.1f}%" if total else "  -  "


def run(args) -> int:
    story = story_from_args(args)
    if story is None:
        return 1
    if (problem := role_problem(story, args.role)) is not None:
        print(problem, file=sys.stderr)
        return 2
    if args.runs < 1:
        print("--runs must be at least 1")
        return 2
    unknown = [tag for tag in args.never if tag not in TAGS]
    if unknown:
        print(f"--never: unknown behaviour tag {unknown[0]!r}; the tags are listed in docs/writing.md")
        return 2
    results = playtest(story, args.runs, args.seed, args.role, args.policy,
                       progress_bar() if args.runs >= 200 else None, never=args.never)
    status = 1 if any(s.stuck for s in results.values()) else 0  # a run that got stuck is a problem to fix
    if args.json:
        print(json.dumps({"story": story.id, "runs": args.runs, "seed": args.seed, "policy": args.policy,
                          "never": args.never, "roles": {r: s.to_dict(story) for r, s in results.items()}}, indent=1))
        return status
    kinds = {e.id: e.kind for e in story.endings}
    never = f", never {', '.join(args.never)}" if args.never else ""
    print(f"playtest of {story.title}: {args.runs} runs per role, seed {args.seed}, policy {args.policy}{never}")
    for role, s in results.items():
        print(f"\n{role}: {s.runs} runs in {s.seconds:.2f} s")
        print("  endings:")
        for ending in story.endings:
            n = s.endings[ending.id]
            print(f"    {ending.id:<24} {ending.kind:<10} {n:>6} {_pct(n, s.runs)}")
        print("  by kind: " + ", ".join(f"{k} {_pct(s.kinds[k], s.runs).strip()}" for k in ENDING_KINDS))
        for node, n in s.stuck.items():
            print(f"  STUCK at {node}: {n} runs")
        print("  meters at scene end (min / median / max):")
        for scene, meters in s.scene_meters.items():
            cells = []
            for name, values in meters.items():
                values = sorted(values)
                median = values[len(values) // 2]
                cells.append(f"{name} {values[0]}/{median}/{values[-1]}")
            print(f"    {scene:<20} ({len(next(iter(meters.values())))} runs) " + "  ".join(cells))
        print("  choices made per scene (median) and runs an early ending cut short there:")
        for scene, row in s.to_dict(story)["scenes"].items():
            print(f"    {scene:<20} {row['median_choices']:>5} choices  {row['cut_short']:>6} cut short "
                  f"{_pct(row['cut_short'], row['entered'])}")
        print("  choices (taken / offered):")
        for choice in story.all_choices():
            if s.offered[choice.id]:
                print(f"    {choice.id:<48} {s.taken[choice.id]:>6} / {s.offered[choice.id]:<6} "
                      f"{_pct(s.taken[choice.id], s.offered[choice.id])}")
    del kinds
    if status:
        print("\nSome runs got STUCK: the story soft-locks or loops there; `tether lint` and `tether explore` say why.")
    return status
