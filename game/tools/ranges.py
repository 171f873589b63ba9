"""Can a condition ever be true (or false) with every meter inside its declared range?

A quick, sound check from the declarations alone: a comparison of meters
and numbers is judged over the meters' ranges, anything else (flags,
visits, role) may go either way. Used to spot conditions that can never
fire, such as `safety < 0` on a meter that runs from 0 to 10.
"""

from __future__ import annotations

from game.engine.conditions import Cond

MAX_VALUES = 4096  # combinations of meter values tried per comparison; beyond that we say "either way"
_TESTS = {
    "<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b, "==": lambda a, b: a == b, "!=": lambda a, b: a != b,
}
EITHER = (True, True)


def outcomes(cond: Cond, meters: dict) -> tuple[bool, bool]:
    """(can be true, can be false) for a condition, given the story's MeterDefs by name."""
    return _outcomes(cond.tree, meters)


def never_true(cond: Cond | None, meters: dict) -> bool:
    return cond is not None and not outcomes(cond, meters)[0]


def _outcomes(tree: tuple, meters: dict) -> tuple[bool, bool]:
    kind = tree[0]
    if kind == "const":
        return (tree[1], not tree[1])
    if kind == "not":
        t, f = _outcomes(tree[1], meters)
        return (f, t)
    if kind in ("and", "or"):
        at, af = _outcomes(tree[1], meters)
        bt, bf = _outcomes(tree[2], meters)
        return (at and bt, af or bf) if kind == "and" else (at or bt, af and bf)
    if kind == "cmp":
        return _compare(tree, meters)
    return EITHER


def _values(tree: tuple, meters: dict):
    """(lowest, highest) an operand can take, or None when unknown."""
    kind = tree[0]
    if kind == "num":
        return (tree[1], tree[1])
    if kind == "meter" and tree[1] in meters:
        meter = meters[tree[1]]
        return (meter.min, meter.max)
    if kind == "arith":
        a, b = _values(tree[2], meters), _values(tree[3], meters)
        if a is None or b is None:
            return None
        return (a[0] + b[0], a[1] + b[1]) if tree[1] == "+" else (a[0] - b[1], a[1] - b[0])
    return None


def _compare(tree: tuple, meters: dict) -> tuple[bool, bool]:
    left, right = _values(tree[2], meters), _values(tree[3], meters)
    if left is None or right is None or (left[1] - left[0] + 1) * (right[1] - right[0] + 1) > MAX_VALUES:
        return EITHER
    test = _TESTS[tree[1]]
    results = {test(a, b) for a in range(left[0], left[1] + 1) for b in range(right[0], right[1] + 1)}
    return (True in results, False in results)
