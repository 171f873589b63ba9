"""Seeded playthroughs with a policy: distributions of endings, meters and choices.

A policy picks among the choices on offer by their behaviour tags' families;
ties (and everything under `random`) are broken by a random.Random seeded
from the seed, the role and the policy, so a seed always gives the same runs.

Two policies model players who are not consistent, to test teaching claims:
`learner` plays the role's insecure family (the `habit:` its manifest gives
it: pursue or withdraw) in the first half of the scenes and secure moves
after; `mirror` is secure only while the partner's last line in the scene was
calm (no mood, neutral or warm) and falls back on the role's insecure family
when it was hurt, guarded or tense: security that holds only while nothing is
at stake. A role with no habit plays at random where the habit would play.
`never` tags are avoided wherever another choice is on offer.
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

POLICIES = ("random", SECURE, PURSUE, WITHDRAW, "learner", "mirror")  # a family name: play that family's moves
PREFERENCES = {"random": (), SECURE: ({SECURE},), PURSUE: ({PURSUE}, {CORROSIVE}), WITHDRAW: ({WITHDRAW},)}
CALM_MOODS = (None, "neutral", "warm")
MAX_CHOICES_PER_RUN = 10_000  # a story that loops forever is stopped and reported, never hangs


def pick(policy: str, choices, rng: random.Random, never=()) -> int:
    """Index of the choice a fixed-family policy takes among `choices` (model Choices on offer).

    Choices carrying a `never` tag are left out unless nothing else is on offer.
    """
    allowed = [i for i, c in enumerate(choices) if not set(c.tags) & set(never)] or list(range(len(choices)))
    for families in PREFERENCES[policy]:
        preferred = [i for i in allowed if family_of(choices[i].tags) & families]
        if preferred:
            return rng.choice(preferred)
    return rng.choice(allowed)


def family_policy(policy: str, habit: str | None, scene_index: int, scene_count: int, partner_calm: bool) -> str:
    """The fixed-family policy a (possibly changing) policy plays right now; `habit` is the role's (RoleDef.habit)."""
    insecure = habit or "random"
    if policy == "learner":
        return insecure if scene_index < scene_count // 2 else SECURE
    if policy == "mirror":
        return SECURE if partner_calm else insecure
    return policy


class PartnerMood:
    """Whether the partner's last line in the current scene was calm (true before they have spoken)."""

    def __init__(self, story: Story):
        self.story = story
        self.seen = 0
        self.scene = None
        self.calm = True

    def update(self, state) -> bool:
        if state.scene != self.scene:
            self.scene, self.calm = state.scene, True
        backlog = state.backlog
        if self.seen > len(backlog):  # a new run
            self.seen = 0
        prefix = f"{state.scene}."
        for line_id in backlog[self.seen:]:
            line = self.story.lines.get(line_id) if line_id.startswith(prefix) else None
            if line is not None and line.speaker == "partner":
                self.calm = line.mood in CALM_MOODS
        self.seen = len(backlog)
        return self.calm


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
    scene_choices: dict = field(default_factory=dict)  # scene -> choices made in it, one count per run that entered it
    cut_short: Counter = field(default_factory=Counter)  # scene -> runs an early ending stopped in it
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
            "scenes": {scene: {"entered": len(counts), "median_choices": statistics.median(counts),
                               "cut_short": self.cut_short[scene]}
                       for scene in story.scene_order if (counts := self.scene_choices.get(scene))},
        }


def play_once(story: Story, role: str, policy: str, rng: random.Random, stats: RoleStats, never=()) -> None:
    seed = rng.randrange(1 << 31) if story.uses_chance else 0  # drawn only when it matters: runs stay as they were
    runner = StoryRunner.new(story, role, render=False, seed=seed)  # nobody reads the lines: skip rendering
    order = {scene: i for i, scene in enumerate(story.scene_order)}
    habit = story.roles[role].habit
    mood = PartnerMood(story)
    made = 0
    per_scene: dict[str, int] = {}  # choices made in each scene entered, this run
    try:
        while True:
            runner.advance_to_choice(stop_at_scene_end=True)
            per_scene.setdefault(runner.state.scene, 0)
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
                calm = mood.update(runner.state) if policy == "mirror" else True  # only mirror reads the lines
                now = family_policy(policy, habit, order[runner.state.scene], len(order), calm)
                index = pick(now, available, rng, never)
                stats.taken[available[index].id] += 1
                per_scene[runner.state.scene] += 1
                runner.choose(index)
                made += 1
                if made > MAX_CHOICES_PER_RUN:
                    raise StoryRuntimeError(f"more than {MAX_CHOICES_PER_RUN} choices without an ending")
    except StoryRuntimeError:
        stats.stuck[f"{runner.state.scene}.{runner.state.node}"] += 1
        stats.runs += 1
        _count_scenes(stats, per_scene)
        return
    stats.runs += 1
    stats.endings[runner.state.ending] += 1
    stats.kinds[story.ending(runner.state.ending).kind] += 1
    if runner.state.ended_early:
        stats.cut_short[runner.state.scene] += 1
    _count_scenes(stats, per_scene)


def _count_scenes(stats: RoleStats, per_scene: dict) -> None:
    for scene, count in per_scene.items():
        stats.scene_choices.setdefault(scene, []).append(count)


def playtest(story: Story, runs: int, seed: int, role: str | None = None, policy: str = "random",
             progress=None, never=()) -> dict[str, RoleStats]:
    """`runs` playthroughs per role, avoiding `never` tags; `progress(done, total)` is called now and then."""
    out = {}
    roles = roles_of(story, role)
    total = runs * len(roles)
    done = 0
    for r in roles:
        rng = random.Random(f"{seed}:{r}:{policy}")
        stats = RoleStats(r)
        started = time.perf_counter()
        for _ in range(runs):
            play_once(story, r, policy, rng, stats, tuple(never))
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
