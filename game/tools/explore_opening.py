"""The explorer's opening passes, which reach and never prove: the sweep, the dives toward open endings and
the scene-by-scene search (see explore.py for where they stand among the passes).

They are methods of the explorer's search pass (`explore._Pass` mixes them in): they use its bookkeeping
(`_expand`, `_admit`, `_priority`, `_distances`) and drop states freely, because whatever they find is
reached with a path, and what they leave open goes on to the passes that can prove.
"""

from __future__ import annotations

import heapq
import time

from game.tools.explore_graph import INF, gap
from game.tools.explore_target import AIM_KEEP

SWEEP_REPLAYS = 1  # times the sweep plays a node's menu before it plays it again only from a safer state
DIVE_WIDTH = 8  # states a dive toward one ending keeps after each round of menus
DIVE_BACK = 8  # scenes further back each dive toward an ending judged at the story's end starts
DANGER_MARGIN = 3  # a state this near an early ending that is not the one aimed at counts as that far off course
BEAM_WIDTH = 16  # entry states the first pass carries into each scene
BEAM_TRIES = 2  # menus of one node a scene's search plays before it looks elsewhere
BEAM_ROUNDS = 3  # times a scene is searched again from held-back states when no state got out of it
BEAM_EXIT_MENUS = 16  # menus a scene goes on with, once nothing open in it can be reached, to find ways out
BEAM_MIN_MENUS = 32  # menus a scene gets at least in that pass
MARGIN_CAP = 8  # meter points from an early ending beyond which a state counts as safe from it
EXIT_WEIGHT = 4  # on the way out of a scene, one choice nearer the way out is worth this many such points
EXIT_OFFSET = 1_000_000  # a scene's states with nothing open in reach come after every state with something


class OpeningPasses:
    # ---- the sweep: every node's menu once, scene by scene ------------------------------------------------
    def _starts_by_scene(self) -> tuple[dict, dict]:
        """(scene id -> its position in story order, position -> [(key, runner, diverged)] of the states play
        starts in, by the scene they wait in): where a scene-by-scene pass begins."""
        position = {scene_id: i for i, scene_id in enumerate(self.story.scene_order)}
        pending: dict = {}
        for outcome in self.play.start():
            entry = self._admit(outcome, None, None, False)
            if entry is not None:
                pending.setdefault(position[entry[1].state.scene], []).append(entry)
        return position, pending

    def _tick(self) -> bool:
        """Report progress as a scene begins; False once the time limit has passed."""
        s = self.search_
        if s.deadline is not None and time.perf_counter() > s.deadline:
            return False
        if s.explorer.progress is not None:
            s.explorer.progress(self.result.role, s.total - len(s.open), s.total)
        return True

    def sweep(self, budget: int, aim_budget: int = 0) -> None:
        """Scenes in story order, each played depth-first from at most BEAM_WIDTH entry states (`_pool`).

        A node's menu is played SWEEP_REPLAYS times, and again only from a state further from every early
        ending than before, so a scene costs about one menu per node and its ways out are the safest found.
        States are not merged (no state keys to compute), so this pass is cheap per menu; it drops states,
        so it proves nothing: it reaches most of a story, and the passes after it aim at what is left.
        After each scene, what it left open there is aimed at from the states it made in it (`_aim`), within
        `aim_budget` menus in all.
        """
        s, order = self.search_, self.story.scene_order
        position, pending = self._starts_by_scene()
        self._distances()  # for `_pool`: the endings' `when` and the questions still open
        spent = aimed = 0
        for i, scene_id in enumerate(order):
            arrivals = pending.pop(i, [])
            if not self.open or spent >= budget:
                break
            if not arrivals:
                continue
            if not self._tick():
                return
            pool, reserve = self._pool(arrivals)
            self.entries[i] = pool  # where the dives may start
            stack = [(self._margin(runner.state), key, runner, div) for key, runner, div in reversed(pool)]
            kept = pool + reserve[:AIM_KEEP]  # the states that entered the scene and those made in it, for `_aim`
            played: dict = {}  # node id -> (menus played, the widest margin played from)
            while stack and self.open and spent < budget and s.budget_left() > 0:
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
                        if len(kept) < AIM_KEEP:
                            kept.append((new, after, d))
                    else:
                        pending.setdefault(j, []).append((new, after, d))
                here.sort(key=lambda entry: entry[0])  # the safest on top: played first
                stack.extend(here)
            if self.open and aim_budget > aimed:
                aimed += self._aim(scene_id, i, kept, min(aim_budget - aimed, s.budget_left()), position, pending)

    def dive(self, budget: int) -> None:
        """For each open ending, narrow searches toward it: after each round of menus only the DIVE_WIDTH
        states nearest the ending go on (`_ending_courses`), at most one at each place.

        An ending judged when the story ends is looked for from the states the sweep carried into a late
        scene first, then from ever earlier ones (DIVE_BACK scenes further each time), the start last: the
        meters need steering only near the end, and a dive from the start spends hundreds of rounds in
        scenes that do not matter. An early ending is looked for from the start. Each ending's dives share
        `budget` menus; it finds the endings a sweep for safety passes by."""
        s = self.search_
        early = {e.ending for e in self.play.early_endings}
        last = len(self.story.scene_order) - 1
        for ending_id, course in self._ending_courses():
            spent = 0
            starts = [] if ending_id in early else sorted((i for i in self.entries if i > 0 and
                                                           (last - i) % DIVE_BACK == 0), reverse=True)
            for start in starts + [None]:
                if ("ending", ending_id) not in self.open or spent >= budget:
                    break
                if start is None:
                    frontier = [entry for outcome in self.play.start()
                                if (entry := self._admit(outcome, None, None, False)) is not None]
                else:
                    frontier = [entry for entry in self.entries[start] if not self._stale(entry[0], entry[2])]
                while frontier and spent < budget and s.budget_left() > 0 and ("ending", ending_id) in self.open:
                    if s.deadline is not None and time.perf_counter() > s.deadline:
                        return
                    after = []
                    for key, runner, div in frontier[:s.budget_left()]:
                        spent += 1
                        after += self._expand(key, runner, div)
                    ranked = sorted(range(len(after)), key=lambda n: (course(after[n][1].state), n))
                    frontier, places = [], set()
                    for n in ranked:  # the nearest state at each place: copies of one state are no wider than one
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
                far = sum(gap(tree, state, negate, fixed) for tree, negate in goal)
                for tree in danger:
                    far += max(0, DANGER_MARGIN - gap(tree, state, False, fixed)) * DANGER_MARGIN
                return far
            courses.append((ending_id, course))
        return courses

    # ---- the first pass: scene by scene ------------------------------------------------------------------
    def beam(self, budget: int, sweep=None) -> None:
        """Scenes in story order, each searched best-first from at most BEAM_WIDTH entry states.

        A scene's search aims at the nearest open question inside the scene, within a share of `budget`
        in proportion to the scene's size; the states leaving it are the next scenes' candidates, of
        which `_pool` keeps a few. It drops states, so it proves nothing: it only reaches. When no state got
        into a scene the `sweep` pass entered, its entry states are played again here (`_rejoin`): a scene
        none of whose searched states got out no longer ends the pass.
        """
        s, story = self.search_, self.story
        order = story.scene_order
        position, pending = self._starts_by_scene()
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
            if not arrivals and sweep is not None and not any(pending.values()):
                arrivals = self._rejoin(sweep, i)
            if not arrivals:
                continue
            if not self._tick():
                return
            if len(self.open) < open_at_distances * 0.9:
                self._distances()
                open_at_distances = len(self.open)
            exits = s.graph.distances(s.graph.exits.get(scene_id, set()), scene_id)
            pool, reserve = self._pool(arrivals)
            self.entries[i] = pool  # where the steer toward a need may start
            share = max(BEAM_MIN_MENUS, budget * sizes[i] // total)
            used = 0
            departed = sum(len(v) for v in pending.values())
            for _round in range(BEAM_ROUNDS):  # a scene no state got out of: again, from the states held back
                if _round and (sum(len(v) for v in pending.values()) > departed or not reserve):
                    break
                pool, reserve = (pool, reserve) if not _round else (reserve[:BEAM_WIDTH], reserve[BEAM_WIDTH:])
                used, spent, counter = self._scene(scene_id, i, pool, share, used, spent, budget, counter,
                                                   position, pending, exits)
            if self.keeping and self.open:  # the walk back from what is open here, while its states are at hand
                self.follow_budget -= self.follow_scene(i, max(0, self.follow_budget))

    def _rejoin(self, sweep, i: int) -> list:
        """The states `sweep` carried into the scene at position `i`, taken into this pass ([(key, runner,
        diverged)]), each a first menu whose path is the sweep's (`roots`); none for a story with chance(N)."""
        if self.play.chancy:
            return []
        out, links = [], {None: (None, 0)}
        for key, runner, div in sweep.entries.get(i, ()):
            new = self._key(runner)
            if new not in self.parents:
                self.parents[new] = None
                self.roots[new] = sweep._link(key, links)
            out.append((new, runner, div))
        return out

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
        return min([gap(tree, state, False, fixed) for tree in self.deaths] or [INF])

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
            take(min(everyone, key=lambda n: (gap(tree, live[n][1].state, False, fixed), n)))
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
