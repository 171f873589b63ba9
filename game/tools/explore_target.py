"""The explorer's aim at the nodes a scene's sweep left open (a mixin of `explore._Pass`, like the opening passes).

A node the sweep passes by is mostly behind a way in whose condition the states it carried did not meet:
a branch taken only when every branch above it is false, a choice's `if`, often near the edge of an early
ending (the sweep plays the safest state first). Right after the sweep has played a scene, every state it
made there, and every state that entered it, is still at hand; from them, for each node still open, a
best-first search of a few menus (AIM_MENUS) steers toward the ways into it (`explore_ways.ways_in`): a
state's rank is the choices from its node to a way's node plus how far the state is from meeting that
way's condition (`gap`: meter points and flags, a flag nothing in the scene can change counting as no way
there; visit counts as play has them), the ranking the dive uses toward an ending's `when`, here toward a
node. It only reaches (what it finds has a path), never proves."""

from __future__ import annotations

import heapq

from game.tools.analysis import MIRRORED_OP, NEGATED_OP, flags_turned, visit_id
from game.tools.explore_graph import INF, gap

AIM_MENUS = 8  # menus the aim at one open node gets
AIM_KEEP = 4096  # states of one scene kept for the aim (the sweep makes about three per menu)


class TargetedPasses:
    def _held(self, scene_id: str) -> tuple[frozenset, frozenset]:
        """(flags nothing in the scene turns off, flags nothing in it turns on): `gap`'s `fixed` inside the scene."""
        set_, cleared = flags_turned(self.story.scenes[scene_id].nodes.values())
        names = set(self.story.flags)
        return frozenset(names - cleared), frozenset(names - set_)

    def _aim(self, scene_id: str, i: int, kept: list, budget: int, position: dict, pending: dict) -> int:
        """Search the scene from the states the sweep made in it (`kept`), toward each open node's ways in.

        Node by node, in the order they are written: a best-first search of at most AIM_MENUS menus from
        every state at hand (the sweep's and those the aim made so far), states that differ only in what
        no later condition reads taken once. At most `budget` menus in all; states that leave the scene
        join the next scenes' arrivals. The menus spent."""
        s = self.search_
        targets = [node for (kind, _item), node in s.in_scene(scene_id) if kind == "node" and ("node", node) in self.open]
        if not targets or not kept or budget <= 0:
            return 0
        ways = s.ways()
        fixed = self._held(scene_id)
        at: dict = {}  # node -> the states at hand there
        known = set()
        for entry in kept:
            mark = _mark(entry[1])
            if mark not in known:
                known.add(mark)
                at.setdefault(mark[0], []).append(entry)
        spent = counter = 0
        for target in targets:
            if ("node", target) not in self.open or spent >= budget:
                continue
            aims = [(self._near(before, scene_id), need) for before, need, _counted, _via in ways.get(target, ())]

            def rank(runner) -> float:
                here, state = runner.node.id, runner.state
                best = INF
                for dist, need in aims:
                    d = dist.get(here, INF)
                    if d < best:
                        best = min(best, d + (0 if need is None else gap_with_visits(need, state, False, fixed)))
                return best

            heap = []
            for node in sorted({node for dist, _need in aims for node in dist}):  # sorted: the same run each time
                for key, runner, div in at.get(node, ()):
                    priority = rank(runner)
                    if priority < INF:
                        counter += 1
                        heap.append((priority, counter, key, runner, div))
            heapq.heapify(heap)
            used = 0
            while heap and used < AIM_MENUS and spent < budget and ("node", target) in self.open:
                _, _, key, runner, div = heapq.heappop(heap)
                if self._stale(key, div):
                    continue
                used += 1
                spent += 1
                for new, after, d in self._expand(key, runner, div):
                    j = position[after.state.scene]
                    if j != i:
                        pending.setdefault(j, []).append((new, after, d))
                        continue
                    mark = _mark(after)
                    if mark in known:
                        continue
                    known.add(mark)
                    at.setdefault(mark[0], []).append((new, after, d))
                    priority = rank(after)
                    if priority < INF:
                        counter += 1
                        heapq.heappush(heap, (priority, counter, new, after, d))
        return spent

    def _near(self, node: str, scene_id: str) -> dict:
        """Choices from the scene's nodes to `node`, for those at most AIM_MENUS away (the aim gets no further)."""
        return self.search_.graph.distances({node}, scene_id, AIM_MENUS)


def _mark(runner) -> tuple:
    """A state as the aim tells states apart: its node, meters and flags (visit counts aside)."""
    state = runner.state
    return runner.node.id, tuple(state.meters.values()), frozenset(state.flags)


def gap_with_visits(tree, state, negate: bool, fixed: tuple) -> float:
    """`gap`, and visit counts read as play has them: a count above what the condition allows counts as INF
    (visits only grow), a count below it as the visits still missing."""
    kind = tree[0]
    if kind == "not":
        return gap_with_visits(tree[1], state, not negate, fixed)
    if kind in ("and", "or"):
        a, b = gap_with_visits(tree[1], state, negate, fixed), gap_with_visits(tree[2], state, negate, fixed)
        return a + b if (kind == "and") != negate else min(a, b)
    if kind == "cmp" and (tree[2][0] == "visits" or tree[3][0] == "visits"):
        a, b = _count(tree[2], state), _count(tree[3], state)
        if a is None or b is None:
            return 0
        op = NEGATED_OP[tree[1]] if negate else tree[1]
        if tree[2][0] != "visits":  # the visit count on the left
            a, b, op = b, a, MIRRORED_OP[op]
        if op in ("<", "<="):
            return 0 if a < b or (op == "<=" and a == b) else INF
        if op in (">", ">="):
            return max(0, b - a + (op == ">"))
        if op == "==":
            return INF if a > b else b - a
        return 0 if a != b else 1
    return gap(tree, state, negate, fixed)


def _count(operand, state):
    if operand[0] == "num":
        return operand[1]
    if operand[0] == "visits":
        return state.visits.get(visit_id(operand[1], state.scene), 0)
    return None  # a meter against a visit count, or a sum: not steered toward
