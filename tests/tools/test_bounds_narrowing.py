"""The interval bounds narrow a box by the conditions play has passed: a branch taken, the branches
before it not taken, a choice's `if`, and the early endings that did not fire. What they then rule out
is ruled out in play (the soundness tests compare with exhaustive play)."""

from __future__ import annotations

from game.tools.bounds import Bounds
from game.tools.explore import explore
from tests.tools.test_explore_scenes import HEAD, _choice, _scene, _write

BRANCHES = f"""id: s1
{HEAD.format(sid="s1")}  n0:
    lines:
      - text: Start.
    choices:
{_choice("down", "{safety: -14}", "goto: fork")}{_choice("keep", "{set: [kept]}", "goto: fork")}  fork:
    branch:
      - if: safety > 2
        goto: high
      - if: not kept or safety <= 8
        goto: low
      - goto: never
  high:
    lines:
      - text: High.
    choices:
{_choice("on", "{}", "end: story")}  low:
    lines:
      - text: Low.
    choices:
{_choice("on", "{}", "end: story")}  never:
    lines:
      - text: Only if safety were both at most 2 and above 8.
    choices:
{_choice("on", "{}", "end: story")}"""


def test_a_branch_passed_over_narrows_what_the_next_branches_see(tmp_path):
    story = _write(tmp_path, {"s1": BRANCHES}, when="safety >= 0")
    for role in story.roles:
        bounds = Bounds(story, role)
        assert bounds.reachable("s1.low") and bounds.reachable("s1.high")
        assert not bounds.reachable("s1.never")  # safety <= 2 there, so `safety <= 8` holds: `low` is taken
        result = explore(story, role).roles[role]
        assert result.status("node", "s1.never") == "unreachable"
        assert result.reason("node", "s1.never").startswith("proved by the interval bounds")
        assert result.status("node", "s1.low") == "reached"


def test_a_choice_taken_narrows_the_state_it_leads_to(tmp_path):
    """Safety starts at 15. `low` is chosen only with safety at most 10 (after `down`, 7); it adds 2;
    `calm` needs 13: never on offer after it, though an interval of 7 to 17 would allow it."""
    s1 = _scene("s1", [("n0", [_choice("down", "{safety: -8}", "goto: n1"), _choice("stay", "{}", "goto: n1")]),
                       ("n1", [_choice("low", "{safety: 2}", "goto: n2", cond="safety <= 10"),
                               _choice("high", "{}", "goto: n3", cond="safety > 10")]),
                       ("n2", [_choice("on", "{}", "end: story"), _choice("calm", "{}", "end: story", cond="safety >= 13")]),
                       ("n3", [_choice("on", "{}", "end: story")])])
    story = _write(tmp_path, {"s1": s1}, when="safety >= 0")
    bounds = Bounds(story, "anxious")
    assert "s1.n2.on" in bounds.choices and "s1.n2.calm" not in bounds.choices
    result = explore(story, "anxious").roles["anxious"]
    assert result.status("choice", "s1.n2.calm") == "unreachable"
    assert result.status("choice", "s1.n1.high") == "reached"


def test_play_past_an_early_ending_narrows_the_state_by_its_when(tmp_path):
    """Safety starts at 15 and is 9 or 15 at n1; `drop` takes 6, and play goes on only where the early
    ending (safety at most 5) did not fire: at n2 safety is 6 to 9, so `rare` (at most 5) is never offered."""
    s1 = _scene("s1", [("n0", [_choice("dip", "{safety: -6}", "goto: n1"), _choice("stay", "{}", "goto: n1")]),
                       ("n1", [_choice("drop", "{safety: -6}", "goto: n2")]),
                       ("n2", [_choice("on", "{}", "end: story"), _choice("rare", "{}", "end: story", cond="safety <= 5")])])
    story = _write(tmp_path, {"s1": s1}, when="safety >= 0",
                   early="early_endings:\n  - when: safety <= 5\n    ending: fallback\n")
    bounds = Bounds(story, "anxious")
    assert "s1.n2.on" in bounds.choices and "s1.n2.rare" not in bounds.choices
    assert "fallback" in bounds.endings
