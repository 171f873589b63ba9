"""The story graph as immutable data, checked once at load.

Reachability, linting, exploration and saves all work on these plain values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from game.engine.conditions import Cond, rises
from game.engine.diagnostics import Pos
from game.engine.tags import is_secure
from game.engine.vocabulary import ENDING_KINDS  # noqa: F401  (the builder and schema read it here)

Predicate = Callable[[object], bool]
MOODS = ("neutral", "warm", "hurt", "guarded", "tense")


@dataclass(frozen=True)
class Guard:
    """An optional condition: its source for people and a compiled predicate for the runner."""

    cond: Cond | None = None
    test: Predicate | None = None
    pos: Pos | None = None

    def holds(self, state) -> bool:
        return self.test is None or self.test(state)

    @property
    def rises(self) -> frozenset | None:
        """The changes that can make this guard hold when it did not (conditions.rises); None: any change can."""
        return frozenset() if self.cond is None else rises(self.cond.tree)

    @property
    def source(self) -> str:
        return self.cond.source if self.cond else ""


ALWAYS = Guard()


_NO_CHANGES: frozenset = frozenset()


@dataclass(frozen=True)
class Effects:
    deltas: tuple[tuple[str, int], ...] = ()
    set_flags: tuple[str, ...] = ()
    clear_flags: tuple[str, ...] = ()
    values: tuple[tuple[str, int], ...] = ()  # set_meter: meters put at a value, after the deltas
    # apply(meters, flags): all of the above in one call, written by the builder for the story's meter bounds
    # (codegen.effects_function); None for effects made elsewhere, which the runner applies field by field
    apply: Callable | None = field(default=None, compare=False, repr=False)
    empty: bool = field(init=False, compare=False, repr=False)  # nothing to apply (read on every node entered)

    def __post_init__(self) -> None:
        object.__setattr__(self, "empty", not (self.deltas or self.set_flags or self.clear_flags or self.values))

    def changes(self) -> frozenset:
        """What applying these effects can change, in the terms of conditions.rises: ("meter", name, +1 or -1)
        for a meter that can go up or down, ("flag", name, True or False) for a flag set or cleared."""
        if self.empty:
            return _NO_CHANGES
        out = {("meter", name, 1 if delta > 0 else -1) for name, delta in self.deltas if delta}
        for name, _value in self.values:
            out.update((("meter", name, 1), ("meter", name, -1)))
        out.update(("flag", name, True) for name in self.set_flags)
        out.update(("flag", name, False) for name in self.clear_flags)
        return frozenset(out)


NO_EFFECTS = Effects()  # immutable, so one is shared by everything that changes nothing


@dataclass(frozen=True)
class Adjustment:
    guard: Guard
    effects: Effects


@dataclass(frozen=True)
class Target:
    """Where the story goes next: a node of the same scene, or the end of the scene or story."""

    node: str | None = None  # node id within the scene
    end: str | None = None  # "scene" | "story"
    pos: Pos | None = None


@dataclass(frozen=True)
class Line:
    id: str
    speaker: str
    text: str
    guard: Guard = ALWAYS
    mood: str | None = None
    pos: Pos | None = None


def next_lines(tests: tuple) -> tuple:
    """For each line, the position of the line after it when that one has no condition (it surely shows), else -1:
    the runner then tests the conditions of the lines after it, or goes on past the last."""
    return tuple(i + 1 if i + 1 < len(tests) and tests[i + 1] is None else -1 for i in range(len(tests)))


@dataclass(frozen=True)
class Choice:
    id: str  # full id: scene.node.choice
    local_id: str
    text: str
    tags: tuple[str, ...]
    why: str
    guard: Guard = ALWAYS
    effects: Effects = NO_EFFECTS
    adjust: tuple[Adjustment, ...] = ()
    target: Target = Target()
    pos: Pos | None = None
    lines: tuple[Line, ...] = ()  # the reply to this move, delivered after its effects and before its target
    # computed once, read on every play step: the reply lines' guards (None: always shown) and the secure test
    line_tests: tuple = field(init=False, compare=False, repr=False)
    opens: bool = field(init=False, compare=False, repr=False)  # the first reply line has no condition
    follows: tuple = field(init=False, compare=False, repr=False)  # see next_lines
    secure: bool = field(init=False, compare=False, repr=False)
    # positions in the story's early_endings that this choice's effects and adjustments can set off, in order
    # (see link_early_endings); None: not worked out, every early ending is tested
    early: tuple | None = field(init=False, default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "line_tests", tuple(line.guard.test for line in self.lines))
        object.__setattr__(self, "opens", bool(self.lines) and self.line_tests[0] is None)
        object.__setattr__(self, "follows", next_lines(self.line_tests))
        object.__setattr__(self, "secure", is_secure(self.tags))


@dataclass(frozen=True)
class Branch:
    guard: Guard
    target: Target


@dataclass(frozen=True)
class Node:
    id: str  # full id: scene.node
    local_id: str
    scene_id: str
    lines: tuple[Line, ...] = ()
    effects: Effects = NO_EFFECTS
    choices: tuple[Choice, ...] = ()
    branches: tuple[Branch, ...] = ()
    goto: Target | None = None
    pos: Pos | None = None
    mirror: str | None = None  # local id of the same moment in the other role's part of the scene
    inner: str = ""  # what this node's speaker feels here, shown to the other role's player in their debrief
    location: str | None = None  # the place while play is at this node, instead of the scene's
    # computed once, read on every play step: the lines' guards (None: always shown), and the choices by local id
    line_tests: tuple = field(init=False, compare=False, repr=False)
    opens: bool = field(init=False, compare=False, repr=False)  # the first line has no condition: it always shows
    follows: tuple = field(init=False, compare=False, repr=False)  # see next_lines
    choice_at: dict = field(init=False, compare=False, repr=False)
    menu: tuple | None = field(init=False, compare=False, repr=False)  # the choices when none has a condition
    # positions in the story's early_endings that this node's effects can set off (see link_early_endings)
    early: tuple | None = field(init=False, default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "line_tests", tuple(line.guard.test for line in self.lines))
        object.__setattr__(self, "opens", bool(self.lines) and self.line_tests[0] is None)
        object.__setattr__(self, "follows", next_lines(self.line_tests))
        object.__setattr__(self, "choice_at", {choice.local_id: choice for choice in self.choices})
        unguarded = self.choices and all(choice.guard.test is None for choice in self.choices)
        object.__setattr__(self, "menu", tuple(self.choices) if unguarded else None)

    @property
    def all_lines(self) -> tuple[Line, ...]:
        """The node's own lines, then each choice's reply lines, in file order."""
        return (*self.lines, *(line for choice in self.choices for line in choice.lines))


@dataclass(frozen=True)
class Scene:
    id: str
    title: str
    location: str
    content_notes: tuple[str, ...]
    summary: str
    starts: dict  # role -> node local id
    nodes: dict  # local id -> Node
    file: str = ""
    pos: Pos | None = None
    role_locations: dict = field(default_factory=dict)  # role -> place, when the roles are in different places

    def location_for(self, role: str | None, node: str | None = None) -> str:
        """Where the player is: the node's own place, else the role's, else the scene's."""
        spec = self.nodes.get(node) if node else None
        if spec is not None and spec.location:
            return spec.location
        return self.role_locations.get(role, self.location)

    def all_locations(self) -> set[str]:
        return {self.location, *self.role_locations.values(),
                *(n.location for n in self.nodes.values() if n.location)}


@dataclass(frozen=True)
class MeterDef:
    name: str
    min: int
    max: int
    start: int
    label: str
    hidden: bool = False
    pos: Pos | None = None


@dataclass(frozen=True)
class FlagDef:
    name: str
    description: str = ""
    start: bool = False
    pos: Pos | None = None


@dataclass(frozen=True)
class RoleDef:
    name: str
    title: str
    blurb: str
    partner_name: str
    partner_pronouns: str
    habit: str | None = None  # the insecure family this role's moves pull toward (vocabulary.ROLE_HABITS), if told


@dataclass(frozen=True)
class Character:
    id: str
    name: str
    pronouns: str = "they"  # for {priya.they}, {priya.their} ...
    pos: Pos | None = field(default=None, compare=False)  # where the id is declared


@dataclass(frozen=True)
class EndingPart:
    """One paragraph of an ending's text, shown only when its `if` holds as the story ends."""

    text: str
    guard: Guard = ALWAYS
    pos: Pos | None = None


@dataclass(frozen=True)
class Ending:
    id: str
    kind: str
    title: str
    text: str  # every paragraph as written, conditional ones included (for counts and checks)
    guard: Guard = ALWAYS
    pos: Pos | None = None
    parts: tuple[EndingPart, ...] = ()  # the paragraphs; empty: `text` is one unconditional paragraph

    def text_for(self, state) -> str:
        """The paragraphs whose `if` holds in `state`, one per line, as a folded YAML text keeps them."""
        if not self.parts:
            return self.text
        return "\n".join(part.text for part in self.parts if part.guard.holds(state))


@dataclass(frozen=True)
class EarlyEnding:
    guard: Guard
    ending: str
    pos: Pos | None = None

    def set_off_by(self, changes: frozenset) -> bool:
        """Whether effects with these `changes` (Effects.changes) can make the guard hold when it did not.

        A guard that reads visit counts or rolls chance(N) can change without any effect: always True."""
        rises = self.guard.rises
        return rises is None or not rises.isdisjoint(changes)


def link_early_endings(nodes, early_endings: tuple) -> None:
    """Note on each node and choice which early endings its effects can set off (`Node.early`, `Choice.early`).

    The runner tests only those after applying them: an early ending not set off was false before (play would
    have ended) and stays false. Whatever else changes meters, flags or visit counts (the time between scenes,
    undo, a loaded or forked state) makes the runner test every early ending at the next check.
    """
    known: dict[frozenset, tuple] = {}  # the same changes recur all over a story: each is answered once

    def positions(changes: frozenset) -> tuple:
        found = known.get(changes)
        if found is None:
            found = known[changes] = tuple(i for i, early in enumerate(early_endings) if early.set_off_by(changes))
        return found

    # id(Effects) -> (it, its changes): the builder shares equal effects, so each is worked out once (kept
    # alongside, so that no id is reused while the dict lives)
    changes_of: dict[int, tuple] = {}

    def changes(effects: Effects) -> frozenset:
        found = changes_of.get(id(effects))
        if found is None:
            found = changes_of[id(effects)] = (effects, effects.changes())
        return found[1]

    for node in nodes:
        object.__setattr__(node, "early", positions(changes(node.effects)))
        for choice in node.choices:
            found = changes(choice.effects)
            if choice.adjust:
                found = found.union(*(changes(a.effects) for a in choice.adjust))
            object.__setattr__(choice, "early", positions(found))


def drifted(value: int, start: int, points: int | None) -> int:
    """A meter's value after the time between scenes: reset to start (points None) or recover toward it."""
    if points is None:
        return start
    return max(value, min(start, value + points))


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    version: str
    disclaimer: str
    about: str
    learn_more: str
    roles: dict  # name -> RoleDef
    characters: dict  # id -> Character
    scene_order: tuple[str, ...]
    scenes: dict  # id -> Scene, in play order
    meters: dict  # name -> MeterDef
    flags: dict  # name -> FlagDef
    endings: tuple[Ending, ...]
    early_endings: tuple[EarlyEnding, ...]
    scene_guards: dict = field(default_factory=dict)  # scene id -> Guard: the scene plays only when it holds
    uses_chance: bool = False  # some condition holds chance(N)
    flag_resets: tuple = ()  # flags put back to their start between scenes (between_scenes.reset, scope: scene)
    drift: tuple = ()  # between scenes: (meter, points) rises toward start by up to points; (meter, None) resets to start
    lint_levels: dict = field(default_factory=dict)  # code -> off|warning|error
    content_hash: str = ""
    root: str = ""
    files: tuple[str, ...] = ()
    lines: dict = field(default_factory=dict)  # line id -> Line, for backlogs and logs
    # (partner name, pronouns) -> (text -> rendered text, line id -> shown line): story text never changes, so
    # every runner of this story with that partner shares what has been rendered (see StoryRunner.__init__)
    rendered: dict = field(default_factory=dict, compare=False, repr=False)

    def node(self, full_id: str) -> Node:
        scene_id, _, local = full_id.partition(".")
        return self.scenes[scene_id].nodes[local]

    def ending(self, ending_id: str) -> Ending:
        for ending in self.endings:
            if ending.id == ending_id:
                return ending
        raise KeyError(ending_id)

    @property
    def shown_meters(self) -> tuple[str, ...]:
        """The meters a player sees in debriefs and charts: every declared meter not marked hidden, in order."""
        return tuple(name for name, meter in self.meters.items() if not meter.hidden)

    def all_nodes(self):
        for scene in self.scenes.values():
            yield from scene.nodes.values()

    def all_choices(self):
        for node in self.all_nodes():
            yield from node.choices
