"""The explorer's scene-by-scene first pass and its proof passes without early endings.

The first pass keeps only a few states at each scene's start; these stories check that
it keeps the ones an open ending needs. The proof passes play without early endings
and count a sighting as reached only when no early ending would have stopped play on
its way (no replay): checked here on the stepper, and against exhaustive play.
"""

from __future__ import annotations

import pytest

from game.engine.loader import check_story
from game.tools import explore as explore_module
from game.tools.explore import BEAM_WIDTH, ChoicePath, explore
from game.tools.stepper import Stepper
from tests.tools.exhaustive import observed
from tests.tools.helpers import write_story
from tests.tools.test_explore_soundness import assert_sound

MANIFEST = """format: 1
id: scenes
title: Scenes
version: 0.0.1
disclaimer: A test story.
roles:
  anxious: {{title: A, blurb: A., partner: {{name: Sam, pronouns: they}}}}
  avoidant: {{title: B, blurb: B., partner: {{name: Robin, pronouns: she}}}}
scenes: [{scenes}]
meters:
  closeness: {{min: 0, max: 30, start: 15, label: Closeness}}
  safety: {{min: 0, max: 30, start: 15, label: Safety}}
flags:
  kept: {{description: kept in the first scene}}
  dug_in: {{description: set in the middle scenes and never cleared}}
endings:
  - id: target
    kind: growth
    title: Target
    when: "{when}"
    text: The end.
  - id: fallback
    kind: escalation
    title: Fallback
    text: The end.
{early}"""

HEAD = "title: {sid}\nlocation: flat_night\ncontent_notes: [none]\nsummary: A test scene.\nstart: {{anxious: n0, avoidant: n0}}\nnodes:\n"


def _choice(cid: str, effects: str, target: str, cond: str | None = None) -> str:
    guard = f"        if: \"{cond}\"\n" if cond else ""
    return (f"      - id: {cid}\n        text: Choice {cid}.\n        tags: [neutral]\n        why: Because.\n{guard}"
            f"        effects: {effects}\n        {target}\n")


def _scene(sid: str, nodes: list[tuple[str, list[str]]]) -> str:
    out = f"id: {sid}\n" + HEAD.format(sid=sid)
    for name, choices in nodes:
        out += f"  {name}:\n    lines:\n      - text: Line of {name}.\n    choices:\n" + "".join(choices)
    return out


def _write(tmp_path, scenes: dict, when: str, early: str = ""):
    files = {f"scenes/{sid}.yaml": text for sid, text in scenes.items()}
    files["story.yaml"] = MANIFEST.format(scenes=", ".join(scenes), when=when, early=early)
    root = write_story(tmp_path, files)
    story, diagnostics = check_story(root)
    assert story is not None, [str(d) for d in diagnostics]
    return story


def _spread(sid: str, count: int, dig: bool) -> str:
    """A scene of `count` menus whose choices move the meters apart (and one may set dug_in):
    far more states leave it than the first pass carries on."""
    nodes = []
    for i in range(count):
        nxt = f"goto: n{i + 1}" if i + 1 < count else "end: scene"
        choices = [_choice("up", "{closeness: 1}", nxt), _choice("down", "{safety: -1, closeness: -1}", nxt),
                   _choice("side", "{safety: 1}", nxt)]
        if dig:
            choices.append(_choice("dig", "{closeness: 2, safety: 2, set: [dug_in]}", nxt))
        nodes.append((f"n{i}", choices))
    return _scene(sid, nodes)


def _beam_only(monkeypatch) -> None:
    """Only the scene-by-scene pass may reach anything: the whole-story search, the walks back from open nodes
    and the proofs do nothing."""
    monkeypatch.setattr(explore_module._Pass, "search", lambda self, budget: None)
    monkeypatch.setattr(explore_module, "FOLLOW_SHARE", 0.0)
    monkeypatch.setattr(explore_module._Search, "_prove", lambda self, group, budget: None)


def test_the_first_pass_carries_a_flag_set_in_scene_one_to_an_ending_that_needs_it(tmp_path, monkeypatch):
    first = _scene("s1", [("n0", [_choice("drop", "{closeness: 3, safety: 3}", "end: scene"),
                                  _choice("keep", "{set: [kept]}", "end: scene")])])
    scenes = {"s1": first, "s2": _spread("s2", 5, dig=True), "s3": _spread("s3", 5, dig=True),
              "s4": _scene("s4", [("n0", [_choice("end", "{}", "end: story")])])}
    story = _write(tmp_path, scenes, when="kept and not dug_in")
    _beam_only(monkeypatch)
    result = explore(story, "anxious").roles["anxious"]
    assert result.status("ending", "target") == "reached"
    path = result.reached["ending"]["target"]
    assert path[0] == "s1.n0.keep" and not any(p.endswith(".dig") for p in path)
    seen, replayed = observed(story, "anxious", path)
    assert replayed and "target" in seen.reached["ending"]


def test_the_first_pass_keeps_a_state_far_from_an_early_ending_that_a_later_scene_needs(tmp_path, monkeypatch):
    """The last scene takes 20 safety points: only the states that kept theirs up get through it."""
    drain = [(f"n{i}", [_choice("on", "{safety: -4}", f"goto: n{i + 1}" if i < 4 else "end: story")])
             for i in range(5)]
    scenes = {"s1": _spread("s1", 6, dig=False), "s2": _scene("s2", drain)}
    story = _write(tmp_path, scenes, when="safety >= 0", early="early_endings:\n  - when: safety <= 0\n"
                   "    ending: fallback\n")
    _beam_only(monkeypatch)
    result = explore(story, "anxious").roles["anxious"]
    assert result.status("ending", "target") == "reached"
    assert result.status("node", "s2.n4") == "reached"


def test_scene_by_scene_answers_match_exhaustive_play(tmp_path):
    first = _scene("s1", [("n0", [_choice("drop", "{closeness: 3}", "end: scene"),
                                  _choice("keep", "{set: [kept]}", "end: scene")])])
    scenes = {"s1": first, "s2": _spread("s2", 3, dig=True), "s3": _spread("s3", 2, dig=False)}
    story = _write(tmp_path, scenes, when="kept and not dug_in and closeness >= 17",
                   early="early_endings:\n  - when: safety <= 12\n    ending: fallback\n")
    assert BEAM_WIDTH < 3 ** 3  # more states leave s2 than the first pass carries on
    assert_sound(story)


EARLY = "early_endings:\n  - when: safety <= 0\n    ending: fallback\n"


def _fork_story(tmp_path):
    """`drop` sets off the early ending; `stay` does not. n1's line needs safety 0: only past the early ending."""
    s1 = (f"id: s1\n{HEAD.format(sid='s1')}  n0:\n    lines:\n      - text: Start.\n    choices:\n"
          + _choice("drop", "{safety: -30}", "goto: n1") + _choice("stay", "{closeness: 1}", "goto: n1")
          + "  n1:\n    lines:\n      - text: Only at zero.\n        if: \"safety == 0\"\n      - text: Plain.\n"
          + "    choices:\n" + _choice("on", "{}", "end: story"))
    return _write(tmp_path, {"s1": s1}, when="closeness >= 16", early=EARLY)


def test_a_step_without_early_endings_says_when_one_would_have_fired(tmp_path):
    story = _fork_story(tmp_path)
    relaxed = Stepper(story, "anxious", early_endings=False)
    (start,) = relaxed.start()
    assert not start.diverged
    menu = [c.local_id for c in relaxed.available(start.runner)]
    (dropped,) = relaxed.choose(start.runner, menu.index("drop"))
    (stayed,) = relaxed.choose(start.runner, menu.index("stay"))
    assert dropped.diverged and dropped.runner.state.ending is None  # played on, past where play ends
    assert "s1.n1.1" in dropped.seen
    assert not stayed.diverged and "s1.n1.2" in stayed.seen
    exact = Stepper(story, "anxious")
    (ended,) = exact.choose(exact.start()[0].runner, menu.index("drop"))
    assert ended.runner.state.ending == "fallback" and not ended.diverged


@pytest.mark.parametrize("only_proofs", [False, True])
def test_a_line_seen_only_past_an_early_ending_is_never_reached(tmp_path, monkeypatch, only_proofs):
    story = _fork_story(tmp_path)
    if only_proofs:  # the proof passes alone decide the lines: the relaxed one sees s1.n1.1 past the early ending
        monkeypatch.setattr(explore_module._Pass, "beam", lambda self, budget, sweep=None: None)
        monkeypatch.setattr(explore_module._Pass, "search",
                            lambda self, budget, _real=explore_module._Pass.search: _real(self, budget)
                            if self.proof else None)
    result = explore(story, "anxious").roles["anxious"]
    assert result.status("line", "s1.n1.1") == "unreachable"
    assert result.status("line", "s1.n1.2") == "reached"
    seen, replayed = observed(story, "anxious", result.reached["line"]["s1.n1.2"])
    assert replayed and "s1.n1.2" in seen.reached["line"]
    assert_sound(story)


def test_a_path_shares_its_beginning_and_reads_as_a_tuple():
    start = ChoicePath((None, "a"), 1)
    longer = ChoicePath(((None, "a"), "b"), 2)
    assert list(longer) == ["a", "b"] and len(longer) == 2 and longer[-1] == "b"
    assert longer == ("a", "b") and start == ["a"] and longer != ("a",)
    assert longer + ("c",) == ("a", "b", "c") and ",".join(longer) == "a,b"
