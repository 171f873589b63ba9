"""Roles explored side by side in child processes: the same answers as one after the other, and a child that
fails, dies or hangs is an error that says so, never a hang."""

import os
import time

import pytest

from game.engine import load_story
from game.tools import explore_parallel
from game.tools.explore import Explorer, explore
from game.tools.explore_parallel import ExplorationFailed, can_fork
from game.tools.explore_results import KINDS
from tests.tools.helpers import MINI, SHIPPED

pytestmark = pytest.mark.skipif(not can_fork(), reason="this platform cannot fork a child process")


def answers(ex) -> dict:
    out = {}
    for role, r in ex.roles.items():
        out[role] = {
            "items": {kind: {item: (r.status(kind, item), tuple(r.reached[kind].get(item, ())))
                             for item in set(r.questions[kind]) | set(r.reached[kind])} for kind in KINDS},
            "softlocks": [(s.node, s.message, tuple(s.path), s.seed) for s in r.softlocks],
            "possible": r.possible_softlocks(),
            "loops": r.loops, "disputed": r.disputed, "proved": r.proved, "seeds": r.seeds, "rolls": r.rolls,
            "figures": (r.states, r.moves, r.pruned, r.exhausted, r.limit_reason, r.chance_cut),
            "bounds": (r.bounds.boxes, r.bounds.endings, r.bounds.choices, r.bounds.lines),
        }
    return out


@pytest.mark.parametrize("root", [MINI, SHIPPED], ids=["mini", "shipped"])
def test_side_by_side_gives_the_answers_of_one_after_the_other(root):
    story = load_story(root)
    apart = explore(story, max_states=3_000, max_seconds=None, parallel=True)
    together = explore(load_story(root), max_states=3_000, max_seconds=None, parallel=False)
    assert answers(apart) == answers(together)
    assert apart.to_dict() | {"roles": None} == together.to_dict() | {"roles": None}


def test_progress_comes_back_from_the_children():
    story = load_story(SHIPPED)
    seen = []
    explore(story, max_states=3_000, max_seconds=None, parallel=True, progress=lambda *a: seen.append(a))
    assert {role for role, _decided, _total in seen} == set(story.roles)


def test_a_child_that_raises_is_an_error_with_its_traceback(monkeypatch):
    def boom(self, role):
        raise ValueError(f"no way to explore {role}")

    monkeypatch.setattr(Explorer, "explore_role", boom)
    with pytest.raises(ExplorationFailed, match="no way to explore"):
        explore(load_story(MINI), parallel=True)


def test_a_child_that_dies_is_an_error(monkeypatch):
    monkeypatch.setattr(Explorer, "explore_role", lambda self, role: os._exit(3))
    with pytest.raises(ExplorationFailed, match="exit code 3"):
        explore(load_story(MINI), parallel=True)


def test_a_child_that_hangs_is_stopped(monkeypatch):
    monkeypatch.setattr(Explorer, "explore_role", lambda self, role: time.sleep(600))
    monkeypatch.setattr(explore_parallel, "CHILD_GRACE", 1.0)
    started = time.monotonic()
    with pytest.raises(ExplorationFailed, match="did not finish within"):
        explore(load_story(MINI), max_seconds=0.5, parallel=True)
    assert time.monotonic() - started < 60  # bounded by the limit and the grace, not by the child


def test_no_child_to_be_had_explores_one_role_after_the_other(monkeypatch):
    import multiprocessing.process

    def refuse(self):
        raise OSError("no more processes")

    together = explore(load_story(MINI), parallel=False)
    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", refuse)
    assert answers(explore(load_story(MINI), parallel=True)) == answers(together)


def test_side_by_side_only_for_a_big_story_with_two_cores(monkeypatch):
    from types import SimpleNamespace

    big = SimpleNamespace(scenes={f"s{i}": SimpleNamespace(nodes=dict.fromkeys(range(100))) for i in range(10)})
    small = SimpleNamespace(scenes={"s": SimpleNamespace(nodes=dict.fromkeys(range(100)))})
    monkeypatch.setattr(explore_parallel, "cores", lambda: 2)
    assert explore_parallel.could_pay(big, ["anxious", "avoidant"])
    assert not explore_parallel.could_pay(big, ["anxious"])
    assert not explore_parallel.could_pay(small, ["anxious", "avoidant"])
    monkeypatch.setattr(explore_parallel, "cores", lambda: 1)
    assert not explore_parallel.could_pay(big, ["anxious", "avoidant"])


class _Clock:
    """Stands in for the machine's and this process's CPU counters and the wall clock."""

    def __init__(self, monkeypatch, cpus: int = 2):
        from game.engine import forking

        self.wall = self.machine = self.own = 0.0
        self.cpus = cpus  # the cores /proc/stat counts: a container may see its host's
        monkeypatch.setattr(forking, "cores", lambda: 2)
        monkeypatch.setattr(explore_parallel, "cores", lambda: 2)
        monkeypatch.setattr(explore_parallel, "machine_stat", lambda: forking.MachineStat(self.machine, self.cpus, 1))
        monkeypatch.setattr(explore_parallel, "_own_busy", lambda: self.own)
        monkeypatch.setattr(explore_parallel.time, "monotonic", lambda: self.wall)

    def work(self, seconds: float, others: float) -> None:
        """`seconds` of this process at one full core, while other work keeps `others` cores busy."""
        self.wall += seconds
        self.own += seconds
        self.machine += seconds * (1 + others)


def test_free_cores_leave_out_this_process_and_work_that_ended(monkeypatch):
    clock = _Clock(monkeypatch)
    monkeypatch.setattr(os, "getloadavg", lambda: (1.4, 1.0, 0.5))  # the build that just ran counts in it
    idle = explore_parallel.Idle()
    clock.work(0.6, others=0.05)
    assert idle.free_cores() == pytest.approx(1.95)
    idle = explore_parallel.Idle()
    clock.work(0.6, others=1.0)  # another process at a full core
    assert idle.free_cores() == pytest.approx(1.0)
    assert idle.free_cores() < explore_parallel.MIN_FREE_CORES


def test_free_cores_by_the_load_average_where_cpu_time_cannot_be_read(monkeypatch):
    clock = _Clock(monkeypatch)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.3, 0.3, 0.3))
    monkeypatch.setattr(explore_parallel, "machine_stat", lambda: None)
    idle = explore_parallel.Idle()
    clock.work(0.6, others=1.0)
    assert idle.free_cores() == pytest.approx(1.7)
    clock = _Clock(monkeypatch)
    idle = explore_parallel.Idle()
    clock.work(0.01, others=1.0)  # too short a while to tell
    assert idle.free_cores() == pytest.approx(1.7)


def test_in_a_container_the_host_s_other_work_is_shared_over_its_cores(monkeypatch):
    clock = _Clock(monkeypatch, cpus=64)  # /proc/stat counts the host's 64 cores; this process may use 2
    idle = explore_parallel.Idle()
    clock.work(0.6, others=2.0)
    assert idle.free_cores() == pytest.approx(2 * (1 - 2 / 64))
    assert idle.free_cores() >= explore_parallel.MIN_FREE_CORES
    idle = explore_parallel.Idle()
    clock.work(0.6, others=40.0)  # the host is busy: so are, likely, the cores this process runs on
    assert idle.free_cores() < explore_parallel.MIN_FREE_CORES


def test_the_machine_counter_reads_this_machine():
    from game.engine.forking import machine_stat

    first = machine_stat()
    if first is None:
        pytest.skip("no /proc/stat here")
    assert first.cpus >= 1 and first.running >= 1  # this process runs
    own = explore_parallel._own_busy()
    deadline = explore_parallel.time.monotonic() + 0.2
    while explore_parallel.time.monotonic() < deadline:
        pass
    spent = explore_parallel._own_busy() - own
    assert spent > 0.1
    assert machine_stat().busy - first.busy >= spent * 0.8  # this process's work counts in the machine's


def test_side_by_side_by_the_measured_free_cores(monkeypatch):
    story = load_story(MINI)
    monkeypatch.setattr(explore_parallel, "could_pay", lambda story, roles: True)
    clock = _Clock(monkeypatch)
    monkeypatch.setattr(explore_parallel, "prepare", lambda story: clock.work(0.5, others=busy))
    busy = 0.0
    assert explore_parallel.worth_it(story, ["anxious", "avoidant"])
    busy = 0.9
    assert not explore_parallel.worth_it(story, ["anxious", "avoidant"])


def test_the_loaded_story_stays_out_of_the_collector():
    import gc

    story = load_story(MINI)  # the loader freezes what it built (engine/loader.py)
    frozen = gc.get_freeze_count()
    assert frozen > 0
    explore(story, parallel=True)
    assert gc.get_freeze_count() >= frozen
