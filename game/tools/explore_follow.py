"""The explorer's walk back from each open node, and its way there from the states at hand (a mixin of
`explore._Pass`).

What the passes before leave open is mostly behind a chain of conditions inside its scene: a meter in a
narrow range some choices back, a flag off, a node left unvisited, each moved by the effects on the way.
A search forward meets such a chain by luck, and a steer toward the conditions where the ways in leave
(`explore_steer`) misses what the effects between there and the states it starts from change. Backwards
it is plain (`explore_back.BackProof.walk`): each step back from an open node says what must hold on
entering the node before it on that path, down to the scene's first node. So, scene by scene, the walk
back from each open node (FOLLOW_STEPS steps), right after the scene-by-scene search has played the scene,
while the states it made there are at hand (they are let go after: kept to the end, the states of a
10,000-node story took over a gigabyte, most of it their visit counts):
1. proves the node unreachable when every path back dies (and with it its choices and lines);
2. else gives needs at the nodes of the paths back, and a state the scene-by-scene search left waiting at
   one of those nodes' menus (FOLLOW_KEEP per node) that meets one plays that path's choices forward with
   the real runner; so, later, does a state the steer (`explore_steer`) made in the scene. Where the walk's picture of play is coarser
   than play (a part of a condition it does not follow), the choice is not on offer or play goes
   elsewhere, and the next need is tried. What it reaches has a path that replays.
"""

from __future__ import annotations

import time

from game.tools.explore_back import BackProof, holds
from game.tools.explore_entry import ENTRY_NEEDS

FOLLOW_KEEP = 16  # states kept waiting at each node's menu for the walk back to meet
FOLLOW_STEPS = 50  # steps back per open node
FOLLOW_NEEDS = 16  # needs kept per node of the paths back, to meet the states there


class FollowPasses:
    def keep(self, key, runner, div: bool) -> None:
        """Note a state waiting at a menu, for `follow` (at most FOLLOW_KEEP per node)."""
        at = self.waiting.setdefault(runner.node.id, [])
        if len(at) < FOLLOW_KEEP:
            at.append((key, runner, div))

    def follow_scene(self, i: int, budget: int) -> int:
        """The walk back from each open node of the scene at position `i` (once per scene): proved unreachable
        where every path back dies, else reached along a path back from a state waiting at hand, within
        `budget` menus. The states waiting in the scene are let go after. The menus spent."""
        s = self.search_
        scene_id = self.story.scene_order[i]
        prefix = scene_id + "."
        targets = [node for kind, node in sorted(self.open) if kind == "node" and node.startswith(prefix)]
        for entry in self.entries.get(i, ()):  # the states the scene was entered with
            self.keep(*entry)
        spent = 0
        if targets and not self.play.chancy:  # (a path's rolls are not followed)
            at = self.walks_of(i, targets)
            for node, needs in at.items():
                if not any(("node", target) in self.open for _need, _path, target in needs):
                    continue
                for entry in self.waiting.get(node, ()):
                    if spent >= budget or s.budget_left() <= 0:
                        break
                    spent += self._meet(entry, needs)
        for node in [node for node in self.waiting if node.startswith(prefix)]:
            del self.waiting[node]
        return spent

    def walks_of(self, i: int, targets: list | None = None) -> dict:
        """The walks back from the open nodes of the scene at position `i` (`_walk_back`), worked out once."""
        at = self.walks.get(i)
        if at is not None:
            return at
        if self.play.chancy:
            return {}
        s = self.search_
        if targets is None:
            prefix = self.story.scene_order[i] + "."
            targets = [node for kind, node in sorted(self.open) if kind == "node" and node.startswith(prefix)]
        if self.walker is None:
            dead = {item for kind, item in self.result.proved if kind == "node"}
            self.walker = BackProof(self.story, s.role, self.result.bounds, s.ways(), dead, steps=FOLLOW_STEPS)
        self.walks[i] = at = self._walk_back(targets, i)
        return at

    def _walk_back(self, targets: list, i: int | None = None) -> dict:
        """The walks back from the targets: node -> [(need on entering it, the way forward, the open node it
        leads to)]; a target every path back from which dies is proved unreachable."""
        walker = self.walker
        at: dict = {}
        for target in targets:
            start = walker.start(target)
            if start is None or ("node", target) not in self.open:
                continue
            escaped, kept = False, 0
            for here, need, path, entered in walker.walk(target, [start]):
                found = at.setdefault(here, [])
                if len(found) < FOLLOW_NEEDS:
                    found.append((need, path, target))
                if entered and i is not None and kept < ENTRY_NEEDS:  # a need on entering the scene: a target
                    kept += 1  # for the steer there
                    self.entering.setdefault(i, []).append((need, path, target))
                escaped = escaped or entered
            if not escaped and not walker.cut_short:  # every path back died: no play gets there
                walker.dead.add(target)
                self._unreachable(target)
        return at

    def _unreachable(self, node_id: str) -> None:
        """The node is proved unreachable, and with it its choices and lines."""
        node = self.story.node(node_id)
        out = {("node", node_id)}
        out.update(("choice", choice.id) for choice in node.choices)
        out.update(("line", line.id) for line in node.lines)
        out.update(("line", line.id) for choice in node.choices for line in choice.lines)
        out &= self.open
        self.result.proved |= out
        self.open -= out

    def _meet(self, entry: tuple, needs: list) -> int:
        """Play forward the paths of the needs the state at `entry` meets (one per open node); the menus spent."""
        key, runner, div = entry
        if self._stale(key, div):
            return 0
        spent = 0
        for need, path, target in needs:
            if ("node", target) in self.open and holds(need, runner.state):
                spent += self._play_forward(key, runner, div, path)
        return spent

    def _play_forward(self, key, runner, div: bool, path) -> int:
        """Play the choices of `path` (`BackProof.walk`'s way forward) from the state at `key`; the menus spent."""
        spent = 0
        while path is not None:
            path, (_before, via, _node) = path
            if via is None:
                continue
            available = self.play.available(runner)
            index = next((n for n, choice in enumerate(available) if choice.id == via.id), None)
            if index is None:
                return spent
            spent += 1
            self.result.states += 1
            self.result.moves += 1
            self._see("choice", via.id, key, None, (), div)
            outcomes = self.play.choose(runner, index)
            if len(outcomes) != 1:
                return spent
            outcome = outcomes[0]
            entry = self._admit(outcome, key, via.id, div)
            if entry is None:
                after = outcome.runner
                if outcome.stuck is not None or after.state.ending is not None:
                    return spent
                new = self._key(after)
                if new not in self.parents:
                    return spent
                entry = (new, after, div or outcome.diverged)
            key, runner, div = entry
        return spent

