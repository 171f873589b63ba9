"""Load: the engine's full load and build (and the full lint, when the linter exists) against the bare parse.

The floor is what PyYAML's C loader needs to turn the same files into plain
Python data: `yaml.load(bytes, Loader=yaml.CSafeLoader)`. Tether does more
(duplicate keys, positions for every value, validation, compiled
conditions), and the target bounds what that costs: at most twice the floor.
Bare and full runs alternate and the ratio is taken pair by pair, so a
machine that slows down part-way through does not tilt the result.

Each run is a fresh process (`python -m benchmarks.load --child MODE ROOT`),
as when a writer runs `tether lint`: the benchmark's own heap (other stories
already loaded) would otherwise make every garbage collection slower and
tilt the figures. The child reports its time and its peak memory growth
(VmHWM at the end minus VmRSS once its modules are imported), and when the lint
explores its roles in processes of their own, the largest one's peak growth
(its maximum resident size, less the same base).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import inspect
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import yaml

try:
    import resource
except ImportError:  # not on every platform
    resource = None

from benchmarks.common import ROOT, Section, median

TARGET_RATIO = 2.0
LINT_TARGET_RATIO = 1.5  # the full lint, exploration included, against the bare parse
LINT_TARGET_MIB = 300
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def story_files(root: Path) -> list[Path]:
    root = Path(root)
    return [root / "story.yaml", *sorted((root / "scenes").glob("*.yaml"))]


def bare_parse(files: list[Path], keep: bool = False) -> list:
    """Parse every file with the C loader and nothing else; with `keep`, all the data is held, as a story is."""
    docs = []
    for path in files:
        data = yaml.load(path.read_bytes(), Loader=_LOADER)
        if keep:
            docs.append(data)
    return docs


def full_load(root: Path):
    from game.engine.loader import check_story

    story, diagnostics = check_story(root)
    errors = [d for d in diagnostics if d.is_error]
    if story is None or errors:
        raise RuntimeError(f"the story at {root} does not load: {errors[:3]}")
    return story


class Linter:
    """The writer tools' full lint (`tether lint`), taken apart so that each phase is timed once.

    `lint_path` is check_story, then `lint_story` (an exploration, then the
    rules), then the manifest's levels; this does the same calls in the same
    order with a clock between them.
    """

    def __init__(self, module, max_seconds: float | None):
        self.m = module
        self.max_seconds = max_seconds if max_seconds is not None else getattr(module, "LINT_MAX_SECONDS", None)
        self.max_states = getattr(module, "LINT_MAX_STATES", 10_000)
        params = inspect.signature(module.lint_story).parameters
        self.piecewise = "exploration" in params and hasattr(module, "Explorer")

    def __call__(self, root: Path) -> dict:
        clock = time.perf_counter
        if not self.piecewise:
            t = clock()
            self.m.lint_path(Path(root), max_states=self.max_states, max_seconds=self.max_seconds)
            return {"total": clock() - t}
        t0 = clock()
        story = full_load(root)
        t1 = clock()
        # as lint_story does on its own: the exploration begun, the rules that need no answers run meanwhile
        pending = self.m.Explorer(story, max_states=self.max_states, max_seconds=self.max_seconds).start()
        found = self.m.lint_story(story, self.max_states, self.max_seconds, exploration=pending)
        if hasattr(self.m, "apply_levels"):
            found = self.m.apply_levels(found, story.lint_levels)
        sorted(set(found))
        t2 = clock()
        roles = pending.result().roles.values()
        complete = all(getattr(r, "complete", True) for r in roles)
        states = max([getattr(r, "states", 0) for r in roles] or [0])
        return {"total": t2 - t0, "load": t1 - t0, "after_load": t2 - t1,
                "explore_roles_s": {r.role: r.seconds for r in roles},
                "side_by_side": getattr(pending, "side_by_side", False),
                "explore_complete": complete, "explore_states": states, "diagnostics": len(found)}


def find_linter(max_seconds: float | None = None):
    """(Linter, how) for the writer tools' full lint, or (None, why) while it has not landed."""
    try:
        module = importlib.import_module("game.tools.lint")
    except ImportError as exc:
        return None, f"game.tools.lint is not available yet ({exc})"
    if not (callable(getattr(module, "lint_story", None)) and callable(getattr(module, "lint_path", None))):
        return None, "game.tools.lint has no lint_story/lint_path yet"
    linter = Linter(module, max_seconds)
    how = "game.tools.lint: check_story + explore + lint_story + apply_levels (= lint_path)" if linter.piecewise \
        else "game.tools.lint.lint_path"
    seconds = "no time limit" if linter.max_seconds is None else f"{linter.max_seconds:g} s"
    return linter, how + f", exploration limits {linter.max_states} states / {seconds} per role"


def _status_mib(field: str) -> float:
    with open("/proc/self/status", "rb") as f:
        for line in f:
            if line.startswith(field.encode() + b":"):
                return int(line.split()[1]) / 1024
    return 0.0


def child(mode: str, root: Path, lint_seconds: float | None) -> dict:
    """One measured run in this (fresh) process: bare, full or lint."""
    files = story_files(root)
    lint = None
    if mode == "lint":
        lint, how = find_linter(lint_seconds)
        if lint is None:
            return {"error": how}
    import game.engine.loader  # noqa: F401 - imports are not part of the timed work
    gc.collect()
    base = _status_mib("VmRSS")
    start = time.perf_counter()
    if mode == "bare":
        docs = bare_parse(files, keep=True)
        out = {"documents": len(docs)}
    elif mode == "full":
        story = full_load(root)
        out = {"nodes": sum(len(s.nodes) for s in story.scenes.values())}
    else:
        out = {"parts": lint(root), "how": how}
    out["seconds"] = time.perf_counter() - start
    out["peak_mib"] = max(0.0, _status_mib("VmHWM") - base)
    # The lint may explore its roles in child processes (game/tools/explore_parallel.py): the largest child's peak,
    # less the same base (a forked child starts with this process's pages, and counts those it touches).
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 if resource is not None else 0.0
    out["children_peak_mib"] = max(0.0, children - base) if children else 0.0
    return out


def _spawn(mode: str, root: Path, lint_seconds: float | None = None) -> dict:
    cmd = [sys.executable, "-m", "benchmarks.load", "--child", mode, str(root)]
    if lint_seconds is not None:
        cmd += ["--lint-seconds", str(lint_seconds)]
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=str(ROOT), stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        raise RuntimeError(f"load benchmark child {mode} failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(root: Path, repeats: int, lint_seconds: float | None = None) -> Section:
    section = Section("load", "Load + build (and lint) vs bare C parse")
    files = story_files(root)
    bare, full = [], []
    for _ in range(repeats):
        bare.append(_spawn("bare", root))
        full.append(_spawn("full", root))
    bare_times = [b["seconds"] for b in bare]
    full_times = [f["seconds"] for f in full]
    ratios = [f / b for f, b in zip(full_times, bare_times)]
    nodes = full[0]["nodes"]
    section.add("bare_parse_s", "bare yaml.load (CSafeLoader)", median(bare_times), "s")
    section.add("check_story_s", "check_story: load + full build", median(full_times), "s")
    section.add("ratio", "load + build / bare parse", median(ratios), "×", TARGET_RATIO)
    section.add("nodes_per_s", "nodes loaded per second", nodes / median(full_times), "nodes/s")
    section.add("bare_peak_mib", "peak memory growth, bare parse (all files kept)", median([b["peak_mib"] for b in bare]),
                "MiB")
    section.add("peak_mib", "peak memory growth, load + build", median([f["peak_mib"] for f in full]), "MiB")
    section.details.update({"files": len(files), "bytes": sum(p.stat().st_size for p in files), "nodes": nodes,
                            "repeats": repeats, "bare_s": bare_times, "check_story_s": full_times,
                            "ratios": ratios})

    lint, how = find_linter(lint_seconds)
    section.details["lint_entry"] = how
    if lint is None:
        section.details["lint"] = "not available yet"
        return section
    # The full lint explores the story, up to its time limit on a big one: one run, against the
    # median bare parse, is what a benchmark run can afford.
    result = _spawn("lint", root, lint_seconds)
    parts = result["parts"]
    fig = section.add("lint_s", "load + full lint (tether lint)", parts["total"], "s")
    bare_s = median(bare_times)
    ratio = section.add("lint_ratio", "load + full lint / bare parse", parts["total"] / bare_s, "×",
                        LINT_TARGET_RATIO)
    if ratio.met is False and "load" in parts:  # by how much, and where the time went
        left = LINT_TARGET_RATIO * bare_s - parts["load"]
        ratio.note = (f"missed by {ratio.value - LINT_TARGET_RATIO:.2f}×: the lint's own load + build took "
                      f"{parts['load'] / bare_s:.2f}× the parse, which leaves {max(0.0, left):.2f} s for exploring "
                      f"and the rules; they took {parts['total'] - parts['load']:.2f} s")
    if "after_load" in parts:
        section.add("lint_load_s", "  of which: load + build", parts["load"], "s")
        section.add("lint_after_load_s", "  of which: exploration and rules", parts["after_load"], "s")
        times = parts["explore_roles_s"]
        how = "side by side" if parts["side_by_side"] else "one after the other"
        section.add("lint_explore_role_s", f"    each role's exploration, the longest ({how})",
                    max(times.values(), default=0.0), "s")
        if not parts["explore_complete"]:
            fig.note = "the lint's exploration left questions undecided"
    section.add("lint_peak_mib", "peak memory growth, load + full lint", result["peak_mib"], "MiB", LINT_TARGET_MIB)
    if result.get("children_peak_mib"):
        section.add("lint_children_peak_mib", "peak memory growth, each role's child process (largest)",
                    result["children_peak_mib"], "MiB", LINT_TARGET_MIB)
    section.details["lint"] = parts
    return section


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.load")
    p.add_argument("--child", choices=("bare", "full", "lint"), required=True)
    p.add_argument("root", type=Path)
    p.add_argument("--lint-seconds", type=float)
    args = p.parse_args(argv)
    print(json.dumps(child(args.child, args.root, args.lint_seconds)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
