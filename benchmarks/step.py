"""Runner step cost: what one choice costs a front end, conditions and effects included.

A playthrough goes the way a front end drives the runner: `advance()` for
each line, `choices` once per menu (guards evaluated, text rendered),
`choose(i)` (undo snapshot, effects, adjustments, the move record, early
endings, then settling through silent nodes and branches), `next_scene()` at
each scene end. The choice index comes from a tiny linear congruential
generator so the policy costs next to nothing and every run is the same.

The figure is the total time of all playthroughs divided by the choices
made: every line delivered between two choices is part of that choice's
cost. Creating the runner (`StoryRunner.new`) is timed separately.
"""

from __future__ import annotations

import time

from benchmarks.common import Section, median, peak_memory

TARGET_US = 20.0


def playthrough(runner, seed: int) -> tuple[int, int]:
    """Play to the end; returns (choices made, runner calls made)."""
    k = seed & 0x7FFFFFFF
    choices = calls = 0
    phase = runner.phase
    while phase != "ended":
        if phase == "delivering":
            runner.advance()
        elif phase == "awaiting_choice":
            views = runner.choices
            k = (k * 1103515245 + 12345) & 0x7FFFFFFF
            runner.choose(k % len(views))
            choices += 1
        else:
            runner.next_scene()
        calls += 1
        phase = runner.phase
    return choices, calls


def breakdown(story, runs: int) -> dict:
    """µs per call of each runner call, timed one by one (adds ~0.1 µs per call of timer overhead)."""
    from game.engine.runner import StoryRunner

    clock = time.perf_counter
    total = {"menu": 0.0, "choose": 0.0, "advance": 0.0, "next_scene": 0.0}
    count = dict.fromkeys(total, 0)
    roles = list(story.roles)
    for r in range(runs):
        runner = StoryRunner.new(story, roles[r % len(roles)])
        k = (r * 7919 + 1) & 0x7FFFFFFF
        phase = runner.phase
        while phase != "ended":
            if phase == "delivering":
                t = clock()
                runner.advance()
                total["advance"] += clock() - t
                count["advance"] += 1
            elif phase == "awaiting_choice":
                t = clock()
                views = runner.choices
                t2 = clock()
                k = (k * 1103515245 + 12345) & 0x7FFFFFFF
                i = k % len(views)
                t3 = clock()
                runner.choose(i)
                t4 = clock()
                total["menu"] += t2 - t
                total["choose"] += t4 - t3
                count["menu"] += 1
                count["choose"] += 1
            else:
                t = clock()
                runner.next_scene()
                total["next_scene"] += clock() - t
                count["next_scene"] += 1
            phase = runner.phase
    out = {f"{name}_us": total[name] / count[name] * 1e6 if count[name] else 0.0 for name in total}
    out["calls"] = count
    out["lines_per_choice"] = count["advance"] / max(1, count["choose"])
    return out


def measure(story, budget_s: float, min_runs: int, max_runs: int) -> dict:
    from game.engine.runner import StoryRunner

    roles = list(story.roles)
    create, play_s, choices, calls, runs, per_run = [], 0.0, 0, 0, 0, []
    endings: dict[str, int] = {}
    started = time.perf_counter()
    runner = None
    while runs < max_runs and (runs < min_runs or time.perf_counter() - started < budget_s):
        role = roles[runs % len(roles)]
        runner = None  # free the last playthrough's state here, not inside the timed creation
        t0 = time.perf_counter()
        runner = StoryRunner.new(story, role)
        t1 = time.perf_counter()
        c, n = playthrough(runner, runs * 7919 + 1)
        t2 = time.perf_counter()
        create.append(t1 - t0)
        play_s += t2 - t1
        choices += c
        calls += n
        runs += 1
        if c:
            per_run.append((t2 - t1) / c)
        endings[runner.state.ending] = endings.get(runner.state.ending, 0) + 1
    return {
        "us_per_choice": play_s / max(1, choices) * 1e6,
        "us_per_call": play_s / max(1, calls) * 1e6,
        "create_us": median(create) * 1e6,
        "choices": choices,
        "calls": calls,
        "playthroughs": runs,
        "choices_per_playthrough": choices / max(1, runs),
        "median_us_per_choice_by_run": median(per_run) * 1e6 if per_run else 0.0,
        "endings": endings,
    }


def run(story, budget_s: float = 3.0, min_runs: int = 20, max_runs: int = 100_000) -> Section:
    section = Section("step", "Runner step cost per choice")
    measure(story, 0.0, 2, 2)  # warm up
    m = measure(story, budget_s, min_runs, max_runs)
    section.add("us_per_choice", "µs per choice (synthetic, conditions + effects)", m["us_per_choice"], "µs", TARGET_US)
    section.add("create_us", "runner creation (StoryRunner.new)", m["create_us"], "µs")
    section.add("choices", "choices made", m["choices"], "choices")
    section.add("playthroughs", "playthroughs", m["playthroughs"], "runs")

    def one_run():
        from game.engine.runner import StoryRunner

        return playthrough(StoryRunner.new(story, list(story.roles)[0]), 1)

    b = breakdown(story, max(2, min(40, m["playthroughs"] // 4)))
    section.add("choose_us", "µs per choose() + its choices menu", b["choose_us"] + b["menu_us"], "µs")
    section.add("advance_us", "µs per advance() (one line)", b["advance_us"], "µs")
    section.details["breakdown"] = b
    peak, _ = peak_memory(one_run)
    section.add("peak_mib", "peak memory, one playthrough", peak, "MiB")
    section.details["synthetic"] = m
    return section


def add_shipped(section: Section, shipped, budget_s: float = 1.0, min_runs: int = 20) -> Section:
    """The same figure on the shipped story (run once the synthetic story is out of memory)."""
    if shipped is None:
        return section
    measure(shipped, 0.0, 2, 2)
    s = measure(shipped, budget_s, min_runs, 100_000)
    section.add("shipped_us_per_choice", "µs per choice (shipped story)", s["us_per_choice"], "µs", TARGET_US)
    section.details["shipped"] = s
    return section
