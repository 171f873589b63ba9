"""The walk back from an open node (explore_back) and what the explorer does with it (explore_follow).

The bounds keep one box per node: a way in that needs a flag and a low meter together, where every path that
sets the flag raises the meter, is open on the box and shut on every path; the walk back proves it. A node
behind a choice that only one of the states a scene was entered with meets is reached along the path back
from it.
"""

from __future__ import annotations

from game.tools import explore as explore_module
from game.tools.bounds import Bounds
from game.tools.explore import explore
from game.tools.explore_back import BackProof
from game.tools.explore_ways import ways_in
from tests.tools.exhaustive import exhaustive, replayed_node
from tests.tools.test_explore_scenes import _choice, _scene, _write
from tests.tools.test_explore_steer import _story as _steer_story


def _correlated() -> str:
    """n3 needs `kept and closeness < 16` at n1: `up` sets kept and takes closeness from 15 to 17, `down`
    takes it to 13 and leaves kept off. The box at n1 has kept either way and closeness 13-17."""
    return _scene("s0", [
        ("n0", [_choice("up", "{closeness: 2, set: [kept]}", "goto: n1"),
                _choice("down", "{closeness: -2}", "goto: n1")]),
        ("n1", [_choice("on", "{}", "goto: n2"), _choice("odd", "{}", "goto: n3", cond="kept and closeness < 16")]),
        ("n2", [_choice("on", "{}", "end: scene")]),
        ("n3", [_choice("on", "{}", "end: scene")]),
    ])


def test_a_way_in_whose_conditions_hold_on_the_box_but_on_no_path_back_is_proved_shut(tmp_path, monkeypatch):
    story = _write(tmp_path, {"s0": _correlated()}, when="closeness >= 0")
    bounds = Bounds(story, "anxious")
    assert "s0.n3" in bounds.boxes  # the bounds let it in
    walker = BackProof(story, "anxious", bounds, ways_in(story, bounds), set())
    assert walker.node("s0.n3") and not walker.node("s0.n2")
    monkeypatch.setattr(explore_module._Pass, "search", lambda self, budget: None)  # no proof by search
    monkeypatch.setattr(explore_module._Search, "_prove", lambda self, group, budget: None)
    result = explore(story, "anxious").roles["anxious"]
    assert result.status("node", "s0.n3") == "unreachable"
    assert result.status("choice", "s0.n3.on") == "unreachable"
    assert result.status("node", "s0.n2") != "unreachable"
    truth = exhaustive(story, "anxious")
    assert "s0.n3" not in truth.reached["node"] and "s0.n2" in truth.reached["node"]


def test_the_walk_back_gives_a_path_forward_that_replays_to_the_node(tmp_path):
    story = _steer_story(tmp_path)
    bounds = Bounds(story, "anxious")
    walker = BackProof(story, "anxious", bounds, ways_in(story, bounds), set())
    found = {}
    for node, need, path, entered in walker.walk("s1.n3", [walker.start("s1.n3")]):
        if entered:
            found[node] = (need, path)
    need, path = found["s1.n0"]
    assert need.meters["closeness"][1] < 15  # `low` needs closeness < 15 at n1, and nothing changes it before
    choices = []
    while path is not None:
        path, (_before, via, _node) = path
        if via is not None:
            choices.append(via.id)
    assert choices == ["s1.n0.on", "s1.n1.low"]


def _entry_states_only(monkeypatch) -> None:
    """The sweep does not aim, no dive, the scene-by-scene search plays nothing but takes the states the sweep
    carried into each scene, no steer, no search or proof after it, no menus for the walks back: only the
    sweep may reach anything."""
    for name in ("AIM_SHARE", "STEER_SHARE", "FOLLOW_SHARE"):
        monkeypatch.setattr(explore_module, name, 0.0)
    monkeypatch.setattr(explore_module._Pass, "dive", lambda self, budget: None)
    monkeypatch.setattr(explore_module._Pass, "_scene", lambda self, scene_id, i, pool, share, used, spent,
                        budget, counter, *rest: (used, spent, counter))
    monkeypatch.setattr(explore_module._Pass, "search", lambda self, budget: None)
    monkeypatch.setattr(explore_module._Search, "_prove", lambda self, group, budget: None)


def test_the_walk_back_reaches_a_node_from_a_state_the_scene_was_entered_with(tmp_path, monkeypatch):
    story = _steer_story(tmp_path)
    _entry_states_only(monkeypatch)
    monkeypatch.setattr(explore_module, "FOLLOW_SHARE", 0.1)
    path = replayed_node(story, "anxious", explore(story, "anxious").roles["anxious"], "s1.n3")
    assert path == ("s0.n0.cool", "s1.n0.on", "s1.n1.low")


def test_without_the_walk_back_that_node_stays_open(tmp_path, monkeypatch):
    story = _steer_story(tmp_path)
    _entry_states_only(monkeypatch)
    result = explore(story, "anxious").roles["anxious"]
    assert result.status("node", "s1.n3") == "undecided"


def test_a_visit_count_of_a_scene_before_holds_still_along_a_path_back(tmp_path):
    """s1.n2 is behind `visits(s0.n1) > 0` at s1.n0 and `visits(s0.n1) < 1` at s1.n1: each holds on some play,
    never both on one. The count of a node of a scene before does not change in s1, so the walk back keeps
    its range along the path (it took each condition alone before) and the path dies."""
    s0 = _scene("s0", [
        ("n0", [_choice("a", "{}", "goto: n1"), _choice("b", "{}", "goto: n2")]),
        ("n1", [_choice("on", "{}", "end: scene")]),
        ("n2", [_choice("on", "{}", "end: scene")]),
    ])
    s1 = _scene("s1", [
        ("n0", [_choice("x", "{}", "goto: n1", cond="visits(s0.n1) > 0"), _choice("y", "{}", "goto: n3")]),
        ("n1", [_choice("odd", "{}", "goto: n2", cond="visits(s0.n1) < 1"), _choice("on", "{}", "goto: n3")]),
        ("n2", [_choice("on", "{}", "end: scene")]),
        ("n3", [_choice("on", "{}", "end: scene")]),
    ])
    story = _write(tmp_path, {"s0": s0, "s1": s1}, when="closeness >= 0")
    bounds = Bounds(story, "anxious")
    assert "s1.n2" in bounds.boxes  # the bounds let it in
    walker = BackProof(story, "anxious", bounds, ways_in(story, bounds), set())
    assert walker.node("s1.n2") and not walker.node("s1.n1") and not walker.node("s1.n3")
    truth = exhaustive(story, "anxious")
    assert "s1.n2" not in truth.reached["node"] and "s1.n1" in truth.reached["node"]
