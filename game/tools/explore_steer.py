"""The explorer's steer toward the nodes the scene-by-scene search left open (a mixin of `explore._Pass`).

What the sweep, the aim and the scene-by-scene search leave open is mostly behind a way in whose condition
no state entering the scene meets: a flag off that every such state has on, a meter lower than any of them
has, two meters near an early ending at once. Only play in the scenes before can give that state. So for
each scene with open nodes, a narrow search (STEER_WIDTH states after each round of menus, one at each
place, as the dive toward an ending) starts from the states carried into the scene STEER_BACK scenes
earlier: before the scene a state's rank is how far it is from meeting the nearest of the conditions
where the ways into the scene's open nodes leave (`gap`: meter points and flags), inside it the same
(`gap_with_visits`, visit counts as play has them) plus a little for the choices to that way's node. A steer stops
at STEER_MENUS menus, or after STEER_PATIENCE rounds that neither decided a question nor came nearer.
It only reaches (what it finds has a path), never proves.
"""

from __future__ import annotations

import time

from game.tools.explore_graph import INF, gap
from game.tools.explore_target import gap_with_visits

STEER_WIDTH = 2  # states a scene's steer keeps after each round of menus
STEER_BACK = 12  # scenes before the scene its steer starts from
STEER_MENUS = 600  # menus one scene's steer gets at most
STEER_PATIENCE = 40  # rounds in a row that decide nothing and come no nearer: the steer gives up
STEER_WALK = 100  # choices to a way's node worth one meter point of its condition


class SteerPasses:
    def _needs(self, position: dict) -> list:
        """[(scene position, [(condition, {way's node: the open nodes it leads to})])] in story order: for
        each scene, the conditions where the ways into its open nodes leave (ways from a node still open, and
        ways with no condition, aside: those are reached with the node they leave from)."""
        ways = self.search_.ways()
        groups: dict = {}
        for kind, node in sorted(self.open):
            if kind != "node":
                continue
            for before, need, _counted, _via in ways.get(node, ()):
                if need is not None and ("node", before) not in self.open:
                    i = position[node.split(".", 1)[0]]
                    groups.setdefault(i, {}).setdefault(repr(need), (need, {}))[1].setdefault(before, set()).add(node)
        return [(i, list(groups[i].values())) for i in sorted(groups)]

    def steer(self, budget: int) -> None:
        """One narrow search per scene with open nodes (`_needs`), within `budget` menus in all."""
        s, order = self.search_, self.story.scene_order
        position = {scene_id: i for i, scene_id in enumerate(order)}
        spent = 0
        for i, needs in self._needs(position):
            if spent >= budget or s.budget_left() <= 0:
                return
            if s.deadline is not None and time.perf_counter() > s.deadline:
                return
            starts = [j for j in self.entries if j <= i - STEER_BACK] or [j for j in self.entries if j <= i]
            if starts:
                spent += self._steer_scene(i, needs, self.entries[max(starts)], min(STEER_MENUS, budget - spent),
                                           position)
                if self.keeping:  # the walks back from the scene's open nodes, from the states the steer made there
                    self.follow_budget -= self.follow_scene(i, max(0, self.follow_budget))
                    self.waiting = {}

    def _steer_scene(self, i: int, needs: list, frontier: list, budget: int, position: dict) -> int:
        """The steer toward the scene at position `i` from `frontier`; the menus spent."""
        s = self.search_
        scene_id = self.story.scene_order[i]
        fixed, held = s.fixed, self._held(scene_id)
        aims = [(need, s.graph.distances({before}, scene_id), targets)
                for need, sources in needs for before, targets in sources.items()]

        def still_open() -> bool:
            return any(("node", t) in self.open for _need, _dist, targets in aims for t in targets)

        def rank(runner) -> float:
            state = runner.state
            j = position[state.scene]
            if j < i:
                return min(gap(need, state, False, fixed) for need, _sources in needs)
            best = INF
            if j == i:
                for need, dist, targets in aims:
                    d = dist.get(runner.node.id, INF)
                    if d < INF and any(("node", t) in self.open for t in targets):
                        best = min(best, d / STEER_WALK + gap_with_visits(need, state, False, held))
            return best

        frontier = [entry for entry in frontier if not self._stale(entry[0], entry[2])]
        used = idle = 0
        lowest, open_then = INF, len(self.open)
        while frontier and used < budget and s.budget_left() > 0 and still_open():
            after = []
            for key, runner, div in frontier[:min(s.budget_left(), budget - used)]:
                used += 1
                after += self._expand(key, runner, div)
            ranks = [rank(entry[1]) for entry in after]
            low = min(ranks, default=INF)
            if low < lowest or len(self.open) < open_then:
                lowest, open_then, idle = min(low, lowest), len(self.open), 0
            else:
                idle += 1
                if idle >= STEER_PATIENCE:
                    break
            frontier, places = [], set()
            for n in sorted(range(len(after)), key=lambda n: (ranks[n], n)):
                if ranks[n] == INF or len(frontier) >= STEER_WIDTH:
                    break
                place = after[n][1].state.node, after[n][1].state.scene
                if place not in places:  # the nearest state at each place: copies of one state are no wider
                    places.add(place)
                    frontier.append(after[n])
        return used
