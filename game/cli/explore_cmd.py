"""`tether explore [PATH] [--role R] [--json] [--all] [--path ID]`: what play can and cannot reach, decided.

Exit codes: 0 every question decided and no problem; 1 a problem (a soft-lock,
a possible soft-lock, a loop with no way out, an ending no role can reach, a
role that can reach no ending of some kind) or a story that does not build;
3 no problem found, but some questions are undecided (the search stopped at
its limit first); 2 is argparse's, for a wrong command line.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from game.cli.args import add_budget_arguments, role_problem, story_from_args
from game.cli.progress import Progress
from game.cli.paths import default_story_dir
from game.tools.explore import DEFAULT_MAX_SECONDS, DEFAULT_MAX_STATES, KINDS, explore

EXIT_PROBLEM = 1
EXIT_UNDECIDED = 3
MAX_IDS = 20  # ids shown per list unless --all
MAX_PATH = 40  # choices of a path printed as its play command unless --all: a longer one fills the screen


def register(sub) -> None:
    p = sub.add_parser("explore", help="decide what play can reach: endings, nodes, choices, lines; find soft-locks",
                       description="For each role, answer for every ending, node, choice and line: reached (with the "
                       "choices that replay it), unreachable (proved), or undecided (with the reason). "
                       "Exit 0: all decided, no problem; 1: a problem (soft-lock, loop with no way out, an ending "
                       "or ending kind a role cannot reach); 3: no problem found but some questions undecided.")
    p.add_argument("path", nargs="?", type=Path, help="story folder (default: the shipped story)")
    p.add_argument("--role", help="explore one role of the story only")
    p.add_argument("--json", action="store_true", help="print the result as JSON (every id, with --paths every path)")
    p.add_argument("--all", action="store_true", help=f"list every id (default: at most {MAX_IDS} per list) and "
                   f"print every ending's play command however long (default: paths of up to {MAX_PATH} choices)")
    p.add_argument("--paths", action="store_true", help="with --json: the path to every reached node, choice and line")
    p.add_argument("--path", dest="witness", metavar="ID", help="print the choices that reach this ending, node, choice or line")
    add_budget_arguments(p, DEFAULT_MAX_STATES, DEFAULT_MAX_SECONDS, "choice menus to expand")
    p.set_defaults(run=run)


def run(args) -> int:
    story = story_from_args(args)
    path = args.path or default_story_dir()
    if story is None:
        return EXIT_PROBLEM
    if (problem := role_problem(story, args.role)) is not None:
        print(problem, file=sys.stderr)
        return 2
    progress = Progress()
    try:
        ex = explore(story, args.role, max(1, args.max_states), args.max_seconds, progress=progress)
    finally:
        progress.close()
    data = ex.to_dict()
    undecided = any(r["counts"][f"{k}s"]["undecided"] for r in data["roles"].values() for k in KINDS)
    code = EXIT_PROBLEM if data["problems"] else EXIT_UNDECIDED if undecided else 0
    if args.witness:
        return _witness(ex, args.witness, path)
    if args.json:
        if not args.paths:
            for r in data["roles"].values():
                del r["paths"]
        print(json.dumps(data, indent=1))
        return code
    for role, r in data["roles"].items():
        verdict = "every question decided" if r["complete"] else "NOT every question decided"
        print(f"{role}: {verdict} in {r['seconds']:.2f} s ({r['states']:,} choice menus, {r['moves']:,} moves)")
        for kind in KINDS:
            c = r["counts"][f"{kind}s"]
            print(f"  {kind}s: {c['reached']} reached, {c['unreachable']} unreachable, {c['undecided']} undecided "
                  f"(of {c['total']}; {c['decided_percent']}% decided)")
        for eid, info in r["endings"].items():
            print(f"    {eid} ({info['kind']}), {len(info['path']):,} choices:")
            print(f"      {_replay(role, path, info['path'], info['seed'], eid, args.all)}")
        for eid, status in r["unreached_endings"].items():
            print(f"    {eid}: not reached ({'proved unreachable' if status == 'unreachable' else 'undecided'})")
        for lock in r["softlocks"]:
            print(f"  SOFT-LOCK at {lock['node']}: {lock['message']}")
            print(f"      {_play(role, path, lock['path'], lock['seed'])}")
        for lock in r["possible_softlocks"]:
            print(f"  possible soft-lock at {lock['node']}: {lock['example']}")
        for node in r["loops"]:
            print(f"  LOOP: from {node} no way leaves the scene")
        if r["limit"] and not r["complete"]:
            print(f"  search: {r['limit']}")
        for item in r["disputed"]:
            print(f"  the runner does not confirm {item['kind']} {item['id']}: {item['runner']}")
    for kind in ("node", "choice", "line"):
        for title, ids in ((f"{kind}s never reached by any role (proved)", data[f"{kind}s_unreachable"]),
                           (f"{kind}s undecided (not reached, not proved unreachable)", data[f"{kind}s_undecided"])):
            for line in grouped_lines(title, ids, args.all, f"{kind}s"):
                print(line)
    for problem in data["problems"]:
        print(f"PROBLEM: {problem}")
    if code == EXIT_UNDECIDED:
        print("Some questions are undecided: raise --max-states or --max-seconds to decide more.")
    return code


def _play(role: str, story_path, choices, seed: int) -> str:
    """The command that replays a path (with the seed its chance(N) rolls need, if any)."""
    rolls = f" --seed {seed}" if seed else ""
    return f"tether play --text --role {role} --story {story_path}{rolls} --choices {','.join(choices)}"


def _replay(role: str, story_path, choices, seed: int, item: str, show_all: bool) -> str:
    """The play command for a path, or for a long one (unless show_all) where to get it."""
    if show_all or len(choices) <= MAX_PATH:
        return _play(role, story_path, choices, seed)
    return (f"(the command that replays these {len(choices):,} choices: --all here, or "
            f"tether explore {story_path} --role {role} --path {item})")


def grouped_lines(title: str, ids: list, show_all: bool, noun: str = "ids") -> list[str]:
    """A list of ids grouped by scene, with counts: the scenes in order, their ids until MAX_IDS are shown (unless
    show_all), then one line for the scenes left, naming those with the most."""
    if not ids:
        return []
    by_scene: dict = {}
    for item in ids:
        by_scene.setdefault(item.split(".", 1)[0], []).append(item)
    out = [f"{title}: {len(ids)} in {len(by_scene)} scene{'s' if len(by_scene) != 1 else ''}"]
    budget = None if show_all else MAX_IDS
    left: list = []  # (scene, count) of the scenes not listed
    for scene, items in by_scene.items():
        if budget == 0:
            left.append((scene, len(items)))
            continue
        shown = items if budget is None else items[:budget]
        if budget is not None:
            budget -= len(shown)
        rest = len(items) - len(shown)
        listed = ", ".join(i.split(".", 1)[1] for i in shown)
        out.append(f"  {scene} ({len(items)}): {listed}{f', ... {rest} more' if rest else ''}")
    if left:
        most = sorted(left, key=lambda pair: -pair[1])[:3]  # stable: equal counts in story order
        out.append(f"  ... {len(left)} more scene{'s' if len(left) != 1 else ''} with {sum(n for _s, n in left)} more {noun}; "
                   f"the most in " + ", ".join(f"{scene} ({n})" for scene, n in most))
    if not show_all and len(ids) > MAX_IDS:
        out.append("  (--all lists every id; --json keeps them all)")
    return out


def _witness(ex, item: str, path) -> int:
    """The choices that reach one node, choice or line, per role, as a play command."""
    found = False
    for role, r in ex.roles.items():
        for kind in KINDS:
            if item in r.reached[kind] and r.status(kind, item) == "reached":
                found = True
                steps = len(r.reached[kind][item])
                print(f"{role}: {kind} {item} is reached after {steps} choice{'' if steps == 1 else 's'}:")
                print(f"  {_play(role, path, r.reached[kind][item], r.seeds.get((kind, item), 0))}")
                break
        else:
            for kind in KINDS:
                if item in ex.items(kind):
                    print(f"{role}: {kind} {item} is {r.status(kind, item)}: {r.reason(kind, item)}")
                    break
            else:
                print(f"{role}: no ending, node, choice or line has the id {item!r}")
    return 0 if found else EXIT_PROBLEM
