"""Decide, per role, whether play can reach each ending, node, choice and line.

Every question gets one of three answers:

- **reached**, with the shortest path of choice ids the search found
  (`tether play --text --choices ...` replays it);
- **unreachable**, proved: the interval bounds (`bounds`) rule it out, or
  the search went through every state that could still lead to it;
- **undecided**, with the reason (the search stopped at its limit first).

How (see docs/performance.md for the figures):

1. The interval bounds, computed once per role, say what may be reachable at
   all: only those items are questions; the rest are proved unreachable.
2. A search over choice menus plays the story with the real StoryRunner
   (`stepper`: no text, no undo history, no records; `chance(N)` taken both
   ways). A state is keyed on the
   variables a later condition can still read (`liveness`): states that
   differ only in a meter nothing reads any more are one state, and a scene
   is played once per distinct entry state that matters, which is the
   scene's summary. The search is best-first: toward the nearest node with
   an open question (distances on the story graph, recomputed as questions
   close) and, for endings, toward the values their `when` needs; among
   equally near states, the one with fewer choices goes first.
   It opens with a sweep (`_Pass.sweep`): scenes in story order, each played depth-first from a
   few entry states, a node's menu played once and again only from a state further from every
   early ending; states are not keyed or merged, so a menu costs little more than the play itself,
   and a sweep reaches most of a story in about one menu per node. Then, for each ending still
   open, a dive (`_Pass.dive`): a narrow search from the start that keeps, after each round of
   menus, the few states nearest that ending's `when` (and the `when` of each ending checked
   before it false). Then scene by scene again (`_Pass.beam`), aiming at what is open: each scene is searched
   from a few entry states (BEAM_WIDTH: for each open ending the one nearest its `when`, the
   extremes of each meter, new sets of flags), aiming at the scene's open nodes, and the states
   leaving it are the next scene's candidates. Its work grows with the number of scenes, not
   with the states of the whole story; it drops states, so it only reaches, never proves.
3. What it leaves open gets one search over the whole story, then proof passes. A state from
   which no open question can be reached on the story graph is not expanded, and a search
   stops as soon as every question is decided; one that runs out of states first proves
   whatever it did not reach unreachable. A proof pass without early endings still checks
   them where play would: what it shows from states no early ending would have stopped is
   reached with no replay; the rest waits for a pass with the early endings in.
4. Each ending's path and each soft-lock's path is played again through the
   real `StoryRunner` before it is reported; a path through chance(N) rolls
   comes with the seed that replays it (`tether play --seed`).
"""

from __future__ import annotations

import heapq
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Callable

from game.engine.model import Story
from game.engine.runner import RunnerError, StoryRunner, StoryRuntimeError
from game.tools.analysis import roles_of, trapped_nodes
from game.tools.bounds import Bounds
from game.tools.liveness import Liveness, reads
from game.tools.stepper import MAX_SEED_TRIES, Rolls, Stepper, find_seed

DEFAULT_MAX_STATES = 50_000  # choice menus expanded per role
DEFAULT_MAX_SECONDS = 30.0  # per role
DEPTH_WEIGHT = 0.0  # choices already made do not count against a state (ties go to the shallower one): with
# 0.25 the search kept widening near the start, and on the story with the cottage laptop scene no ending
# was reached in 6,685 menus; greedy, all seven are reached in 1,682 (paths are then not always the shortest)
FRUITLESS_PROOFS = 2  # proof passes in a row that run out of menus and decide nothing: the others are not tried
MAX_PROOF_PASSES = 8  # proof passes at most: groups of open questions by what they read, the smallest merged
PATIENCE = 64  # menus the first pass goes on without deciding a question (at least; a quarter more as it grows)
SWEEP_SHARE = 0.6  # of the menu limit, at most, for the sweep that opens every role's search
SWEEP_REPLAYS = 1  # times the sweep plays a node's menu before it plays it again only from a safer state
DIVE_WIDTH = 8  # states a dive toward one ending keeps after each round of menus
DIVE_SHARE = 0.1  # of the menu limit, at most, for each open ending's dive
DANGER_MARGIN = 3  # a state this near an early ending that is not the one aimed at counts as that far off course
BEAM_WIDTH = 16  # entry states the first pass carries into each scene
BEAM_SHARE = 0.5  # of the menu limit, for the first pass's scene-by-scene search
BEAM_MIN_MENUS = 32  # menus a scene gets at least in that pass
BEAM_TRIES = 2  # menus of one node a scene's search plays before it looks elsewhere
BEAM_ROUNDS = 3  # times a scene is searched again from held-back states when no state got out of it
BEAM_EXIT_MENUS = 16  # menus a scene goes on with, once nothing open in it can be reached, to find ways out
MARGIN_CAP = 8  # meter points from an early ending beyond which a state counts as safe from it
EXIT_WEIGHT = 4  # on the way out of a scene, one choice nearer the way out is worth this many such points
EXIT_OFFSET = 1_000_000  # a scene's states with nothing open in reach come after every state with something
KINDS = ("ending", "node", "choice", "line")
INF = float("inf")


@dataclass
class SoftLock:
    node: str  # full node id where play got stuck
    message: str
    path: tuple[str, ...]  # choice ids that lead there
    seed: int = 0  # the seed that makes its chance(N) rolls come out this way (`tether play --seed`)


@dataclass
class RoleResult:
    role: str
    states: int = 0  # choice menus expanded
    moves: int = 0  # choices tried
    pruned: int = 0  # menus not expanded: no open question can be reached from them
    exhausted: bool = False  # the first pass went through every state that could lead to an open question
    limit_reason: str = ""  # why the search stopped with questions open
    reached: dict = field(default_factory=lambda: {k: {} for k in KINDS})  # kind -> id -> path
    questions: dict = field(default_factory=lambda: {k: set() for k in KINDS})  # kind -> ids the bounds allow
    softlocks: list = field(default_factory=list)
    loops: list = field(default_factory=list)  # full node ids from which no way leaves the scene
    disputed: dict = field(default_factory=dict)  # (kind, id) -> what the runner did instead
    proved: set = field(default_factory=set)  # (kind, id) the search proved unreachable
    seeds: dict = field(default_factory=dict)  # (kind, id) -> seed its path needs, for a path through chance(N) rolls
    rolls: dict = field(default_factory=dict)  # (kind, id) -> the chance(N) rolls its path takes
    chance_cut: bool = False  # some step met more chance(N) rolls than were tried: no proof by search
    bounds: Bounds | None = None
    seconds: float = 0.0
    _stuck: dict | None = field(default=None, repr=False)

    # the sets the earlier explorer exposed, kept for the linter and the tests
    @property
    def endings(self) -> dict:
        return self.reached["ending"]

    @property
    def nodes(self) -> dict:
        return self.reached["node"]

    @property
    def offered(self) -> dict:
        return self.reached["choice"]

    @property
    def lines(self) -> dict:
        return self.reached["line"]

    @property
    def complete(self) -> bool:
        """Every question decided, soft-locks included."""
        return not any(self.open(kind) for kind in KINDS) and not self.possible_softlocks()

    def open(self, kind: str) -> set:
        return {i for i in self.questions[kind] if self.status(kind, i) == "undecided"}

    def status(self, kind: str, item: str) -> str:
        """reached | unreachable | undecided for an ending, node, choice or line id."""
        if item in self.reached[kind]:
            return "reached" if (kind, item) not in self.disputed else "undecided"
        if item not in self.questions[kind] or ((kind, item) in self.proved and not self.chance_cut):
            return "unreachable"
        return "undecided"

    def reason(self, kind: str, item: str) -> str:
        status = self.status(kind, item)
        if status == "reached":
            return f"reached in {len(self.reached[kind][item])} choices"
        if (kind, item) in self.disputed:
            return f"the explorer and the runner disagree ({self.disputed[kind, item]}); please report this"
        if item not in self.questions[kind]:
            return "proved by the interval bounds: no playthrough can get there"
        if status == "unreachable":
            return "proved by the search: every state that could lead there was explored"
        return f"not reached and not proved unreachable: {self.limit_reason or 'the search stopped'}"

    def possible_softlocks(self) -> list[tuple[str, dict]]:
        """Menus the bounds could not clear and the search did not settle: (node id, example values)."""
        if self.bounds is None or (self.exhausted and not self.pruned):
            return []
        if self._stuck is None:  # the bounds' answer does not change: work it out once
            story = self.bounds.story
            self._stuck = {}
            for full in self.bounds.boxes:
                example = self.bounds.stuck_example(story.node(full))
                if example is not None:
                    self._stuck[full] = example
        found = {s.node for s in self.softlocks}
        return [(full, example) for full, example in self._stuck.items() if full not in found]


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

    def items(self, kind: str) -> list[str]:
        story = self.story
        if kind == "ending":
            return [e.id for e in story.endings]
        if kind == "node":
            return [n.id for n in story.all_nodes()]
        if kind == "choice":
            return [c.id for c in story.all_choices()]
        return list(story.lines)

    def problems(self) -> list[str]:
        """What makes `tether explore` fail: soft-locks, loops with no exit, endings or ending kinds a role can never reach."""
        out = []
        kinds = {}
        for e in self.story.endings:
            kinds.setdefault(e.kind, []).append(e.id)
        for role, r in self.roles.items():
            for lock in r.softlocks:
                out.append(f"{role}: soft-lock at {lock.node}")
            for full, _example in r.possible_softlocks():
                out.append(f"{role}: possible soft-lock at {full}")
            for full in r.loops:
                out.append(f"{role}: no way out of the scene from {full}")
            for kind, ids in kinds.items():
                if all(r.status("ending", e) == "unreachable" for e in ids):
                    out.append(f"{role}: can never reach a {kind} ending")
        for ending in self.items("ending"):
            if self.status("ending", ending) == "unreachable":
                out.append(f"ending {ending} can never be reached")
        return out

    def to_dict(self) -> dict:
        story = self.story
        kinds = {e.id: e.kind for e in story.endings}
        out = {"story": story.id, "complete": self.complete, "roles": {}}
        for role, r in self.roles.items():
            entry = {
                "complete": r.complete,
                "limit": r.limit_reason or None,
                "states": r.states,
                "moves": r.moves,
                "pruned": r.pruned,
                "seconds": round(r.seconds, 3),
                "endings": {e.id: {"kind": e.kind, "path": list(r.endings[e.id]),
                                   "seed": r.seeds.get(("ending", e.id), 0)} for e in story.endings
                            if r.status("ending", e.id) == "reached"},
                "ending_kinds": sorted({kinds[e] for e in r.endings}),
                "unreached_endings": {e.id: r.status("ending", e.id) for e in story.endings
                                      if r.status("ending", e.id) != "reached"},
                "softlocks": [{"node": s.node, "message": s.message, "path": list(s.path), "seed": s.seed}
                              for s in r.softlocks],
                "possible_softlocks": [{"node": n, "example": ex} for n, ex in r.possible_softlocks()],
                "loops": list(r.loops),
                "disputed": [{"kind": k, "id": i, "runner": why} for (k, i), why in r.disputed.items()],
            }
            entry["counts"] = {}
            for kind in KINDS:
                items = self.items(kind)
                counts = {"reached": 0, "unreachable": 0, "undecided": 0}
                undecided = {}
                for item in items:
                    status = r.status(kind, item)
                    counts[status] += 1
                    if status == "undecided":
                        undecided[item] = r.reason(kind, item)
                entry["counts"][f"{kind}s"] = {**counts, "total": len(items), "decided_percent": _percent(
                    counts["reached"] + counts["unreachable"], len(items)), "undecided_ids": undecided}
            entry["paths"] = {kind: {i: list(p) for i, p in r.reached[kind].items()} for kind in ("node", "choice", "line")}
            out["roles"][role] = entry
        out["unreached_endings"] = {e: self.status("ending", e) for e in self.items("ending")
                                    if self.status("ending", e) != "reached"}
        for kind in ("node", "choice", "line"):
            statuses = {i: self.status(kind, i) for i in self.items(kind)}
            out[f"{kind}s_unreachable"] = [i for i, s in statuses.items() if s == "unreachable"]
            out[f"{kind}s_undecided"] = [i for i, s in statuses.items() if s == "undecided"]
        out["problems"] = self.problems()
        return out


def _percent(got: int, total: int) -> float:
    return round(100 * got / total, 2) if total else 100.0


class Explorer:
    """Decides the questions of one story, role by role.

    `questions` is "all" (every ending, node, choice and line) or "endings"
    (the linter's: endings only; nodes, choices and lines are then answered
    from the bounds alone, unreachable or undecided). `progress(role, decided,
    total)` is called now and then while a role is searched.
    """

    def __init__(self, story: Story, max_states: int = DEFAULT_MAX_STATES, max_seconds: float = DEFAULT_MAX_SECONDS,
                 questions: str = "all", progress: Callable | None = None):
        self.story = story
        self.max_states = max(1, max_states)
        self.max_seconds = max_seconds
        self.questions = questions
        self.progress = progress

    def run(self, role: str | None = None) -> Exploration:
        return Exploration(self.story, {r: self.explore_role(r) for r in roles_of(self.story, role)})

    def explore_role(self, role: str) -> RoleResult:
        started = time.perf_counter()
        live = Liveness(self.story, role)
        bounds = Bounds(self.story, role)
        result = RoleResult(role, bounds=bounds)
        result.questions["ending"] = set(bounds.endings)
        result.questions["node"] = set(bounds.boxes)
        result.questions["choice"] = set(bounds.choices)
        result.questions["line"] = set(bounds.lines)
        result.loops = [full for scene_id in self.story.scene_order
                        for full in trapped_nodes(self.story, scene_id, set(bounds.boxes), bounds.static)]
        deadline = None if self.max_seconds is None else started + self.max_seconds
        _Search(self, role, live, result, deadline).run()
        if self.story.uses_chance:
            _seeds(result)
        _verify(self.story, result)
        result.seconds = time.perf_counter() - started
        return result


class _Search:
    """One role's questions: a goal-directed pass with every rule, then proof passes for what is still open."""

    def __init__(self, explorer: Explorer, role: str, live: Liveness, result: RoleResult, deadline: float):
        self.story = explorer.story
        self.explorer = explorer
        self.role = role
        self.live = live
        self.result = result
        self.deadline = deadline
        wanted = KINDS if explorer.questions == "all" else ("ending",)
        self.open = {(kind, item) for kind in wanted for item in result.questions[kind]}
        self.total = len(self.open)
        self.graph = _Graph(self.story, role, result.bounds)
        self.fixed = _fixed_flags(self.story)
        self._in_scene: dict | None = None

    def in_scene(self, scene_id: str) -> list:
        """[((kind, id), full node id)] for the questions (endings aside) asked inside a scene."""
        if self._in_scene is None:
            self._in_scene = {}
            owner = self.graph.owner
            for kind, item in sorted(self.open):
                if kind != "ending":
                    node = item if kind == "node" else owner[item]
                    self._in_scene.setdefault(node.split(".", 1)[0], []).append(((kind, item), node))
        return self._in_scene.get(scene_id, [])

    def budget_left(self) -> int:
        return self.explorer.max_states - self.result.states

    def run(self) -> None:
        result = self.result
        stepper = Stepper(self.story, self.role)
        sweep = _Pass(self, stepper, self.live, self.open, proof=False, cheap_keys=True)
        sweep.sweep(int(self.explorer.max_states * SWEEP_SHARE))
        sweep.dive(max(BEAM_MIN_MENUS, int(self.explorer.max_states * DIVE_SHARE)))  # each within what is left
        sweep.finish()
        if self.open:
            beam = _Pass(self, stepper, self.live, self.open, proof=False)
            beam.beam(min(int(self.explorer.max_states * BEAM_SHARE), self.budget_left()))
            beam.finish()
            result.pruned = beam.pruned
        if self.open:  # what the scenes' search left: one search over the whole story, after only that
            play = _Pass(self, stepper, self.live, self.open, proof=False)
            play.search(self.budget_left())
            play.finish()
            result.pruned += play.pruned
            if play.exhausted:
                result.exhausted = True
                result.proved |= self.open
                self.open.clear()
        groups = self._groups()
        if len(groups) > MAX_PROOF_PASSES:  # the smallest groups share one last pass (a slice of all they read)
            groups = groups[:MAX_PROOF_PASSES - 1] + [set().union(*groups[MAX_PROOF_PASSES - 1:])]
        fruitless = 0  # proof passes in a row that ran out of menus and decided nothing
        for number, group in enumerate(groups):
            if self.budget_left() <= 0 or (self.deadline is not None and time.perf_counter() > self.deadline):
                break
            if fruitless >= FRUITLESS_PROOFS:  # the story is too large for a proof by search within the limit
                result.limit_reason = (f"{fruitless} proof passes in a row ran out of their share of the limit "
                                       "without deciding anything; the rest were not tried")
                break
            open_before = len(self.open)
            exhausted = self._prove(group, self.budget_left() // (len(groups) - number))
            fruitless = 0 if exhausted or len(self.open) < open_before else fruitless + 1
        if self.open and not result.limit_reason:
            result.limit_reason = "the proof passes stopped at their share of the limit"
        if not self.open:
            result.limit_reason = ""
        if self.explorer.progress is not None:
            self.explorer.progress(self.role, self.total - len(self.open), self.total)

    def _groups(self) -> list[set]:
        """Open questions grouped by what they read beyond what steers play: each group is one proof pass.

        Nodes and choices read nothing more; a line adds what its `if` reads; endings add the endings.
        """
        steering = set()
        for node in self.story.all_nodes():
            for choice in node.choices:
                steering |= reads(choice.guard, node.scene_id)
                for adj in choice.adjust:
                    steering |= reads(adj.guard, node.scene_id)
            for branch in node.branches:
                steering |= reads(branch.guard, node.scene_id)
        groups: dict = {}
        for kind, item in self.open:
            if kind == "line":
                line = self.story.lines[item]
                extra = frozenset(reads(line.guard, item.split(".", 1)[0]) - steering)
            elif kind == "ending":
                extra = frozenset({("endings", "")})
            else:
                extra = frozenset()
            groups.setdefault(extra, set()).add((kind, item))
        # largest first; equal sizes in the order of what they read, so that a run does not depend on the
        # order of a set (string hashes change from one process to the next)
        order = sorted(groups, key=lambda extra: (-len(groups[extra]), sorted(extra)))
        return [groups[extra] for extra in order]

    def _prove(self, group: set, budget: int) -> bool:
        """Some open questions, over a coarser slice: only what steers play and what they read.

        With no ending among them, early endings are left out first, so the pass may play more than
        play can: what it does not reach after going through everything is unreachable, and what it
        reaches counts only once played again with every rule. Questions it reached only in ways
        play cannot follow get a second pass with the early endings in. False when a pass ran out of
        menus before it went through every state.
        """
        lines = {item for kind, item in group if kind == "line"}
        endings = any(kind == "ending" for kind, _ in group)
        for relaxed in ((True, False) if not endings else (False,)):
            wanted = {q for q in group if q in self.open}
            if not wanted or self.budget_left() <= 0:
                return True
            live = Liveness(self.story, self.role, lines=lines, endings=not relaxed)
            stepper = Stepper(self.story, self.role, early_endings=not relaxed)
            proof = _Pass(self, stepper, live, wanted, proof=True, relaxed=relaxed)
            proof.search(min(budget, self.budget_left()))
            for (kind, item), (path, rolls) in proof.finish().items():
                self.result.reached[kind][item] = path
                if rolls:
                    self.result.rolls[kind, item] = rolls
                self.open.discard((kind, item))
            self.result.chance_cut |= stepper.cut
            if not proof.exhausted:
                return False
            proved = {q for q in wanted if q not in proof.seen_at and q not in proof.unconfirmed}
            self.result.proved |= proved
            self.open -= proved
            if not proof.unconfirmed:
                return True
        return True


class _Pass:
    """A search over choice menus with one way of playing and one slice, after the questions in `open_`.

    Goal-directed: a state's priority is how many choices at least an open question still needs from
    it (on the story graph, plus meter points for an ending's `when`), and a little of the choices
    made so far, so paths stay short. A state from which no open question can be reached is dropped.
    """

    def __init__(self, search: _Search, play: Stepper, live: Liveness, open_: set, proof: bool,
                 relaxed: bool = False, cheap_keys: bool = False):
        self.cheap_keys = cheap_keys  # every state its own key (a number): no two states are merged (the sweep)
        self.relaxed = relaxed  # plays more than play can: a sighting counts only where no early ending would fire
        self.unconfirmed: set = set()  # questions seen only in ways play cannot follow
        self.diverged: set = set()  # keys of states only reached, so far, past an early ending that would fire
        self.search_ = search
        self.story = search.story
        self.play = play
        self.live = live
        self.open = open_
        self.proof = proof
        self.result = search.result
        self.parents: dict = {}  # state key -> (parent key, choice id, rolls of that step), None for a first menu
        self.first_rolls: dict = {}  # state key of a first menu -> the rolls before it
        self.seen_at: dict = {}  # (kind, id) -> (state key, choice id or None, rolls of that step): where first seen
        self.exhausted = False
        self.pruned = 0
        self.dist: dict = {}
        self.dist_end: dict = {}
        self.gaps: list = []
        self.early_gaps: list = []
        self.fallback_open = False
        self.deaths = [early.guard.cond.tree for early in play.early_endings  # early endings that stop play
                       if not relaxed and early.guard.cond is not None]

    # ---- what is seen -----------------------------------------------------------------------------
    def _see(self, kind: str, item: str, key, choice, rolls: tuple = (), diverged: bool = False) -> None:
        question = (kind, item)
        if question in self.seen_at:
            return
        if self.proof:
            if question not in self.open:
                return
            if diverged:  # an early ending would have ended play on the way: not a sighting play can follow
                self.unconfirmed.add(question)
                return
            self.unconfirmed.discard(question)
        self.seen_at[question] = (key, choice, rolls)
        self.open.discard(question)

    def _seen(self, seen: list, key, choice, rolls: tuple = (), diverged: bool = False) -> None:
        lines = self.story.lines
        for item in seen:
            self._see("line" if item in lines else "node", item, key, choice, rolls, diverged)

    def _path(self, key) -> tuple:
        return self._trail(key)[0]

    def _trail(self, key) -> tuple:
        """The choice ids from the start to the menu `key`, and the chance(N) rolls taken on the way."""
        out, rolls = [], []
        for _ in range(len(self.parents) + 1):  # bounded: each step goes one parent up
            link = self.parents.get(key)
            if link is None:
                break
            rolls.extend(reversed(link[2]))
            key, choice = link[0], link[1]
            out.append(choice)
        rolls.extend(reversed(self.first_rolls.get(key, ())))
        return tuple(reversed(out)), tuple(reversed(rolls))

    def _witness(self, key, choice, rolls: tuple) -> tuple:
        """The path (choice ids) and the rolls that show what was seen at `key` after `choice`."""
        path, taken = self._trail(key) if key is not None else ((), ())
        return path + ((choice,) if choice is not None else ()), taken + tuple(rolls)

    # ---- where to go --------------------------------------------------------------------------------
    def _distances(self) -> None:
        targets = set()
        end = False
        graph = self.search_.graph
        for kind, item in self.open:
            if kind == "ending":
                end = True
            elif kind == "node":
                targets.add(item)
            else:
                targets.add(graph.owner[item])
        self.dist = graph.distances(targets)
        self.dist_end = graph.distances({_Graph.END}) if end else {}
        self.gaps = [e.guard.cond.tree for e in self.story.endings
                     if ("ending", e.id) in self.open and e.guard.cond is not None]
        self.early_gaps = [early.guard.cond.tree for early in (() if self.relaxed else self.play.early_endings)
                           if ("ending", early.ending) in self.open and early.guard.cond is not None]
        self.fallback_open = bool(self.story.endings) and ("ending", self.story.endings[-1].id) in self.open

    def _priority(self, runner) -> float:
        """At least how many choices an open question still needs from `runner` (INF: none can be reached)."""
        state = runner.state
        node = runner.node.id
        fixed = self.search_.fixed
        best = self.dist.get(node, INF)
        to_end = self.dist_end.get(node, INF)
        if to_end < INF:
            if self.fallback_open:
                best = min(best, to_end)
            for tree in self.gaps:
                if to_end < best:
                    best = min(best, to_end + _gap(tree, state, False, fixed))
        for tree in self.early_gaps:
            if best > 0:
                best = min(best, _gap(tree, state, False, fixed))
        return best

    def _key(self, runner):
        if self.cheap_keys:
            return len(self.parents)
        key = self.live.key(runner.node.id, runner.state)
        return key + (self.play.pending_rolls(runner),) if self.play.chancy else key

    # ---- the search -------------------------------------------------------------------------------------
    def _admit(self, outcome, key, choice_id, div: bool):
        """Note what one outcome showed; the new state (key, runner, diverged) if it is to be searched, else None."""
        div = div or outcome.diverged
        self._seen(outcome.seen, key, choice_id, outcome.rolls, div)
        result = self.result
        if outcome.stuck is not None:
            if not self.proof and all(lock.node != outcome.stuck.node for lock in result.softlocks):
                path, rolls = self._witness(key, choice_id, outcome.rolls)
                result.softlocks.append(SoftLock(outcome.stuck.node, str(outcome.stuck), path, _seed(rolls)))
            return None
        after = outcome.runner
        if after.state.ending is not None:
            self._see("ending", after.state.ending, key, choice_id, outcome.rolls, div)
            return None
        new = self._key(after)
        if new in self.parents:
            if div or new not in self.diverged:
                return None
            self.diverged.discard(new)  # reached again in a way play can follow: it replaces the other
        elif div:
            self.diverged.add(new)
        if key is None:
            self.parents[new] = None
            self.first_rolls[new] = outcome.rolls
        else:
            self.parents[new] = (key, choice_id, outcome.rolls)
        return new, after, div

    def _expand(self, key, runner, div: bool) -> list:
        """Every choice of the menu at `key`, played: the new states to search, [(key, runner, diverged)]."""
        out = []
        result, play = self.result, self.play
        result.states += 1
        for index, choice in enumerate(play.available(runner)):
            self._see("choice", choice.id, key, None, (), div)
            result.moves += 1
            for outcome in play.choose(runner, index):
                entry = self._admit(outcome, key, choice.id, div)
                if entry is not None:
                    out.append(entry)
        return out

    def _stale(self, key, div: bool) -> bool:
        """A state found past an early ending that was since found again in a way play can follow."""
        return div and key not in self.diverged

    # ---- the sweep: every node's menu once, scene by scene ------------------------------------------------
    def sweep(self, budget: int) -> None:
        """Scenes in story order, each played depth-first from at most BEAM_WIDTH entry states (`_pool`).

        A node's menu is played SWEEP_REPLAYS times, and again only from a state further from every early
        ending than before, so a scene costs about one menu per node and its ways out are the safest found.
        States are not merged (no state keys to compute), so this pass is cheap per menu; it drops states,
        so it proves nothing: it reaches most of a story, and the passes after it aim at what is left.
        """
        s, result = self.search_, self.result
        order = self.story.scene_order
        position = {scene_id: i for i, scene_id in enumerate(order)}
        pending: dict = {}  # scene position -> [(key, runner, diverged)] arriving there
        for outcome in self.play.start():
            entry = self._admit(outcome, None, None, False)
            if entry is not None:
                pending.setdefault(position[entry[1].state.scene], []).append(entry)
        self._distances()  # for `_pool`: the endings' `when` and the questions still open
        spent = 0
        for i, scene_id in enumerate(order):
            arrivals = pending.pop(i, [])
            if not self.open or spent >= budget:
                break
            if not arrivals:
                continue
            if s.deadline is not None and time.perf_counter() > s.deadline:
                return
            if s.explorer.progress is not None:
                s.explorer.progress(result.role, s.total - len(s.open), s.total)
            pool, _ = self._pool(arrivals)
            stack = [(self._margin(runner.state), key, runner, div) for key, runner, div in reversed(pool)]
            played: dict = {}  # node id -> (menus played, the widest margin played from)
            while stack and self.open and spent < budget:
                margin, key, runner, div = stack.pop()
                node = runner.node.id
                times, widest = played.get(node, (0, -INF))
                if times >= SWEEP_REPLAYS and margin <= widest:
                    continue
                played[node] = (times + 1, max(widest, margin))
                spent += 1
                here = []
                for new, after, d in self._expand(key, runner, div):
                    j = position[after.state.scene]
                    if j == i:
                        here.append((self._margin(after.state), new, after, d))
                    else:
                        pending.setdefault(j, []).append((new, after, d))
                here.sort(key=lambda entry: entry[0])  # the safest on top: played first
                stack.extend(here)

    def dive(self, budget: int) -> None:
        """For each open ending, a narrow search from the start toward it: after each round of menus only the
        DIVE_WIDTH states nearest the ending go on (`_ending_course`). Cheap (about the story's length in
        menus, times the width, per ending), and it finds the endings a sweep for safety passes by."""
        s = self.search_
        for ending_id, course in self._ending_courses():
            if ("ending", ending_id) not in self.open:
                continue
            frontier = [entry for outcome in self.play.start()
                        if (entry := self._admit(outcome, None, None, False)) is not None]
            spent = 0
            while frontier and spent < budget and s.budget_left() > 0 and ("ending", ending_id) in self.open:
                if s.deadline is not None and time.perf_counter() > s.deadline:
                    return
                after = []
                for key, runner, div in frontier[:s.budget_left()]:
                    spent += 1
                    after += self._expand(key, runner, div)
                ranked = sorted(range(len(after)), key=lambda n: (course(after[n][1].state), n))
                frontier, places = [], set()
                for n in ranked:  # the nearest state at each place: eight copies of one state are no wider than one
                    place = after[n][1].state.node, after[n][1].state.scene
                    if place not in places and len(frontier) < DIVE_WIDTH:
                        places.add(place)
                        frontier.append(after[n])

    def _ending_courses(self) -> list:
        """[(ending id, how far a state is from ending there)] for every ending: its `when` true, the `when` of
        every ending checked before it false, and no other early ending about to stop play first."""
        fixed = self.search_.fixed
        out = []
        early = [(e.ending, e.guard.cond.tree) for e in self.play.early_endings if e.guard.cond is not None]
        before: list = []
        for ending in self.story.endings:
            goal = [(ending.guard.cond.tree, False)] if ending.guard.cond is not None else []
            goal += [(tree, True) for tree in before]
            if ending.guard.cond is not None:
                before.append(ending.guard.cond.tree)
            out.append((ending.id, goal))
        for ending_id, tree in early:
            out.append((ending_id, [(tree, False)]))
        courses = []
        for ending_id, goal in out:
            danger = [tree for other, tree in early if other != ending_id]

            def course(state, goal=goal, danger=danger) -> float:
                far = sum(_gap(tree, state, negate, fixed) for tree, negate in goal)
                for tree in danger:
                    far += max(0, DANGER_MARGIN - _gap(tree, state, False, fixed)) * DANGER_MARGIN
                return far
            courses.append((ending_id, course))
        return courses

    # ---- the first pass: scene by scene ------------------------------------------------------------------
    def beam(self, budget: int) -> None:
        """Scenes in story order, each searched best-first from at most BEAM_WIDTH entry states.

        A scene's search aims at the nearest open question inside the scene, within a share of `budget`
        in proportion to the scene's size; the states leaving it are the next scenes' candidates, of
        which `_pool` keeps a few. It drops states, so it proves nothing: it only reaches.
        """
        s, story, result = self.search_, self.story, self.result
        order = story.scene_order
        position = {scene_id: i for i, scene_id in enumerate(order)}
        pending: dict = {}  # scene position -> [(key, runner, diverged)] arriving there
        for outcome in self.play.start():
            entry = self._admit(outcome, None, None, False)
            if entry is not None:
                pending.setdefault(position[entry[1].state.scene], []).append(entry)
        sizes = [len(story.scenes[scene_id].nodes) for scene_id in order]
        total = max(1, sum(sizes))
        self._distances()
        open_at_distances = len(self.open)
        spent = 0
        counter = 0
        for i, scene_id in enumerate(order):
            arrivals = pending.pop(i, [])
            if not self.open or spent >= budget:
                break
            if not arrivals:
                continue
            if s.deadline is not None and time.perf_counter() > s.deadline:
                return
            if s.explorer.progress is not None:
                s.explorer.progress(result.role, s.total - len(s.open), s.total)
            if len(self.open) < open_at_distances * 0.9:
                self._distances()
                open_at_distances = len(self.open)
            exits = s.graph.distances(s.graph.exits.get(scene_id, set()), scene_id)
            pool, reserve = self._pool(arrivals)
            share = max(BEAM_MIN_MENUS, budget * sizes[i] // total)
            used = 0
            departed = sum(len(v) for v in pending.values())
            for _round in range(BEAM_ROUNDS):  # a scene no state got out of: again, from the states held back
                if _round and (sum(len(v) for v in pending.values()) > departed or not reserve):
                    break
                pool, reserve = (pool, reserve) if not _round else (reserve[:BEAM_WIDTH], reserve[BEAM_WIDTH:])
                used, spent, counter = self._scene(scene_id, i, pool, share, used, spent, budget, counter,
                                                   position, pending, exits)

    def _scene(self, scene_id: str, i: int, pool: list, share: int, used: int, spent: int, budget: int,
               counter: int, position: dict, pending: dict, exits: dict) -> tuple[int, int, int]:
        """One scene's search from `pool`: best-first at its open nodes, then on to its ways out."""
        aims, open_here = self._scene_aims(scene_id, exits)
        heap = []
        for key, runner, div in pool:
            counter += 1
            heap.append((self._local(runner, aims, exits), counter, key, runner, div))
        heapq.heapify(heap)
        idle = left = 0
        played: dict = {}  # (leaving, node id) -> its menus played in this scene so far, in that phase
        later: list = []  # states at a node played enough: kept for the way out
        leaving = False  # the scene's share is spent (or nothing open is in reach): on to its ways out
        while (heap or later) and self.open and spent < budget:
            if not leaving and (used >= share or not heap or heap[0][0] >= EXIT_OFFSET):
                leaving = True
                aims = {}
                heap = [(self._local(r, aims, exits), n, k, r, d) for _, n, k, r, d in heap] + later
                heapq.heapify(heap)
            elif not leaving and len(self.open) < open_here and used % 8 == 0:  # aim at what is still open
                aims, open_here = self._scene_aims(scene_id, exits)
                heap = [(self._local(r, aims, exits), n, k, r, d) for _, n, k, r, d in heap]
                heapq.heapify(heap)
            if not heap or leaving and (left >= BEAM_WIDTH or idle >= max(BEAM_EXIT_MENUS, share // 2)):
                break
            priority, _, key, runner, div = heapq.heappop(heap)
            if self._stale(key, div):
                continue
            tries = played.get((leaving, key[0]), 0)
            if tries >= (BEAM_WIDTH if leaving else BEAM_TRIES):  # played enough: wait for the way out, or go
                if not leaving:
                    counter += 1
                    later.append((EXIT_OFFSET + exits.get(key[0], EXIT_OFFSET), counter, key, runner, div))
                continue
            played[leaving, key[0]] = tries + 1
            if self._priority(runner) == INF:
                self.pruned += 1
                continue
            used += 1
            spent += 1
            idle += leaving
            for new, after, d in self._expand(key, runner, div):
                j = position[after.state.scene]
                if j == i:
                    counter += 1
                    heapq.heappush(heap, (self._local(after, aims, exits), counter, new, after, d))
                else:
                    left += leaving
                    pending.setdefault(j, []).append((new, after, d))
        return used, spent, counter

    def _scene_aims(self, scene_id: str, exits: dict) -> tuple[dict, int]:
        """Distances inside the scene to its open nodes, and how many questions are open now.

        Only nodes: a choice or a line behind a condition keeps every state at its node at distance 0,
        and the scene's share went to playing one node over and over; they are mostly seen on the way."""
        s = self.search_
        open_ = self.open
        targets = {node for question, node in s.in_scene(scene_id) if question[0] == "node" and question in open_}
        return s.graph.distances(targets, scene_id), len(open_)

    def _local(self, runner, aims: dict, exits: dict) -> float:
        """A state's place in its scene's search: choices to the nearest open node, else (after every
        state with one in reach) to the way out; an early ending a step or two away counts against it,
        most of all on the way out, where a state stopped by one carries nothing on."""
        node = runner.node.id
        room = self._margin(runner.state)
        near = aims.get(node, INF)
        if near < INF:
            return near - min(room, MARGIN_CAP) / (2 * MARGIN_CAP)
        return EXIT_OFFSET + exits.get(node, EXIT_OFFSET) * EXIT_WEIGHT - min(room, MARGIN_CAP)

    def _margin(self, state) -> float:
        """How far the nearest early ending is from firing (its `_gap`; INF when there are none)."""
        fixed = self.search_.fixed
        return min([_gap(tree, state, False, fixed) for tree in self.deaths] or [INF])

    def _pool(self, arrivals: list) -> tuple[list, list]:
        """At most BEAM_WIDTH of the states entering a scene, and the rest in the order they would be taken.

        In this order of need: for each open ending, the state nearest its `when`; then, among states an
        early ending is not about to stop (one more step could), the highest and lowest of each meter and
        each new set of flags; then the nearest to an open question, the least fragile first. Ties go to
        the state that arrived first."""
        live = [e for e in arrivals if not self._stale(e[0], e[2])]
        fixed = self.search_.fixed
        margin = [self._margin(e[1].state) for e in live]
        chosen: dict = {}

        def take(n: int) -> None:
            if len(chosen) < BEAM_WIDTH:
                chosen.setdefault(live[n][0], n)

        everyone = range(len(live))
        for tree in self.gaps + self.early_gaps:
            take(min(everyone, key=lambda n: (_gap(tree, live[n][1].state, False, fixed), n)))
        sturdy = [n for n in everyone if margin[n] > 1]
        if sturdy:
            for meter in self.story.meters:
                take(max(sturdy, key=lambda n: (live[n][1].state.meters[meter], -n)))
                take(min(sturdy, key=lambda n: (live[n][1].state.meters[meter], n)))
        flag_sets = {frozenset(live[n][1].state.flags) for n in chosen.values()}
        for n in sorted(sturdy, key=lambda n: (-min(margin[n], MARGIN_CAP), n)):
            flags = frozenset(live[n][1].state.flags)
            if flags not in flag_sets and len(flag_sets) < BEAM_WIDTH // 4:
                flag_sets.add(flags)
                take(n)
        ranked = sorted(everyone, key=lambda n: (-min(margin[n], MARGIN_CAP), self._priority(live[n][1]), n))
        for n in ranked:
            take(n)
        picked = set(chosen.values())
        return [live[n] for n in chosen.values()], [live[n] for n in ranked if n not in picked]

    # ---- the search -------------------------------------------------------------------------------------
    def search(self, budget: int) -> None:
        s, result, play = self.search_, self.result, self.play
        open_ = self.open
        heap = []
        counter = 0
        for outcome in play.start():
            entry = self._admit(outcome, None, None, False)
            if entry is not None:
                counter += 1
                heap.append((0, 0, counter, *entry))
        if not heap:
            self.exhausted = True
            return
        self._distances()
        heap = [(self._priority(r), depth, n, k, r, d) for _, depth, n, k, r, d in heap]
        heapq.heapify(heap)
        expanded = 0
        open_at_distances = len(open_)
        progress = s.explorer.progress
        last_open, last_change = len(open_), 0
        while open_ and heap:
            if len(open_) != last_open:
                last_open, last_change = len(open_), expanded
            elif not self.proof and expanded - last_change > max(PATIENCE, last_change // 4):
                result.limit_reason = f"no question was decided in the last {expanded - last_change} choice menus"
                return
            if expanded >= budget:
                result.limit_reason = f"stopped at the limit of {s.explorer.max_states:,} choice menus"
                return
            if expanded % 128 == 127:
                if s.deadline is not None and time.perf_counter() > s.deadline:
                    result.limit_reason = f"stopped at the time limit of {s.explorer.max_seconds:g} s"
                    return
                if progress is not None:
                    progress(result.role, s.total - len(s.open), s.total)
            if len(open_) < open_at_distances * 0.9:
                self._distances()
                open_at_distances = len(open_)
                heap = [(self._priority(r) + depth * DEPTH_WEIGHT, depth, n, k, r, d)
                        for _, depth, n, k, r, d in heap]
                heapq.heapify(heap)
            _, depth, _, key, runner, div = heapq.heappop(heap)
            if self._stale(key, div):
                continue
            if self._priority(runner) == INF:  # no open question can be reached from here
                self.pruned += 1
                continue
            expanded += 1
            for new, after, d in self._expand(key, runner, div):
                counter += 1
                heapq.heappush(heap, (self._priority(after) + (depth + 1) * DEPTH_WEIGHT, depth + 1, counter,
                                      new, after, d))
        self.exhausted = not heap
        if self.exhausted and not self.proof:
            result.limit_reason = ""

    def finish(self) -> dict:
        """Where things were seen: (kind, id) -> (path of choice ids, chance(N) rolls on the way).

        In the first pass, they are the role's reached items. Paths share their beginnings (`ChoicePath`)."""
        links: dict = {None: (None, 0)}  # state key -> (its path's link, length)
        trails: dict = {}  # state key -> the chance(N) rolls on its path (stories with chance(N) only)
        out = {}
        for (kind, item), (key, choice, rolls) in self.seen_at.items():
            link, length = self._link(key, links)
            if choice is not None:
                link, length = (link, choice), length + 1
            taken = ()
            if self.play.chancy:
                if key not in trails:
                    trails[key] = self._trail(key)[1] if key is not None else ()
                taken = trails[key]
            out[kind, item] = (ChoicePath(link, length), taken + tuple(rolls))
        if not self.proof:
            for (kind, item), (path, rolls) in out.items():
                if item in self.result.reached[kind]:  # an earlier pass found it first
                    continue
                self.result.reached[kind][item] = path
                if rolls:
                    self.result.rolls[kind, item] = rolls
            self.result.chance_cut |= self.play.cut
        return out

    def _link(self, key, links: dict) -> tuple:
        """(link, length) of the path to the menu `key`, built on the nearest ancestor already linked."""
        chain = []
        for _ in range(len(self.parents) + 1):  # bounded: each step goes one parent up
            if key in links:
                break
            parent = self.parents.get(key)
            if parent is None:  # a first menu
                links[key] = (None, 0)
                break
            chain.append((key, parent[1]))
            key = parent[0]
        link, length = links[key]
        for below, choice in reversed(chain):
            link, length = (link, choice), length + 1
            links[below] = (link, length)
        return link, length


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


class _Graph:
    """The story graph for one role, as far as the bounds allow, with the story's end as END.

    Distances count choices (a goto, a branch or a scene end costs none), so that they never
    exceed the choices play needs: the graph allows more than play does.
    """

    END = "<end>"

    def __init__(self, story: Story, role: str, bounds: Bounds):
        self.back: dict = {}  # node -> [(previous node, choices it costs)]
        self.owner: dict = {}  # line or choice id -> full node id
        self.exits: dict = {}  # scene id -> its nodes with a way out of the scene
        order = story.scene_order
        position = {scene_id: i for i, scene_id in enumerate(order)}
        guards = story.scene_guards
        for node in story.all_nodes():
            for line in node.lines:
                self.owner[line.id] = node.id
            for choice in node.choices:
                self.owner[choice.id] = node.id
                for line in getattr(choice, "lines", ()):
                    self.owner[line.id] = node.id
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

    def distances(self, targets: set, scene: str | None = None) -> dict:
        """Choices from each node to the nearest target: breadth-first backwards, zero-cost steps first.

        With `scene`, only paths inside that scene count (a scene's own search)."""
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
                if d < dist.get(prev, INF):
                    dist[prev] = d
                    if cost:
                        queue.append(prev)
                    else:
                        queue.appendleft(prev)
        return dist


def _gap(tree, state, negate: bool, fixed: tuple = ((), ())) -> float:
    """How far `state` is from making a condition true (0 when it is): false flags count 1, meters their distance.

    `fixed` is (flags that once on stay on, flags that once off stay off): a flag that can never
    change to what the condition needs makes it INF (no way there).
    """
    kind = tree[0]
    if kind == "not":
        return _gap(tree[1], state, not negate, fixed)
    if kind in ("and", "or"):
        a, b = _gap(tree[1], state, negate, fixed), _gap(tree[2], state, negate, fixed)
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
            op = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}[op]
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


def _fixed_flags(story: Story) -> tuple[frozenset, frozenset]:
    """(flags no effect or reset ever turns off, flags no effect or reset ever turns on)."""
    cleared, set_ = set(), set()
    for node in story.all_nodes():
        for effects in [node.effects] + [c.effects for c in node.choices] + \
                [a.effects for c in node.choices for a in c.adjust]:
            set_.update(effects.set_flags)
            cleared.update(effects.clear_flags)
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


def _seed(rolls: tuple) -> int:
    """The seed for a soft-lock's rolls (-1: none found, the path does not replay as found)."""
    seed = find_seed(rolls)
    return -1 if seed is None else seed


def _seeds(result: RoleResult) -> None:
    """A seed for every path through chance(N) rolls, so that `tether play --seed` replays it; none found: undecided."""
    found: dict = {}
    for (kind, item), rolls in result.rolls.items():
        if item not in result.reached[kind]:
            continue
        wanted = frozenset((key, value) for key, _percent, value in rolls)
        if wanted not in found:
            found[wanted] = find_seed(rolls)
        seed = found[wanted]
        if seed is None:
            result.disputed[kind, item] = (f"its path needs {len(wanted)} chance(N) rolls to come out one way; "
                                           f"no seed below {MAX_SEED_TRIES:,} does that")
        elif seed:
            result.seeds[kind, item] = seed


def _verify(story: Story, result: RoleResult) -> None:
    """Play each ending's and each soft-lock's path through the real runner; what it does not confirm is disputed."""
    for ending, path in result.endings.items():
        if ("ending", ending) in result.disputed:
            continue
        try:
            runner = replay(story, result.role, path, result.seeds.get(("ending", ending), 0))
        except (RunnerError, StoryRuntimeError) as exc:
            result.disputed["ending", ending] = str(exc)
            continue
        if runner.state.ending != ending:
            result.disputed["ending", ending] = f"the path ends in {runner.state.ending or 'no ending'}"
    for lock in result.softlocks:
        if lock.seed < 0:
            result.disputed["node", lock.node] = f"no seed below {MAX_SEED_TRIES:,} gives the rolls of its path"
            continue
        try:
            replay(story, result.role, lock.path, lock.seed)
        except StoryRuntimeError:
            continue
        except RunnerError as exc:
            result.disputed["node", lock.node] = str(exc)
            continue
        result.disputed["node", lock.node] = "the soft-lock path plays on"


def explore(story: Story, role: str | None = None, max_states: int = DEFAULT_MAX_STATES,
            max_seconds: float = DEFAULT_MAX_SECONDS, questions: str = "all",
            progress: Callable | None = None) -> Exploration:
    return Explorer(story, max_states, max_seconds, questions, progress).run(role)


def replay(story: Story, role: str, path, seed: int = 0) -> StoryRunner:
    """Play a choice path (full ids, local ids or 1-based numbers) the way `play --seed --choices` does."""
    runner = StoryRunner.new(story, role, render=False, seed=seed)
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
