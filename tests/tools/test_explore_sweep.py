"""The explorer's opening passes: the sweep (each node's menu about once, scene by scene) and the
dives (a narrow search toward each open ending).

The sweep costs about one menu per node, so a small budget reaches a whole story; a dive
follows the meters an ending needs through every scene, where a sweep for safety would
never go. Paths found are checked by playing them again.
"""

from __future__ import annotations

from game.tools import explore as explore_module
from game.tools.explore import explore
from game.tools.stepper import Stepper
from tests.tools.exhaustive import observed
from tests.tools.test_explore_scenes import _choice, _scene, _write

EARLY = "early_endings:\n  - when: closeness <= 1\n    ending: fallback\n"


def _jumps(sid: str, count: int) -> str:
    """A scene of `count` menus whose choices jump 1, 2 or 3 nodes on and move the meters apart."""
    nodes = []
    for i in range(count):
        def to(step: int) -> str:
            return f"goto: n{i + step}" if i + step < count else "end: scene"
        nodes.append((f"n{i}", [_choice("one", "{closeness: 1}", to(1)), _choice("two", "{safety: 1}", to(2)),
                                _choice("three", "{closeness: -1, safety: -1}", to(3))]))
    return _scene(sid, nodes)


def _opening_passes_only(monkeypatch) -> None:
    """Only the sweep and the dives may reach anything."""
    monkeypatch.setattr(explore_module._Pass, "beam", lambda self, budget, sweep=None: None)
    monkeypatch.setattr(explore_module, "FOLLOW_SHARE", 0.0)
    monkeypatch.setattr(explore_module._Pass, "search", lambda self, budget: None)
    monkeypatch.setattr(explore_module._Search, "_prove", lambda self, group, budget: None)


def test_the_sweep_reaches_every_node_in_about_one_menu_per_node(tmp_path, monkeypatch):
    scenes = {f"s{k}": _jumps(f"s{k}", 8) for k in range(4)}
    story = _write(tmp_path, scenes, when="closeness + safety >= 60")  # reads both meters: states stay apart
    _opening_passes_only(monkeypatch)
    monkeypatch.setattr(explore_module._Pass, "dive", lambda self, budget: None)
    menus = sum(len(scene.nodes) for scene in story.scenes.values())
    result = explore(story, "anxious", max_states=2 * menus).roles["anxious"]
    assert result.states == menus  # with no early ending to keep away from, each node's menu once
    for node in story.all_nodes():
        assert result.status("node", node.id) == "reached", node.id
        seen, replayed = observed(story, "anxious", result.reached["node"][node.id])
        assert replayed and node.id in seen.reached["node"]


def _steer(sid: str) -> str:
    nodes = []
    for i in range(2):
        nxt = "goto: n1" if i == 0 else "end: scene"
        nodes.append((f"n{i}", [_choice("up", "{closeness: 1}", nxt), _choice("stay", "{safety: 1}", nxt),
                                _choice("down", "{closeness: -1}", nxt)]))
    return _scene(sid, nodes)


def test_a_dive_steers_the_meters_through_every_scene_to_the_ending_that_needs_them(tmp_path, monkeypatch):
    """The target needs closeness down from 15 to 6 or less in 12 choices, without going to 1 (the early
    ending): nine choices of twelve go down. The sweep keeps the safest states; only a dive gets there."""
    scenes = {f"s{k}": _steer(f"s{k}") for k in range(6)}
    scenes["s6"] = _scene("s6", [("n0", [_choice("end", "{}", "end: story")])])
    story = _write(tmp_path, scenes, when="closeness <= 6", early=EARLY)
    _opening_passes_only(monkeypatch)
    result = explore(story, "anxious").roles["anxious"]
    assert result.status("ending", "target") == "reached"
    path = result.reached["ending"]["target"]
    assert sum(p.endswith(".down") for p in path) >= 9
    seen, replayed = observed(story, "anxious", path)
    assert replayed and "target" in seen.reached["ending"]


def test_without_the_dives_the_sweep_alone_misses_that_ending(tmp_path, monkeypatch):
    scenes = {f"s{k}": _steer(f"s{k}") for k in range(6)}
    scenes["s6"] = _scene("s6", [("n0", [_choice("end", "{}", "end: story")])])
    story = _write(tmp_path, scenes, when="closeness <= 6", early=EARLY)
    _opening_passes_only(monkeypatch)
    monkeypatch.setattr(explore_module._Pass, "dive", lambda self, budget: None)
    result = explore(story, "anxious").roles["anxious"]
    assert result.status("ending", "target") == "undecided"


def test_a_step_into_a_new_scene_keeps_only_the_visit_counts_a_condition_reads(tmp_path):
    s1 = _scene("s1", [("n0", [_choice("by", "{}", "goto: n1"), _choice("past", "{}", "end: scene")]),
                       ("n1", [_choice("on", "{}", "end: scene")])])
    s2 = _scene("s2", [("n0", [_choice("on", "{}", "end: scene")])])
    s3 = _scene("s3", [("n0", [_choice("plain", "{}", "end: story"),
                               _choice("back", "{}", "goto: n1", cond="visits(s1.n1) > 0")]),
                       ("n1", [_choice("on", "{}", "end: story")])])
    story = _write(tmp_path, {"s1": s1, "s2": s2, "s3": s3}, when="closeness >= 0")
    play = Stepper(story, "anxious")
    (start,) = play.start()
    (by,) = play.choose(start.runner, 0)
    (on,) = play.choose(by.runner, 0)
    assert on.runner.state.scene == "s2"
    assert on.runner.state.visits == {"s1.n1": 1}  # no condition reads s1.n0 or s2.n0
    result = explore(story, "anxious").roles["anxious"]
    assert result.status("node", "s3.n1") == "reached"
    seen, replayed = observed(story, "anxious", result.reached["node"]["s3.n1"])
    assert replayed and "s3.n1" in seen.reached["node"]


def test_proof_passes_stop_after_two_in_a_row_run_out_of_menus_without_deciding_anything(tmp_path, monkeypatch):
    """The target needs 14 points in 12 choices, which the bounds cannot see; 400 menus cannot go through
    the states of twelve menus of three choices, so no proof pass finishes."""
    from tests.tools.test_explore_scenes import _spread

    scenes = {f"s{k}": _spread(f"s{k}", 6, dig=False) for k in range(2)}
    story = _write(tmp_path, scenes, when="closeness >= 22 and safety >= 22")
    monkeypatch.setattr(explore_module._Search, "_groups", lambda self: [set(self.open) for _ in range(5)])
    passes = []
    real = explore_module._Search._prove
    monkeypatch.setattr(explore_module._Search, "_prove",
                        lambda self, group, budget: passes.append(budget) or real(self, group, budget))
    result = explore(story, "anxious", max_states=400).roles["anxious"]
    assert result.status("ending", "target") == "undecided"
    assert len(passes) == 2 and "2 proof passes in a row" in result.limit_reason
    assert result.states < 400  # the menus left were not spent on passes that could not finish


def test_a_dive_toward_an_ending_judged_at_the_end_starts_from_a_late_scene(tmp_path, monkeypatch):
    """Ten scenes where nothing changes, then the six that steer: the dive starts where the sweep carried
    its states into the last scene it can start from, not from the first menu again."""
    scenes = {f"w{k}": _scene(f"w{k}", [("n0", [_choice("a", "{}", "end: scene"), _choice("b", "{}", "end: scene")])])
              for k in range(10)}
    scenes.update({f"s{k}": _steer(f"s{k}") for k in range(6)})
    scenes["s6"] = _scene("s6", [("n0", [_choice("end", "{}", "end: story")])])
    story = _write(tmp_path, scenes, when="closeness <= 6", early=EARLY)
    _opening_passes_only(monkeypatch)
    starts = []
    real = Stepper.start
    monkeypatch.setattr(Stepper, "start", lambda self: starts.append(1) or real(self))
    result = explore(story, "anxious").roles["anxious"]
    assert result.status("ending", "target") == "reached"
    assert len(starts) == 1  # the sweep's start; the dive began from states the sweep had carried on
    seen, replayed = observed(story, "anxious", result.reached["ending"]["target"])
    assert replayed and "target" in seen.reached["ending"]
