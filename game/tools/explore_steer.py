"""The explorer's steer toward the nodes the scene-by-scene search left open (a mixin of `explore._Pass`).

What the sweep, the aim and the scene-by-scene search leave open is mostly behind a way in whose condition
no state entering the scene meets: a flag off that every such state has on, a meter lower than any of them
has, two meters near an early ending at once. Only play in the scenes before can give that state. So for
each scene with open nodes, a narrow search (STEER_WIDTH states after each round of menus, one at each
place, as the dive toward an ending) starts from the states carried into the scene STEER_BACK scenes
earlier: before the scene a state's rank is how far it is from meeting the nearest of the needs on entering
the scene that the walks back from its open nodes found (`explore_entry`; where there are none, the
conditions where the ways into the scene's open nodes leave, `gap`: meter points and flags), plus a little
for the choices from its node to the scene (without that, a state that met a need before the scene came no
nearer as it went on, and the steer gave up on the way); inside it the conditions (`gap_with_visits`, visit
counts as play has them) plus a little for the choices to that way's node. A state it brings into the scene
is met against the walks' needs there at once, and plays the path back forward where it meets one. A steer
stops at STEER_MENUS menus, or after STEER_PATIENCE rounds that neither decided a question nor came nearer.
It only reaches (what it finds has a path), never proves.
"""

from __future__ import annotations

import time

from game.tools.explore_entry import entry_gap
from game.tools.explore_graph import INF, gap
from game.tools.explore_target import gap_with_visits

STEER_WIDTH = 2  # states a scene's steer keeps after each round of menus
STEER_BACK = 9  # scenes before the scene its steer starts from
STEER_MENUS = 600  # menus one scene's steer gets at most
STEER_PATIENCE = 80  # rounds in a row that decide nothing and come no nearer: the steer gives up
STEER_TOWARD = True  # also without needs on entering: choices to the scene count in the rank before it
STEER_ENTRY = True  # rank the states before a scene by the walks' needs on entering it (`explore_entry`)
STEER_AWAY = 1000  # added to the rank of a state before the scene that can meet no need on entering it
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
                entering = self.entry_targets(i) if self.keeping and STEER_ENTRY else []
                spent += self._steer_scene(i, needs, self.entries[max(starts)], min(STEER_MENUS, budget - spent),
                                           position, entering)
                if self.keeping:  # the walks back from the scene's open nodes, from the states the steer made there
                    self.follow_budget -= self.follow_scene(i, max(0, self.follow_budget))
                    self.waiting = {}

    def _steer_scene(self, i: int, needs: list, frontier: list, budget: int, position: dict,
                     entering: list = ()) -> int:
        """The steer toward the scene at position `i` from `frontier`; the menus spent. With `entering` (the needs
        on entering the scene, `explore_entry`), a state before the scene is ranked by how far it is from them,
        and a state the steer brings into the scene is met against the walks' needs at once."""
        s = self.search_
        scene_id = self.story.scene_order[i]
        fixed, held = s.fixed, self._held(scene_id)
        change = self.changeable(i) if entering else {}
        walks = dict(self.walks.get(i, {})) if entering else {}
        if entering:  # on the scene's first node, every need on entering it (more than the walks keep per node)
            first = f"{scene_id}.{self.story.scenes[scene_id].starts[s.role]}"
            walks[first] = list(walks.get(first, ())) + self.entering.get(i, [])
        to_entry = s.graph.distances({f"{scene_id}.{self.story.scenes[scene_id].starts[s.role]}"}) \
            if entering or STEER_TOWARD else {}  # choices to the scene: a state nearer it is further on
        aims = [(need, s.graph.distances({before}, scene_id), targets)
                for need, sources in needs for before, targets in sources.items()]

        def still_open() -> bool:
            return any(("node", t) in self.open for _need, _dist, targets in aims for t in targets)

        def rank(runner) -> float:
            state = runner.state
            j = position[state.scene]
            if j < i:
                if entering:
                    best = min((entry_gap(need, state, change[j]) for need, target in entering
                                if ("node", target) in self.open), default=INF)
                    if best < INF:
                        return best + to_entry.get(runner.node.id, INF) / STEER_WALK
                    return STEER_AWAY + min(gap(need, state, False, fixed) for need, _sources in needs)
                best = min(gap(need, state, False, fixed) for need, _sources in needs)
                return best + to_entry.get(runner.node.id, INF) / STEER_WALK if STEER_TOWARD else best
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
                found = self._expand(key, runner, div)
                after += found
                for entry in found if walks else ():  # into the scene: play forward the paths back it meets
                    if position[entry[1].state.scene] == i and used < budget:
                        used += self._meet(entry, walks.get(entry[1].node.id, ()))
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
