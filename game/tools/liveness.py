"""Which variables can still change what happens: live-variable slicing of the story, per role and node.

Between two choices play is deterministic, and the only thing that steers it
is a condition. So two states at the same choice menu whose values agree on
every variable some later condition can read (a meter, a flag, a visit count)
play out the same from there on, line for line, choice for choice, to the same
ending. The explorer keys states on those variables only: a meter no later
condition reads is dropped from the key. The answer stays exact.

Computed backwards over each scene's graph (gotos, branches and choices,
whatever their conditions), last scene first: what a node's conditions read,
plus what its successors need, plus at a scene's end what the next scene's
start needs (less the meters the time between scenes resets) and at the
story's end what the endings read. The early endings are checked after every
choice, so what they read is live everywhere.

A live meter is kept exactly, or clamped where that is still exact
(`meter_abstraction`): a meter that only goes up and is compared only with
numbers acts alike for every value above the largest of them.
"""

from __future__ import annotations

from game.engine.model import Guard, Node, Story, Target
from game.tools.analysis import meter_abstraction, visit_caps, visit_id

Vars = frozenset  # of ("meter" | "flag" | "visits", name) pairs


def reads(guard: Guard, scene_id: str | None) -> set:
    """The variables a condition reads, visit counts by full node id."""
    out = set()
    if guard.cond is None:
        return out
    for ref in guard.cond.refs():
        if ref.kind == "meter":
            out.add(("meter", ref.name))
        elif ref.kind == "flag":
            out.add(("flag", ref.name))
        elif ref.kind == "visits":
            out.add(("visits", visit_id(ref.name, scene_id)))
    return out


def menu_reads(node: Node, lines: set | None = None) -> set:
    """What deciding a menu and taking one of its choices reads (not the node's own lines: they are behind).

    Line conditions count only for the line ids in `lines` (all when None): a line changes nothing.
    """
    out = set()
    for choice in node.choices:
        out |= reads(choice.guard, node.scene_id)
        for adj in choice.adjust:
            out |= reads(adj.guard, node.scene_id)
        for line in getattr(choice, "lines", ()):  # reply lines, shown after the choice is taken
            if lines is None or line.id in lines:
                out |= reads(line.guard, node.scene_id)
    return out


def entry_reads(node: Node, lines: set | None = None) -> set:
    """What a node reads from the moment play enters it until it waits or moves on."""
    out = menu_reads(node, lines)
    for line in node.lines:
        if lines is None or line.id in lines:
            out |= reads(line.guard, node.scene_id)
    for branch in node.branches:
        out |= reads(branch.guard, node.scene_id)
    return out


def successors(node: Node) -> list[Target]:
    out = [node.goto] if node.goto is not None else []
    out += [b.target for b in node.branches]
    out += [c.target for c in node.choices]
    return out


class Liveness:
    """For one role: per node, the variables still live on entry and at its menu, and a state key built from them."""

    def __init__(self, story: Story, role: str, lines: set | None = None, endings: bool = True):
        """`lines`: the line ids whose `if` counts (None: all); `endings`: whether endings and early endings count.

        With fewer of them the slice is coarser: the explorer's proof pass keeps only what can steer
        play (choices, adjustments, branches) and the questions still open.
        """
        self.story = story
        self.role = role
        self.lines = lines
        always = set()
        if endings:
            for early in story.early_endings:
                always |= reads(early.guard, None)
        at_end = set(always)
        if endings:
            for ending in story.endings:
                at_end |= reads(ending.guard, None)
        reset = {("meter", name) for name, points in story.drift if points is None}
        self.entry: dict[str, Vars] = {}  # full node id -> live on entry
        self.menu: dict[str, Vars] = {}  # full node id -> live at its menu
        order = story.scene_order
        after_scene = at_end  # what the end of the last scene hands on: the endings
        for position in range(len(order) - 1, -1, -1):
            scene = story.scenes[order[position]]
            self._scene(scene, after_scene, at_end, always)
            start = scene.nodes[scene.starts[role]].id
            after_scene = set(self.entry[start]) - reset | always
        modes = meter_abstraction(story)
        caps = visit_caps(story)
        self._plans: dict[str, tuple] = {}
        for full, live in self.menu.items():
            meters = tuple((name, *modes[name]) for kind, name in sorted(live) if kind == "meter")
            flags = frozenset(name for kind, name in live if kind == "flag")
            visits = tuple((name, caps.get(name)) for kind, name in sorted(live) if kind == "visits")
            self._plans[full] = (meters, flags, visits)

    def _scene(self, scene, after_scene: set, at_end: set, always: set) -> None:
        nodes = scene.nodes
        own = {local: entry_reads(node, self.lines) | always for local, node in nodes.items()}
        menu_own = {local: menu_reads(node, self.lines) | always for local, node in nodes.items()}
        live = {local: set(own[local]) for local in nodes}
        exits = {}
        for local, node in nodes.items():
            extra = set()
            for target in successors(node):
                if target.node is None:
                    extra |= after_scene if target.end == "scene" else at_end
            exits[local] = extra
        changed = True
        rounds = 0
        while changed and rounds <= len(nodes) + 1:  # the sets only grow, by at most one node's worth a round
            changed = False
            rounds += 1
            for local in reversed(list(nodes)):
                node = nodes[local]
                new = own[local] | exits[local]
                for target in successors(node):
                    if target.node is not None:
                        new |= live[target.node]
                if new != live[local]:
                    live[local] = new
                    changed = True
        for local, node in nodes.items():
            self.entry[node.id] = frozenset(live[local])
            out = set(menu_own[local]) | exits[local] if node.choices else set()
            for choice in node.choices:
                if choice.target.node is not None:
                    out |= live[choice.target.node]
            self.menu[node.id] = frozenset(out)

    def key(self, full: str, state) -> tuple:
        """The state at the menu of node `full`, reduced to what can still change the story."""
        meters_plan, flags, visits_plan = self._plans[full]
        meters = state.meters
        values = tuple(meters[m] if mode == "exact" else min(meters[m], bound) if mode == "cap" else max(meters[m], bound)
                       for m, mode, bound in meters_plan)
        seen = state.visits
        counts = tuple(seen.get(n, 0) if cap is None else min(seen.get(n, 0), cap) for n, cap in visits_plan)
        return (full, values, flags.intersection(state.flags), counts)


__all__ = ["Liveness", "entry_reads", "menu_reads", "reads"]
