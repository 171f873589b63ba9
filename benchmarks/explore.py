"""Explorer: states per second, and the time to explore the shipped story completely (both roles).

The writer tools' explorer (`game.tools.explore`) drives the real runner
through every distinct choice menu. The target is the shipped story explored
to the end in under 2 s, so `tether explore` stays something a writer runs
after every edit. Throughput is also taken on the synthetic story, with a
time budget, because a 10,000-node story cannot be explored completely.
"""

from __future__ import annotations

import importlib
import time

from benchmarks.common import Section, median, peak_memory

TARGET_S = 2.0


def _explore_fn():
    try:
        module = importlib.import_module("game.tools.explore")
    except ImportError as exc:
        return None, f"game.tools.explore is not available yet ({exc})"
    fn = getattr(module, "explore", None)
    if not callable(fn):
        return None, "game.tools.explore has no explore(story, ...) function yet"
    return fn, ""


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
    """Explore the synthetic story for `seconds` per role: states per second on a story too big to finish."""
    fn, _ = _explore_fn()
    if fn is None or synthetic is None:
        return None
    start = time.perf_counter()
    result = fn(synthetic, max_seconds=seconds)
    took = time.perf_counter() - start
    return {**_totals(result), "seconds": took, "budget_s": seconds}


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
    fig = section.add("shipped_s", "explore the shipped story fully (both roles)", elapsed, "s", TARGET_S, op="<")
    if not totals["complete"]:
        fig.note = "incomplete: " + "; ".join(totals["limits"] or ["the explorer stopped early"])
        fig.failed = True  # a time for a search that did not finish meets no target
    section.add("shipped_states", "states explored (shipped story)", totals["states"], "states")
    section.add("shipped_states_per_s", "throughput, shipped story", totals["states"] / elapsed, "states/s")
    section.details["shipped"] = {**totals, "seconds": times}
    if synthetic is not None:
        fig = section.add("synthetic_states_per_s",
                          f"throughput, synthetic story ({synthetic['budget_s']:g} s limit per role)",
                          synthetic["states"] / synthetic["seconds"], "states/s")
        if not synthetic["states"]:
            fig.note = "no state explored within the limit: " + "; ".join(synthetic["limits"][:1])
        section.details["synthetic"] = synthetic
    # tracemalloc slows the explorer several times: bound the pass by the states the timed run reached
    per_role = max([r["states"] for r in totals["roles"].values()] or [1])
    peak, _ = peak_memory(lambda: fn(shipped, max_states=per_role, max_seconds=shipped_limit_s * 20))
    section.add("peak_mib", "peak memory, exploring the shipped story", peak, "MiB")
    section.details["complete"] = totals["complete"]
    return section
