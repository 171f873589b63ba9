"""Nodes, choices and lines no playthrough reaches, proved from the ways into them (for one role).

A node is entered only by a way from another node of its scene (a goto, a branch, a choice) or, for the
scene's start, from the scene before. Each way holds a condition where it leaves: a choice's `if`; a
branch's `if` with every `if` above it false. When every way into a node leaves from a node no play
reaches, or needs a condition that is false wherever play can stand there, no play reaches the node.

"Wherever play can stand there" is the node's interval box (`bounds`) and, which the boxes do not track,
the visit counts: a scene is entered once, at its start, so inside it a node that lies on every path from
the start to here has been visited, one on no such path has not, and one on no loop at most once; a node
of a later scene, or one the bounds rule out, has not been visited; a node of a scene before that lies on
every path from that scene's start to each way out of it has been (a scene with no `if` is played by every
play that gets past it): on the synthetic story `visits(s006.n000) > 0`, the start of an earlier scene, is
true wherever it is asked, so a branch below one that asks it is never taken. The bounds alone leave these open:
on the synthetic story a branch like `visits(n031) >= 1 or safety > 2` that is true on every path.
"""

from __future__ import annotations

from game.engine.model import Story
from game.tools.analysis import compare_ranges, visit_id
from game.tools.bounds import Bounds
from game.tools.explore_graph import INF


def ways_in(story: Story, bounds: Bounds) -> dict:
    """Full node id -> [(node it is entered from, condition tree that must hold there or None, whether that
    condition reads a visit count, the choice taken or None for a goto or a branch)].

    A branch's way needs its own `if` true and every `if` above it false; a choice's, its `if`; a goto
    nothing. Only what the bounds allow counts (the nodes they reach, the choices they offer)."""
    ways: dict = {}
    for node in story.all_nodes():
        if node.id not in bounds.boxes:
            continue
        scene = node.scene_id + "."
        if node.goto is not None and node.goto.node is not None:
            ways.setdefault(scene + node.goto.node, []).append((node.id, None, False, None))
        above, counted = None, False  # every branch `if` above this one false; whether one reads a visit count
        for branch in node.branches:
            cond = branch.guard.cond
            if branch.target.node is not None:
                need = above if cond is None else cond.tree if above is None else ("and", above, cond.tree)
                ways.setdefault(scene + branch.target.node, []).append((node.id, need, counted or counts(cond), None))
            if cond is None:
                break  # the branches below it are never tried
            above = ("not", cond.tree) if above is None else ("and", above, ("not", cond.tree))
            counted = counted or counts(cond)
        for choice in node.choices:
            if choice.target.node is not None and choice.id in bounds.choices:
                cond = choice.guard.cond
                ways.setdefault(scene + choice.target.node, []).append(
                    (node.id, None if cond is None else cond.tree, counts(cond), choice))
    return ways


def counts(cond) -> bool:
    """The condition (a Cond or None) may read a visit count (its text names `visits`: a flag or meter named
    so only costs a look at it for nothing)."""
    return cond is not None and "visits" in cond.source


class WaysProof:
    """The questions of one role that the ways into them rule out (see the module's docstring)."""

    def __init__(self, story: Story, role: str, bounds: Bounds, ways: dict):
        self.story = story
        self.role = role
        self.bounds = bounds
        self.ways = ways
        self.position = {scene_id: i for i, scene_id in enumerate(story.scene_order)}
        self.back: dict = {}  # node -> the nodes a way into it leaves from
        for node, entries in ways.items():
            self.back[node] = {before for before, _need, _counted, _via in entries}
        self._scenes: dict = {}  # scene id -> `_paths`
        self._every: dict = {}  # scene id -> the nodes (bits of `_paths`) every play leaving it has entered

    def nodes(self, candidates) -> set:
        """The candidates (full node ids) no play reaches: to a fixpoint, since one may be the only way to another."""
        starts = {f"{sid}.{scene.starts[self.role]}" for sid, scene in self.story.scenes.items()}
        wanted = {node for node in candidates if node not in starts and node in self.bounds.boxes}
        after: dict = {}  # node -> the candidates a way leads to from it
        for node in wanted:
            for before in self.back.get(node, ()):
                after.setdefault(before, []).append(node)
        out: set = set()
        pending = sorted(wanted)
        for _ in range(len(wanted) + 1):  # bounded: each round proves one more or stops
            more = {node for node in pending if node not in out and self._closed(node, out)}
            if not more:
                break
            out |= more
            pending = sorted({node for done in more for node in after.get(done, ())})  # only where a way is gone
        return out

    def _closed(self, node: str, out: set) -> bool:
        """Every way into `node` leaves from a node in `out` or needs a condition false where it leaves.

        Only a condition that reads a visit count is worked out: the bounds judged every other on the same
        box already (and let the node in, so it is not false on all of them)."""
        for before, need, counted, _via in self.ways.get(node, ()):
            if before in out:
                continue
            if not counted or self.value(need, before) is not False:
                return False
        return True

    def value(self, tree, at: str):
        """True, False or None (either) for a condition wherever play can stand at the node `at`."""
        kind = tree[0]
        if kind == "const":
            return tree[1]
        if kind == "chance":
            return False if tree[1] <= 0 else True if tree[1] >= 100 else None
        if kind == "flag":
            return self.bounds.boxes[at].flag(tree[1])
        if kind == "not":
            inner = self.value(tree[1], at)
            return None if inner is None else not inner
        if kind in ("and", "or"):
            stop = kind == "or"  # `or` is decided by a True, `and` by a False
            a = self.value(tree[1], at)
            if a is stop:
                return stop
            b = self.value(tree[2], at)
            if b is stop:
                return stop
            return None if a is None or b is None else not stop
        if kind == "cmp":
            op, left, right = tree[1], tree[2], tree[3]
            if left[0] == "role":
                same = self.role == right[1]
                return same if op == "==" else not same
            return compare_ranges(op, *self._range(left, at), *self._range(right, at))
        return None

    def _range(self, operand, at: str) -> tuple:
        kind = operand[0]
        if kind == "num":
            return operand[1], operand[1]
        if kind == "meter":
            return self.bounds.boxes[at].meters[operand[1]]
        if kind == "visits":
            return self._visits(visit_id(operand[1], at.split(".", 1)[0]), at)
        if kind == "arith":
            (lo_a, hi_a), (lo_b, hi_b) = self._range(operand[2], at), self._range(operand[3], at)
            if lo_a is None or lo_b is None:
                return None, None
            return (lo_a + lo_b, hi_a + hi_b) if operand[1] == "+" else (lo_a - hi_b, hi_a - lo_b)
        return None, None

    def _visits(self, node: str, at: str) -> tuple:
        """(least, most) times play has entered `node` while it stands at `at` (`at` entered already)."""
        scene, here = node.split(".", 1)[0], at.split(".", 1)[0]
        if node not in self.bounds.boxes or self.position[scene] > self.position[here]:
            return 0, 0
        if scene != here:
            return (1 if self.always(node) else 0), INF
        bit, before, over = self._paths(scene)
        if node != at and not before[at] & bit[node]:
            return 0, 0
        least = 1 if node == at or over[at] & bit[node] else 0
        return least, INF if before[node] & bit[node] else 1  # on a loop: any number of times

    def always(self, node: str) -> bool:
        """Whether every play that leaves the node's scene has entered the node: the scene has no `if` (so play
        that went on past it played it) and the node lies on every path from its start to each node with a
        way out of it."""
        scene_id = node.split(".", 1)[0]
        found = self._every.get(scene_id)
        if found is None:
            found = 0
            if scene_id not in self.story.scene_guards:
                bit, _before, over = self._paths(scene_id)
                leaving = [n.id for n in self.story.scenes[scene_id].nodes.values() if n.id in bit and _leaves(n)]
                if leaving:
                    found = ~0
                    for n in leaving:
                        found &= over[n]
            self._every[scene_id] = found
        bit = self._paths(scene_id)[0].get(node)
        return bit is not None and bool(found & bit)

    def _paths(self, scene_id: str) -> tuple[dict, dict, dict]:
        """For the scene's nodes, as bits of one number: (node -> its bit, node -> the nodes a path leads from
        to it (itself only on a loop), node -> the nodes on every path from the scene's start to it)."""
        found = self._scenes.get(scene_id)
        if found is not None:
            return found
        scene = self.story.scenes[scene_id]
        nodes = [node.id for node in scene.nodes.values() if node.id in self.bounds.boxes]
        bit = {node: 1 << n for n, node in enumerate(nodes)}
        back = {node: [b for b in self.back.get(node, ()) if b in bit] for node in nodes}
        before = dict.fromkeys(nodes, 0)
        for _ in range(len(nodes) + 1):  # bounded: the sets only grow
            changed = False
            for node in nodes:
                grown = before[node]
                for b in back[node]:
                    grown |= bit[b] | before[b]
                if grown != before[node]:
                    before[node], changed = grown, True
            if not changed:
                break
        start = f"{scene_id}.{scene.starts[self.role]}"
        everything = (1 << len(nodes)) - 1
        over = dict.fromkeys(nodes, everything)
        if start in over:
            over[start] = bit[start]
        for _ in range(len(nodes) + 1):  # bounded: the sets only shrink
            changed = False
            for node in nodes:
                if node == start:
                    continue
                common = everything if back[node] else 0
                for b in back[node]:
                    common &= over[b]
                common |= bit[node]
                if common != over[node]:
                    over[node], changed = common, True
            if not changed:
                break
        self._scenes[scene_id] = found = (bit, before, over)
        return found


def _leaves(node) -> bool:
    """Whether a way out of the node leaves its scene (a goto, a branch or a choice with no node to go to)."""
    targets = ([node.goto] if node.goto is not None else []) + [b.target for b in node.branches] + \
        [c.target for c in node.choices]
    return any(target.node is None for target in targets)
