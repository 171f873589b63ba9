"""The condition language: parsed at load, compiled to closures, never eval'd."""

from types import SimpleNamespace

import pytest

from game.engine.conditions import ConditionError, compile_condition, parse_condition

STATE = SimpleNamespace(meters={"safety": 7, "closeness": 3}, flags={"named"}, role="anxious", visits={"s.wait": 2})


def check(text):
    return compile_condition(parse_condition(text), lambda n: n if "." in n else f"s.{n}")(STATE)


@pytest.mark.parametrize("text, expected", [
    ("safety >= 7", True),
    ("safety > 7", False),
    ("named", True),
    ("not named", False),
    ("safety >= 7 and named", True),
    ("closeness > 4 or named", True),
    ("closeness > 4 or not named", False),
    ("(safety < 3 or closeness < 4) and named", True),
    ("not (safety < 3 or closeness < 4)", False),
    ("role == anxious", True),
    ("role != anxious", False),
    ("visits(wait) == 2", True),
    ("visits(s.wait) > 2", False),
    ("visits(other) == 0", True),
    ("safety > closeness", True),
    ("-1 < closeness", True),
    ("true", True),
    ("false or named", True),
    ("not not named", True),
])
def test_evaluation(text, expected):
    assert check(text) is expected


@pytest.mark.parametrize("text, offset, words", [
    ("safety >=", 9, "expected a number"),
    ("safety >= 7 and", 15, "expected a flag"),
    ("role == a.b", 8, "not a role name"),  # which names are roles is the builder's check (E0207)
    ("role > anxious", 5, "only with == or !="),
    ("a b", 2, "join conditions"),
    ("safety $ 3", 7, "unexpected character"),
    ("(named", 6, "expected ')'"),
    ("", 0, "empty"),
    ("__import__('os')", 11, "unexpected character"),
])
def test_errors_point_at_the_column(text, offset, words):
    with pytest.raises(ConditionError) as info:
        parse_condition(text)
    assert info.value.offset == offset
    assert words in str(info.value)


def test_refs_list_every_name_with_its_kind():
    refs = parse_condition("safety > 2 and named or visits(x) > role_free").refs()
    assert [(r.kind, r.name) for r in refs] == [("meter", "safety"), ("flag", "named"), ("visits", "x"), ("meter", "role_free")]
