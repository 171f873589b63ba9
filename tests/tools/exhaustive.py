"""The yardstick for the explorer's answers: every concrete state, played with the real StoryRunner.

Only for small stories: states are keyed on everything (meters, flags, every
visit count), nothing is sliced or abstracted, and nothing is pruned. A story
with chance(N) is played with many seeds, and what any of them reaches is
reached: that is less than play can reach, so it can only show the explorer
wrong when it calls something unreachable.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from game.engine.runner import RunnerError, StoryRunner, StoryRuntimeError


@dataclass
class Truth:
    complete: bool = True
    reached: dict = field(default_factory=lambda: {"ending": set(), "node": set(), "choice": set(), "line": set()})
    softlocks: set = field(default_factory=set)  # full node ids where play gets stuck


def _key(runner: StoryRunner):
    s = runner.state
    return (s.scene, s.node, s.cursor, s.phase, tuple(sorted(s.meters.items())), frozenset(s.flags),
            frozenset(s.visits.items()), s.ending)


def _observe(runner: StoryRunner, truth: Truth) -> None:
    truth.reached["node"].update(runner.state.visits)
    truth.reached["line"].update(runner.state.backlog)
    if runner.phase == "ended":
        truth.reached["ending"].add(runner.state.ending)
    truth.reached["choice"].update(c.id for c in runner.available_choices())


SEEDS = 40  # seeds played for a story with chance(N)


def exhaustive(story, role: str, max_states: int = 20_000) -> Truth:
    if not story.uses_chance:
        return _exhaustive(story, role, max_states, 0)
    truth = Truth()
    for seed in range(SEEDS):
        one = _exhaustive(story, role, max_states, seed)
        truth.complete = False  # no number of seeds is every roll
        for kind, items in one.reached.items():
            truth.reached[kind] |= items
        truth.softlocks |= one.softlocks
    return truth


def _exhaustive(story, role: str, max_states: int, seed: int) -> Truth:
    truth = Truth()
    try:
        runner = StoryRunner.new(story, role, render=False, seed=seed)
        runner.advance_to_choice()
    except StoryRuntimeError:  # stuck before the first menu: the runner gives no state to look at
        truth.softlocks.add("<start>")
        truth.complete = False
        return truth
    _observe(runner, truth)
    if runner.phase == "ended":
        return truth
    seen = {_key(runner)}
    queue = deque([runner])
    while queue:
        if len(seen) > max_states:
            truth.complete = False
            return truth
        menu = queue.popleft()
        for index in range(len(menu.available_choices())):
            child = menu.fork()
            try:
                child.choose(index)
                child.advance_to_choice()
            except StoryRuntimeError:
                _observe(child, truth)
                truth.softlocks.add(f"{child.state.scene}.{child.state.node}")
                continue
            _observe(child, truth)
            if child.phase == "ended":
                continue
            key = _key(child)
            if key not in seen:
                seen.add(key)
                queue.append(child.fork())
    return truth


def replayed_node(story, role: str, result, node: str) -> tuple:
    """The explorer's path to `node`, checked: the node is reached, and the real runner playing the path enters it."""
    assert result.status("node", node) == "reached"
    path = tuple(result.reached["node"][node])
    seen, replayed = observed(story, role, path)
    assert replayed and node in seen.reached["node"]
    return path


def observed(story, role: str, path, seed: int = 0) -> tuple[Truth, bool]:
    """What playing `path` (with `seed`) with the real runner shows, and whether every choice in it was on offer."""
    truth = Truth()
    try:
        runner = StoryRunner.new(story, role, render=False, seed=seed)
    except StoryRuntimeError:  # stuck before the first menu: nothing to look at but the failure
        truth.softlocks.add("<start>")
        truth.complete = False
        return truth, True
    try:
        runner.advance_to_choice()
        for choice_id in path:
            if runner.phase != "awaiting_choice":
                return truth, False
            index = runner.find_choice(choice_id)
            if index is None:
                return truth, False
            truth.reached["line"].update(runner.state.backlog)
            truth.reached["node"].update(runner.state.visits)
            runner.choose(index)
            runner.advance_to_choice()
    except StoryRuntimeError:
        truth.softlocks.add(f"{runner.state.scene}.{runner.state.node}")
        truth.reached["line"].update(runner.state.backlog)
        truth.reached["node"].update(runner.state.visits)
        return truth, True
    except RunnerError:
        return truth, False
    _observe(runner, truth)
    return truth, True
