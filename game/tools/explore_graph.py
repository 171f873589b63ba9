"""The explorer's map: the story graph for one role with distances in choices, how far a state is from
making a condition true, and witness paths that share their beginnings."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

from game.engine.model import Story
from game.tools.analysis import NEGATED_OP, flags_turned, per_story
from game.tools.bounds import Bounds

INF = float("inf")


class ChoicePath(Sequence):
    """A path of choice ids kept as a link to the path it extends (link = (shorter link, last choice)):
    the witnesses of a 10,000-node story share their beginnings instead of each holding a copy."""

    __slots__ = ("_link", "_len")

    def __init__(self, link, length: int):
        self._link = link
        self._len = length

    def _tuple(self) -> tuple:
        out = []
        link = self._link
        for _ in range(self._len):
            link, choice = link
            out.append(choice)
        return tuple(reversed(out))

    def __len__(self) -> int:
        return self._len

    def __iter__(self):
        return iter(self._tuple())

    def __getitem__(self, index):
        return self._tuple()[index]

    def __eq__(self, other) -> bool:
        return isinstance(other, (tuple, list, ChoicePath)) and self._tuple() == tuple(other)

    def __hash__(self) -> int:
        return hash(self._tuple())

    def __add__(self, other) -> tuple:
        return self._tuple() + tuple(other)

    def __repr__(self) -> str:
        return repr(self._tuple())


class Graph:
    """The story graph for one role, as far as the bounds allow, with the story's end as END.

    Distances count choices (a goto, a branch or a scene end costs none), so that they never
    exceed the choices play needs: the graph allows more than play does.
    """

    END = "<end>"

    def __init__(self, story: Story, role: str, bounds: Bounds):
        self.back: dict = {}  # node -> [(previous node, choices it costs)]
        self.owner: dict = owners(story)  # line or choice id -> full node id (the same for every role)
        self.exits: dict = {}  # scene id -> its nodes with a way out of the scene
        order = story.scene_order
        position = {scene_id: i for i, scene_id in enumerate(order)}
        guards = story.scene_guards
        for node in story.all_nodes():
            if node.id not in bounds.boxes:
                continue
            targets = [(node.goto, 0)] if node.goto is not None else []
            targets += [(b.target, 0) for b in node.branches]
            targets += [(c.target, 1) for c in node.choices if c.id in bounds.choices]
            for target, cost in targets:
                if target.node is not None:
                    self.back.setdefault(f"{node.scene_id}.{target.node}", []).append((node.id, cost))
                    continue
                self.exits.setdefault(node.scene_id, set()).add(node.id)
                later = order[position[node.scene_id] + 1:] if target.end == "scene" else ()
                for nxt in later:  # a scene with an `if` may be passed over: the next ones may follow
                    succ = f"{nxt}.{story.scenes[nxt].starts[role]}"
                    self.back.setdefault(succ, []).append((node.id, cost))
                    if nxt not in guards:
                        break
                else:
                    self.back.setdefault(self.END, []).append((node.id, cost))

    def distances(self, targets: set, scene: str | None = None, limit: float = INF) -> dict:
        """Choices from each node to the nearest target: breadth-first backwards, zero-cost steps first.

        With `scene`, only paths inside that scene count (a scene's own search); with `limit`, only nodes at
        most that many choices away get a distance."""
        dist = {t: 0 for t in targets}
        queue = deque(sorted(targets))
        prefix = None if scene is None else scene + "."
        while queue:
            node = queue.popleft()
            here = dist[node]
            for prev, cost in self.back.get(node, ()):
                if prefix is not None and not prev.startswith(prefix):
                    continue
                d = here + cost
                if d <= limit and d < dist.get(prev, INF):
                    dist[prev] = d
                    if cost:
                        queue.append(prev)
                    else:
                        queue.appendleft(prev)
        return dist


@per_story
def owners(story: Story) -> dict:
    """Line or choice id -> the full id of the node it belongs to."""
    out = {}
    for node in story.all_nodes():
        for line in node.lines:
            out[line.id] = node.id
        for choice in node.choices:
            out[choice.id] = node.id
            for line in getattr(choice, "lines", ()):
                out[line.id] = node.id
    return out


def gap(tree, state, negate: bool, fixed: tuple = ((), ())) -> float:
    """How far `state` is from making a condition true (0 when it is): false flags count 1, meters their distance.

    `fixed` is (flags that once on stay on, flags that once off stay off): a flag that can never
    change to what the condition needs makes it INF (no way there).
    """
    kind = tree[0]
    if kind == "not":
        return gap(tree[1], state, not negate, fixed)
    if kind in ("and", "or"):
        a, b = gap(tree[1], state, negate, fixed), gap(tree[2], state, negate, fixed)
        return a + b if (kind == "and") != negate else min(a, b)
    if kind == "const":
        return 0 if tree[1] != negate else INF
    if kind == "flag":
        on = tree[1] in state.flags
        if on != negate:
            return 0
        return INF if tree[1] in fixed[0 if on else 1] else 1
    if kind == "cmp":
        op, left, right = tree[1], tree[2], tree[3]
        if left[0] == "role":
            holds = (state.role == right[1]) == (op == "==")
            return 0 if holds != negate else INF
        a, b = _operand(left, state), _operand(right, state)
        if a is None or b is None:
            return 0
        if negate:
            op = NEGATED_OP[op]
        if op == "<":
            return max(0, a - b + 1)
        if op == "<=":
            return max(0, a - b)
        if op == ">":
            return max(0, b - a + 1)
        if op == ">=":
            return max(0, b - a)
        if op == "==":
            return abs(a - b)
        return 0 if a != b else 1
    return 0


def fixed_flags(story: Story) -> tuple[frozenset, frozenset]:
    """(flags no effect or reset ever turns off, flags no effect or reset ever turns on)."""
    set_, cleared = flags_turned(story.all_nodes())
    for name in story.flag_resets:
        (set_ if story.flags[name].start else cleared).add(name)
    names = set(story.flags)
    return frozenset(names - cleared), frozenset(names - set_)


def _operand(operand, state):
    if operand[0] == "num":
        return operand[1]
    if operand[0] == "meter":
        return state.meters[operand[1]]
    return None  # visits: not steered toward
