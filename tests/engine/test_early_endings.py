"""Early endings are tested only after effects that can set them off (model.link_early_endings), and that
changes nothing: they fire exactly where testing every one of them after every effect would fire them."""

import json
import random
from types import SimpleNamespace

import pytest

from game.engine import StoryRunner, load_story
from game.engine.conditions import parse_condition, rises
from game.engine.model import Effects
from tests.conftest import SHIPPED
from tests.engine.helpers import MANIFEST, roundtrip, write_story
from tests.engine.test_codegen import FLAGS, METERS, _random_condition, _random_state, _visit_id


def test_rises_names_every_change_that_can_make_a_condition_hold():
    """Fails if the relevance table can miss a variable: a condition false before some effects and true after
    them always shares a change with them (or reads what changes without effects: visits, chance)."""
    rng = random.Random(11)
    from game.engine.conditions import compile_condition
    checked = 0
    for _ in range(1500):
        cond = parse_condition(_random_condition(rng))
        test, can_rise = compile_condition(cond, _visit_id, "x"), rises(cond.tree)
        for _ in range(6):
            state = _random_state(rng)
            deltas = tuple((m, rng.choice([-3, -1, 1, 2])) for m in rng.sample(METERS, rng.randint(0, 2)))
            values = tuple((m, rng.randint(0, 10)) for m in rng.sample(METERS, rng.randint(0, 1)))
            sets, clears = tuple(rng.sample(FLAGS, rng.randint(0, 1))), tuple(rng.sample(FLAGS, rng.randint(0, 1)))
            effects = Effects(deltas, sets, clears, values)
            before = test(state)
            for name, delta in deltas:
                state.meters[name] = max(0, min(10, state.meters[name] + delta))
            state.meters.update(values)
            state.flags.update(sets)
            state.flags.difference_update(clears)
            if not before and test(state) and can_rise is not None:
                checked += 1
                assert not can_rise.isdisjoint(effects.changes()), (cond.source, effects)
    assert checked > 150  # the property was really exercised


@pytest.mark.parametrize("text, up, down", [
    ("safety <= 0", set(), {("meter", "safety", -1)}),
    ("not calm and safety > 3", {("flag", "calm", False), ("meter", "safety", 1)}, set()),
    ("safety - closeness >= 2", {("meter", "safety", 1), ("meter", "closeness", -1)}, set()),
    ("calls == 3 or role == anxious", {("meter", "calls", 1), ("meter", "calls", -1)}, set()),
])
def test_rises_follows_the_direction_of_each_part(text, up, down):
    assert rises(parse_condition(text).tree) == frozenset(up | down)


def test_what_changes_without_effects_is_always_tested():
    assert rises(parse_condition("safety < 2 and visits(wait) > 1").tree) is None
    assert rises(parse_condition("chance(20) or calm").tree) is None


EARLY_MANIFEST = (MANIFEST.replace("scenes: [s]", "scenes: [s, t]")
                  .replace("  safety: {min: 0, max: 10, start: 5}", "  safety: {min: 0, max: 10, start: 5}\n"
                           "  calls: {min: 0, max: 9, start: 0}")
                  + "between_scenes:\n  recover: {safety: 5}\n"
                  + "early_endings:\n  - {when: calls >= 3, ending: bad}\n  - {when: named and safety >= 5, ending: good}\n")

SCENES = {
    "s": """\
        id: s
        title: S
        start: {anxious: a, avoidant: b}
        nodes:
          a:
            lines: [{text: One.}]
            choices:
              - {id: call, text: Call, tags: [protest], why: x, effects: {calls: 2}, goto: c}
              - id: adjusted
                text: Call, adjusted
                tags: [protest]
                why: x
                adjust: [{if: "calls < 1", calls: 3}]
                goto: c
              - {id: low, text: Lower, tags: [stonewall], why: x, effects: {safety: -5}, end: scene}
          b:
            lines: [{text: Two.}]
            choices:
              - {id: low, text: Lower, tags: [stonewall], why: x, effects: {safety: -5, set: [named]}, end: scene}
          c:
            effects: {calls: 1}
            lines: [{text: Not shown once calls reach 3.}]
            choices:
              - {id: on, text: On, tags: [neutral], why: x, end: scene}
        """,
    "t": """\
        id: t
        title: T
        start: {anxious: a, avoidant: a}
        nodes:
          a:
            lines: [{text: Later.}]
            choices:
              - {id: unrelated, text: Unrelated, tags: [neutral], why: x, effects: {closeness: 1}, goto: z}
              - {id: plain, text: Plain, tags: [neutral], why: x, goto: z}
          z:
            lines: [{text: Never reached when safety recovered to 5.}]
            choices:
              - {id: end, text: End, tags: [neutral], why: x, end: story}
        """,
}


@pytest.fixture()
def early_story(tmp_path):
    write_story(tmp_path, SCENES["s"], EARLY_MANIFEST)
    write_story(tmp_path, SCENES["t"], EARLY_MANIFEST, name="t.yaml")
    return load_story(tmp_path)


def test_a_node_effect_sets_off_an_early_ending(early_story):
    r = StoryRunner.new(early_story, "anxious")
    r.advance()
    r.choose(0)  # calls 2, then node c adds 1: calls >= 3 as c is entered
    assert r.phase == "ended" and r.ending.id == "bad" and r.state.ended_early


def test_an_adjustment_sets_off_an_early_ending(early_story):
    r = StoryRunner.new(early_story, "anxious")
    r.advance()
    r.choose(1)  # no effects of its own; the adjustment adds 3 calls
    assert r.phase == "ended" and r.ending.id == "bad" and r.meters["calls"] == 3


@pytest.mark.parametrize("pick", [0, 1], ids=["unrelated effect", "no effect"])
@pytest.mark.parametrize("through_save", [False, True], ids=["straight", "saved"])
def test_the_time_between_scenes_sets_off_an_early_ending_at_the_next_check(early_story, pick, through_save):
    r = StoryRunner.new(early_story, "avoidant")
    r.advance()
    r.choose(0)  # named, and safety 5 - 5 = 0: `named and safety >= 5` does not hold
    assert r.phase == "scene_end" and r.meters["safety"] == 0 and "named" in r.flags
    r = roundtrip(r) if through_save else r
    r.next_scene()  # the time between scenes brings safety back to 5: the early ending holds, set off by no effect
    assert r.meters["safety"] == 5 and r.phase == "delivering"
    r.advance()
    r.choose(pick)  # an effect on closeness only, or none: the early ending fires here, as it always did
    assert r.phase == "ended" and r.ending.id == "good" and r.state.ended_early


class _StandIn:
    """An early ending as a tool passes it: the runner then tests every one through guard.holds, every time."""

    def __init__(self, early):
        self.ending = early.ending
        self.guard = SimpleNamespace(holds=early.guard.holds)


def _playthrough(story, role: str, seed: int, early_endings=None) -> str:
    rng = random.Random(seed)
    runner = StoryRunner.new(story, role, seed=seed, early_endings=early_endings)
    for _ in range(5000):
        if runner.phase == "delivering":
            runner.advance()
        elif runner.phase == "awaiting_choice":
            runner.choose(rng.randrange(len(runner.choices)))
            if rng.random() < 0.05 and runner.can_undo:
                runner.undo()
        elif runner.phase == "scene_end":
            runner.next_scene()
        else:
            break
    return json.dumps(runner.to_dict(), sort_keys=True)


@pytest.mark.parametrize("which", ["shipped", "early"])
def test_testing_only_what_effects_set_off_plays_as_testing_everything(which, early_story):
    story = load_story(SHIPPED) if which == "shipped" else early_story
    stand_ins = tuple(_StandIn(e) for e in story.early_endings)
    endings = set()
    for seed in range(60 if which == "shipped" else 40):
        for role in story.roles:
            linked = _playthrough(story, role, seed)
            assert linked == _playthrough(story, role, seed, stand_ins), (role, seed)
            endings.add(json.loads(linked)["ending"])
    assert len(endings) >= 2
