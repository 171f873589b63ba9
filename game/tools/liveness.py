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
from game.tools.analysis import flags_turned, meter_abstraction, per_story, visit_caps, visit_id


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
        may_be_on.update(flags_turned(story.scenes[scene_id].nodes.values())[0])
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


def _components(order: list, targets: dict) -> list[list]:
    """The strongly connected components of one scene's graph (Tarjan's), each after every one it leads to."""
    index: dict = {}
    low: dict = {}
    stack: list = []
    on_stack: set = set()
    out: list[list] = []
    for root in order:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(targets[root]))]
        for _ in range(len(order) + sum(map(len, targets.values())) + 1):  # a step per node and per edge, at most
            if not work:
                break
            node, edges = work[-1]
            for target in edges:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(targets[target])))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    members = []
                    for _ in range(len(stack)):
                        member = stack.pop()
                        on_stack.discard(member)
                        members.append(member)
                        if member == node:
                            break
                    out.append(members)
    return out


@per_story
def _structure(story: Story) -> dict:
    """Scene id -> its graph as [(member full ids, full ids they lead to outside the component)], each component
    after every one it leads to: a closure over the scene (what is read anywhere from a node on) is one pass."""
    table = _node_bits(story)
    out = {}
    for scene in story.scenes.values():
        order = list(scene.nodes)
        targets = {local: table[scene.nodes[local].id][4] for local in order}
        comps = []
        for members in _components(order, targets):
            inside = set(members)
            leads = {t for m in members for t in targets[m] if t not in inside}
            comps.append(([scene.nodes[m].id for m in members], [scene.nodes[t].id for t in leads]))
        out[scene.id] = comps
    return out


def _close(comps: list, values: dict, out: dict) -> None:
    """out[node] = values OR-ed over every node reachable from it in its scene (itself included)."""
    for members, leads in comps:
        bits = 0
        for full in members:
            bits |= values.get(full, 0)
        for full in leads:
            bits |= out[full]
        for full in members:
            out[full] = bits


@per_story
def _closures(story: Story) -> dict:
    """What every slice shares, per full node id: (reads from here on, ends reachable from here (1: the scene's
    end, 2: another end), the same two for its menu (0 without choices), full ids its choices lead to)."""
    table = _node_bits(story)
    structure = _structure(story)
    enter, ends = {}, {}
    for full, (_menu, entering, _own, _replies, _targets, node_ends) in table.items():
        enter[full] = entering
        ends[full] = (1 if "scene" in node_ends else 0) | (2 if node_ends - {"scene"} else 0)
    closed_enter, closed_ends = {}, {}
    for comps in structure.values():
        _close(comps, enter, closed_enter)
        _close(comps, ends, closed_ends)
    out = {}
    for node in story.all_nodes():
        full = node.id
        menu_bits = menu_ends = 0
        chosen = ()
        if node.choices:
            nodes = story.scenes[node.scene_id].nodes
            chosen = tuple(nodes[c.target.node].id for c in node.choices if c.target.node is not None)
            menu_bits, menu_ends = table[full][0], ends[full]
            for target in chosen:
                menu_bits |= closed_enter[target]
                menu_ends |= closed_ends[target]
        out[full] = (closed_enter[full], closed_ends[full], menu_bits, menu_ends, chosen)
    return out


def _line_closures(story: Story, lines: set | None) -> dict:
    """Full node id -> (what the counted lines read from here on, what they read once its menu is left):
    only nodes that can reach a counted line (`lines` None: every line counts)."""
    table = _node_bits(story)
    closures = _closures(story)
    structure = _structure(story)
    values, shown_at = {}, {}
    scenes = set()
    for full, (_menu, _enter, own, replies, _targets, _ends) in table.items():
        shown = 0
        for line_id, bits in replies:  # reply lines: read once a choice is taken
            if lines is None or line_id in lines:
                shown |= bits
        entry = shown
        for line_id, bits in own:
            if lines is None or line_id in lines:
                entry |= bits
        if entry:
            values[full] = entry
            shown_at[full] = shown
            scenes.add(full.split(".", 1)[0])
    closed: dict = {}
    for scene_id in scenes:
        _close(structure[scene_id], values, closed)
    out = {}
    for full, bits in closed.items():
        menu = shown_at.get(full, 0)
        for target in closures[full][4]:
            menu |= closed[target]
        if bits or menu:
            out[full] = (bits, menu)
    return out


@per_story
def _all_lines(story: Story) -> dict:
    """_line_closures with every line counted: the slice of the explorer's first passes, for every role."""
    return _line_closures(story, None)


@per_story
def _scene_bits(story: Story) -> dict:
    """Scene id -> (what the early endings that can fire in it read, the visit counts of its nodes), as bits."""
    index = _index(story)
    possible = _early_endings_by_scene(story)
    out = {}
    for scene_id in story.scene_order:
        here = 0
        for early in possible.get(scene_id, ()):
            here |= _to_bits(index, reads(early.guard, None))
        visits = _to_bits(index, {("visits", node.id) for node in story.scenes[scene_id].nodes.values()})
        out[scene_id] = (here, visits)
    return out


def prepare(story: Story) -> None:
    """Work out the story-wide tables every Liveness of the story reads (before the roles are explored apart)."""
    _closures(story)
    _all_lines(story)
    _scene_bits(story)


@per_story
def _plans_by_bits(story: Story) -> dict:
    """Live variables at a menu (bits) -> the key's plan: many menus, and every slice, share a few hundred."""
    return {}


class Liveness:
    """For one role: per node, the variables still live on entry and at its menu, and a state key built from them."""

    def __init__(self, story: Story, role: str, lines: set | None = None, endings: bool = True,
                 local: bool = False):
        """`lines`: the line ids whose `if` counts (None: all); `endings`: whether endings and early endings count.

        `local`: only what is read inside the node's own scene counts (and the early endings, which
        are checked in every scene): the slice the explorer keeps while it plays one scene, carrying
        the rest across as what the scene does to it. Sets of variables are bit sets (one int) while
        they are worked out: a 10,000-node story has hundreds live at a node.

        What a node reads from there on within its scene is the same for every role and slice but for
        the lines counted, so it is worked out once per story (`_closures`, `_all_lines`); a role adds
        what the scene hands on where it ends, and that depends on where the next scene starts.
        """
        self.story = story
        self.role = role
        self.lines = lines
        self._bit, self._var = _index(story)
        always = 0
        if endings:
            for early in story.early_endings:
                always |= self._bits(reads(early.guard, None))
        at_end = always
        if endings:
            for ending in story.endings:
                at_end |= self._bits(reads(ending.guard, None))
        reset = self._bits({("meter", name) for name, points in story.drift if points is None})
        self.entry: dict[str, int] = {}  # full node id -> live on entry (bits)
        self.menu: dict[str, int] = {}  # full node id -> live at its menu (bits)
        self.exits: dict[str, int] = {}  # scene id -> live as it ends (bits): what it hands on
        closures = _closures(story)
        line_closures = _all_lines(story) if lines is None else _line_closures(story, lines)
        scene_bits = _scene_bits(story)
        no_lines = (0, 0)
        order = story.scene_order
        guards = story.scene_guards
        from_here = at_end  # live when the next scene is picked from this position on (the story's end: endings)
        unvisited = 0  # visit counts of this scene and later ones: all 0 before the scene starts
        for position in range(len(order) - 1, -1, -1):
            scene = story.scenes[order[position]]
            here, visits = scene_bits[scene.id]  # what the early endings that can fire in this scene read
            if not endings:
                here = 0
            after_scene = here if local else from_here | here
            ended = here if local else at_end
            self.exits[scene.id] = after_scene | ended
            by_ends = (here, here | after_scene, here | ended, here | after_scene | ended)
            entry, menu = self.entry, self.menu
            for node in scene.nodes.values():
                full = node.id
                enter_bits, ends, menu_bits, menu_ends, _chosen = closures[full]
                line_bits, menu_lines = line_closures.get(full, no_lines)
                entry[full] = enter_bits | line_bits | by_ends[ends]
                menu[full] = menu_bits | menu_lines | by_ends[menu_ends] if node.choices else 0
            start = scene.nodes[scene.starts[role]].id
            unvisited |= visits
            guard = guards.get(scene.id)
            picked = entry[start] & ~reset  # time passes after the scene is picked, before it starts
            if guard is not None:  # the scene may be skipped: then a later one, or the ending, is picked
                picked |= self._bits(reads(guard, None)) | from_here
            from_here = picked & ~unvisited
        self.modes = self._modes = meter_abstraction(story)
        self._caps = visit_caps(story)
        self._shared_plans = _plans_by_bits(story)
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
        bits = self.menu[full]
        plan = self._shared_plans.get(bits)
        if plan is None:
            plan = self._shared_plans[bits] = self._make_plan(self.variables(bits))
        self._plans[full] = plan
        return plan

    def _make_plan(self, live: set) -> tuple:
        modes, caps = self._modes, self._caps
        meters = tuple((name, *modes[name]) for kind, name in sorted(v for v in live if v[0] == "meter"))
        flags = frozenset(name for kind, name in live if kind == "flag")
        visits = sorted((name, caps.get(name)) for kind, name in live if kind == "visits" and caps.get(name) != 0)
        names = tuple(name for name, _cap in visits)
        bounds = tuple(UNCAPPED if cap is None else cap for _name, cap in visits)  # None: the exact count
        return meters, flags, names, bounds

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


__all__ = ["Liveness", "node_reads", "prepare", "reads"]
