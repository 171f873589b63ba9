"""Explorer: the time to decide every question on the shipped story, and how much it decides on a big one.

The writer tools' explorer (`game.tools.explore`) answers, per role, whether
each ending, node, choice and line is reached (with a path), unreachable
(proved) or undecided. Targets: the shipped story, both roles, every
question decided in under 1 s (so `tether explore` is something a writer
runs after every edit); on the synthetic 10,000-node story every ending and
at least 99 % of the nodes decided.
"""

from __future__ import annotations

import importlib
import time

from benchmarks.common import Section, median, peak_memory

TARGET_S = 1.0
TARGET_NODES_PERCENT = 99.0
TARGET_ENDINGS_PERCENT = 100.0


def _explore_fn():
    try:
        module = importlib.import_module("game.tools.explore")
    except ImportError as exc:
        return None, f"game.tools.explore is not available yet ({exc})"
    fn = getattr(module, "explore", None)
    if not callable(fn):
        return None, "game.tools.explore has no explore(story, ...) function yet"
    return fn, ""


def _decided(exploration) -> dict:
    """Per kind: the share of (role, item) questions decided, over both roles."""
    out = {}
    for kind in ("ending", "node", "choice", "line"):
        items = exploration.items(kind)
        total = decided = 0
        for r in exploration.roles.values():
            total += len(items)
            decided += sum(1 for i in items if r.status(kind, i) != "undecided")
        out[kind] = {"decided": decided, "total": total, "percent": 100.0 * decided / total if total else 100.0}
    return out


def _totals(exploration) -> dict:
    roles = getattr(exploration, "roles", {}) or {}
    states = sum(getattr(r, "states", 0) for r in roles.values())
    moves = sum(getattr(r, "moves", 0) for r in roles.values())
    complete = all(getattr(r, "complete", False) for r in roles.values()) if roles else False
    limits = [getattr(r, "limit_reason", "") for r in roles.values() if getattr(r, "limit_reason", "")]
    endings = sorted({e for r in roles.values() for e in getattr(r, "endings", {})})
    return {"states": states, "moves": moves, "complete": complete, "limits": limits, "endings": endings,
            "roles": {name: {"states": getattr(r, "states", 0), "complete": getattr(r, "complete", False),
                             "seconds": round(getattr(r, "seconds", 0.0), 4)} for name, r in roles.items()}}


def synthetic_throughput(synthetic, seconds: float) -> dict | None:
    """Explore the synthetic story with `seconds` per role: what share of the questions it decides."""
    fn, _ = _explore_fn()
    if fn is None or synthetic is None:
        return None
    start = time.perf_counter()
    result = fn(synthetic, max_seconds=seconds)
    took = time.perf_counter() - start
    return {**_totals(result), "seconds": took, "budget_s": seconds, "decided": _decided(result)}


def run(shipped, synthetic: dict | None, repeats: int, shipped_limit_s: float = 60.0) -> Section:
    section = Section("explore", "Explorer (tether explore)")
    fn, reason = _explore_fn()
    if fn is None:
        return section.unavailable(reason)
    if shipped is None:
        return section.unavailable("the shipped story does not load, so it cannot be explored")
    times, totals = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn(shipped, max_seconds=shipped_limit_s)
        times.append(time.perf_counter() - start)
        totals = _totals(result)
    elapsed = median(times)
    fig = section.add("shipped_s", "decide every question, shipped story (both roles)", elapsed, "s", TARGET_S, op="<")
    if not totals["complete"]:
        fig.note = "not every question decided: " + "; ".join(totals["limits"] or ["the explorer stopped early"])
        fig.failed = True  # a time for a search that did not finish meets no target
    section.add("shipped_states", "choice menus searched (shipped story)", totals["states"], "states")
    section.add("shipped_states_per_s", "throughput, shipped story", totals["states"] / elapsed, "states/s")
    section.details["shipped"] = {**totals, "seconds": times, "decided": _decided(result)}
    if synthetic is not None:
        decided = synthetic["decided"]
        budget = f"{synthetic['budget_s']:g} s limit per role"
        section.add("synthetic_endings_percent", f"synthetic story: endings decided ({budget})",
                    decided["ending"]["percent"], "%", TARGET_ENDINGS_PERCENT, op=">=")
        nodes = section.add("synthetic_nodes_percent", "synthetic story: nodes decided", decided["node"]["percent"],
                            "%", TARGET_NODES_PERCENT, op=">=")
        if nodes.met is False:  # by how much, and why the search stopped
            short = decided["node"]["total"] - decided["node"]["decided"]
            limits = "; ".join(dict.fromkeys(synthetic["limits"])) or "the explorer stopped early"
            nodes.note = (f"missed by {TARGET_NODES_PERCENT - nodes.value:.1f} points: {short:,} (role, node) "
                          f"questions undecided; {limits}")
        section.add("synthetic_lines_percent", "synthetic story: lines decided", decided["line"]["percent"], "%")
        section.add("synthetic_s", "synthetic story: time (both roles)", synthetic["seconds"], "s")
        section.details["synthetic"] = synthetic
    # tracemalloc slows the explorer several times: bound the pass by the states the timed run reached
    per_role = max([r["states"] for r in totals["roles"].values()] or [1])
    peak, _ = peak_memory(lambda: fn(shipped, max_states=per_role, max_seconds=shipped_limit_s * 20))
    section.add("peak_mib", "peak memory, exploring the shipped story", peak, "MiB")
    section.details["complete"] = totals["complete"]
    return section
