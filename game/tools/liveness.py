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

from itertools import repeat

from game.engine.model import Guard, Node, Story, Target
from game.tools.analysis import meter_abstraction, per_story, visit_caps, visit_id


UNCAPPED = 1 << 62  # the bound of a visit count kept exactly


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


def node_reads(story: Story) -> dict:
    """Full node id -> (what its menu reads, what entering it reads besides its lines, [(line id, what it reads)]).

    The menu: choice and adjustment conditions (a reply line's condition is listed with the lines);
    entering: the menu's and the branches'. Read once per story, to build `_node_bits` (which is kept).
    """
    out = {}
    for node in story.all_nodes():
        scene_id = node.scene_id
        menu = set()
        for choice in node.choices:
            menu |= reads(choice.guard, scene_id)
            for adj in choice.adjust:
                menu |= reads(adj.guard, scene_id)
        enter = set(menu)
        for branch in node.branches:
            enter |= reads(branch.guard, scene_id)
        own = [(line.id, reads(line.guard, scene_id)) for line in node.lines if line.guard.cond is not None]
        replies = [(line.id, reads(line.guard, scene_id)) for choice in node.choices for line in choice.lines
                   if line.guard.cond is not None]
        out[node.id] = (frozenset(menu), frozenset(enter), own, replies)
    return out


@per_story
def _index(story: Story) -> tuple[dict, list]:
    """The story's variables numbered once, shared by every Liveness of the story: variable -> bit, bit -> variable."""
    return {}, []


def _to_bits(index: tuple[dict, list], variables) -> int:
    bit_of, names = index
    out = 0
    for var in variables:
        bit = bit_of.get(var)
        if bit is None:
            bit = bit_of[var] = len(names)
            names.append(var)
        out |= 1 << bit
    return out


@per_story
def _node_bits(story: Story) -> dict:
    """node_reads as bit sets, with each node's targets inside its scene and the ends it can reach.

    Full node id -> (menu, enter, [(line id, bits)], [(reply line id, bits)], [local targets], ends):
    worked out once per story, so that each slice the explorer asks for is a few ORs per node."""
    index = _index(story)
    out = {}
    for full, (menu, enter, own, replies) in node_reads(story).items():
        node = story.node(full)
        targets = successors(node)
        out[full] = (_to_bits(index, menu), _to_bits(index, enter), [(i, _to_bits(index, u)) for i, u in own],
                     [(i, _to_bits(index, u)) for i, u in replies], [t.node for t in targets if t.node is not None],
                     frozenset(t.end for t in targets if t.node is None))
    return out


def successors(node: Node) -> list[Target]:
    out = [node.goto] if node.goto is not None else []
    out += [b.target for b in node.branches]
    out += [c.target for c in node.choices]
    return out


@per_story
def _early_endings_by_scene(story: Story) -> dict:
    """Scene id -> the early endings that can fire in it: not those that need a flag no scene so far can set."""
    out = {}
    may_be_on = {f.name for f in story.flags.values() if f.start}
    for scene_id in story.scene_order:
        for node in story.scenes[scene_id].nodes.values():
            for effects in [node.effects] + [c.effects for c in node.choices] + \
                    [a.effects for c in node.choices for a in c.adjust]:
                may_be_on.update(effects.set_flags)
        out[scene_id] = [early for early in story.early_endings
                         if early.guard.cond is None or not (_needs_flags(early.guard.cond.tree) - may_be_on)]
    return out


def _needs_flags(tree) -> set:
    """Flags that must be on for a condition to hold (the plain flags of its top-level `and`)."""
    if tree[0] == "flag":
        return {tree[1]}
    if tree[0] == "and":
        return _needs_flags(tree[1]) | _needs_flags(tree[2])
    return set()


class Liveness:
    """For one role: per node, the variables still live on entry and at its menu, and a state key built from them."""

    def __init__(self, story: Story, role: str, lines: set | None = None, endings: bool = True,
                 local: bool = False):
        """`lines`: the line ids whose `if` counts (None: all); `endings`: whether endings and early endings count.

        `local`: only what is read inside the node's own scene counts (and the early endings, which
        are checked in every scene): the slice the explorer keeps while it plays one scene, carrying
        the rest across as what the scene does to it. Sets of variables are bit sets (one int) while
        they are worked out: a 10,000-node story has hundreds live at a node.
        """
        self.story = story
        self.role = role
        self.lines = lines
        self._bit, self._var = _index(story)
        always = 0
        if endings:
            for early in story.early_endings:
                always |= self._bits(reads(early.guard, None))
        possible = _early_endings_by_scene(story) if endings else {}
        at_end = always
        if endings:
            for ending in story.endings:
                at_end |= self._bits(reads(ending.guard, None))
        reset = self._bits({("meter", name) for name, points in story.drift if points is None})
        self.entry: dict[str, int] = {}  # full node id -> live on entry (bits)
        self.menu: dict[str, int] = {}  # full node id -> live at its menu (bits)
        self.exits: dict[str, int] = {}  # scene id -> live as it ends (bits): what it hands on
        order = story.scene_order
        guards = story.scene_guards
        from_here = at_end  # live when the next scene is picked from this position on (the story's end: endings)
        unvisited = 0  # visit counts of this scene and later ones: all 0 before the scene starts
        for position in range(len(order) - 1, -1, -1):
            scene = story.scenes[order[position]]
            here = 0  # what the early endings that can fire in this scene read
            for early in possible.get(scene.id, ()):
                here |= self._bits(reads(early.guard, None))
            after_scene = here if local else from_here | here
            self.exits[scene.id] = after_scene | (here if local else at_end)
            self._scene(scene, after_scene, here if local else at_end, here)
            start = scene.nodes[scene.starts[role]].id
            unvisited |= self._bits({("visits", node.id) for node in scene.nodes.values()})
            guard = guards.get(scene.id)
            picked = self.entry[start] & ~reset  # time passes after the scene is picked, before it starts
            if guard is not None:  # the scene may be skipped: then a later one, or the ending, is picked
                picked |= self._bits(reads(guard, None)) | from_here
            from_here = picked & ~unvisited
        self.modes = self._modes = meter_abstraction(story)
        self._caps = visit_caps(story)
        self._plans: dict[str, tuple] = {}  # made for a menu the first time a state there is keyed

    def _bits(self, variables) -> int:
        return _to_bits((self._bit, self._var), variables)

    def variables(self, bits: int) -> set:
        """The variables in a bit set."""
        out = set()
        while bits:
            low = bits & -bits
            out.add(self._var[low.bit_length() - 1])
            bits ^= low
        return out

    def live_at_menu(self, full: str) -> set:
        return self.variables(self.menu[full])

    def _plan(self, full: str) -> tuple:
        live = self.live_at_menu(full)
        modes, caps = self._modes, self._caps
        meters = tuple((name, *modes[name]) for kind, name in sorted(v for v in live if v[0] == "meter"))
        flags = frozenset(name for kind, name in live if kind == "flag")
        visits = sorted((name, caps.get(name)) for kind, name in live if kind == "visits" and caps.get(name) != 0)
        names = tuple(name for name, _cap in visits)
        bounds = tuple(UNCAPPED if cap is None else cap for _name, cap in visits)  # None: the exact count
        plan = self._plans[full] = (meters, flags, names, bounds)
        return plan

    def _scene(self, scene, after_scene: int, at_end: int, always: int) -> None:
        nodes = scene.nodes
        table = _node_bits(self.story)
        lines = self.lines
        own, menu_own, inside, exits = {}, {}, {}, {}
        for local, node in nodes.items():
            menu, enter, own_lines, replies, targets, ends = table[node.id]
            shown = 0
            for line_id, bits in replies:  # reply lines: read once a choice is taken
                if lines is None or line_id in lines:
                    shown |= bits
            entry = enter | shown
            for line_id, bits in own_lines:
                if lines is None or line_id in lines:
                    entry |= bits
            own[local] = entry | always
            menu_own[local] = menu | shown | always
            inside[local] = targets
            exits[local] = (after_scene if "scene" in ends else 0) | (at_end if ends - {"scene"} else 0)
        live = {local: own[local] | exits[local] for local in nodes}
        order = list(reversed(list(nodes)))
        changed = True
        rounds = 0
        while changed and rounds <= len(nodes) + 1:  # the sets only grow, by at most one node's worth a round
            changed = False
            rounds += 1
            for local in order:
                new = live[local]
                for target in inside[local]:
                    new |= live[target]
                if new != live[local]:
                    live[local] = new
                    changed = True
        for local, node in nodes.items():
            self.entry[node.id] = live[local]
            out = menu_own[local] | exits[local] if node.choices else 0
            for choice in node.choices:
                if choice.target.node is not None:
                    out |= live[choice.target.node]
            self.menu[node.id] = out

    def key(self, full: str, state) -> tuple:
        """The state at the menu of node `full`, reduced to what can still change the story."""
        plan = self._plans.get(full)
        meters_plan, flags, names, bounds = plan if plan is not None else self._plan(full)
        meters = state.meters
        values = tuple(meters[m] if mode == "exact" else min(meters[m], bound) if mode == "cap" else max(meters[m], bound)
                       for m, mode, bound in meters_plan)
        # the live visit counts, in a fixed order (`visits` holds every node visited so far): a long story
        # reads a hundred or more of them at a menu, so this stays in C
        counts = tuple(map(min, map(state.visits.get, names, repeat(0)), bounds))
        return (full, values, flags.intersection(state.flags), counts)


__all__ = ["Liveness", "node_reads", "reads"]
