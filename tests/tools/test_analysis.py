"""The static analysis the linter shares: a role's reach, the nodes it cannot leave a scene from, remembered answers."""

from __future__ import annotations

from game.engine.loader import check_story
from game.tools.analysis import Box, Reach, Static, guard_sites, trapped_nodes
from game.tools.bounds import Bounds
from tests.tools.helpers import MINI, SHIPPED, apply_example, doc_examples, write_story

LOOPS = """id: s
title: A scene
start: {anxious: open, avoidant: other}
nodes:
  open:
    lines: [Hello.]
    choices:
      - {id: loop, text: Loop., tags: [neutral], why: W., goto: round}
      - {id: out, text: Out., tags: [neutral], why: W., if: role == avoidant, goto: done}
  round:
    lines: [Round.]
    choices: [{id: on, text: On., tags: [neutral], why: W., goto: again}]
  again:
    lines: [Again.]
    choices: [{id: on, text: On., tags: [neutral], why: W., goto: round}]
  other:
    lines: [Elsewhere.]
    choices: [{id: back, text: Back., tags: [neutral], why: W., goto: open}]
  stranded:
    lines: [Nobody comes here.]
    choices: [{id: on, text: On., tags: [neutral], why: W., goto: stranded}]
  done: {lines: [Done.], end: scene}
"""


def _story(root):
    story, diagnostics = check_story(root)
    assert story is not None and not [d for d in diagnostics if d.is_error], diagnostics
    return story


def _trapped_both_ways(story):
    for role in story.roles:
        reach = Reach(story, role)
        for scene_id in reach.scenes:
            yield (role, scene_id, reach.trapped.get(scene_id, []),
                   trapped_nodes(story, scene_id, reach.nodes, reach.static))


def test_reach_finds_the_nodes_no_way_leaves_the_scene_from(tmp_path):
    apply_example(tmp_path, doc_examples()["E0403"])
    write_story(tmp_path, {"scenes/s.yaml": LOOPS})
    story = _story(tmp_path)
    found = {role: trapped for role, scene_id, trapped, _ in _trapped_both_ways(story) if scene_id == "s"}
    # the anxious role has no way out at all; the avoidant one can leave from open, not from the loop;
    # 'stranded' loops too, but no role ever gets there
    assert found == {"anxious": ["s.open", "s.round", "s.again"], "avoidant": ["s.round", "s.again"]}


def test_reach_and_trapped_nodes_agree_on_every_scene(tmp_path):
    apply_example(tmp_path, doc_examples()["E0403"])
    for root in (tmp_path, MINI, SHIPPED):
        for role, scene_id, from_reach, from_function in _trapped_both_ways(_story(root)):
            assert from_reach == from_function, (root, role, scene_id)


def test_a_remembered_answer_is_the_one_worked_out_on_the_static_box():
    story = _story(SHIPPED)
    guards = [site.guard for site in guard_sites(story)]
    for role in story.roles:
        remembered, fresh = Static(story, role), Static(story, role)
        first = [remembered.value(g) for g in guards]
        assert [remembered.value(g) for g in guards] == first
        assert first == [fresh._eval(g.cond.tree, fresh.box) for g in guards]


def test_an_answer_on_another_box_is_not_taken_from_the_remembered_ones():
    story = _story(MINI)
    guard = next(site.guard for site in guard_sites(story) if site.guard.source == "cycle_named and safety >= 6")
    static = Static(story, "anxious")
    assert static.value(guard) is None  # on every value meters and flags may take: either way
    anything = static.box
    off = Box(anything.meters, anything.on - {"cycle_named"}, anything.off | {"cycle_named"})
    assert static.value(guard, off) is False
    assert static.value(guard) is None


def test_bounds_share_equal_parts_of_their_boxes_and_keep_the_same_boxes(monkeypatch):
    story = _story(SHIPPED)
    for role in story.roles:
        shared = Bounds(story, role)
        with monkeypatch.context() as patch:
            patch.setattr(Bounds, "_shared", lambda self, box: box)
            unshared = Bounds(story, role)
        assert shared.boxes == unshared.boxes and shared.choices == unshared.choices and shared.lines == unshared.lines
        for part in ("on", "off"):
            values = {getattr(box, part) for box in shared.boxes.values()}
            assert len({id(getattr(box, part)) for box in shared.boxes.values()}) == len(values)
            assert len({id(getattr(box, part)) for box in unshared.boxes.values()}) > len(values)
