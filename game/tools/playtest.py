"""Seeded playthroughs with a policy: distributions of endings, meters and choices.

A policy picks among the choices on offer by their behaviour tags' families;
ties (and everything under `random`) are broken by a random.Random seeded
from the seed, the role and the policy, so a seed always gives the same runs.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

from game.engine.model import Story
from game.engine.runner import StoryRunner, StoryRuntimeError
from game.engine.tags import CORROSIVE, PURSUE, SECURE, WITHDRAW, family_of
from game.tools.analysis import roles_of

POLICIES = ("random", "secure", "pursue", "withdraw")
PREFERENCES = {"random": (), "secure": ({SECURE},), "pursue": ({PURSUE}, {CORROSIVE}), "withdraw": ({WITHDRAW},)}
MAX_CHOICES_PER_RUN = 10_000  # a story that loops forever is stopped and reported, never hangs


def pick(policy: str, choices, rng: random.Random) -> int:
    """Index of the choice the policy takes among `choices` (model Choices on offer)."""
    for families in PREFERENCES[policy]:
        preferred = [i for i, c in enumerate(choices) if family_of(c.tags) & families]
        if preferred:
            return rng.choice(preferred)
    return rng.randrange(len(choices))


@dataclass
class RoleStats:
    role: str
    runs: int = 0
    endings: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)
    stuck: Counter = field(default_factory=Counter)  # node id -> runs that got stuck there
    scene_meters: dict = field(default_factory=dict)  # scene -> meter -> list of values at scene end
    taken: Counter = field(default_factory=Counter)
    offered: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def to_dict(self, story: Story) -> dict:
        def spread(values):
            return {"min": min(values), "median": statistics.median(values), "max": max(values), "runs": len(values)}

        return {
            "runs": self.runs,
            "seconds": round(self.seconds, 3),
            "endings": {e.id: self.endings[e.id] for e in story.endings if self.endings[e.id]},
            "kinds": dict(sorted(self.kinds.items())),
            "stuck": dict(self.stuck),
            "meters_at_scene_end": {scene: {m: spread(v) for m, v in meters.items()}
                                    for scene, meters in self.scene_meters.items()},
            "choices": {cid: {"taken": self.taken[cid], "offered": self.offered[cid]}
                        for cid in (c.id for c in story.all_choices()) if self.offered[cid]},
        }


def play_once(story: Story, role: str, policy: str, rng: random.Random, stats: RoleStats) -> None:
    runner = StoryRunner.new(story, role, render=False)  # nobody reads the lines: skip rendering them
    made = 0
    try:
        while True:
            runner.advance_to_choice(stop_at_scene_end=True)
            phase = runner.phase
            if phase == "ended":
                break
            if phase == "scene_end":
                meters = stats.scene_meters.setdefault(runner.state.scene, {})
                for name, value in runner.state.meters.items():
                    meters.setdefault(name, []).append(value)
                runner.next_scene()
            else:
                available = runner.available_choices()
                for choice in available:
                    stats.offered[choice.id] += 1
                index = pick(policy, available, rng)
                stats.taken[available[index].id] += 1
                runner.choose(index)
                made += 1
                if made > MAX_CHOICES_PER_RUN:
                    raise StoryRuntimeError(f"more than {MAX_CHOICES_PER_RUN} choices without an ending")
    except StoryRuntimeError:
        stats.stuck[f"{runner.state.scene}.{runner.state.node}"] += 1
        stats.runs += 1
        return
    stats.runs += 1
    stats.endings[runner.state.ending] += 1
    stats.kinds[story.ending(runner.state.ending).kind] += 1


def playtest(story: Story, runs: int, seed: int, role: str | None = None, policy: str = "random",
             progress=None) -> dict[str, RoleStats]:
    """`runs` playthroughs per role; `progress(done, total)` is called now and then when given."""
    out = {}
    roles = roles_of(story, role)
    total = runs * len(roles)
    done = 0
    for r in roles:
        rng = random.Random(f"{seed}:{r}:{policy}")
        stats = RoleStats(r)
        started = time.perf_counter()
        for _ in range(runs):
            play_once(story, r, policy, rng, stats)
            done += 1
            if progress and done % 25 == 0:
                progress(done, total)
        stats.seconds = time.perf_counter() - started
        out[r] = stats
    if progress:
        progress(total, total)
    return out


def progress_bar(stream=None):
    """A progress callback drawing a bar on stream (stderr) when it is a terminal, else None."""
    stream = stream or sys.stderr
    if not stream.isatty():
        return None

    def draw(done: int, total: int) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} runs")
        if done >= total:
            stream.write("\n")
        stream.flush()

    return draw
