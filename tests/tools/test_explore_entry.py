"""The steer toward what the walks back need on entering a scene (explore_entry).

A node behind a choice whose `if` needs a flag that the scene's first choice clears unless another flag is on:
the condition where the way in leaves (`kept`) is met by a state before the scene that has only `kept`, and the
steer toward that condition carries such a state in, where the way is shut by then. The walk back from the
node says what must hold on entering the scene (`kept` and `dug_in`); the steer toward that need carries in a
state that meets it, and plays the path back forward from there.
"""

from __future__ import annotations

from game.tools import explore as explore_module
from game.tools import explore_steer
from game.tools.explore import explore
from tests.tools.exhaustive import exhaustive, replayed_node
from tests.tools.test_explore_scenes import _choice, _scene, _write
from tests.tools.test_explore_steer import _only_the_sweep_and_the_steer


def _story(tmp_path):
    s0 = _scene("s0", [
        ("n0", [_choice("plain", "{}", "goto: n1"), _choice("keep", "{set: [kept]}", "goto: n1")]),
        ("n1", [_choice("plain", "{}", "end: scene"), _choice("dig", "{set: [dug_in]}", "end: scene")]),
    ])
    s1 = _scene("s1", [
        ("n0", [_choice("held", "{}", "goto: n1", cond="dug_in"),
                _choice("loose", "{clear: [kept]}", "goto: n1", cond="not dug_in")]),
        ("n1", [_choice("on", "{}", "goto: n2"), _choice("kept", "{}", "goto: n3", cond="kept")]),
        ("n2", [_choice("on", "{}", "end: scene")]),
        ("n3", [_choice("on", "{}", "end: scene")]),
    ])
    return _write(tmp_path, {"s0": s0, "s1": s1}, when="closeness >= 0")


def test_the_steer_toward_the_need_on_entering_the_scene_reaches_the_node(tmp_path, monkeypatch):
    story = _story(tmp_path)
    _only_the_sweep_and_the_steer(monkeypatch)
    replayed_node(story, "anxious", explore(story, "anxious").roles["anxious"], "s1.n3")
    assert "s1.n3" in exhaustive(story, "anxious").reached["node"]


def test_steering_toward_the_way_in_instead_leaves_it_open(tmp_path, monkeypatch):
    story = _story(tmp_path)
    _only_the_sweep_and_the_steer(monkeypatch)
    monkeypatch.setattr(explore_steer, "STEER_ENTRY", False)
    result = explore(story, "anxious").roles["anxious"]
    assert result.status("node", "s1.n3") == "undecided"
