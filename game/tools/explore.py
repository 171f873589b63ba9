"""Exploration of the reachable state space, by driving the real StoryRunner.

Between two choices the story is deterministic, so the states that matter are
the choice menus: (scene, node, meters, flags, and the visit counts some
condition reads). Each is expanded once (memoised) in a breadth-first search,
which gives every ending the shortest list of choice ids that reaches it;
`tether play --text --choices ...` replays it. Meters no condition reads are
left out of the state, and a meter that only ever rises is kept only up to
the largest number it is compared with: both are exact.

When the exact search hits its limit, the answer says so, and two more passes
narrow what is left open:
- a wider search that keeps a few states per class of meter values (classes
  split where some condition flips): everything it finds is real and comes
  with a replayable path, but it may miss things;
- the interval analysis in `bounds`, which proves what can never happen.
Each ending, node, choice and line is then reached (with a path), proved
unreachable, or undecided, and the report lists the undecided ones.

Each move is tried on a fork of the menu's runner (`StoryRunner.fork`), which
copies the state lightly and renders no text.
"""

from __future__ import annotations

import time
from bisect import bisect_right
from collections import deque
from dataclasses import dataclass, field

from game.engine.model import Story
from game.engine.runner import RunnerError, StoryRunner, StoryRuntimeError
from game.engine.state import StoryState
from game.tools.analysis import FlagUse, meter_abstraction, meter_cuts, roles_of, visit_caps
from game.tools.bounds import Bounds

DEFAULT_MAX_STATES = 10_000
DEFAULT_MAX_SECONDS = 30.0


@dataclass
class SoftLock:
    node: str  # full node id where play got stuck
    message: str
    path: tuple[str, ...]  # choice ids that lead there


@dataclass
class RoleResult:
    role: str
    states: int = 0  # distinct choice menus expanded by the exact search
    moves: int = 0  # choices tried
    complete: bool = True  # the exact search saw every reachable state
    limit_reason: str = ""
    endings: dict = field(default_factory=dict)  # ending id -> shortest known choice path
    nodes: set = field(default_factory=set)  # full node ids entered
    offered: set = field(default_factory=set)  # choice ids offered at least once
    hidden: set = field(default_factory=set)  # choice ids with an `if` seen false at least once
    lines: set = field(default_factory=set)  # line ids shown at least once
    softlocks: list = field(default_factory=list)
    bounds: Bounds | None = None
    seconds: float = 0.0

    def status(self, kind: str, item: str) -> str:
        """reached | unreachable | undecided for an ending, node, choice or line id."""
        got = {"ending": self.endings, "node": self.nodes, "choice": self.offered, "line": self.lines}[kind]
        if item in got:
            return "reached"
        if self.complete:
            return "unreachable"
        b = self.bounds
        possible = {"ending": b.endings, "node": b.boxes, "choice": b.choices, "line": b.lines}[kind]
        return "undecided" if item in possible else "unreachable"

    def possible_softlocks(self) -> list[tuple[str, dict]]:
        """Menus the exact search did not finish and the bounds could not clear: (node id, example values)."""
        if self.complete or self.bounds is None:
            return []
        found = {s.node for s in self.softlocks}
        out = []
        for full in self.bounds.boxes:
            node = self.bounds.story.node(full)
            example = self.bounds.stuck_example(node)
            if example is not None and full not in found:
                out.append((full, example))
        return out


@dataclass
class Exploration:
    story: Story
    roles: dict  # role -> RoleResult

    @property
    def complete(self) -> bool:
        return all(r.complete for r in self.roles.values())

    def status(self, kind: str, item: str) -> str:
        """Over all roles: reached if any role reaches it, unreachable if every role provably cannot."""
        found = {r.status(kind, item) for r in self.roles.values()}
        for answer in ("reached", "undecided"):
            if answer in found:
                return answer
        return "unreachable"

    def softlocks(self) -> list[SoftLock]:
        seen, out = set(), []
        for result in self.roles.values():
            for lock in result.softlocks:
                if lock.node not in seen:
                    seen.add(lock.node)
                    out.append(lock)
        return out

    def to_dict(self) -> dict:
        story = self.story
        kinds = {e.id: e.kind for e in story.endings}
        out = {"story": story.id, "complete": self.complete, "roles": {}}
        for role, r in self.roles.items():
            b = r.bounds
            out["roles"][role] = {
                "complete": r.complete,
                "limit": r.limit_reason or None,
                "states": r.states,
                "moves": r.moves,
                "seconds": round(r.seconds, 3),
                "endings": {e.id: {"kind": e.kind, "path": list(r.endings[e.id])} for e in story.endings if e.id in r.endings},
                "ending_kinds": sorted({kinds[e] for e in r.endings}),
                "unreached_endings": {e.id: r.status("ending", e.id) for e in story.endings if e.id not in r.endings},
                "coverage": {
                    "nodes": _share(len(r.nodes), len(b.boxes) if b else 0),
                    "choices": _share(len(r.offered), len(b.choices) if b else 0),
                    "lines": _share(len(r.lines), len(b.lines) if b else 0),
                },
                "softlocks": [{"node": s.node, "message": s.message, "path": list(s.path)} for s in r.softlocks],
                "possible_softlocks": [{"node": n, "example": ex} for n, ex in r.possible_softlocks()],
            }
        out["unreached_endings"] = {e.id: self.status("ending", e.id) for e in story.endings
                                    if self.status("ending", e.id) != "reached"}
        for kind, items in (("node", [n.id for n in story.all_nodes()]), ("choice", [c.id for c in story.all_choices()]),
                            ("line", list(story.lines))):
            statuses = {i: self.status(kind, i) for i in items}
            out[f"{kind}s_unreachable"] = [i for i, s in statuses.items() if s == "unreachable"]
            out[f"{kind}s_undecided"] = [i for i, s in statuses.items() if s == "undecided"]
        return out


def _share(got: int, total: int) -> dict:
    """How much of what may be reachable was reached (the total comes from the bounds, an upper limit)."""
    return {"reached": got, "possible": total, "percent": round(100 * got / total, 1) if total else 100.0}


class Explorer:
    def __init__(self, story: Story, max_states: int = DEFAULT_MAX_STATES, max_seconds: float = DEFAULT_MAX_SECONDS):
        self.story = story
        self.max_states = max_states
        self.max_seconds = max_seconds
        self.meters = [(name, mode, bound) for name, (mode, bound) in meter_abstraction(story).items() if mode != "drop"]
        self.cuts = [(name, cuts) for name, cuts in meter_cuts(story).items() if name in {m for m, _, _ in self.meters}]
        self.flags_read = frozenset(FlagUse(story).read)
        self.caps = visit_caps(story)

    def run(self, role: str | None = None) -> Exploration:
        return Exploration(self.story, {r: self.explore_role(r) for r in roles_of(self.story, role)})

    # ---- state keys and copies ------------------------------------------------------------
    def _visits(self, state: StoryState) -> tuple:
        if not self.caps:
            return ()
        visits = state.visits
        return tuple(visits.get(n, 0) if cap is None else min(visits.get(n, 0), cap) for n, cap in self.caps.items())

    def key(self, state: StoryState):
        meters = state.meters
        values = tuple(meters[m] if mode == "exact" else min(meters[m], bound) if mode == "cap" else max(meters[m], bound)
                       for m, mode, bound in self.meters)
        return (state.scene, state.node, values, self.flags_read.intersection(state.flags), self._visits(state))

    def wide_key(self, state: StoryState):
        meters = state.meters
        values = tuple(meters[m] if cuts is None else bisect_right(cuts, meters[m]) for m, cuts in self.cuts)
        return (state.scene, state.node, values, self.flags_read.intersection(state.flags), self._visits(state))

    # ---- one role ---------------------------------------------------------------------------
    def explore_role(self, role: str) -> RoleResult:
        result = RoleResult(role)
        started = time.perf_counter()
        result.bounds = Bounds(self.story, role)
        try:
            runner = StoryRunner.new(self.story, role, render=False)
            runner.advance_to_choice()
        except StoryRuntimeError as exc:
            first = self.story.scene_order[0]
            result.softlocks.append(SoftLock(f"{first}.{self.story.scenes[first].starts[role]}", str(exc), ()))
            result.seconds = time.perf_counter() - started
            return result
        self._collect(runner.state, result)
        if runner.phase == "ended":
            result.endings.setdefault(runner.state.ending, ())
        else:
            self._layers(runner.fork(), result, started + self.max_seconds)
        result.seconds = time.perf_counter() - started
        return result

    def _layers(self, start: StoryRunner, result: RoleResult, deadline: float) -> None:
        """Scene by scene: explore each scene from every state play can enter it in, while the budget lasts.

        When a scene can be entered in more states than its share of the budget
        covers, the entries that differ most are explored first (the extremes of
        each meter for each set of flags, then one per class of values), the
        rest are left out and the result is marked incomplete.
        """
        order = self.story.scene_order
        entries = {start.state.scene: [(start, ())]}
        seen: set = {self.key(start.state)}
        budget_left = self.max_states
        for position, scene_id in enumerate(order):
            waiting = self._prioritise(entries.pop(scene_id, []))
            share = budget_left // (len(order) - position)
            used = 0
            for index, (entry, path) in enumerate(waiting):
                if used >= share or time.perf_counter() > deadline:
                    skipped = len(waiting) - index
                    why = "the time limit" if used < share else f"its share of the {self.max_states}-state limit"
                    result.complete = False
                    result.limit_reason = result.limit_reason or (
                        f"scene {scene_id} can be entered in {len(waiting)} different states; {skipped} were not "
                        f"explored because of {why}")
                    break
                used += self._scene(entry, path, scene_id, result, seen, entries, deadline, share - used)
            budget_left -= used

    def _scene(self, entry: StoryRunner, path, scene_id, result: RoleResult, seen: set, entries: dict, deadline,
               limit: int) -> int:
        """Breadth-first over the menus of one scene from one entry state; returns the menus expanded."""
        queue = deque([(entry, path)])
        expanded = 0
        while queue:
            if expanded >= limit:
                result.complete = False
                result.limit_reason = result.limit_reason or (
                    f"scene {scene_id} has more states than its share of the {self.max_states}-state limit")
                break
            if expanded % 128 == 127 and time.perf_counter() > deadline:
                result.complete = False
                result.limit_reason = result.limit_reason or f"stopped at the time limit of {self.max_seconds:g} s"
                break
            menu, path = queue.popleft()
            expanded += 1
            result.states += 1
            node = menu.node
            available = menu.available_choices()  # the runner's own rule for what is on offer
            if len(available) < len(node.choices):
                result.hidden.update(c.id for c in node.choices if c not in available)
            for index, choice in enumerate(available):
                result.offered.add(choice.id)
                result.moves += 1
                runner = menu.fork()
                step = path + (choice.id,)
                try:
                    runner.choose(index)
                    runner.advance_to_choice()
                except StoryRuntimeError as exc:
                    self._collect(runner.state, result)
                    where = f"{runner.state.scene}.{runner.state.node}"
                    if all(s.node != where for s in result.softlocks):
                        result.softlocks.append(SoftLock(where, str(exc), step))
                    continue
                after = runner.state
                self._collect(after, result)
                if runner.phase == "ended":
                    known = result.endings.get(after.ending)
                    if known is None or len(step) < len(known):
                        result.endings[after.ending] = step
                    continue
                key = self.key(after)
                if key in seen:
                    continue
                seen.add(key)
                after.backlog, after.moves, after.undo = [], [], []
                if after.scene == scene_id:
                    queue.append((runner, step))
                else:
                    entries.setdefault(after.scene, []).append((runner, step))
        return expanded

    def _prioritise(self, entries: list) -> list:
        """Entries ordered so that the most different come first; the order is deterministic."""
        if len(entries) <= 1:
            return entries
        groups: dict = {}
        for item in entries:
            groups.setdefault(self.wide_key(item[0].state), []).append(item)
        reps = [items[0] for items in groups.values()]
        by_flags: dict = {}
        for item in reps:
            by_flags.setdefault(frozenset(item[0].state.flags), []).append(item)
        first = []
        for items in by_flags.values():
            for name, _mode, _bound in self.meters:
                first.append(min(items, key=lambda it: (it[0].state.meters[name], len(it[1]))))
                first.append(max(items, key=lambda it: (it[0].state.meters[name], -len(it[1]))))
        out, taken = [], set()
        for item in first + reps + entries:
            if id(item) not in taken:
                taken.add(id(item))
                out.append(item)
        return out

    @staticmethod
    def _collect(state: StoryState, result: RoleResult) -> None:
        result.nodes.update(state.visits)
        result.lines.update(state.backlog)


def explore(story: Story, role: str | None = None, max_states: int = DEFAULT_MAX_STATES,
            max_seconds: float = DEFAULT_MAX_SECONDS) -> Exploration:
    return Explorer(story, max_states, max_seconds).run(role)


def replay(story: Story, role: str, path) -> StoryRunner:
    """Play a choice path (full ids, local ids or 1-based numbers) the way `play --choices` does."""
    runner = StoryRunner.new(story, role)
    for token in path:
        runner.advance_to_choice()
        if runner.phase == "ended":
            break
        index = runner.find_choice(token)
        if index is None:
            raise RunnerError(f"choice {token!r} is not on offer at {runner.node.id}")
        runner.choose(index)
    runner.advance_to_choice()
    return runner
