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


def _some_boxes(story, role, count=60):
    boxes = list(Bounds(story, role).boxes.values())
    step = max(1, len(boxes) // count)
    return boxes[::step] + [Box.anything(story), Box.start(story)]


def test_a_box_is_within_another_exactly_when_joining_it_gives_the_other_back():
    story = _story(SHIPPED)
    for role in story.roles:
        boxes = _some_boxes(story, role)
        answers = set()
        for a in boxes:
            for b in boxes:
                within = a.within(b)
                assert within == (b.join(a) == b)
                answers.add(within)
        assert answers == {True, False}


def test_bounds_that_skip_a_join_inside_the_old_box_keep_the_same_boxes(monkeypatch):
    story = _story(SHIPPED)
    for role in story.roles:
        skipping = Bounds(story, role)
        with monkeypatch.context() as patch:
            patch.setattr(Box, "within", lambda self, other: False)
            joining = Bounds(story, role)
        assert skipping.boxes == joining.boxes
        assert (skipping.endings, skipping.choices, skipping.lines) == (joining.endings, joining.choices, joining.lines)


def test_assume_told_a_condition_is_undecided_narrows_as_when_it_asks():
    from game.tools.analysis import assume

    story = _story(SHIPPED)
    guards = [site.guard for site in guard_sites(story) if site.guard.cond is not None]
    for role in story.roles:
        static = Static(story, role)
        narrowed = 0
        for box in _some_boxes(story, role, 20):
            for guard in guards:
                if static.value(guard, box) is not None:
                    continue
                for truth in (True, False):
                    told = assume(static, guard.cond.tree, box, truth, undecided=True)
                    asked = assume(static, guard.cond.tree, box, truth)
                    assert (told is None) == (asked is None) and (told is None or told == asked)
                    narrowed += told is not None and told != box
        assert narrowed > 0


def test_the_exploration_answer_over_roles_stops_at_a_reaching_role_and_keeps_the_rule():
    from types import SimpleNamespace

    from game.tools.explore_results import Exploration

    asked = []

    def role(name, answer):
        return SimpleNamespace(status=lambda kind, item: asked.append(name) or answer)

    cases = {("reached", "unreachable"): "reached", ("unreachable", "reached"): "reached",
             ("undecided", "reached"): "reached", ("undecided", "unreachable"): "undecided",
             ("unreachable", "undecided"): "undecided", ("unreachable", "unreachable"): "unreachable"}
    for (a, b), want in cases.items():
        asked.clear()
        ex = Exploration(story=None, roles={"anxious": role("anxious", a), "avoidant": role("avoidant", b)})
        assert ex.status("node", "s.n") == want
        assert asked == (["anxious"] if a == "reached" else ["anxious", "avoidant"])


def test_the_ways_out_asked_once_per_condition_are_those_of_may_hold_then_surely_holds(tmp_path):
    from game.tools.analysis import exits

    def by_the_rule(node, static):
        out = [(node.goto, None)] if node.goto is not None else []
        for branch in node.branches:
            if static.maybe(branch.guard):
                out.append((branch.target, branch))
                if static.value(branch.guard) is True:
                    break
        return out + [(c.target, c) for c in node.choices if static.maybe(c.guard)]

    apply_example(tmp_path, doc_examples()["E0403"])
    cut = 0
    for root in (tmp_path, MINI, SHIPPED):
        story = _story(root)
        for role in story.roles:
            static = Static(story, role)
            for node in story.all_nodes():
                ways = list(exits(node, static))
                assert ways == by_the_rule(node, static), (root, role, node.id)
                cut += len(ways) < (node.goto is not None) + len(node.branches) + len(node.choices)
    assert cut > 0
