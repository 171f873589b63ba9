"""The sweep's aim at the nodes it left open in a scene, and the proof from the ways into a node.

The sweep plays a node's menu from its safest state; a node behind a choice whose `if` only a less safe
state meets is left open, and the aim, steering from the states the sweep made in the scene, reaches it.
The bounds do not track visit counts; the ways into a node do: a choice that needs the scene's start
unvisited is never offered, so the node behind it is unreachable, proved before any menu is played; so is
one that needs unvisited a node of a scene before that every play leaving that scene entered.
"""

from __future__ import annotations

from game.tools import explore as explore_module
from game.tools.bounds import Bounds
from game.tools.explore import explore
from game.tools.explore_ways import WaysProof, ways_in
from tests.tools.exhaustive import exhaustive, observed
from tests.tools.test_explore_scenes import _choice, _scene, _write
from tests.tools.test_explore_sweep import EARLY, _opening_passes_only


def _guarded(sid: str) -> str:
    """n0 moves closeness up or down; at n1 only the state that went down is offered the way to n3."""
    return _scene(sid, [
        ("n0", [_choice("up", "{closeness: 1}", "goto: n1"), _choice("down", "{closeness: -1}", "goto: n1")]),
        ("n1", [_choice("on", "{}", "goto: n2"), _choice("low", "{}", "goto: n3", cond="closeness < 15")]),
        ("n2", [_choice("on", "{}", "end: scene")]),
        ("n3", [_choice("on", "{}", "end: scene")]),
    ])


def _sweep_only(monkeypatch) -> None:
    _opening_passes_only(monkeypatch)
    monkeypatch.setattr(explore_module._Pass, "dive", lambda self, budget: None)


def test_the_aim_reaches_a_node_behind_a_choice_only_a_less_safe_state_is_offered(tmp_path, monkeypatch):
    story = _write(tmp_path, {"s0": _guarded("s0")}, when="closeness >= 0", early=EARLY)
    _sweep_only(monkeypatch)
    result = explore(story, "anxious").roles["anxious"]
    assert result.status("node", "s0.n3") == "reached"
    path = result.reached["node"]["s0.n3"]
    assert tuple(path) == ("s0.n0.down", "s0.n1.low")
    seen, replayed = observed(story, "anxious", path)
    assert replayed and "s0.n3" in seen.reached["node"]


def test_without_the_aim_the_sweep_leaves_that_node_open(tmp_path, monkeypatch):
    story = _write(tmp_path, {"s0": _guarded("s0")}, when="closeness >= 0", early=EARLY)
    _sweep_only(monkeypatch)
    monkeypatch.setattr(explore_module, "AIM_SHARE", 0.0)
    result = explore(story, "anxious").roles["anxious"]
    assert result.status("node", "s0.n3") == "undecided"


def _visited(sid: str) -> str:
    """n4 needs the start unvisited (it always is visited), n5 needs n3 visited (it comes after): neither
    way is ever open, though each condition alone is something the bounds cannot rule out."""
    return _scene(sid, [
        ("n0", [_choice("a", "{closeness: 1}", "goto: n1"), _choice("b", "{closeness: -1}", "goto: n2")]),
        ("n1", [_choice("on", "{}", "goto: n2"), _choice("never", "{}", "goto: n4", cond="visits(n0) < 1")]),
        ("n2", [_choice("on", "{}", "goto: n3"),
                _choice("later", "{}", "goto: n5", cond="visits(n3) > 0 and closeness > 2")]),
        ("n3", [_choice("on", "{}", "end: scene"), _choice("again", "{}", "goto: n2", cond="visits(n2) < 2")]),
        ("n4", [_choice("on", "{}", "end: scene")]),
        ("n5", [_choice("on", "{}", "end: scene")]),
    ])


def test_a_node_whose_every_way_in_needs_a_visit_count_play_cannot_have_is_unreachable(tmp_path):
    story = _write(tmp_path, {"s0": _visited("s0")}, when="closeness >= 0")
    result = explore(story, "anxious", max_states=1).roles["anxious"]  # one menu: no proof by search
    assert result.status("node", "s0.n4") == "unreachable"
    assert result.status("choice", "s0.n1.never") == "unreachable"
    assert result.status("node", "s0.n5") == "undecided"  # n3 loops back to n2: n3 may have been visited
    assert "ways into it" in result.reason("node", "s0.n4")
    truth = exhaustive(story, "anxious")
    assert "s0.n4" not in truth.reached["node"] and "s0.n5" in truth.reached["node"]


def test_a_node_that_lies_after_the_one_a_way_needs_visited_is_not_a_visit_that_happened(tmp_path):
    scene = _scene("s0", [
        ("n0", [_choice("on", "{}", "goto: n1"), _choice("skip", "{}", "goto: n2")]),
        ("n1", [_choice("on", "{}", "goto: n2"), _choice("early", "{}", "goto: n3", cond="visits(n2) > 0")]),
        ("n2", [_choice("on", "{}", "end: scene"), _choice("late", "{}", "goto: n3", cond="visits(n1) > 0")]),
        ("n3", [_choice("on", "{}", "end: scene")]),
    ])
    story = _write(tmp_path, {"s0": scene}, when="closeness >= 0")
    result = explore(story, "anxious", max_states=1).roles["anxious"]
    assert result.status("choice", "s0.n1.early") == "unreachable"  # n2 comes after n1: never visited there
    assert result.status("node", "s0.n3") != "unreachable"  # n1 may come before n2: `late` may be offered
    truth = exhaustive(story, "anxious")
    assert "s0.n3" in truth.reached["node"] and "s0.n1.early" not in truth.reached["choice"]


def _stuck_in_first_scene(monkeypatch) -> None:
    """The scene-by-scene search gets no state out of s0 (as when every state it tries there dies), and only
    it may reach anything after the sweep, which here does not aim (nor does the steer after it)."""
    monkeypatch.setattr(explore_module, "AIM_SHARE", 0.0)
    monkeypatch.setattr(explore_module, "STEER_SHARE", 0.0)
    monkeypatch.setattr(explore_module, "FOLLOW_SHARE", 0.0)
    monkeypatch.setattr(explore_module._Pass, "dive", lambda self, budget: None)
    monkeypatch.setattr(explore_module._Pass, "search", lambda self, budget: None)
    monkeypatch.setattr(explore_module._Search, "_prove", lambda self, group, budget: None)
    real = explore_module._Pass._scene

    def scene(self, scene_id, i, pool, share, used, spent, budget, counter, *rest):
        if scene_id == "s0":
            return used, spent, counter
        return real(self, scene_id, i, pool, share, used, spent, budget, counter, *rest)
    monkeypatch.setattr(explore_module._Pass, "_scene", scene)


def _two_scenes(tmp_path):
    s0 = _scene("s0", [("n0", [_choice("warm", "{closeness: 1}", "end: scene"),
                               _choice("cool", "{safety: -1}", "end: scene")])])
    return _write(tmp_path, {"s0": s0, "s1": _guarded("s1")}, when="closeness >= 0", early=EARLY)


def test_the_scene_search_goes_on_from_the_sweeps_states_where_none_of_its_own_got_in(tmp_path, monkeypatch):
    story = _two_scenes(tmp_path)
    _stuck_in_first_scene(monkeypatch)
    result = explore(story, "anxious").roles["anxious"]
    assert result.status("node", "s1.n3") == "reached"
    path = result.reached["node"]["s1.n3"]
    assert tuple(path)[0] in ("s0.n0.warm", "s0.n0.cool") and tuple(path)[1:] == ("s1.n0.down", "s1.n1.low")
    seen, replayed = observed(story, "anxious", path)  # the sweep's path into s1, then the scene search's
    assert replayed and "s1.n3" in seen.reached["node"]


def test_without_the_sweeps_states_the_scene_search_ends_where_it_got_stuck(tmp_path, monkeypatch):
    story = _two_scenes(tmp_path)
    _stuck_in_first_scene(monkeypatch)
    monkeypatch.setattr(explore_module._Pass, "_rejoin", lambda self, sweep, i: [])
    result = explore(story, "anxious").roles["anxious"]
    assert result.status("node", "s1.n3") == "undecided"


def _after(first: list) -> dict:
    s0 = _scene("s0", first)
    s1 = _scene("s1", [
        ("n0", [_choice("on", "{}", "goto: n1"), _choice("back", "{}", "goto: n2", cond="visits(s0.n1) < 1")]),
        ("n1", [_choice("on", "{}", "end: scene")]),
        ("n2", [_choice("on", "{}", "end: scene")]),
    ])
    return {"s0": s0, "s1": s1}


def test_a_node_every_play_out_of_an_earlier_scene_entered_has_been_visited(tmp_path):
    scenes = _after([("n0", [_choice("on", "{}", "goto: n1")]), ("n1", [_choice("on", "{}", "end: scene")])])
    story = _write(tmp_path, scenes, when="closeness >= 0")
    bounds = Bounds(story, "anxious")
    assert WaysProof(story, "anxious", bounds, ways_in(story, bounds)).always("s0.n1")
    result = explore(story, "anxious", max_states=1).roles["anxious"]
    assert result.status("node", "s1.n2") == "unreachable"
    assert result.status("choice", "s1.n0.back") == "unreachable"
    assert "ways into it" in result.reason("node", "s1.n2")
    assert "s1.n2" not in exhaustive(story, "anxious").reached["node"]


def test_a_node_some_play_out_of_an_earlier_scene_passes_by_may_be_unvisited(tmp_path):
    scenes = _after([("n0", [_choice("on", "{}", "goto: n1"), _choice("skip", "{}", "end: scene")]),
                     ("n1", [_choice("on", "{}", "end: scene")])])
    story = _write(tmp_path, scenes, when="closeness >= 0")
    bounds = Bounds(story, "anxious")
    assert not WaysProof(story, "anxious", bounds, ways_in(story, bounds)).always("s0.n1")
    result = explore(story, "anxious").roles["anxious"]
    assert result.status("node", "s1.n2") == "reached"
    assert "s1.n2" in exhaustive(story, "anxious").reached["node"]
