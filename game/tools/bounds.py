"""What can never happen, proved without playing: an interval analysis of the story for one role.

Every node gets a Box (a range per meter, may-be-on / may-be-off per flag)
that holds every state in which play can enter it, computed to a fixpoint.
Whatever a box rules out is ruled out in play: a node that gets no box is
unreachable, a condition false on the box is never true there, an ending
whose `when` is false on every box that reaches the end is never reached.
A menu is proved free of soft-locks when no combination of values inside the
box makes every choice's condition false (checked by enumerating the few
variables those conditions read).
"""

from __future__ import annotations

import heapq
import itertools
from types import SimpleNamespace

from game.engine.model import Guard, Node, Story, Target
from game.tools.analysis import Box, FlagUse, Static, assume, visit_caps, visit_id

MAX_COMBINATIONS = 200_000


class Bounds:
    def __init__(self, story: Story, role: str):
        self.story = story
        self.role = role
        self.static = Static(story, role)
        self.boxes: dict[str, Box] = {}  # full node id -> box on entry (after the node's effects)
        self.endings: set[str] = set()  # endings that may be reached
        self.choices: set[str] = set()  # choices that may be offered
        self.lines: set[str] = set()  # lines that may be shown
        # Work through nodes in story order (scenes in play order, nodes as written): a node's
        # predecessors mostly settle before it, so each node is revisited far less than in FIFO order.
        self._rank = {node.id: i for i, node in enumerate(story.all_nodes())}
        self._heap: list[tuple[int, str]] = []
        self._queued: set[str] = set()
        # Each kept box's flag sets and meter ranges, shared with every equal one already kept: on a
        # 10,000-node story the boxes hold a few hundred distinct flag sets, and a set of 40 flags takes
        # 2-4 KB, so unshared they came to 50 MiB per role (docs/performance.md).
        self._parts: dict = {}
        self._compute()
        self._parts.clear()  # the parts stay shared; only what later boxes would look up goes
        self._rank.clear()  # the work order is needed only while computing

    @classmethod
    def restored(cls, story: Story, role: str, boxes: dict, endings: set, choices: set, lines: set) -> "Bounds":
        """Bounds worked out in another process (explore_parallel), attached to this process's story."""
        out = cls.__new__(cls)
        out.story, out.role, out.static = story, role, Static(story, role)
        out.boxes, out.endings, out.choices, out.lines = boxes, endings, choices, lines
        out._rank, out._heap, out._queued, out._parts = {}, [], set(), {}
        return out

    # ---- the fixpoint -----------------------------------------------------------------------
    def _compute(self) -> None:
        story = self.story
        first = story.scene_order[0]
        self._enter(first, story.scenes[first].starts[self.role], Box.start(story))
        while self._heap:
            _, full = heapq.heappop(self._heap)
            self._queued.discard(full)
            self._node(story.node(full), self.boxes[full])

    def _enter(self, scene_id: str, local: str, box: Box) -> None:
        node = self.story.scenes[scene_id].nodes[local]
        box = box.apply(node.effects, self.story)
        if not node.effects.empty:
            box = self._survive(box)
            if box is None:
                return
        old = self.boxes.get(node.id)
        if old is not None and box.within(old):
            return  # the join would give the old box back: nothing changes, nothing to revisit
        new = box if old is None else old.join(box)
        if old is None or new != old:
            self.boxes[node.id] = self._shared(new)
            if node.id not in self._queued:
                self._queued.add(node.id)
                heapq.heappush(self._heap, (self._rank[node.id], node.id))

    def _shared(self, box: Box) -> Box:
        """An equal box whose parts are those of the boxes already kept where they are equal (boxes are never
        changed in place, so sharing a part shares nothing that could change)."""
        parts = self._parts
        on = parts.setdefault(box.on, box.on)
        off = parts.setdefault(box.off, box.off)
        meters = parts.setdefault(tuple(box.meters.items()), box.meters)
        if on is box.on and off is box.off and meters is box.meters:
            return box
        return Box(meters, on, off)

    def _survive(self, box: Box) -> Box | None:
        """Note the early endings the box may set off; the part of the box where none does (None: one surely does).

        Play goes on only where every early ending's `when` is false, so the box is narrowed by each."""
        for early in self.story.early_endings:
            value = self.static.value(early.guard, box)
            if value is not False:
                self.endings.add(early.ending)
            if value is True:
                return None
            if value is None:
                box = assume(self.static, early.guard.cond.tree, box, False, undecided=True)
                if box is None:
                    return None
        return box

    def _follow(self, scene_id: str, target: Target, box: Box) -> None:
        if target.node is not None:
            self._enter(scene_id, target.node, box)
            return
        order = self.story.scene_order
        if target.end == "scene":
            drifted = None  # the box after time passes, the same for every scene that may come next
            for nxt in order[order.index(scene_id) + 1:]:  # scenes with an `if` may be passed over
                guard = self.story.scene_guards.get(nxt)
                value = True if guard is None else self.static.value(guard, box)
                if value is not False:
                    drifted = drifted or box.drift(self.story)
                    self._enter(nxt, self.story.scenes[nxt].starts[self.role], drifted)
                if value is True:
                    return
        for ending in self.story.endings:
            value = self.static.value(ending.guard, box)
            if value is not False:
                self.endings.add(ending.id)
            if value is True:
                return
        self.endings.add(self.story.endings[-1].id)  # the runner's fallback when no `when` holds

    def _node(self, node: Node, box: Box) -> None:
        value = self.static.value
        for line in node.lines:
            if value(line.guard, box) is not False:
                self.lines.add(line.id)
        if node.goto is not None:
            self._follow(node.scene_id, node.goto, box)
        rest = box  # the states that get past the branches tried so far: each one's `if` was false
        for branch in node.branches:
            v = value(branch.guard, rest)
            if v is not False:
                taken = rest if v is True else assume(self.static, branch.guard.cond.tree, rest, True, undecided=True)
                if taken is not None:
                    self._follow(node.scene_id, branch.target, taken)
            if v is True:
                break
            if v is None:
                rest = assume(self.static, branch.guard.cond.tree, rest, False, undecided=True)
                if rest is None:
                    break
        for choice in node.choices:
            v = value(choice.guard, box)
            if v is False:
                continue
            self.choices.add(choice.id)
            chosen = box if v is True else assume(self.static, choice.guard.cond.tree, box, True, undecided=True)
            if chosen is None:
                continue
            after = chosen.apply(choice.effects, self.story)
            for adj in choice.adjust:
                v = value(adj.guard, chosen)  # adjustments look at the state before the choice
                if v is True:
                    after = after.apply(adj.effects, self.story)
                elif v is None:
                    after = after.join(after.apply(adj.effects, self.story))
            after = self._survive(after)
            if after is not None:
                for line in choice.lines:  # the reply is shown with the state after the choice
                    if value(line.guard, after) is not False:
                        self.lines.add(line.id)
                self._follow(node.scene_id, choice.target, after)

    # ---- questions ----------------------------------------------------------------------------
    def reachable(self, full_node_id: str) -> bool:
        return full_node_id in self.boxes

    def stuck_example(self, node: Node) -> dict | None:
        """None when the node can never get stuck; else values inside its box that leave no way on.

        A menu is stuck when every choice's `if` is false; a branch when no branch applies.
        Returns {"undecided": reason} when there are too many combinations to check.
        """
        box = self.boxes.get(node.id)
        if box is None:
            return None
        guards = [c.guard for c in node.choices] if node.choices else [b.guard for b in node.branches] if node.branches else []
        if not guards or any(g.cond is None for g in guards):
            return None
        return counterexample(self.story, self.role, node.scene_id, guards, box)


def counterexample(story: Story, role: str, scene_id: str, guards: list[Guard], box: Box) -> dict | None:
    """Values inside `box` for which every guard is false, or None if there are none."""
    if any(g.test is None for g in guards):
        return None
    meters, flags, visits = set(), set(), set()
    for guard in guards:
        for ref in guard.cond.refs():
            if ref.kind == "meter":
                meters.add(ref.name)
            elif ref.kind == "flag":
                flags.add(ref.name)
            elif ref.kind == "visits":
                visits.add(visit_id(ref.name, scene_id))
    caps = visit_caps(story)
    axes: list[tuple[str, str, list]] = []
    for name in sorted(meters):
        lo, hi = box.meters[name]
        axes.append(("meter", name, list(range(lo, hi + 1))))
    for name in sorted(flags):
        flag = box.flag(name)
        axes.append(("flag", name, [True, False] if flag is None else [flag]))
    for name in sorted(visits):
        axes.append(("visits", name, list(range(0, (caps.get(name) or 3) + 1))))
    total = 1
    for axis in axes:
        total *= len(axis[2])
    if total > MAX_COMBINATIONS:
        return {"undecided": f"{total} combinations of values to check"}
    state = SimpleNamespace(role=role, meters=dict((k, lo) for k, (lo, _hi) in box.meters.items()), flags=set(), visits={})
    for combo in itertools.product(*(axis[2] for axis in axes)):
        state.flags = set()
        for (kind, name, _values), value in zip(axes, combo):
            if kind == "meter":
                state.meters[name] = value
            elif kind == "flag":
                if value:
                    state.flags.add(name)
            else:
                state.visits[name] = value
        if not any(g.test(state) for g in guards):
            return {name: value for (_k, name, _v), value in zip(axes, combo)}
    return None


def bounds(story: Story, role: str) -> Bounds:
    return Bounds(story, role)


__all__ = ["Bounds", "FlagUse", "bounds", "counterexample"]
