"""Conditions and effects written as one function per shape (game/engine/codegen.py): the same answers as the
tree of closures, no story text in the code, and hostile names that stay plain values."""

import ast
import random
from types import SimpleNamespace

import pytest

from game.engine import codegen
from game.engine.codegen import ShapeError, condition_function, effects_function
from game.engine.conditions import _predicate, compile_condition, parse_condition
from game.engine.loader import load_story
from tests.conftest import SHIPPED

METERS = ("safety", "closeness", "calls")
FLAGS = ("named", "flooded", "kept")


def _visit_id(name):
    return name if "." in name else f"s.{name}"


def _random_condition(rng: random.Random, depth: int = 0) -> str:
    """A condition text from the whole language (flags, meters, sums, visits, role, chance, not, and, or)."""
    pick = rng.randrange(10 if depth < 3 else 5)
    if pick == 0:
        return rng.choice(FLAGS)
    if pick == 1:
        return f"{rng.choice(METERS)} {rng.choice(['<', '<=', '>', '>=', '==', '!='])} {rng.randint(-2, 11)}"
    if pick == 2:
        return f"{rng.choice(METERS)} {rng.choice('+-')} {rng.choice(METERS)} >= {rng.randint(-5, 15)}"
    if pick == 3:
        return f"visits({rng.choice(['wait', 'o.other'])}) {rng.choice(['>', '=='])} {rng.randint(0, 2)}"
    if pick == 4:
        return rng.choice(["role == anxious", "role != avoidant", "chance(50)", "true", "false",
                           f"{rng.randint(0, 9)} < {rng.choice(METERS)}"])
    if pick in (5, 6):
        return f"not {_random_condition(rng, depth + 1)}"
    word = rng.choice(["and", "or"])
    return f"({_random_condition(rng, depth + 1)} {word} {_random_condition(rng, depth + 1)})"


def _random_state(rng: random.Random):
    return SimpleNamespace(meters={m: rng.randint(0, 10) for m in METERS},
                           flags={f for f in FLAGS if rng.random() < 0.5},
                           visits={"s.wait": rng.randint(0, 2), "o.other": rng.randint(0, 2)},
                           role=rng.choice(["anxious", "avoidant"]), scene="s", node="n", seed=rng.randint(0, 9),
                           chance=None)


def test_compiled_conditions_answer_as_the_closures_do():
    rng = random.Random(7)
    for _ in range(600):
        cond = parse_condition(_random_condition(rng))
        compiled = compile_condition(cond, _visit_id, "here")
        assert compiled.__code__.co_filename == "<tether shape>", cond.source  # written, not the fallback
        closures = _predicate(cond.tree, _visit_id, f"here|{cond.source}")
        for _ in range(8):
            state = _random_state(rng)
            assert compiled(state) is closures(state), (cond.source, state)


def test_every_condition_of_the_shipped_story_is_one_function():
    story = load_story(SHIPPED)
    guards = [line.guard for node in story.all_nodes() for line in node.all_lines]
    guards += [c.guard for c in story.all_choices()] + [e.guard for e in story.early_endings]
    guards += [e.guard for e in story.endings]
    tests = [g.test for g in guards if g.test is not None]
    assert len(tests) > 100
    assert all(t.__code__.co_filename == "<tether shape>" for t in tests)


def test_the_code_holds_no_story_text():
    """Names and numbers reach the function as arguments: the syntax tree has only the module's own names."""
    args = []
    cond = parse_condition("(named or safety + closeness < 2) and not kept and visits(wait) > 1 and role == x "
                           "and chance(30) and true")
    shape = codegen._cond_shape(cond.tree, args, _visit_id, lambda percent, at: (lambda s: True))
    for tree in (codegen._cond_module(("cond", shape), len(args)),
                 codegen._effects_module(("effects", 2, 1, 2, 1), 13)):
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant):
                assert node.value in (0, True, False, None)
            if isinstance(node, ast.Name):
                assert node.id in ("s", "v", "meters", "flags", "test", "apply") or node.id[1:].isdigit(), node.id
            if isinstance(node, ast.Attribute):
                assert node.attr in ("flags", "meters", "visits", "role", "get", "add", "discard")


@pytest.mark.parametrize("hostile", [
    "__import__('os').system('touch /tmp/tether-pwned')",
    "x'] or True or s.flags['",
    'a" + __import__("os").getcwd() + "',
    "line one\nimport os\nos.system('id')",
    "s.flags.clear()",
])
def test_hostile_names_stay_inert(hostile, tmp_path):
    """Even a name the parser would refuse stays a plain string: it is looked up, never run."""
    state = SimpleNamespace(flags={hostile}, meters={hostile: 3}, visits={hostile: 1}, role=hostile)
    assert condition_function(("flag", hostile, 0), str, None)(state) is True
    assert condition_function(("not", ("flag", hostile + "!", 0)), str, None)(state) is True
    assert condition_function(("cmp", ">=", ("meter", hostile, 0), ("num", 3)), str, None)(state) is True
    assert condition_function(("cmp", "==", ("visits", hostile, 0), ("num", 1)), str, None)(state) is True
    assert condition_function(("cmp", "==", ("role",), ("role_value", hostile, 0)), str, None)(state) is True
    meters, flags = {hostile: 1}, set()
    effects_function([(hostile, 5)], [], [hostile], [], {hostile: (0, 4)})(meters, flags)
    assert meters == {hostile: 4} and flags == {hostile}
    assert state.flags == {hostile} and not (tmp_path / "tether-pwned").exists()


def test_an_operator_outside_the_language_is_refused():
    with pytest.raises(ShapeError):
        condition_function(("cmp", "is", ("num", 1), ("num", 1)), str, None)
    with pytest.raises(ShapeError):
        condition_function(("cmp", "<", ("arith", "*", ("num", 1), ("num", 2)), ("num", 1)), str, None)
    with pytest.raises(ShapeError):
        condition_function(("call", "print"), str, None)


def test_long_and_deep_conditions_still_work(monkeypatch):
    state = SimpleNamespace(meters={}, flags={"f0"}, visits={}, role="a")
    many = parse_condition(" or ".join(f"f{i}" for i in range(3000)))  # one flat `or`, not 3000 nested calls
    assert compile_condition(many, str)(state) is True
    deep = parse_condition("not " * 900 + "f0")  # as deep as the parser goes
    assert compile_condition(deep, str)(state) is True

    def refuse(*args, **kwargs):
        raise RecursionError("too deep")
    monkeypatch.setattr(codegen, "_factories", {})
    monkeypatch.setattr(codegen, "compile", refuse, raising=False)  # a shape the compiler cannot take
    odd = compile_condition(parse_condition("not not f0 and not f1"), str)
    assert odd.__code__.co_filename != "<tether shape>" and odd(state) is True  # the closures answer instead


def test_compiled_effects_clamp_and_apply_in_order():
    meters, flags = {"safety": 9, "closeness": 1, "calls": 4}, {"kept", "named"}
    apply = effects_function([("safety", 3), ("closeness", -4)], [("calls", 0)], ["flooded"], ["kept"],
                             {"safety": (0, 10), "closeness": (0, 10), "calls": (0, 5)})
    apply(meters, flags)
    assert meters == {"safety": 10, "closeness": 0, "calls": 0} and flags == {"named", "flooded"}


def test_the_builder_gives_every_effect_its_function():
    story = load_story(SHIPPED)
    effects = [n.effects for n in story.all_nodes()] + [c.effects for c in story.all_choices()]
    effects += [a.effects for c in story.all_choices() for a in c.adjust]
    real = [e for e in effects if not e.empty]
    assert len(real) > 50 and all(e.apply is not None for e in real)
