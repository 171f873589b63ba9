"""The explorer's answers against exhaustive play with the real runner, on small stories.

Sound means: nothing it calls unreachable is reached by exhaustive play,
everything it calls reached is (and its path, replayed with the runner,
shows it), and when both finish they agree on everything. The stories are
the test data, the diagnostics examples, and small random graphs from
hypothesis (conditions on meters, flags, visits and the role; effects,
adjustments, reply lines, branches, loops bounded by visits, early endings).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.loader import check_story
from game.tools.explore import KINDS, explore
from tests.tools.exhaustive import exhaustive, observed
from tests.tools.helpers import MINI, apply_example, doc_examples, write_story


def assert_sound(story, max_states: int = 20_000) -> None:
    ex = explore(story, max_states=max_states, max_seconds=60)
    for role, result in ex.roles.items():
        truth = exhaustive(story, role)
        for kind in KINDS:
            for item in ex.items(kind):
                status = result.status(kind, item)
                if status == "unreachable":
                    assert item not in truth.reached[kind], f"{role}: {kind} {item} called unreachable, but play reaches it"
                elif status == "reached":
                    assert item in truth.reached[kind] or not truth.complete, f"{role}: {kind} {item}"
                    path = result.reached[kind][item]
                    seen, replayed = observed(story, role, path, result.seeds.get((kind, item), 0))
                    assert replayed, f"{role}: the path to {kind} {item} does not replay: {path}"
                    assert item in seen.reached[kind] or not seen.complete, \
                        f"{role}: replaying {path} does not show {kind} {item}"
            if truth.complete and result.complete:
                reached = {i for i in ex.items(kind) if result.status(kind, i) == "reached"}
                assert reached == truth.reached[kind], f"{role}: {kind}s differ"
        for lock in result.softlocks:
            seen, _ = observed(story, role, lock.path, lock.seed)
            assert seen.softlocks, f"{role}: soft-lock at {lock.node} does not replay"
        if truth.complete and truth.softlocks and result.complete:
            assert result.softlocks, f"{role}: exhaustive play gets stuck at {truth.softlocks}; the explorer says no"


def test_mini_story_answers_match_exhaustive_play():
    story, _ = check_story(MINI)
    assert_sound(story)


@pytest.mark.parametrize("code", ["E0401", "E0402", "W0101", "W0116", "W0117", "W0118"])
def test_diagnostics_examples_match_exhaustive_play(tmp_path, code):
    blocks = doc_examples().get(code)
    if not blocks:
        pytest.skip(f"no example for {code}")
    apply_example(tmp_path, blocks)
    story, _ = check_story(tmp_path)
    if story is not None:
        assert_sound(story)


# ---- small random stories --------------------------------------------------------------------------

MANIFEST = """format: 1
id: gen
title: Generated
version: 0.0.1
disclaimer: A generated story.
roles:
  anxious: {{title: A, blurb: A., partner: {{name: Sam, pronouns: they}}}}
  avoidant: {{title: B, blurb: B., partner: {{name: Robin, pronouns: she}}}}
scenes: [{scenes}]
meters:
  closeness: {{min: 0, max: 6, start: 3, label: Closeness}}
  safety: {{min: 0, max: 6, start: {safety}, label: Safety}}
flags:
  f0: {{description: zero}}
  f1: {{description: one}}
endings:
{endings}
{early}"""


def _atom(draw, scene_nodes: int, here: int, chance: bool = False) -> str:
    kinds = ["meter", "meter", "flag", "notflag", "visits", "role", "pair"] + (["chance"] * 2 if chance else [])
    kind = draw(st.sampled_from(kinds))
    if kind == "chance":
        return f"chance({draw(st.sampled_from([0, 30, 50, 70, 100]))})"
    if kind == "meter":
        return f"{draw(st.sampled_from(['safety', 'closeness']))} {draw(st.sampled_from(['>=', '<', '<=', '>', '==']))} " \
               f"{draw(st.integers(0, 6))}"
    if kind == "flag":
        return draw(st.sampled_from(["f0", "f1"]))
    if kind == "notflag":
        return "not " + draw(st.sampled_from(["f0", "f1"]))
    if kind == "visits":
        return f"visits(n{draw(st.integers(0, scene_nodes - 1))}) > 0"
    if kind == "role":
        return f"role == {draw(st.sampled_from(['anxious', 'avoidant']))}"
    return "safety > closeness"


def _cond(draw, scene_nodes: int, here: int, chance: bool = False) -> str:
    first = _atom(draw, scene_nodes, here, chance)
    if draw(st.booleans()):
        return first
    return f"{first} {draw(st.sampled_from(['and', 'or']))} {_atom(draw, scene_nodes, here, chance)}"


def _effects(draw) -> str:
    parts = [f"{m}: {draw(st.sampled_from([-2, -1, 1, 2]))}" for m in ("safety", "closeness") if draw(st.booleans())]
    if draw(st.booleans()):
        parts.append(f"{draw(st.sampled_from(['set', 'clear']))}: [{draw(st.sampled_from(['f0', 'f1']))}]")
    return "{" + ", ".join(parts) + "}"


def _target(draw, i: int, n: int, back_ok: bool = True) -> tuple[str, str | None]:
    """(target line, extra guard): forward, to the end, or (from a choice) back, guarded by visits so play ends."""
    roll = draw(st.integers(0, 9))
    if roll == 0 and i > 0 and back_ok:
        back = draw(st.integers(0, i - 1))
        return f"goto: n{back}", f"visits(n{back}) < 2"
    if roll == 1:
        return "end: story", None
    if roll == 2 or i == n - 1:
        return "end: scene", None
    return f"goto: n{draw(st.integers(i + 1, n - 1))}", None


def _scene(draw, sid: str, chance: bool = False) -> str:
    n = draw(st.integers(2, 5))
    out = [f"id: {sid}", f"title: {sid}", "location: flat_night", "content_notes: [none]",
           "summary: A generated scene.", "start:", "  anxious: n0", f"  avoidant: n{draw(st.integers(0, 1))}", "nodes:"]
    for i in range(n):
        out.append(f"  n{i}:")
        if i > 0 and draw(st.integers(0, 4)) == 0:
            out.append(f"    effects: {_effects(draw)}")
        out.append("    lines:")
        for k in range(draw(st.integers(1, 2))):
            out.append(f"      - text: Line {k}.")
            if draw(st.booleans()):
                out.append(f"        if: \"{_cond(draw, n, i, chance)}\"")
        shape = draw(st.sampled_from(["choices", "choices", "branch", "goto"])) if i < n - 1 else "end"
        if shape == "end":
            out.append("    end: scene")
        elif shape == "goto":
            target, _ = _target(draw, i, n, back_ok=False)
            out.append(f"    {target}")
        elif shape == "branch":
            out.append("    branch:")
            for _ in range(draw(st.integers(1, 2))):
                target, _ = _target(draw, i, n, back_ok=False)  # loops without a choice do not load
                out.append(f"      - if: \"{_cond(draw, n, i, chance)}\"")
                out.append(f"        {target}")
            if draw(st.integers(0, 3)):
                out.append(f"      - goto: n{i + 1}")
        else:
            out.append("    choices:")
            for k in range(draw(st.integers(1, 3))):
                target, extra = _target(draw, i, n)
                out.append(f"      - id: c{k}")
                out.append(f"        text: Choice {k}.")
                out.append("        tags: [neutral]")
                out.append("        why: Because.")
                cond = _cond(draw, n, i, chance) if (k > 0 or draw(st.integers(0, 3)) == 0) else None
                guard = extra + (f" and ({cond})" if cond else "") if extra else cond
                if guard:
                    out.append(f"        if: \"{guard}\"")
                out.append(f"        effects: {_effects(draw)}")
                if draw(st.integers(0, 3)) == 0:
                    out.append(f"        adjust: [{{if: \"{_atom(draw, n, i, chance)}\", safety: -1}}]")
                if draw(st.integers(0, 2)) == 0:  # a reply, shown after the choice's effects
                    out.append("        lines:")
                    for r in range(draw(st.integers(1, 2))):
                        reply_if = f", if: \"{_cond(draw, n, i, chance)}\"" if draw(st.booleans()) else ""
                        out.append(f"          - {{text: Reply {r}.{reply_if}}}")
                out.append(f"        {target}")
    return "\n".join(out) + "\n"


@st.composite
def small_stories(draw, chance: bool = False) -> dict:
    scenes = [f"s{i}" for i in range(draw(st.integers(1, 2)))]
    files = {f"scenes/{sid}.yaml": _scene(draw, sid, chance) for sid in scenes}
    endings = []
    for k in range(draw(st.integers(1, 2))):
        endings += [f"  - id: e{k}", f"    kind: {['growth', 'breakup'][k]}", f"    title: E{k}",
                    f"    when: \"{_atom(draw, 1, 0).replace('visits(n0) > 0', 'f0')}\"", "    text: The end."]
    endings += ["  - id: fallback", "    kind: escalation", "    title: F", "    text: The end."]
    early = "early_endings:\n  - when: safety <= 0\n    ending: fallback\n" if draw(st.booleans()) else ""
    files["story.yaml"] = MANIFEST.format(scenes=", ".join(scenes), safety=draw(st.integers(1, 5)),
                                          endings="\n".join(endings), early=early)
    return files


def assert_generated_story_sound(files) -> None:
    """A generated story builds without error, and the explorer's answers agree with exhaustive play."""
    with tempfile.TemporaryDirectory(prefix="gen") as tmp:
        root = write_story(Path(tmp), files)
        story, diagnostics = check_story(root)
        errors = [str(d) for d in diagnostics if d.is_error]
        assert story is not None and not errors, errors
        assert_sound(story)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_stories())
def test_random_small_stories_match_exhaustive_play(files):
    assert_generated_story_sound(files)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_stories(chance=True))
def test_random_small_stories_with_chance_match_play_with_many_seeds(files):
    """chance(N) is both outcomes: nothing any seed reaches is called unreachable, and every path replays with
    the seed the explorer gives for it."""
    assert_generated_story_sound(files)
