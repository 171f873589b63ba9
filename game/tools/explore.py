"""Decide, per role, whether play can reach each ending, node, choice and line.

Every question gets one of three answers:

- **reached**, with the shortest path of choice ids the search found
  (`tether play --text --choices ...` replays it);
- **unreachable**, proved: the interval bounds (`bounds`) rule it out, or
  the search went through every state that could still lead to it;
- **undecided**, with the reason (the search stopped at its limit first).

How (see docs/performance.md for the figures):

1. The interval bounds, computed once per role, say what may be reachable at
   all: only those items are questions; the rest are proved unreachable. Of the questions, those
   whose every way in needs a visit count play cannot have there (`explore_ways`) are proved
   unreachable too, before any play.
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
   and a sweep reaches most of a story in about one menu per node. Right after each scene, an aim
   (`explore_target`) at the nodes the sweep left open there: from every state it made in the scene, a
   few menus per node toward the ways into it (choices to them plus what their condition still misses).
   Then, for each ending still
   open, a dive (`_Pass.dive`): a narrow search from the start that keeps, after each round of
   menus, the few states nearest that ending's `when` (and the `when` of each ending checked
   before it false). Then scene by scene again (`_Pass.beam`), aiming at what is open: each scene is searched
   from a few entry states (BEAM_WIDTH: for each open ending the one nearest its `when`, the
   extremes of each meter, new sets of flags), aiming at the scene's open nodes, and the states
   leaving it are the next scene's candidates. Its work grows with the number of scenes, not
   with the states of the whole story; it drops states, so it only reaches, never proves. Where none
   of its states got into a scene, it goes on from the states the sweep carried in.
   Right after each scene, the walk back from each node still open in it (`explore_follow`, `explore_back`):
   the node is unreachable when every path back inside its scene dies on what the conditions and effects
   on the way need; else a state the scene's search made on a path back that meets what the path needs
   there plays that path forward.
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

import gc
import heapq
import time
from contextlib import contextmanager
from typing import Callable

from game.engine.model import Story
from game.engine.runner import RunnerError, StoryRunner, StoryRuntimeError
from game.tools.analysis import roles_of, trapped_nodes
from game.tools.bounds import Bounds
from game.tools.explore_entry import EntryPasses
from game.tools.explore_follow import FollowPasses
from game.tools.explore_graph import INF, ChoicePath, Graph, fixed_flags, gap
from game.tools.explore_opening import BEAM_MIN_MENUS, BEAM_WIDTH, OpeningPasses
from game.tools.explore_parallel import RoleChildren, can_fork, start_roles, worth_it
from game.tools.explore_steer import SteerPasses
from game.tools.explore_target import TargetedPasses
from game.tools.explore_ways import WaysProof, counts, ways_in
from game.tools.explore_results import KINDS, Exploration, RoleResult, SoftLock
from game.tools.liveness import Liveness, reads
from game.tools.stepper import MAX_SEED_TRIES, Stepper, find_seed

DEFAULT_MAX_STATES = 50_000  # choice menus expanded per role
DEFAULT_MAX_SECONDS = 30.0  # per role
DEPTH_WEIGHT = 0.0  # choices already made do not count against a state (ties go to the shallower one): with
# 0.25 the search kept widening near the start, and on the story with the cottage laptop scene no ending
# was reached in 6,685 menus; greedy, all seven are reached in 1,682 (paths are then not always the shortest)
FRUITLESS_PROOFS = 2  # proof passes in a row that run out of menus and decide nothing: the others are not tried
MAX_PROOF_PASSES = 8  # proof passes at most: groups of open questions by what they read, the smallest merged
PROGRESS_EVERY = 256  # choice menus between two reports to `progress` (a few hundredths of a second)
PATIENCE = 64  # menus the first pass goes on without deciding a question (at least; a quarter more as it grows)
SWEEP_SHARE = 0.6  # of the menu limit, at most, for the sweep that opens every role's search
AIM_SHARE = 0.25  # of the menu limit, at most, for the sweep's aim at the nodes it left open, scene by scene
STEER_SHARE = 0.4  # of the menu limit, at most, for the steer toward the scenes' open nodes (`explore_steer`)
FOLLOW_SHARE = 0.1  # of the menu limit, at most, for playing forward the paths back from open nodes (in the
# scene-by-scene search, `explore_follow`)
STEER_SPARE = 0.05  # of the menu limit, left after the steer for the proof passes
DIVE_SHARE = 0.2  # of the menu limit, at most, for each open ending's dive: at 0.1, lint's 15,000 menus left
# `drifting_apart` of the synthetic story (closeness 1-3 after 100 scenes) undecided for both roles; at 0.2 all seven
# are decided, in 3 % more menus, with the same answers otherwise (at explore's 50,000 nothing changes)
BEAM_SHARE = 0.5  # of the menu limit, for the first pass's scene-by-scene search
BEAM_SPARE = 0.4  # of the menu limit, left after the scene-by-scene search (it takes only what is beyond): with
# lint's 15,000 menus on the synthetic story it took 1,800-3,800 menus at four times a sweep menu's cost for
# 42-56 nodes, where the aim reaches 60-90 for the same; with more menus, it reaches hundreds more


class Explorer:
    """Decides the questions of one story, role by role.

    `questions` is "all" (every ending, node, choice and line) or "endings"
    (the linter's: endings only; nodes, choices and lines are then answered
    from the bounds alone, unreachable or undecided). `progress(role, decided,
    total)` is called now and then while a role is searched.
    """

    def __init__(self, story: Story, max_states: int = DEFAULT_MAX_STATES, max_seconds: float = DEFAULT_MAX_SECONDS,
                 questions: str = "all", progress: Callable | None = None, parallel: bool | None = None):
        """`parallel`: explore the roles side by side, one child process each (explore_parallel); None: when
        the platform forks, two cores are free and the story is large enough to pay for it."""
        self.story = story
        self.max_states = max(1, max_states)
        self.max_seconds = max_seconds
        self.questions = questions
        self.progress = progress
        self.parallel = parallel

    def run(self, role: str | None = None) -> Exploration:
        return self.start(role).result()

    def start(self, role: str | None = None) -> PendingExploration:
        """The exploration begun: side by side, the roles' child processes run while the caller goes on, and
        `result()` waits for them; one after the other, `result()` does all the work."""
        roles = roles_of(self.story, role)
        children = None
        with collector_paused():  # a child process inherits the pause
            apart = worth_it(self.story, roles) if self.parallel is None else self.parallel and len(roles) >= 2
            if apart and can_fork():
                children = start_roles(self, roles)
        return PendingExploration(self, roles, children)

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


@contextmanager
def collector_paused():
    """The cyclic collector paused while the explorer works. The search keeps hundreds of thousands of objects
    alive until a role is done (the runners waiting to be expanded, the links to their parents, the paths); the
    collector walked them 13 times on the 10,000-node story (1.2 s of 9 s CPU) and freed nothing: the search makes
    no reference cycles (tests/tools/test_explore_gc.py), so reference counting frees all of it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class PendingExploration:
    """An exploration begun by `Explorer.start`: `result()` gives its answers (once worked out, kept)."""

    def __init__(self, explorer: Explorer, roles: list, children: RoleChildren | None):
        self.explorer = explorer
        self.roles = roles
        self.children = children
        self.side_by_side = children is not None  # the roles run in child processes, one each
        self.done: Exploration | None = None

    def result(self) -> Exploration:
        if self.done is None:
            explorer = self.explorer
            with collector_paused():
                results = self.children.results() if self.children is not None else None
                self.children = None
                if results is None:
                    results = {r: explorer.explore_role(r) for r in self.roles}
            self.done = Exploration(explorer.story, results)
        return self.done

    def cancel(self) -> None:
        """The answers are not wanted after all: stop the child processes, if any."""
        if self.children is not None:
            self.children.close()
            self.children = None


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
        self.graph = Graph(self.story, role, result.bounds)
        self.fixed = fixed_flags(self.story)
        self._in_scene: dict | None = None
        self.ways_in: dict | None = None  # node -> the ways into it (`ways`)

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
        self._rule_out()
        stepper = Stepper(self.story, self.role)
        sweep = _Pass(self, stepper, self.live, self.open, proof=False, cheap_keys=True)
        sweep.sweep(int(self.explorer.max_states * SWEEP_SHARE), int(self.explorer.max_states * AIM_SHARE))
        sweep.dive(max(BEAM_MIN_MENUS, int(self.explorer.max_states * DIVE_SHARE)))  # each within what is left
        sweep.finish()
        if self.open:
            beam = _Pass(self, stepper, self.live, self.open, proof=False)
            beam.keeping = self.explorer.questions == "all" and not stepper.chancy  # states for `follow_scene`
            beam.follow_budget = int(self.explorer.max_states * FOLLOW_SHARE)
            spare = int(self.explorer.max_states * BEAM_SPARE)
            beam.beam(min(int(self.explorer.max_states * BEAM_SHARE), self.budget_left() - spare), sweep)
            beam.waiting = {}
            if self.open:  # from the states the scene-by-scene search carried into scenes before: its dedup holds
                beam.steer(min(int(self.explorer.max_states * STEER_SHARE),
                               self.budget_left() - int(self.explorer.max_states * STEER_SPARE)))
            beam.keeping, beam.waiting = False, {}
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

    def ways(self) -> dict:
        """Node -> the ways into it (`explore_ways.ways_in`), worked out once per role."""
        if self.ways_in is None:
            self.ways_in = ways_in(self.story, self.result.bounds)
        return self.ways_in

    def _rule_out(self) -> None:
        """Before any play: the open questions the ways into them rule out (`explore_ways`) are unreachable.

        A node none of whose ways in can be taken; with it, its choices and lines; and a choice or a line
        shown on entering its node whose `if` reads a visit count and is false wherever play can stand there
        (the bounds judged every other `if` on the same box)."""
        open_, story = self.open, self.story
        proof = WaysProof(story, self.role, self.result.bounds, self.ways())
        dead = proof.nodes(item for kind, item in open_ if kind == "node")
        out = {("node", node) for node in dead}
        boxes = self.result.bounds.boxes
        for node in story.all_nodes():
            if node.id not in boxes:
                continue
            gone = node.id in dead
            for kind, parts in (("line", node.lines), ("choice", node.choices)):
                for part in parts:
                    if (kind, part.id) not in open_:
                        continue
                    if gone or counts(part.guard.cond) and proof.value(part.guard.cond.tree, node.id) is False:
                        out.add((kind, part.id))
            if gone:
                out.update(("line", line.id) for choice in node.choices for line in choice.lines
                           if ("line", line.id) in open_)
        self.result.proved |= out
        self.result.ruled_out |= out
        open_ -= out

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


class _Pass(OpeningPasses, TargetedPasses, SteerPasses, EntryPasses, FollowPasses):
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
        self.roots: dict = {}  # first menu taken from another pass -> (link, length) of its path there
        self.seen_at: dict = {}  # (kind, id) -> (state key, choice id or None, rolls of that step): where first seen
        self.exhausted = False
        self.pruned = 0
        self.dist: dict = {}
        self.dist_end: dict = {}
        self.gaps: list = []
        self.entries: dict = {}  # scene position -> the states the sweep carried into that scene
        self.waiting: dict = {}  # node -> states kept waiting at its menu (`explore_follow`)
        self.keeping = False  # whether `_expand` keeps them
        self.follow_budget = 0  # menus left for `follow_scene`
        self.walker = None  # its walks back (`explore_back`), made on first use
        self.walks: dict = {}  # scene position -> what the walks back from its open nodes need where (`follow_scene`)
        self.entering: dict = {}  # scene position -> the walks' needs on entering it, with their paths (`follow_scene`)
        self.entry_cache: dict = {}  # scene position -> those needs as the steer ranks toward them (`explore_entry`)
        self.scene_flags = None  # per scene position, (flags something in it turns on, off) (`explore_entry`)
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
        root = tuple(ChoicePath(*self.roots[key])) if key in self.roots else ()
        return root + tuple(reversed(out)), tuple(reversed(rolls))

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
        self.dist_end = graph.distances({Graph.END}) if end else {}
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
                    best = min(best, to_end + gap(tree, state, False, fixed))
        for tree in self.early_gaps:
            if best > 0:
                best = min(best, gap(tree, state, False, fixed))
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
        if result.states % PROGRESS_EVERY == 0 and self.search_.explorer.progress is not None:
            self.search_.explorer.progress(result.role, self.search_.total - len(self.search_.open), self.search_.total)
        for index, choice in enumerate(play.available(runner)):
            self._see("choice", choice.id, key, None, (), div)
            result.moves += 1
            for outcome in play.choose(runner, index):
                entry = self._admit(outcome, key, choice.id, div)
                if entry is not None:
                    out.append(entry)
                    if self.keeping:
                        self.keep(*entry)
        return out

    def _stale(self, key, div: bool) -> bool:
        """A state found past an early ending that was since found again in a way play can follow."""
        return div and key not in self.diverged

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

        In the first pass, they are the role's reached items. Paths share their beginnings (`ChoicePath`).
        A pass that is not a proof gives (and works out paths for) only what no earlier pass reached."""
        links: dict = {None: (None, 0)}  # state key -> (its path's link, length)
        trails: dict = {}  # state key -> the chance(N) rolls on its path (stories with chance(N) only)
        out = {}
        reached = None if self.proof else self.result.reached
        for (kind, item), (key, choice, rolls) in self.seen_at.items():
            if reached is not None and item in reached[kind]:  # an earlier pass found it first
                continue
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
                links[key] = self.roots.get(key, (None, 0))
                break
            chain.append((key, parent[1]))
            key = parent[0]
        link, length = links[key]
        for below, choice in reversed(chain):
            link, length = (link, choice), length + 1
            links[below] = (link, length)
        return link, length


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
            runner = replay(story, result.role, path, result.seeds.get(("ending", ending), 0), record=False)
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
            replay(story, result.role, lock.path, lock.seed, record=False)
        except StoryRuntimeError:
            continue
        except RunnerError as exc:
            result.disputed["node", lock.node] = str(exc)
            continue
        result.disputed["node", lock.node] = "the soft-lock path plays on"


def explore(story: Story, role: str | None = None, max_states: int = DEFAULT_MAX_STATES,
            max_seconds: float = DEFAULT_MAX_SECONDS, questions: str = "all",
            progress: Callable | None = None, parallel: bool | None = None) -> Exploration:
    return Explorer(story, max_states, max_seconds, questions, progress, parallel).run(role)


def replay(story: Story, role: str, path, seed: int = 0, record: bool = True) -> StoryRunner:
    """Play a choice path (full ids, local ids or 1-based numbers) the way `play --seed --choices` does.

    `record=False` keeps no undo history or move records on the way (a check of where the path leads)."""
    runner = StoryRunner.new(story, role, render=False, seed=seed, record=record)
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


__all__ = ["BEAM_WIDTH", "DEFAULT_MAX_SECONDS", "DEFAULT_MAX_STATES", "KINDS", "ChoicePath", "Exploration", "Explorer",
           "PendingExploration", "RoleResult", "SoftLock", "explore", "replay"]
