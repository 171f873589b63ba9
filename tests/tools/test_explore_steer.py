"""The steer toward a scene's open nodes through the scenes before it.

A node behind a choice whose `if` needs a meter that only a choice in an earlier scene gives is left open
by the sweep (it plays the safest state first); when no pass plays from a state that has that meter, the
steer, which starts scenes before and keeps the states nearest the condition, reaches it with a path that
replays.
"""

from __future__ import annotations

from game.tools import explore as explore_module
from game.tools.explore import explore
from tests.tools.exhaustive import replayed_node
from tests.tools.test_explore_scenes import _choice, _scene, _write
from tests.tools.test_explore_sweep import EARLY


def _story(tmp_path):
    s0 = _scene("s0", [("n0", [_choice("warm", "{closeness: 1}", "end: scene"),
                               _choice("cool", "{closeness: -1}", "end: scene")])])
    s1 = _scene("s1", [
        ("n0", [_choice("on", "{}", "goto: n1")]),
        ("n1", [_choice("on", "{}", "goto: n2"), _choice("low", "{}", "goto: n3", cond="closeness < 15")]),
        ("n2", [_choice("on", "{}", "end: scene")]),
        ("n3", [_choice("on", "{}", "end: scene")]),
    ])
    return _write(tmp_path, {"s0": s0, "s1": s1}, when="closeness >= 0", early=EARLY)


def _only_the_sweep_and_the_steer(monkeypatch) -> None:
    """The sweep does not aim, no dive, the scene-by-scene search plays nothing and takes no state from the
    sweep, no walk back from the open nodes, no search or proof after it: only the sweep and the steer may
    reach anything."""
    monkeypatch.setattr(explore_module, "AIM_SHARE", 0.0)
    monkeypatch.setattr(explore_module, "FOLLOW_SHARE", 0.0)
    monkeypatch.setattr(explore_module._Pass, "dive", lambda self, budget: None)
    monkeypatch.setattr(explore_module._Pass, "_rejoin", lambda self, sweep, i: [])
    monkeypatch.setattr(explore_module._Pass, "_scene",
                        lambda self, scene_id, i, pool, share, used, spent, budget, counter, *rest: (used, spent, counter))
    monkeypatch.setattr(explore_module._Pass, "search", lambda self, budget: None)
    monkeypatch.setattr(explore_module._Search, "_prove", lambda self, group, budget: None)


def test_the_steer_reaches_a_node_whose_way_in_needs_a_meter_an_earlier_scene_gives(tmp_path, monkeypatch):
    story = _story(tmp_path)
    _only_the_sweep_and_the_steer(monkeypatch)
    path = replayed_node(story, "anxious", explore(story, "anxious").roles["anxious"], "s1.n3")
    assert path == ("s0.n0.cool", "s1.n0.on", "s1.n1.low")


def test_without_the_steer_that_node_stays_open(tmp_path, monkeypatch):
    story = _story(tmp_path)
    _only_the_sweep_and_the_steer(monkeypatch)
    monkeypatch.setattr(explore_module, "STEER_SHARE", 0.0)
    result = explore(story, "anxious").roles["anxious"]
    assert result.status("node", "s1.n3") == "undecided"
