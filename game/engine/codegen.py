"""Conditions and effects as one plain Python function each, made from their shape: play calls them all the time.

A parsed condition such as `(flag_00 or safety < 2) and not flag_23` has a
*shape*, `(F or M < N) and not F`, and *values*: the names and numbers. For
each shape this module writes one factory, once, as a Python syntax tree:

    def shape(a0, a1, a2, a3):
        def test(s):
            return (a0 in s.flags or s.meters[a1] < a2) and a3 not in s.flags
        return test

and compiles it with `compile()`; every condition of that shape is then the
factory called with its own values. One condition test is one call with no
nested closures, where the tree of closures in conditions.py took one call
per part. Effects work the same way: the shape is how many meter changes,
meter values, flags set and flags cleared they hold.

Why a story can never run code through this: the syntax tree is built only
from this module's own names (`s`, `a0`, `test`, ...), the state's fields
(`flags`, `meters`, `visits`, `role`), operators picked from fixed tables by
the parser's token kinds, and the constants 0, True and False. No text from
the story is ever placed in the tree, not even as a constant: names and
numbers reach the function only as arguments of the factory call, that is as
Python values, after the tree is compiled. There is no `eval`, and nothing
is parsed as Python source. docs/security.md names the tests.

Shapes are cached (at most MAX_SHAPES); a shape the compiler cannot take (a
condition nested thousands deep) makes the caller fall back to closures.
"""

from __future__ import annotations

import ast
from typing import Callable

MAX_SHAPES = 4096  # shapes kept compiled; past this a new shape is compiled for each use and not kept

_COMPARE = {"<": ast.Lt, "<=": ast.LtE, ">": ast.Gt, ">=": ast.GtE, "==": ast.Eq, "!=": ast.NotEq}
_ARITH = {"+": ast.Add, "-": ast.Sub}
_AT = {"lineno": 1, "col_offset": 0, "end_lineno": 1, "end_col_offset": 0}  # every node's place (no source)
_factories: dict[tuple, Callable] = {}


class ShapeError(ValueError):
    """A condition or effects this module does not write as a function (the caller uses its closures)."""


# ---- conditions -------------------------------------------------------------------------------------

def condition_function(tree: tuple, visit_id: Callable[[str], str], roll: Callable[[int, int], Callable]) -> Callable:
    """The test of a parsed condition tree as one function of the state (see the module's docstring).

    `visit_id` gives the full node id of a visits(...) name; `roll(percent, offset)` gives the predicate of
    the chance(N) written at `offset`. Raises ShapeError when the shape cannot be compiled.
    """
    args: list = []
    shape = _cond_shape(tree, args, visit_id, roll)
    return _factory(("cond", shape), len(args), _cond_module)(*args)


def _cond_shape(tree: tuple, args: list, visit_id, roll) -> tuple:
    """The shape of `tree` (kinds and operators only); its values go to `args`, in the order the shape meets them."""
    kind = tree[0]
    if kind in ("and", "or"):
        parts = []
        for part in _chain(tree, kind):
            parts.append(_cond_shape(part, args, visit_id, roll))
        return (kind, *parts)
    if kind == "not":
        return ("not", _cond_shape(tree[1], args, visit_id, roll))
    if kind == "flag":
        args.append(tree[1])
        return ("flag",)
    if kind == "const":
        return ("const", bool(tree[1]))
    if kind == "chance":
        args.append(roll(tree[1], tree[2]))
        return ("call",)
    if kind == "cmp":
        if tree[1] not in _COMPARE:
            raise ShapeError(tree[1])
        return ("cmp", tree[1], _value_shape(tree[2], args, visit_id), _value_shape(tree[3], args, visit_id))
    raise ShapeError(kind)


def _chain(tree: tuple, kind: str) -> list:
    """`a and b and c` as [a, b, c] (the parser nests it to the left), without recursion."""
    out, stack = [], [tree]
    while stack:
        part = stack.pop()
        if part[0] == kind:
            stack.append(part[2])
            stack.append(part[1])
        else:
            out.append(part)
    return out


def _value_shape(tree: tuple, args: list, visit_id) -> tuple:
    kind = tree[0]
    if kind in ("num", "meter", "role_value"):
        args.append(tree[1])
        return (kind,)
    if kind == "visits":
        args.append(visit_id(tree[1]))
        return ("visits",)
    if kind == "role":
        return ("role",)
    if kind == "arith":
        if tree[1] not in _ARITH:
            raise ShapeError(tree[1])
        return ("arith", tree[1], _value_shape(tree[2], args, visit_id), _value_shape(tree[3], args, visit_id))
    raise ShapeError(kind)


def _cond_module(shape: tuple, count: int) -> ast.Module:
    params = _Params(count)
    expr = _cond_expr(shape[1], params)
    body = [ast.Return(expr, **_AT)]
    return _module(count, "test", ["s"], body)


class _Params:
    """Hands out a0, a1, ... in the order the shape uses its values."""

    def __init__(self, count: int):
        self.count = count
        self.next = 0

    def take(self) -> ast.Name:
        if self.next >= self.count:
            raise ShapeError("more values than the shape holds")
        name = f"a{self.next}"
        self.next += 1
        return _load(name)


def _load(name: str) -> ast.Name:
    return ast.Name(name, ast.Load(), **_AT)


def _field(name: str) -> ast.Attribute:  # s.flags, s.meters, s.visits, s.role
    return ast.Attribute(_load("s"), name, ast.Load(), **_AT)


def _cond_expr(shape: tuple, params: _Params) -> ast.expr:
    kind = shape[0]
    if kind in ("and", "or"):
        op = ast.And() if kind == "and" else ast.Or()
        return ast.BoolOp(op, [_cond_expr(part, params) for part in shape[1:]], **_AT)
    if kind == "not":
        inner = shape[1]
        if inner[0] == "flag":  # a0 not in s.flags
            return ast.Compare(params.take(), [ast.NotIn()], [_field("flags")], **_AT)
        return ast.UnaryOp(ast.Not(), _cond_expr(inner, params), **_AT)
    if kind == "flag":
        return ast.Compare(params.take(), [ast.In()], [_field("flags")], **_AT)
    if kind == "const":
        return ast.Constant(bool(shape[1]), **_AT)
    if kind == "call":  # a chance(N) roll: a0(s)
        return ast.Call(params.take(), [_load("s")], [], **_AT)
    if kind == "cmp":
        left = _value_expr(shape[2], params)
        right = _value_expr(shape[3], params)
        return ast.Compare(left, [_COMPARE[shape[1]]()], [right], **_AT)
    raise ShapeError(kind)


def _value_expr(shape: tuple, params: _Params) -> ast.expr:
    kind = shape[0]
    if kind in ("num", "role_value"):
        return params.take()
    if kind == "meter":  # s.meters[a0]
        return ast.Subscript(_field("meters"), params.take(), ast.Load(), **_AT)
    if kind == "visits":  # s.visits.get(a0, 0)
        return ast.Call(ast.Attribute(_field("visits"), "get", ast.Load(), **_AT), [params.take(), ast.Constant(0, **_AT)], [],
                        **_AT)
    if kind == "role":
        return _field("role")
    if kind == "arith":
        left = _value_expr(shape[2], params)
        right = _value_expr(shape[3], params)
        return ast.BinOp(left, _ARITH[shape[1]](), right, **_AT)
    raise ShapeError(kind)


# ---- effects ----------------------------------------------------------------------------------------

def effects_function(deltas, values, set_flags, clear_flags, bounds: dict) -> Callable:
    """`apply(meters, flags)` for one set of effects: each delta added and clamped to its meter's bounds
    (`bounds`: name -> (min, max)), then each set value, then flags set, then flags cleared."""
    args: list = []
    for name, delta in deltas:
        low, high = bounds[name]
        args += (name, delta, low, high)
    for name, value in values:
        args += (name, value)
    args += set_flags
    args += clear_flags
    shape = ("effects", len(deltas), len(values), len(set_flags), len(clear_flags))
    return _factory(shape, len(args), _effects_module)(*args)


def _effects_module(shape: tuple, count: int) -> ast.Module:
    _, deltas, values, sets, clears = shape
    params = _Params(count)
    body: list[ast.stmt] = []
    meters = _load("meters")
    for _ in range(deltas):
        name, delta, low, high = (params.take() for _ in range(4))
        # v = meters[name] + delta; meters[name] = high if v > high else low if v < low else v
        body.append(ast.Assign([ast.Name("v", ast.Store(), **_AT)],
                               ast.BinOp(ast.Subscript(meters, name, ast.Load(), **_AT), ast.Add(), delta, **_AT),
                               **_AT))
        v = _load("v")
        clamped = ast.IfExp(ast.Compare(v, [ast.Gt()], [high], **_AT), high,
                            ast.IfExp(ast.Compare(v, [ast.Lt()], [low], **_AT), low, v, **_AT), **_AT)
        body.append(ast.Assign([ast.Subscript(meters, name, ast.Store(), **_AT)], clamped, **_AT))
    for _ in range(values):
        name, value = params.take(), params.take()
        body.append(ast.Assign([ast.Subscript(meters, name, ast.Store(), **_AT)], value, **_AT))
    for method, count_ in (("add", sets), ("discard", clears)):
        for _ in range(count_):
            call = ast.Call(ast.Attribute(_load("flags"), method, ast.Load(), **_AT), [params.take()], [], **_AT)
            body.append(ast.Expr(call, **_AT))
    body.append(ast.Return(ast.Constant(None, **_AT), **_AT))
    return _module(count, "apply", ["meters", "flags"], body)


# ---- shared ---------------------------------------------------------------------------------------

def _module(count: int, inner: str, inner_args: list[str], body: list[ast.stmt]) -> ast.Module:
    """def shape(a0, ..., aN): def <inner>(<inner_args>): <body>; return <inner>"""
    def arguments(names):
        return ast.arguments([], [ast.arg(n, **_AT) for n in names], None, [], [], None, [])
    fn = ast.FunctionDef(inner, arguments(inner_args), body, [], None, None, **_AT)
    outer = ast.FunctionDef("shape", arguments([f"a{i}" for i in range(count)]), [fn, ast.Return(_load(inner), **_AT)],
                            [], None, None, **_AT)
    return ast.Module([outer], [])


def _factory(shape: tuple, count: int, build) -> Callable:
    factory = _factories.get(shape)
    if factory is None:
        try:
            code = compile(build(shape, count), "<tether shape>", "exec")
        except (RecursionError, MemoryError, SyntaxError, ValueError, TypeError) as exc:
            raise ShapeError(f"cannot compile: {type(exc).__name__}") from None
        namespace: dict = {"__builtins__": {}}
        exec(code, namespace)  # defines `shape` from the tree above: no story text is in it
        factory = namespace["shape"]
        if len(_factories) < MAX_SHAPES:
            _factories[shape] = factory
    return factory
