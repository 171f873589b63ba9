"""The ways back from a node inside its scene, path by path: a proof that no play enters it, and the paths
`explore_follow` plays forward.

The interval bounds keep one box per node, so what holds together on one path is lost at a join: a way in
needs `kept and closeness < 16`, and every path that sets `kept` raises closeness past 16. The ways-in proof
(`explore_ways`) looks at one node at a time. A walk back goes path by path from the node, carrying what must
hold where play stands (`Need`): a range per meter, flags that must be on or off, differences of meters
(`safety > closeness`), and how many times each node of the scene must have been entered so far.

One step back goes from entering a node to the node a way into it leaves from: through the node's effects
in reverse (which values before give the needed ones after), its visit taken off, the check that no early
ending stopped play after a choice, the choice's adjustments (each either way) and effects in reverse, the
condition where the way leaves (a branch's `if` with those above it false, a choice's `if`), cut by the
bounds' box there. A visit count of a scene before is at least one for a node every play leaving that
scene entered (`WaysProof.always`); it holds still in the node's scene, so its range is kept along the path. A condition is split into its alternatives (`dnf`); a part it cannot
follow (a sum, a chance, too many alternatives) is left out, which only lets more through. A path back
dies when what it carries can hold nowhere. The node is unreachable when every path back dies before it
gets to the scene's first node with visit counts play can have there (none but that node's, once), within
`steps` steps; else it stays open. Every step keeps a superset of the states play can have there, so the
proof holds; a need within one already followed back from the same node is not followed again.
"""

from __future__ import annotations

from collections import deque
from itertools import product

from game.engine.model import Story
from game.tools.analysis import MIRRORED_OP, NEGATED_OP, visit_id
from game.tools.bounds import Bounds
from game.tools.explore_graph import INF
from game.tools.explore_ways import WaysProof

BACK_STEPS = 300  # steps back one question may take before it is left open
BACK_TERMS = 32  # alternatives a condition is split into at most; beyond, the part that splits is left out
MEMO = 24  # needs kept per node to judge a new one against


class Need:
    """What must hold where play stands: meter ranges, flags on and off, meter differences, visit counts."""

    __slots__ = ("meters", "on", "off", "diffs", "visits")

    def __init__(self, meters: dict, on: frozenset, off: frozenset, diffs: frozenset, visits: dict):
        self.meters = meters  # meter -> (lo, hi)
        self.on, self.off = on, off  # flags that must be on, off
        self.diffs = diffs  # {(a, b, k)}: meter a - meter b >= k
        self.visits = visits  # full node id (of the scene or one before) -> (lo, hi) times entered so far

    def within(self, other: "Need") -> bool:
        """Every state this need allows, `other` allows too."""
        if not (other.on <= self.on and other.off <= self.off and other.diffs <= self.diffs):
            return False
        for name, (lo, hi) in other.meters.items():
            mine = self.meters[name]
            if mine[0] < lo or mine[1] > hi:
                return False
        for node, (lo, hi) in other.visits.items():
            mine = self.visits.get(node, (0, INF))
            if mine[0] < lo or mine[1] > hi:
                return False
        return True


def dnf(tree, scene_id: str, role: str, negate: bool = False, cache: dict | None = None) -> list:
    """A condition (or its negation) as alternatives, each a tuple of literals that must all hold:
    ("flag", name, on), ("meter", name, lo, hi), ("diff", a, b, k) for a - b >= k, ("visits", node, lo, hi).
    [] is false, [()] true. A part that cannot be followed counts as true (it lets everything through)."""
    key = (tree, scene_id, negate)
    if cache is not None and key in cache:
        return cache[key]
    out = _dnf(tree, scene_id, role, negate, cache)
    if cache is not None:
        cache[key] = out
    return out


def _dnf(tree, scene_id: str, role: str, negate: bool, cache) -> list:
    kind = tree[0]
    if kind == "not":
        return dnf(tree[1], scene_id, role, not negate, cache)
    if kind in ("and", "or"):
        a, b = dnf(tree[1], scene_id, role, negate, cache), dnf(tree[2], scene_id, role, negate, cache)
        if (kind == "and") != negate:  # both must hold
            if len(a) * len(b) > BACK_TERMS:
                return [()]
            return [x + y for x, y in product(a, b)]
        both = a + b
        return [()] if len(both) > BACK_TERMS or () in both else both
    if kind == "const":
        return [()] if tree[1] != negate else []
    if kind == "flag":
        return [(("flag", tree[1], not negate),)]
    if kind == "cmp":
        op, left, right = tree[1], tree[2], tree[3]
        if negate:
            op = NEGATED_OP[op]
        if left[0] == "role":
            return [()] if (role == right[1]) == (op == "==") else []
        if left[0] == "num" and right[0] in ("meter", "visits"):
            op, left, right = MIRRORED_OP[op], right, left
        if left[0] in ("meter", "visits") and right[0] == "num":
            name = left[1] if left[0] == "meter" else visit_id(left[1], scene_id)
            n = right[1]
            ranges = {"<": [(-INF, n - 1)], "<=": [(-INF, n)], ">": [(n + 1, INF)], ">=": [(n, INF)],
                      "==": [(n, n)], "!=": [(-INF, n - 1), (n + 1, INF)]}[op]
            return [((left[0], name, lo, hi),) for lo, hi in ranges]
        if left[0] == "meter" and right[0] == "meter":
            a, b = left[1], right[1]
            return {">": [(("diff", a, b, 1),)], ">=": [(("diff", a, b, 0),)], "<": [(("diff", b, a, 1),)],
                    "<=": [(("diff", b, a, 0),)], "==": [(("diff", a, b, 0), ("diff", b, a, 0))],
                    "!=": [(("diff", a, b, 1),), (("diff", b, a, 1),)]}[op]
    return [()]  # a chance, a sum, a visit count against a meter: not followed


def holds(need: Need, state) -> bool:
    """Whether a state of play meets the need."""
    meters = state.meters
    for name, (lo, hi) in need.meters.items():
        if not lo <= meters[name] <= hi:
            return False
    flags = state.flags
    if not need.on <= flags or not need.off.isdisjoint(flags):
        return False
    for a, b, k in need.diffs:
        if meters[a] - meters[b] < k:
            return False
    visits = state.visits
    return all(lo <= visits.get(node, 0) <= hi for node, (lo, hi) in need.visits.items())


class BackProof:
    """The walks back from one role's nodes (see the module's docstring)."""

    def __init__(self, story: Story, role: str, bounds: Bounds, ways: dict, dead: set, steps: int = BACK_STEPS):
        self.story = story
        self.role = role
        self.bounds = bounds
        self.ways = ways
        self.dead = dead  # nodes proved unreachable already: a way from one is no way in
        self.cache: dict = {}
        self.counts = WaysProof(story, role, bounds, ways)  # what play has entered in the scenes before
        self.position = {scene_id: i for i, scene_id in enumerate(story.scene_order)}
        self.early = [e.guard.cond.tree for e in story.early_endings if e.guard.cond is not None]
        self.limits = {name: (m.min, m.max) for name, m in story.meters.items()}
        self.steps = steps
        self.cut_short = False  # the last walk stopped at `steps`
        self.firsts = {f"{scene_id}.{scene.starts[role]}" for scene_id, scene in story.scenes.items()}

    # ---- the questions ----------------------------------------------------------------------------------
    def start(self, node: str) -> Need | None:
        """What may hold on entering the node: its box (None: no play enters it)."""
        box = self.bounds.boxes.get(node)
        return None if box is None else self._need(box)

    def node(self, node: str) -> bool:
        """No play enters the node (full id): every path back from it dies within `steps`."""
        start = self.start(node)
        return start is None or self._dies(node, [start])

    # ---- the search back ---------------------------------------------------------------------------------
    def _dies(self, target: str, needs: list) -> bool:
        """No path back from the needs at `target` gets to where play may enter its scene."""
        for _node, _need, _path, entered in self.walk(target, needs):
            if entered:
                return False
        return not self.cut_short

    def walk(self, target: str, needs: list):
        """The steps back from `needs` on entering `target`, breadth first (the shortest paths back first): yields
        (node, the need on entering it, the way forward from there, whether play may enter the scene there with
        that need), the way forward a linked list (the way further on, (node a way leaves, choice or None, node
        it enters)). `cut_short` tells, after, whether it stopped at `steps`."""
        memo: dict = {}  # node -> needs already followed back from it
        queue = deque((target, need, None) for need in needs)
        steps = 0
        self.cut_short = False
        while queue:
            node, need, path = queue.popleft()
            kept = memo.setdefault(node, [])
            if any(need.within(old) for old in kept):
                continue
            steps += 1
            if steps > self.steps:
                self.cut_short = True
                return
            if len(kept) < MEMO:
                kept.append(need)
            yield node, need, path, node in self.firsts and self._enters(node, need)
            for before, cond, _counted, via in self.ways.get(node, ()):
                if before in self.dead or before not in self.bounds.boxes:
                    continue
                for earlier in self._back(node, need, before, cond, via):
                    queue.append((before, earlier, (path, (before, via, node))))

    def _enters(self, first: str, need: Need) -> bool:
        """Whether the need may hold as play enters the scene at its first node: no other node of it entered."""
        prefix = first.split(".", 1)[0] + "."
        for node, (lo, hi) in need.visits.items():
            if not node.startswith(prefix):  # a node of a scene before: `_add` kept what play may have
                continue
            count = 1 if node == first else 0
            if not lo <= count <= hi:
                return False
        return True

    def _back(self, node: str, need: Need, before: str, cond, via) -> list:
        """The needs where the way from `before` leaves, for `need` on entering `node` by it."""
        need = self._undo(need, self.story.node(node).effects)
        if need is None:
            return []
        lo, hi = need.visits.get(node, (0, INF))
        if hi < 1:
            return []
        visits = dict(need.visits)
        visits[node] = (max(0, lo - 1), hi - 1)
        need = Need(need.meters, need.on, need.off, need.diffs, visits)
        scene_id = before.split(".", 1)[0]
        pending = [(need, ())]  # (need, the conditions that must hold before the choice besides its `if`)
        if via is not None:
            for tree in self.early:  # play went on after the choice: no early ending held
                alternatives = dnf(tree, None, self.role, True, self.cache)
                pending = [(n, ()) for one, _ in pending for n in self._with(one, alternatives, scene_id)]
            for adj in reversed(via.adjust):  # each adjustment either held before the choice, or did not
                test = adj.guard.cond
                split = []
                for one, guards in pending:
                    undone = self._undo(one, adj.effects)
                    if undone is not None:
                        split.append((undone, guards + ((test.tree, False),) if test is not None else guards))
                    if test is not None:
                        split.append((one, guards + ((test.tree, True),)))
                pending = split
            pending = [(self._undo(one, via.effects), guards) for one, guards in pending]
        if cond is not None:
            pending = [(one, guards + ((cond, False),)) for one, guards in pending]
        box = self.bounds.boxes[before]
        out = []
        for one, guards in pending:
            found = [] if one is None else [one]
            for tree, negate in guards:
                alternatives = dnf(tree, scene_id, self.role, negate, self.cache)
                found = [n for f in found for n in self._with(f, alternatives, scene_id)]
            for f in found:
                cut = self._cut(f, box)
                if cut is not None:
                    out.append(cut)
        return out

    # ---- needs --------------------------------------------------------------------------------------------
    def _need(self, box) -> Need | None:
        return Need(dict(box.meters), frozenset(), frozenset(), frozenset(), {})

    def _with(self, need: Need, alternatives: list, scene_id: str, box=None) -> list:
        """The need with each alternative added (those that can hold), cut by `box` when given."""
        out = []
        for literals in alternatives:
            one = need
            for literal in literals:
                one = self._add(one, literal, scene_id)
                if one is None:
                    break
            if one is not None and box is not None:
                one = self._cut(one, box)
            if one is not None:
                out.append(one)
        return out

    def _add(self, need: Need, literal, scene_id: str) -> Need | None:
        """The need with one literal added (None: they cannot both hold)."""
        kind = literal[0]
        if kind == "flag":
            name, on = literal[1], literal[2]
            if name in (need.off if on else need.on):
                return None
            if on:
                return Need(need.meters, need.on | {name}, need.off, need.diffs, need.visits)
            return Need(need.meters, need.on, need.off | {name}, need.diffs, need.visits)
        if kind == "meter":
            lo, hi = need.meters[literal[1]]
            lo, hi = max(lo, literal[2]), min(hi, literal[3])
            if lo > hi:
                return None
            meters = dict(need.meters)
            meters[literal[1]] = (lo, hi)
            return self._settle(Need(meters, need.on, need.off, need.diffs, need.visits))
        if kind == "diff":
            return self._settle(Need(need.meters, need.on, need.off, need.diffs | {literal[1:]}, need.visits))
        node, least, most = literal[1], literal[2], literal[3]  # a visit count
        scene = node.split(".", 1)[0]
        if scene not in self.position:
            return need  # not a node this proof knows of: its count is not followed
        if node not in self.bounds.boxes or self.position[scene] > self.position[scene_id]:
            return need if least <= 0 <= most else None  # never entered before this scene
        if scene != scene_id:  # a node of a scene before: entered on every play that left it, or maybe not;
            least = max(least, 1 if self.counts.always(node) else 0)  # its count holds still in this scene
        lo, hi = need.visits.get(node, (0, INF))
        lo, hi = max(lo, least), min(hi, most)
        if lo > hi:
            return None
        visits = dict(need.visits)
        visits[node] = (lo, hi)
        return Need(need.meters, need.on, need.off, need.diffs, visits)

    def _settle(self, need: Need) -> Need | None:
        """Meter ranges narrowed by the differences (twice over), or None when they leave nothing."""
        if not need.diffs:
            return need
        meters = dict(need.meters)
        for _ in range(2):
            for a, b, k in need.diffs:
                (lo_a, hi_a), (lo_b, hi_b) = meters[a], meters[b]
                lo_a, hi_b = max(lo_a, lo_b + k), min(hi_b, hi_a - k)
                if lo_a > hi_a or lo_b > hi_b:
                    return None
                meters[a], meters[b] = (lo_a, hi_a), (lo_b, hi_b)
        return Need(meters, need.on, need.off, need.diffs, need.visits)

    def _cut(self, need: Need, box) -> Need | None:
        """The need where the bounds' box allows it (None: nowhere)."""
        meters = {}
        for name, (lo, hi) in need.meters.items():
            b_lo, b_hi = box.meters[name]
            lo, hi = max(lo, b_lo), min(hi, b_hi)
            if lo > hi:
                return None
            meters[name] = (lo, hi)
        for name in need.on:
            if box.flag(name) is False:
                return None
        for name in need.off:
            if box.flag(name) is True:
                return None
        return self._settle(Need(meters, need.on, need.off, need.diffs, need.visits))

    def _undo(self, need: Need, effects) -> Need | None:
        """What must hold before `effects` for `need` to hold after them (None: nothing does)."""
        if effects.empty:
            return need
        meters = dict(need.meters)
        diffs = set(need.diffs)
        for name, value in effects.values:  # set last: the value decides, whatever came before
            lo, hi = meters[name]
            if not lo <= value <= hi:
                return None
            meters[name] = self.limits[name]
            diffs = {d for d in diffs if name not in d[:2]}
        for name, delta in reversed(effects.deltas):
            low, high = self.limits[name]
            lo, hi = meters[name]
            clamped = (delta > 0 and hi >= high) or (delta < 0 and lo <= low)
            new_lo = low if lo <= low else lo - delta
            new_hi = high if hi >= high else hi - delta
            new_lo, new_hi = max(low, new_lo), min(high, new_hi)
            if new_lo > new_hi:
                return None
            meters[name] = (new_lo, new_hi)
            moved = set()
            for a, b, k in diffs:
                if name == a:
                    if not clamped:
                        moved.add((a, b, k - delta))
                elif name == b:
                    if not clamped:
                        moved.add((a, b, k + delta))
                else:
                    moved.add((a, b, k))
            diffs = moved
        on, off = set(need.on), set(need.off)
        for name in effects.set_flags:
            if name in off and name not in effects.clear_flags:
                return None
        for name in effects.clear_flags:
            if name in on:
                return None
        changed = set(effects.set_flags) | set(effects.clear_flags)
        on -= changed
        off -= changed
        return self._settle(Need(meters, frozenset(on), frozenset(off), frozenset(diffs), need.visits))
