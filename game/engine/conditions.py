"""The condition language: parsed once at load into a tree, compiled to one function each, never eval'd.

    safety >= 7 and cycle_named
    not partner_flooded or closeness > visits(waiting)
    closeness + safety >= 9
    role == anxious
    chance(30) and not cycle_named

A bare name is a flag; `chance(N)` is true in N of 100 playthroughs (rolled
from the playthrough's seed, the node and how often it was entered, so the
same game always rolls the same); meters, visits(...) and sums or differences of them
(`closeness + safety`, `safety - closeness`) compare with integers or each
other; `role` compares with a role name. The role names are the story's own (its manifest's `roles:`):
the parser takes any name after `role ==`, and the builder checks it against the manifest.

A parsed condition becomes one Python function of the state, written by
codegen.py from the condition's shape (its names and numbers are the
function's values, never its code); a shape it cannot write falls back to a
tree of closures (`_predicate`).
"""

from __future__ import annotations

import operator
import re
import zlib
from dataclasses import dataclass
from typing import Callable

from game.engine.codegen import ShapeError, condition_function

_TOKEN = re.compile(
    r"\s*(?:(?P<num>-?\d+)|(?P<op><=|>=|==|!=|<|>)|(?P<punct>[()])|(?P<arith>[+-])|(?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)|(?P<bad>\S))"
)
_KEYWORDS = {"and", "or", "not", "true", "false"}


class ConditionError(ValueError):
    """A condition that does not parse; `offset` is the 0-based column inside the condition."""

    def __init__(self, message: str, offset: int):
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True)
class Ref:
    """A name a condition uses: kind is flag, meter, visits or role_value."""

    kind: str
    name: str
    offset: int


@dataclass(frozen=True)
class Cond:
    """A parsed condition: `source` for people, `tree` for the compiler."""

    source: str
    tree: tuple

    def refs(self) -> list[Ref]:
        """The names it uses, in the order written (worked out once: the tools ask for them again and again)."""
        known = self.__dict__.get("_refs")
        if known is None:
            out: list[Ref] = []
            _collect(self.tree, out)
            known = tuple(out)
            object.__setattr__(self, "_refs", known)  # a cache, not a field: equality and hashing ignore it
        return list(known)


def _collect(tree: tuple, out: list[Ref]) -> None:
    kind = tree[0]
    if kind in ("and", "or"):
        _collect(tree[1], out)
        _collect(tree[2], out)
    elif kind == "not":
        _collect(tree[1], out)
    elif kind == "cmp":
        _collect(tree[2], out)
        _collect(tree[3], out)
    elif kind == "arith":
        _collect(tree[2], out)
        _collect(tree[3], out)
    elif kind in ("flag", "meter", "visits", "role_value"):
        out.append(Ref(kind, tree[1], tree[2]))


def _tokens(text: str) -> list[tuple[str, str, int]]:
    # Every character but a space starts a token (`bad` at worst), so the matches follow one another with
    # nothing skipped between them; only spaces at the end match nothing.
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "bad":
            raise ConditionError(f"unexpected character {m.group(kind)!r}", m.start(kind))
        out.append((kind, m.group(kind), m.start(kind)))
    out.append(("end", "", len(text)))
    return out


class _Parser:
    def __init__(self, text: str):
        self.toks = _tokens(text)
        self.i = 0

    def peek(self):
        return self.toks[self.i]

    def take(self):
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def expect(self, value: str):
        tok = self.take()
        if tok[1] != value:
            got = tok[1] or "the end"
            raise ConditionError(f"expected '{value}' but found '{got}'", tok[2])
        return tok

    def parse(self) -> tuple:
        if self.peek()[0] == "end":
            raise ConditionError("empty condition", 0)
        tree = self.or_()
        tok = self.peek()
        if tok[0] != "end":
            raise ConditionError(f"unexpected '{tok[1]}'; join conditions with 'and' or 'or'", tok[2])
        return tree

    def or_(self):
        left = self.and_()
        while self.peek()[1] == "or":
            self.take()
            left = ("or", left, self.and_())
        return left

    def and_(self):
        left = self.not_()
        while self.peek()[1] == "and":
            self.take()
            left = ("and", left, self.not_())
        return left

    def not_(self):
        if self.peek()[1] == "not":
            self.take()
            return ("not", self.not_())
        return self.atom()

    def atom(self):
        kind, value, offset = self.peek()
        if value == "(":
            self.take()
            inner = self.or_()
            self.expect(")")
            return inner
        if value in ("true", "false"):
            self.take()
            return ("const", value == "true")
        after = self.toks[self.i + 1] if self.i + 1 < len(self.toks) else ("end", "", 0)
        continues = after[0] in ("op", "arith") or (after[0] == "num" and after[1].startswith("-"))
        if value == "chance" and self.toks[self.i + 1][1] == "(":
            return self.chance()
        if kind == "name" and value not in _KEYWORDS and not continues and value not in ("visits", "role"):
            self.take()
            if "." in value:
                raise ConditionError(f"'{value}' is not a flag name; flags are single words", offset)
            return ("flag", value, offset)
        if kind in ("num", "name"):
            left = self.sum()
            op = self.take()
            if op[0] != "op":
                raise ConditionError(f"expected a comparison (<, <=, >, >=, ==, !=) after '{value}'", op[2])
            right = self.operand(after_role=True) if left[0] == "role" else self.sum()
            if (left[0] == "role") != (right[0] == "role_value"):
                raise ConditionError("role compares only with a role name: role == <a role of the story>", offset)
            if left[0] == "role" and op[1] not in ("==", "!="):
                raise ConditionError("role compares only with == or !=", op[2])
            return ("cmp", op[1], left, right)
        raise ConditionError(f"expected a flag, a comparison or '(' but found '{value or 'the end'}'", offset)

    def chance(self):
        offset = self.take()[2]
        self.expect("(")
        kind, value, at = self.take()
        if kind != "num" or not 0 <= int(value) <= 100:
            raise ConditionError("chance(N) takes a whole number from 0 to 100: the percent of playthroughs", at)
        self.expect(")")
        return ("chance", int(value), offset)

    def sum(self):
        """An operand, or operands joined by + and -: closeness + safety, safety - 2."""
        left = self.operand()
        while True:
            kind, value, offset = self.peek()
            if kind == "arith":
                self.take()
            elif kind == "num" and value.startswith("-"):  # `safety -2` reads as safety - 2
                pass
            else:
                return left
            if left[0] == "role":
                raise ConditionError("role compares only with a role name: role == <a role of the story>", offset)
            right = self.operand()
            if right[0] == "role":
                raise ConditionError("role cannot be added or subtracted", offset)
            left = ("arith", value, left, right) if kind == "arith" else ("arith", "-", left, ("num", -right[1]))

    def operand(self, after_role: bool = False):
        kind, value, offset = self.take()
        if kind == "num":
            return ("num", int(value))
        if kind != "name" or value in _KEYWORDS:
            raise ConditionError(f"expected a number, a meter or visits(...) but found '{value or 'the end'}'", offset)
        if after_role:  # which names are roles is the story's to say: the builder checks it
            if "." in value:
                raise ConditionError(f"'{value}' is not a role name", offset)
            return ("role_value", value, offset)
        if value == "role":
            return ("role",)
        if value == "visits":
            self.expect("(")
            name_tok = self.take()
            if name_tok[0] != "name":
                raise ConditionError("visits(...) takes a node id, e.g. visits(waiting) or visits(scene.node)", name_tok[2])
            self.expect(")")
            return ("visits", name_tok[1], name_tok[2])
        if "." in value:
            raise ConditionError(f"'{value}' is not a meter name", offset)
        return ("meter", value, offset)


def parse_condition(text: str) -> Cond:
    """Parse condition text; raises ConditionError with a column offset."""
    if not isinstance(text, str):
        text = str(text).lower() if isinstance(text, bool) else str(text)
    return Cond(text, _Parser(text).parse())


_OPS: dict[str, Callable[[int, int], bool]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq, "!=": operator.ne,
}


def subtrees(tree: tuple):
    """A parsed condition and every part of it, parts after the whole (`and`, `or`, `not` opened up)."""
    yield tree
    if tree[0] in ("and", "or"):
        yield from subtrees(tree[1])
        yield from subtrees(tree[2])
    elif tree[0] == "not":
        yield from subtrees(tree[1])


def rises(tree: tuple) -> frozenset | None:
    """The changes that can turn this condition from false to true; None when it can change without any.

    A change is ("meter", name, +1) or ("meter", name, -1) for a meter going up or down, and ("flag", name,
    True) or ("flag", name, False) for a flag set or cleared (model.Effects.changes gives an effect's). `and`,
    `or` and comparisons are monotone in each part, so `closeness <= 0` rises only when closeness goes down and
    `not calm and safety > 3` only when calm is cleared or safety goes up. Visit counts and chance(N) change as
    play enters nodes, without any effect: a condition reading them gives None. The role never changes.
    """
    out: set = set()
    stack = [(tree, True)]  # (part, whether it must turn true (True) or false (False))
    while stack:
        part, up = stack.pop()
        kind = part[0]
        if kind in ("and", "or"):
            stack += ((part[1], up), (part[2], up))
        elif kind == "not":
            stack.append((part[1], not up))
        elif kind == "flag":
            out.add(("flag", part[1], up))
        elif kind == "chance":
            return None
        elif kind == "cmp":
            op, terms = part[1], {}
            if not _terms(part[2], 1, terms) or not _terms(part[3], -1, terms):
                return None
            # the comparison holds when (left - right) is small (<, <=), large (>, >=), or at one value (==, !=)
            wanted = {"<": (-1,), "<=": (-1,), ">": (1,), ">=": (1,)}.get(op, (1, -1))
            for name, signs in terms.items():
                for sign in signs:
                    for way in wanted:
                        out.add(("meter", name, sign * way if up else -sign * way))
        elif kind != "const":
            raise AssertionError(kind)  # pragma: no cover
    return frozenset(out)


def _terms(tree: tuple, sign: int, terms: dict) -> bool:
    """Add each meter of a value with the sign it has in (left - right); False if it reads a visit count."""
    stack = [(tree, sign)]
    while stack:
        part, sign = stack.pop()
        kind = part[0]
        if kind == "meter":
            terms.setdefault(part[1], set()).add(sign)
        elif kind == "visits":
            return False
        elif kind == "arith":
            stack += ((part[2], sign), (part[3], sign if part[1] == "+" else -sign))
    return True


def compile_condition(cond: Cond, visit_id: Callable[[str], str], site: str = "") -> Callable[[object], bool]:
    """A fast predicate over a state with .meters, .flags, .role and .visits.

    `visit_id` turns the node name written in visits(...) into a full node id; `site` (where the condition
    is written) keeps two equal chance(N) conditions in different places from rolling alike.
    """
    source = f"{site}|{cond.source}"
    try:
        return condition_function(cond.tree, visit_id, lambda percent, at: _chance(percent, f"{source}@{at}"))
    except (ShapeError, RecursionError):
        return _predicate(cond.tree, visit_id, source)


def _predicate(tree: tuple, visit_id, source: str = "") -> Callable[[object], bool]:
    kind = tree[0]
    if kind == "flag":
        name = tree[1]
        return lambda s: name in s.flags
    if kind == "cmp":
        return _comparison(tree, visit_id)
    if kind == "not":
        if tree[1][0] == "flag":  # the commonest negation, in one step
            name = tree[1][1]
            return lambda s: name not in s.flags
        inner = _predicate(tree[1], visit_id, source)
        return lambda s: not inner(s)
    if kind in ("and", "or"):
        a, b = _predicate(tree[1], visit_id, source), _predicate(tree[2], visit_id, source)
        if kind == "and":
            return lambda s: a(s) and b(s)
        return lambda s: a(s) or b(s)
    if kind == "const":
        value = tree[1]
        return lambda s: value
    if kind == "chance":
        return _chance(tree[1], f"{source}@{tree[2]}")  # the condition's text and place: stable across runs
    raise AssertionError(kind)  # pragma: no cover


def _comparison(tree: tuple, visit_id) -> Callable[[object], bool]:
    """A comparison; the common shapes (a meter, a visit count or the role against a constant) read the state
    directly, since play evaluates them for every line and choice."""
    op, left, right = _OPS[tree[1]], tree[2], tree[3]
    if right[0] == "num":
        number = right[1]
        if left[0] == "meter":
            name = left[1]
            return lambda s: op(s.meters[name], number)
        if left[0] == "visits":
            full = visit_id(left[1])
            return lambda s: op(s.visits.get(full, 0), number)
    if left[0] == "role" and right[0] == "role_value":
        name = right[1]
        return (lambda s: s.role == name) if tree[1] == "==" else (lambda s: s.role != name)
    get_left, get_right = _value(left, visit_id), _value(right, visit_id)
    return lambda s: op(get_left(s), get_right(s))


def _chance(percent: int, site: str) -> Callable[[object], bool]:
    """True in `percent` of 100 rolls; a roll depends on the seed, this condition and where play stands."""
    def roll(s) -> bool:
        forced = getattr(s, "chance", None)
        if forced is not None and 0 < percent < 100 and (forced is True or forced is False):
            return forced
        node = f"{getattr(s, 'scene', '')}.{getattr(s, 'node', '')}"
        key = f"{site}|{node}|{s.visits.get(node, 0)}"
        if forced is not None and 0 < percent < 100:  # a tool answers the roll (the explorer tries both)
            return forced(key, percent)
        return rolls_true(getattr(s, "seed", 0), key, percent)
    return roll


def rolls_true(seed: int, key: str, percent: int) -> bool:
    """Whether the roll at `key` (condition, place and visit) comes out true for `seed`."""
    return zlib.crc32(f"{seed}|{key}".encode()) % 100 < percent


def _value(tree: tuple, visit_id) -> Callable[[object], object]:
    kind = tree[0]
    if kind == "num":
        number = tree[1]
        return lambda s: number
    if kind == "meter":
        name = tree[1]
        return lambda s: s.meters[name]
    if kind == "visits":
        full = visit_id(tree[1])
        return lambda s: s.visits.get(full, 0)
    if kind == "role":
        return lambda s: s.role
    if kind == "role_value":
        name = tree[1]
        return lambda s: name
    if kind == "arith":
        a, b = _value(tree[2], visit_id), _value(tree[3], visit_id)
        if tree[1] == "+":
            return lambda s: a(s) + b(s)
        return lambda s: a(s) - b(s)
    raise AssertionError(kind)  # pragma: no cover
