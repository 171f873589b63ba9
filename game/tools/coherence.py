"""Coherence checks: does what the story shows next fit the move the player just made?

Three rules, each over the static graph (bounded by the number of nodes):

- W0131 shared reply: choices of different behaviour families lead, with no
  reply of their own, to the same unconditional first spoken line. A partner
  who answers a secure move and an attack with the same words teaches the
  opposite of the lesson.
- W0132 menu ignores a path: a node entered from several choices, some of
  which set a flag the scene tests elsewhere, while nothing in the node tests
  it: its lines and menu are the same whichever path came in (the "put the box
  down" offered when no box was picked up).
- W0133 growth depends on one choice: a growth ending needs a flag that, for
  a role, exactly one choice sets; missing one optional move rules growth out
  however well the rest is played.
"""

from __future__ import annotations

from typing import Callable

from game.engine import codes
from game.engine.model import Choice, Line, Node, Scene, Story
from game.engine.tags import CORROSIVE, NEUTRAL, SECURE, family_of
from game.engine.vocabulary import GROWTH
from game.tools.analysis import Box, Reach, Static, per_story, walk

Report = Callable[[object, str, str], None]  # (pos, code, message)


def check(story: Story, status: Callable[[str, str], str], reach: dict[str, Reach], report: Report) -> None:
    """Run the coherence rules; `status(kind, id)` is the explorer's verdict ('unreachable' skips a thing)."""
    live = _LiveChoices(status)
    shared_replies(story, tables(story).scenes, live, report)
    ignored_paths(tables(story), live, status, report)
    single_points(story, reach, live, report)


class Tables:
    """What the rules read that no answer of the explorer changes, worked out once per story (`tables`): lint
    works it out while the roles are explored."""

    def __init__(self, story: Story):
        self.scenes = [(scene, arrivals(scene)) for scene in story.scenes.values()]  # both rules read them
        self.reads = _Reads()
        self.scene_reads = {scene.id: self.reads.scene(scene) for scene in story.scenes.values()}


tables = per_story(Tables)


class _LiveChoices:
    """The choices the explorer does not rule out; each choice's status is asked once."""

    def __init__(self, status):
        self.status = status
        self.known: dict[str, bool] = {}

    def __call__(self, choices):
        return [c for c in choices if self.alive(c)]

    def alive(self, choice: Choice) -> bool:
        alive = self.known.get(choice.id)
        if alive is None:
            alive = self.known[choice.id] = self.status("choice", choice.id) != "unreachable"
        return alive


def spoken(story: Story, line: Line) -> bool:
    """A line someone other than the narrator or the player says: the partner or a character."""
    return line.speaker == "partner" or line.speaker in story.characters


def arrivals(scene: Scene) -> dict[str, list[Choice]]:
    """Node local id -> the choices whose target is that node, in file order."""
    out: dict[str, list[Choice]] = {}
    for node in scene.nodes.values():
        for choice in node.choices:
            if choice.target.node is not None:
                out.setdefault(choice.target.node, []).append(choice)
    return out


def first_reply(story: Story, scene: Scene, local: str) -> tuple[Node, Line] | None:
    """The first spoken line play shows on entering `local`, before any menu or branch; None if there is none.

    Follows plain `goto`s through nodes that say nothing yet (narration only),
    at most once per node of the scene.
    """
    seen: set[str] = set()
    while local not in seen and local in scene.nodes:
        seen.add(local)
        node = scene.nodes[local]
        for line in node.lines:
            if spoken(story, line):
                return node, line
        if node.choices or node.branches or node.goto is None or node.goto.node is None:
            return None
        local = node.goto.node
    return None


def _families(choice: Choice) -> frozenset[str]:
    return frozenset(family_of(choice.tags) - {NEUTRAL})


def _fit(a: frozenset, b: frozenset) -> bool:
    """Whether one reply may answer moves of these families: the same family, an everyday move, or contempt
    next to another insecure move (contempt is a tone either side of the loop takes, not a direction)."""
    if not a or not b or a & b:
        return True
    return CORROSIVE in a | b and SECURE not in a | b


def _named(choices) -> str:
    return ", ".join(f"'{c.local_id}' ({'/'.join(sorted(_families(c))) or 'neutral'})" for c in choices)


def shared_replies(story: Story, scenes, live, report: Report) -> None:
    """`scenes`: (scene, its arrivals) for every scene."""
    for scene, arrived in scenes:
        groups: dict[tuple[str, str], list[Choice]] = {}
        found: dict[tuple[str, str], tuple[Node, Line]] = {}
        for local, choices in arrived.items():
            reply = _NOT_YET
            for choice in live(choices):
                if any(spoken(story, line) for line in choice.lines):
                    continue  # the move has its own answer
                if reply is _NOT_YET:  # the same for every choice that arrives here
                    reply = first_reply(story, scene, local)
                if reply is None or reply[1].guard.cond is not None:
                    continue
                key = (reply[0].id, reply[1].id)
                groups.setdefault(key, []).append(choice)
                found[key] = reply
        for key, choices in groups.items():
            families = [_families(c) for c in choices]
            clash = any(not _fit(a, b) for i, a in enumerate(families) for b in families[i + 1:])
            if not clash:
                continue
            node, line = found[key]
            report(node.pos, codes.SHARED_REPLY, f"node '{node.local_id}' answers {_named(choices)} with the same line "
                   f"{_quote(line.text)} ({line.speaker}, no `if`): one reply cannot fit moves of different "
                   "families; give each choice its own reply (`lines:` on the choice) or put an `if` on the line")


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f'"{text[:limit - 1]}…"' if len(text) > limit else f'"{text}"'


def _sets(choice: Choice) -> set[str]:
    out = set(choice.effects.set_flags)
    for adj in choice.adjust:
        out.update(adj.effects.set_flags)
    return out


_NOT_YET = object()


def _conditions(node: Node) -> list:
    """Every condition in a node: its lines', its choices' and their adjustments' and replies', its branches'."""
    guards = [line.guard for line in node.lines]
    for choice in node.choices:
        guards.append(choice.guard)
        guards += [adj.guard for adj in choice.adjust]
        guards += [line.guard for line in choice.lines]
    guards += [branch.guard for branch in node.branches]
    return [guard.cond for guard in guards if guard.cond is not None]


def _flags_of(cond) -> frozenset[str]:
    return frozenset(sub[1] for sub in walk(cond.tree) if sub[0] == "flag")  # the flags cond.refs() names


class _Reads:
    """The flags a node's conditions test, and a whole scene's (what guard_sites gives for it), each condition's
    flags worked out once: stories repeat conditions."""

    def __init__(self):
        self.known: dict[tuple, frozenset[str]] = {}

    def flags(self, cond) -> frozenset[str]:
        flags = self.known.get(cond.tree)
        if flags is None:
            flags = self.known[cond.tree] = _flags_of(cond)
        return flags

    def node(self, node: Node) -> set[str]:
        return set().union(*map(self.flags, _conditions(node)))

    def scene(self, scene: Scene) -> set[str]:
        return set().union(*(self.flags(cond) for node in scene.nodes.values() for cond in _conditions(node)))


def ignored_paths(known: Tables, live, status, report: Report) -> None:
    reads = known.reads
    for scene, arrived in known.scenes:
        scene_reads = known.scene_reads[scene.id]
        for local, choices in arrived.items():
            node = scene.nodes.get(local)
            if node is None or len(choices) < 2:
                continue
            choices = live(choices)
            if len(choices) < 2 or status("node", node.id) == "unreachable":
                continue
            if not any(c.guard.cond is None for c in node.choices):
                continue  # no menu shown whatever the path, or every choice in it is conditional
            sets = {c.id: _sets(c) for c in choices}
            node_reads = None
            for flag in sorted(set().union(*sets.values())):
                setters = [c for c in choices if flag in sets[c.id]]
                if len(setters) == len(choices):
                    continue
                if flag not in scene_reads:
                    continue
                if node_reads is None:
                    node_reads = reads.node(node)
                if flag in node_reads:
                    continue
                others = [c for c in choices if c not in setters]
                report(node.pos, codes.IGNORED_FLAG, f"node '{node.local_id}' is entered after {_ids(setters)} (which set "
                       f"'{flag}') and after {_ids(others)} (which do not); the scene tests '{flag}' elsewhere but "
                       "nothing in this node does, so its lines and menu are the same on both paths: check that "
                       f"none assumes one path, or add `if: {flag}` / `if: not {flag}` where one does")


def _ids(choices) -> str:
    return ", ".join(f"'{c.local_id}'" for c in choices)


def necessary_flags(story: Story, guard) -> list[str]:
    """Flags without which `guard` can never hold (a three-valued check with the flag forced off)."""
    if guard.cond is None:
        return []
    out = []
    anything = Box.anything(story)
    static = Static(story, None, anything)
    for name in dict.fromkeys(r.name for r in guard.cond.refs() if r.kind == "flag"):
        if name not in story.flags:
            continue
        off = Box(anything.meters, anything.on - {name}, anything.off | {name})
        if static.value(guard, off) is False:
            out.append(name)
    return out


def _setters(story: Story) -> dict[str, tuple[list[Choice], list[Node]]]:
    """Flag -> (the choices, the nodes) that set it, in story order."""
    out: dict[str, tuple[list[Choice], list[Node]]] = {}
    for node in story.all_nodes():
        for flag in node.effects.set_flags:
            out.setdefault(flag, ([], []))[1].append(node)
        for choice in node.choices:
            for flag in _sets(choice):
                out.setdefault(flag, ([], []))[0].append(choice)
    return out


def single_points(story: Story, reach: dict[str, Reach], live, report: Report) -> None:
    setters = None
    for ending in story.endings:
        if ending.kind != GROWTH:
            continue
        for flag in necessary_flags(story, ending.guard):
            if setters is None:
                setters = _setters(story)
            flag_choices, flag_nodes = setters.get(flag, ([], []))
            only: dict[str, list[str]] = {}  # choice id -> roles for which it is the one setter
            for role, r in reach.items():
                choices = [c for c in live(flag_choices) if c.id in r.choices]
                nodes = [n for n in flag_nodes if n.id in r.nodes]
                if len(choices) == 1 and not nodes:
                    only.setdefault(choices[0].id, []).append(role)
            for choice_id, roles in only.items():
                report(ending.pos, codes.GROWTH_ON_ONE_CHOICE, f"growth depends on one choice: ending '{ending.id}' needs flag "
                       f"'{flag}', and for the {' and '.join(roles)} role{'s' * (len(roles) > 1)} only choice "
                       f"'{choice_id}' sets it; a player who misses that one move cannot reach growth however the "
                       "rest is played: let more moves set it, or loosen the `when`")


__all__ = ["Tables", "arrivals", "check", "first_reply", "necessary_flags", "spoken", "tables"]
