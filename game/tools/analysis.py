"""Static facts about a Story: where conditions live, what effects touch, what can be reached.

"Static" means without playing: a condition is treated as may-be-true unless
it is decided by the role, by a flag nothing ever sets or clears, or by a
meter's bounds. The explorer gives the exact answers; these are the fast,
always-finishing ones the linter, the story map and the stats share.
"""

from __future__ import annotations

import weakref
from collections import deque
from dataclasses import dataclass
from functools import wraps

from game.engine.model import Effects, Guard, Node, Story, drifted


_PER_STORY: dict = {}


def per_story(fn):
    """Remember fn(story) for as long as that story object lives: the tools share one answer per story."""

    @wraps(fn)
    def wrapper(story):
        key = (fn.__qualname__, id(story))
        hit = _PER_STORY.get(key)
        if hit is not None and hit[0]() is story:
            return hit[1]
        value = fn(story)
        _PER_STORY[key] = (weakref.ref(story, lambda _gone, key=key: _PER_STORY.pop(key, None)), value)
        return value

    return wrapper


@dataclass(frozen=True)
class GuardSite:
    guard: Guard
    scene_id: str | None  # None for the manifest's endings and early endings
    kind: str  # line | choice | adjust | branch | ending | ending_text | early | scene
    owner: str  # id of the line, choice, node or ending


def guard_sites(story: Story):
    """Every condition in the story with where it lives."""
    for scene in story.scenes.values():
        for node in scene.nodes.values():
            for line in node.all_lines:
                if line.guard.cond:
                    yield GuardSite(line.guard, scene.id, "line", line.id)
            for choice in node.choices:
                if choice.guard.cond:
                    yield GuardSite(choice.guard, scene.id, "choice", choice.id)
                for adj in choice.adjust:
                    if adj.guard.cond:
                        yield GuardSite(adj.guard, scene.id, "adjust", choice.id)
            for branch in node.branches:
                if branch.guard.cond:
                    yield GuardSite(branch.guard, scene.id, "branch", node.id)
    for ending in story.endings:
        if ending.guard.cond:
            yield GuardSite(ending.guard, None, "ending", ending.id)
        for part in ending.parts:
            if part.guard.cond:
                yield GuardSite(part.guard, None, "ending_text", ending.id)
    for early in story.early_endings:
        if early.guard.cond:
            yield GuardSite(early.guard, None, "early", early.ending)
    for scene_id, guard in story.scene_guards.items():
        if guard.cond:
            yield GuardSite(guard, None, "scene", scene_id)


def all_effects(story: Story):
    """(effects, pos, owner) for every place the story changes meters or flags."""
    for node in story.all_nodes():
        yield from node_effects(node)


def node_effects(node):
    """(effects, pos, owner) for every place one node changes meters or flags: its own, its choices', their adjustments'."""
    if not node.effects.empty:
        yield node.effects, node.pos, node.id
    for choice in node.choices:
        yield choice.effects, choice.pos, choice.id
        for adj in choice.adjust:
            yield adj.effects, choice.pos, choice.id


def flags_turned(nodes) -> tuple[set, set]:
    """(flags some effect of these nodes turns on, flags some effect turns off)."""
    on, off = set(), set()
    for node in nodes:
        for effects, _pos, _owner in node_effects(node):
            on.update(effects.set_flags)
            off.update(effects.clear_flags)
    return on, off


def walk(tree):
    """Every sub-tree of a condition tree, depth first."""
    yield tree
    kind = tree[0]
    if kind in ("and", "or"):
        yield from walk(tree[1])
        yield from walk(tree[2])
    elif kind == "not":
        yield from walk(tree[1])
    elif kind in ("cmp", "arith"):
        yield from walk(tree[2])
        yield from walk(tree[3])


def summed(sub) -> list[tuple[str, str]]:
    """(kind, name) of the meters and visits inside a sum or difference; [] for any other sub-tree.

    A value that is added to another is compared as a whole, so no single
    meter or visit count inside it may be abstracted by the numbers it meets.
    """
    if sub[0] != "arith":
        return []
    return [(leaf[0], leaf[1]) for leaf in walk(sub) if leaf[0] in ("meter", "visits")]


def visit_id(name: str, scene_id: str | None) -> str:
    return name if "." in name or scene_id is None else f"{scene_id}.{name}"


def visit_caps(story: Story) -> dict[str, int | None]:
    """Full node id -> the count above which visits(node) no longer changes any condition (None: no cap).

    A node compared only with numbers behaves the same for every count above
    the largest number, so states that differ only there are the same state.
    """
    return _abstractions(story)[0]


def meter_abstraction(story: Story) -> dict[str, tuple[str, int]]:
    """How much of each meter's value can change the story: meter -> (mode, bound).

    mode "drop": no condition reads it. "cap": it never goes down and is only
    compared with numbers, so every value above the largest number acts alike
    (and stays above, also when it recovers between scenes). "floor": the same
    downwards (not for a meter that recovers between scenes). "exact": anything else.
    Keying explored states on these classes is exact for what conditions see.
    """
    return _abstractions(story)[1]


@per_story
def _abstractions(story: Story) -> tuple[dict, dict]:
    """(visit_caps, meter_abstraction), from one look at every condition's sums and comparisons.

    Stories repeat conditions: each distinct condition tree is walked once."""
    caps: dict[str, int | None] = {}
    consts: dict[str, list[int]] = {m: [] for m in story.meters}
    free: set[str] = set()
    parts: dict = {}  # condition tree -> its sums and comparisons
    for site in guard_sites(story):
        tree = site.guard.cond.tree
        subs = parts.get(tree)
        if subs is None:
            subs = parts[tree] = [sub for sub in walk(tree) if sub[0] in ("cmp", "arith")]
        for sub in subs:
            for kind, name in summed(sub):
                if kind == "visits":
                    caps[visit_id(name, site.scene_id)] = None
                else:
                    free.add(name)
            if sub[0] != "cmp":
                continue
            for mine, other in ((sub[2], sub[3]), (sub[3], sub[2])):
                if mine[0] == "meter":
                    if other[0] == "num":
                        consts[mine[1]].append(other[1])
                    else:
                        free.add(mine[1])
                elif mine[0] == "visits":
                    full = visit_id(mine[1], site.scene_id)
                    if other[0] == "num" and (full not in caps or caps[full] is not None):
                        caps[full] = max(caps.get(full) or 0, other[1] + 1)
                    elif other[0] != "num":
                        caps[full] = None
    use = flag_use(story)
    out = {}
    # Between scenes a meter is reset to its start (the old value no longer matters) or recovers toward
    # it, which never lowers a value: a cap stays exact under both, a floor only under a reset.
    recovering = {name for name, points in story.drift if points is not None}
    for name in story.meters:
        deltas = use.meter_deltas.get(name, [])
        if name not in use.meters_read:
            out[name] = ("drop", 0)
        elif name in free or not consts[name] or use.meter_sets.get(name):  # a set value may go either way
            out[name] = ("exact", 0)
        elif all(d >= 0 for d in deltas):
            out[name] = ("cap", max(consts[name]) + 1)
        elif all(d <= 0 for d in deltas) and name not in recovering:
            out[name] = ("floor", min(consts[name]) - 1)
        else:
            out[name] = ("exact", 0)
    return caps, out


def meter_cuts(story: Story) -> dict[str, tuple[int, ...] | None]:
    """Meter -> the values where some comparison with a number flips (None when compared with other meters).

    Two values between the same cuts look the same to every condition right
    now; the explorer's wider search keys states on these classes.
    """
    cuts: dict[str, set[int] | None] = {m: set() for m in story.meters}
    for site in guard_sites(story):
        for sub in walk(site.guard.cond.tree):
            for kind, name in summed(sub):
                if kind == "meter":
                    cuts[name] = None
            if sub[0] != "cmp":
                continue
            op, left, right = sub[1], sub[2], sub[3]
            for mine, other, flipped in ((left, right, False), (right, left, True)):
                if mine[0] != "meter" or cuts.get(mine[1]) is None:
                    continue
                if other[0] != "num":
                    cuts[mine[1]] = None
                    continue
                k = other[1]
                side = MIRRORED_OP.get(op, op) if flipped else op
                cuts[mine[1]].update({"<": (k,), ">=": (k,), "<=": (k + 1,), ">": (k + 1,)}.get(side, (k, k + 1)))
    return {m: (tuple(sorted(c)) if c is not None else None) for m, c in cuts.items()}


class FlagUse:
    """Which flags are read, set and cleared anywhere."""

    def __init__(self, story: Story):
        self.read: set[str] = set()
        self.set: set[str] = set()
        self.cleared: set[str] = set()
        self.meters_read: set[str] = set()
        self.meter_deltas: dict[str, list[int]] = {m: [] for m in story.meters}
        self.meter_sets: dict[str, list[int]] = {m: [] for m in story.meters}  # set_meter values
        for site in guard_sites(story):
            for ref in site.guard.cond.refs():
                if ref.kind == "flag":
                    self.read.add(ref.name)
                elif ref.kind == "meter":
                    self.meters_read.add(ref.name)
        for effects, _pos, _owner in all_effects(story):
            self.set.update(effects.set_flags)
            self.cleared.update(effects.clear_flags)
            for name, delta in effects.deltas:
                self.meter_deltas.setdefault(name, []).append(delta)
            for name, value in effects.values:
                self.meter_sets.setdefault(name, []).append(value)


flag_use = per_story(FlagUse)  # shared: the same story's uses are looked up once


class Box:
    """What may hold at a point of the story: a range per meter and, per flag, whether it may be on and off.

    A box only ever over-approximates: whatever a condition can never be on
    the box, it can never be in play.
    """

    __slots__ = ("meters", "on", "off")

    def __init__(self, meters: dict, on: frozenset, off: frozenset):
        self.meters, self.on, self.off = meters, on, off

    @classmethod
    def start(cls, story: Story) -> "Box":
        return cls({m.name: (m.start, m.start) for m in story.meters.values()},
                   frozenset(f.name for f in story.flags.values() if f.start),
                   frozenset(f.name for f in story.flags.values() if not f.start))

    @classmethod
    def anything(cls, story: Story, use: "FlagUse | None" = None) -> "Box":
        """Every value a meter may take; flags fixed only when nothing ever changes them."""
        use = use or flag_use(story)
        on = {f.name for f in story.flags.values() if f.start or f.name in use.set}
        off = {f.name for f in story.flags.values() if not f.start or f.name in use.cleared}
        return cls({m.name: (m.min, m.max) for m in story.meters.values()}, frozenset(on), frozenset(off))

    def flag(self, name: str):
        on, off = name in self.on, name in self.off
        return None if on and off else on

    def join(self, other: "Box") -> "Box":
        if other is self:
            return self
        meters = {k: (min(lo, other.meters[k][0]), max(hi, other.meters[k][1])) for k, (lo, hi) in self.meters.items()}
        return Box(meters, self.on | other.on, self.off | other.off)

    def within(self, other: "Box") -> bool:
        """Whether every state of this box is in `other` (so joining it to `other` gives `other` back)."""
        if other is self:
            return True
        if not (self.on <= other.on and self.off <= other.off):
            return False
        theirs = other.meters
        for name, (lo, hi) in self.meters.items():
            their_lo, their_hi = theirs[name]
            if lo < their_lo or hi > their_hi:
                return False
        return True

    def apply(self, effects: Effects, story: Story) -> "Box":
        if effects.empty:
            return self
        meters = dict(self.meters)
        for name, delta in effects.deltas:
            meter = story.meters[name]
            lo, hi = meters[name]
            meters[name] = (max(meter.min, min(meter.max, lo + delta)), max(meter.min, min(meter.max, hi + delta)))
        for name, value in effects.values:
            meters[name] = (value, value)
        on, off = self.on, self.off
        if effects.set_flags or effects.clear_flags:
            on = on.union(effects.set_flags).difference(effects.clear_flags)
            off = off.union(effects.clear_flags).difference(effects.set_flags)
        return Box(meters, on, off)

    def drift(self, story: Story) -> "Box":
        """Time passing between scenes, applied to both ends of each interval (the map is monotone)."""
        if not story.drift and not story.flag_resets:
            return self
        meters = dict(self.meters)
        for name, points in story.drift:
            start = story.meters[name].start
            meters[name] = tuple(drifted(v, start, points) for v in meters[name])
        on, off = set(self.on), set(self.off)
        for name in story.flag_resets:  # back to its start value, whatever it was
            (on if story.flags[name].start else off).add(name)
            (off if story.flags[name].start else on).discard(name)
        return Box(meters, frozenset(on), frozenset(off))

    def __eq__(self, other) -> bool:
        return self.meters == other.meters and self.on == other.on and self.off == other.off

    def __hash__(self):  # pragma: no cover - boxes are compared, not hashed
        return hash((tuple(sorted(self.meters.items())), self.on, self.off))


class Static:
    """Three-valued evaluation of conditions for one role over a Box: True, False or None (may be either)."""

    def __init__(self, story: Story, role: str | None, box: Box | None = None):
        self.story = story
        self.role = role
        self.box = box or Box.anything(story)
        self._known: dict[tuple, bool | None] = {}  # condition tree -> its value on self.box (stories repeat conditions)

    def value(self, guard: Guard, box: Box | None = None) -> bool | None:
        if guard.cond is None:
            return True
        tree = guard.cond.tree
        if box is not None and box is not self.box:
            return self._eval(tree, box)
        known = self._known.get(tree, _UNKNOWN)
        if known is _UNKNOWN:
            known = self._known[tree] = self._eval(tree, self.box)
        return known

    def maybe(self, guard: Guard, box: Box | None = None) -> bool:
        return self.value(guard, box) is not False

    def _eval(self, tree, box: Box):
        kind = tree[0]
        if kind == "const":
            return tree[1]
        if kind == "chance":  # both outcomes, unless it can only go one way
            return False if tree[1] <= 0 else True if tree[1] >= 100 else None
        if kind == "flag":
            return box.flag(tree[1])
        if kind == "not":
            inner = self._eval(tree[1], box)
            return None if inner is None else not inner
        if kind in ("and", "or"):
            a, b = self._eval(tree[1], box), self._eval(tree[2], box)
            stop = kind == "or"  # `or` is decided by a True, `and` by a False
            if a is stop or b is stop:
                return stop
            if a is None or b is None:
                return None
            return not stop
        if kind == "cmp":
            return self._compare(tree[1], tree[2], tree[3], box)
        return None  # pragma: no cover - the parser makes no other kinds

    def _compare(self, op, left, right, box: Box):
        if left[0] == "role":
            if self.role is None:
                return None
            same = self.role == right[1]
            return same if op == "==" else not same
        return compare_ranges(op, *_range(left, box), *_range(right, box))


def compare_ranges(op: str, lo_l, hi_l, lo_r, hi_r) -> bool | None:
    """`left op right` for every value of the left range against every value of the right: True, False, or None
    when it depends (a bound of None: the range is not known)."""
    if lo_l is None or lo_r is None:
        return None
    if op in ("==", "!="):
        if lo_l == hi_l == lo_r == hi_r:
            return op == "=="
        if hi_l < lo_r or hi_r < lo_l:
            return op == "!="
        return None
    # <, <=, >, >= are monotone in each side: the extremes decide (true for all, false for all, or either).
    if op == "<":
        return True if hi_l < lo_r else False if lo_l >= hi_r else None
    if op == "<=":
        return True if hi_l <= lo_r else False if lo_l > hi_r else None
    if op == ">":
        return True if lo_l > hi_r else False if hi_l <= lo_r else None
    return True if lo_l >= hi_r else False if hi_l < lo_r else None  # >=


_UNKNOWN = object()


# A comparison operator for `not (a op b)`, and for `b op a`: one table each for every tool.
NEGATED_OP = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}
MIRRORED_OP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


def assume(static: "Static", tree, box: Box, truth: bool = True, undecided: bool = False) -> "Box | None":
    """The part of `box` where the condition `tree` comes out `truth`, or None when no state of the box does.

    Over-approximates, like every box: a condition this cannot narrow (a sum of meters, a visit count,
    an `or` that must hold) leaves the box as it is. Narrowed are a meter compared with a number, a flag,
    the role, and `and` (or a false `or`) part by part; so after `if: safety > 2` fails, safety is at most 2.
    `undecided`: the caller has just found `tree` neither true nor false on this very box, so it is not asked again.
    """
    if box is None:
        return None
    if not undecided:
        decided = static._eval(tree, box)
        if decided is not None:
            return box if decided is truth else None
    kind = tree[0]
    if kind == "not":
        return assume(static, tree[1], box, not truth)
    if kind in ("and", "or"):
        if (kind == "and") is truth:  # every part must come out `truth`
            return assume(static, tree[2], assume(static, tree[1], box, truth), truth)
        return box
    if kind == "flag":
        name = tree[1]
        on, off = (box.on, box.off - {name}) if truth else (box.on - {name}, box.off)
        return Box(box.meters, frozenset(on), frozenset(off))
    if kind == "cmp":
        op, left, right = tree[1], tree[2], tree[3]
        if not truth:
            op = NEGATED_OP[op]
        if left[0] == "num" and right[0] == "meter":
            op, left, right = MIRRORED_OP[op], right, left
        if left[0] != "meter" or right[0] != "num":
            return box
        lo, hi = box.meters[left[1]]
        n = right[1]
        if op == "<":
            hi = min(hi, n - 1)
        elif op == "<=":
            hi = min(hi, n)
        elif op == ">":
            lo = max(lo, n + 1)
        elif op == ">=":
            lo = max(lo, n)
        elif op == "==":
            lo, hi = max(lo, n), min(hi, n)
        elif lo == hi == n:  # !=
            return None
        if lo > hi:
            return None
        meters = dict(box.meters)
        meters[left[1]] = (lo, hi)
        return Box(meters, box.on, box.off)
    return box


def _range(operand, box: Box):
    if operand[0] == "num":
        return operand[1], operand[1]
    if operand[0] == "meter":
        return box.meters[operand[1]]
    if operand[0] == "arith":
        (lo_a, hi_a), (lo_b, hi_b) = _range(operand[2], box), _range(operand[3], box)
        if lo_a is None or lo_b is None:
            return None, None
        return (lo_a + lo_b, hi_a + hi_b) if operand[1] == "+" else (lo_a - hi_b, hi_a - lo_b)
    return None, None  # visits: not tracked by boxes


_OPS = {
    "<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b, "==": lambda a, b: a == b, "!=": lambda a, b: a != b,
}


def exits(node: Node, static: Static):
    """(target, via) for each way out of a node that may be taken: via is a Choice, a Branch or None."""
    if node.goto is not None:
        yield node.goto, None
    value = static.value
    for branch in node.branches:
        answer = value(branch.guard)  # asked once: whether it may hold, then whether it surely does
        if answer is not False:
            yield branch.target, branch
            if answer is True:
                break  # later branches can never be taken
    for choice in node.choices:
        if value(choice.guard) is not False:
            yield choice.target, choice


class Reach:
    """Static reachability for one role: nodes, choices and lines that some path may reach."""

    def __init__(self, story: Story, role: str):
        self.story = story
        self.role = role
        self.static = Static(story, role)
        self.nodes: set[str] = set()
        self.choices: set[str] = set()
        self.scenes: list[str] = []  # scenes this role can enter, in order
        self.scene_can_end: dict[str, bool] = {}
        self.trapped: dict[str, list[str]] = {}  # scene id -> its reachable nodes (full ids) from which no way
        # leaves the scene, in file order (what trapped_nodes answers); scenes with none are left out
        for scene_id in story.scene_order:
            scene = story.scenes[scene_id]
            self.scenes.append(scene_id)
            ends = self._scene(scene_id, scene.starts[role])
            self.scene_can_end[scene_id] = ends
            if not ends:
                break

    def _scene(self, scene_id: str, start: str) -> bool:
        scene = self.story.scenes[scene_id]
        queue = deque([start])
        seen = {start}
        ends = False
        back: dict[str, list[str]] = {}  # local id -> the reached nodes with a way to it
        leave: list[str] = []  # reached nodes with a way out of the scene
        while queue:
            local = queue.popleft()
            node = scene.nodes[local]
            self.nodes.add(node.id)
            for target, via in exits(node, self.static):
                if via is not None and hasattr(via, "tags"):
                    self.choices.add(via.id)
                if target.node is not None:
                    back.setdefault(target.node, []).append(local)
                    if target.node not in seen:
                        seen.add(target.node)
                        queue.append(target.node)
                else:
                    leave.append(local)
                    ends = ends or target.end == "scene"
        trapped = _unable_to_leave(seen, back, leave)
        if trapped:
            self.trapped[scene_id] = [node.id for local, node in scene.nodes.items() if local in trapped]
        return ends


def _unable_to_leave(nodes: set[str], back: dict[str, list[str]], leave: list[str]) -> set[str]:
    """The nodes from which no way leads to one in `leave`, following `back` (node -> nodes leading to it)."""
    done = set(leave)
    queue = deque(done)
    while queue:
        for prev in back.get(queue.popleft(), ()):
            if prev not in done:
                done.add(prev)
                queue.append(prev)
    return nodes - done


def trapped_nodes(story: Story, scene_id: str, reachable: set[str], static: Static) -> list[str]:
    """Reachable nodes of a scene from which no way leads out of the scene (full ids)."""
    scene = story.scenes[scene_id]
    back: dict[str, set[str]] = {n: set() for n in scene.nodes}
    done: set[str] = set()
    for local, node in scene.nodes.items():
        for target, _via in exits(node, static):
            if target.node is not None:
                back[target.node].add(local)
            else:
                done.add(local)
    queue = deque(done)
    while queue:
        local = queue.popleft()
        for prev in back[local]:
            if prev not in done:
                done.add(prev)
                queue.append(prev)
    return [scene.nodes[n].id for n in scene.nodes if scene.nodes[n].id in reachable and n not in done]


def roles_of(story: Story, role: str | None) -> list[str]:
    return [role] if role else list(story.roles)
