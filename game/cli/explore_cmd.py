"""`tether explore [PATH] [--role R] [--json] [--max-states N]`: every ending, node and choice play can reach."""

from __future__ import annotations

import json
from pathlib import Path

from game.cli.args import add_budget_arguments, story_from_args
from game.cli.paths import default_story_dir
from game.engine.conditions import ROLES
from game.tools.explore import DEFAULT_MAX_SECONDS, DEFAULT_MAX_STATES, explore


def register(sub) -> None:
    p = sub.add_parser("explore", help="prove every ending reachable and find soft-locks",
                       description="Explore every state play can reach, per role: which endings are reachable "
                       "(with the shortest choice path to replay), what is never reached, soft-locks, coverage. "
                       "Exit 1 if an ending cannot be reached or play can get stuck.")
    p.add_argument("path", nargs="?", type=Path, help="story folder (default: the shipped story)")
    p.add_argument("--role", choices=ROLES, help="explore one role only")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    add_budget_arguments(p, DEFAULT_MAX_STATES, DEFAULT_MAX_SECONDS, "choice menus to expand")
    p.set_defaults(run=run)


def run(args) -> int:
    story = story_from_args(args)
    path = args.path or default_story_dir()
    if story is None:
        return 1
    ex = explore(story, args.role, max(1, args.max_states), args.max_seconds)
    data = ex.to_dict()
    failed = bool(data["unreached_endings"]) or any(r["softlocks"] or r["possible_softlocks"] for r in data["roles"].values())
    if args.json:
        print(json.dumps(data, indent=1))
        return 1 if failed else 0
    for role, r in data["roles"].items():
        how = "complete" if r["complete"] else f"INCOMPLETE ({r['limit']})"
        print(f"{role}: {how}; {r['states']} choice menus, {r['moves']} moves, {r['seconds']:.2f} s")
        print(f"  endings reached: {len(r['endings'])} of {len(story.endings)}")
        for eid, info in r["endings"].items():
            choices = ",".join(info["path"])
            print(f"    {eid} ({info['kind']}), {len(info['path'])} choices:")
            print(f"      tether play --text --role {role} --story {path} --choices {choices}")
        for eid, status in r["unreached_endings"].items():
            print(f"    {eid}: not reached ({'proved unreachable' if status == 'unreachable' else 'undecided'})")
        cov = r["coverage"]
        print("  coverage: " + ", ".join(f"{k} {v['reached']}/{v['possible']} ({v['percent']}%)" for k, v in cov.items()))
        for lock in r["softlocks"]:
            print(f"  SOFT-LOCK at {lock['node']}: {lock['message']}")
            print(f"      tether play --text --role {role} --story {path} --choices {','.join(lock['path'])}")
        for lock in r["possible_softlocks"]:
            print(f"  possible soft-lock at {lock['node']}: {lock['example']}")
    for kind in ("node", "choice", "line"):
        unreachable, undecided = data[f"{kind}s_unreachable"], data[f"{kind}s_undecided"]
        if unreachable:
            print(f"{kind}s never reached ({len(unreachable)}): {', '.join(unreachable)}")
        if undecided:
            print(f"{kind}s not reached, not proved unreachable ({len(undecided)}): {', '.join(undecided)}")
    if not ex.complete:
        print("The exact search did not finish: what it found is real, and 'never reached' above is proved by "
              "bounds; raise --max-states to decide the rest.")
    if data["unreached_endings"]:
        print("Endings not reached: " + ", ".join(f"{e} ({s})" for e, s in data["unreached_endings"].items()))
    return 1 if failed else 0
