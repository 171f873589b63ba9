"""What the walks back need on entering a scene, for the steer (a mixin of `explore._Pass`, and `entry_gap`).

The walk back from a node left open (`explore_back.BackProof.walk`) often gets to its scene's first node with
a narrow need: a meter within a few points and several flags on or off, which no state carried into the
scene meets. The steer (`explore_steer`) ranked the states of the scenes before by how far they are from the
conditions where the ways in leave, and missed what the effects inside the scene do between its entry and
those ways. Here, for a scene whose walks back got to its entry (`explore_follow` keeps ENTRY_NEEDS of those
needs per open node), the needs as they must hold before the first node's effects (`entry_targets`), and
how far a state of a scene before is from one (`entry_gap`: meter points, one per flag on or off that
should not be; a flag nothing in the scenes between can turn, or one put back between scenes, counts as no
way there). The steer ranks toward the nearest, and a state it brings into the scene that meets a need plays
that need's path forward (`explore_follow._meet`). It only reaches, never proves."""

from __future__ import annotations

from game.tools.analysis import flags_turned
from game.tools.explore_graph import INF

ENTRY_NEEDS = 8  # needs on entering a scene kept per open node for the steer (the first found: the shortest paths back)


class EntryPasses:
    def entry_targets(self, i: int) -> list:
        """[((meter ranges, flags on, flags off, meter differences) that must hold on entering the scene at position
        `i`, before its first node's effects and the flags put back between scenes; the open node its path back
        leads to)] from its walks back (worked out once per scene)."""
        cached = self.entry_cache.get(i)
        if cached is not None:
            return cached
        out: list = []
        self.entry_cache[i] = out
        self.walks_of(i)
        story, walker = self.story, self.walker
        if walker is None:
            return out
        first = story.scenes[story.scene_order[i]]
        first_node = first.nodes[first.starts[self.search_.role]]
        starts = {name: story.flags[name].start for name in story.flag_resets}
        limits = {name: (meter.min, meter.max) for name, meter in story.meters.items()}
        seen = set()
        for need, _path, target in self.entering.get(i, ()):  # (the same need for two targets: kept once)
            before = walker._undo(need, first_node.effects)
            if before is None:
                continue
            on, off = set(before.on), set(before.off)
            if any(starts[name] is False for name in on & starts.keys()) or \
                    any(starts[name] is True for name in off & starts.keys()):
                continue  # a flag put back to its start between scenes can never be otherwise on entering
            meters = tuple((name, lo, hi) for name, (lo, hi) in sorted(before.meters.items())
                           if (lo, hi) != limits[name])  # a meter any value of which will do: not counted
            mark = (meters, frozenset(on - starts.keys()), frozenset(off - starts.keys()), before.diffs)
            if mark not in seen:
                seen.add(mark)
                out.append((mark, target))
        return out

    def changeable(self, i: int) -> dict:
        """Scene position j < i -> (flags something in scenes j..i-1 turns on, flags something turns off)."""
        story = self.story
        order = story.scene_order
        if self.scene_flags is None:
            self.scene_flags = [flags_turned(story.scenes[scene_id].nodes.values()) for scene_id in order]
        out, on, off = {}, set(), set()
        for j in range(i - 1, -1, -1):
            on |= self.scene_flags[j][0]
            off |= self.scene_flags[j][1]
            out[j] = (frozenset(on), frozenset(off))
        return out


def entry_gap(need: tuple, state, change: tuple) -> float:
    """How far `state` is from meeting a need of `entry_targets` (0 when it does): meter points outside each range
    and short of each difference, one per flag on or off that should not be; INF for a flag no effect in
    `change` (flags turned on, flags turned off) can turn."""
    ranges, on, off, diffs = need
    meters = state.meters
    out = 0
    for name, lo, hi in ranges:
        value = meters[name]
        if value < lo:
            out += lo - value
        elif value > hi:
            out += value - hi
    flags = state.flags
    for name in on:
        if name not in flags:
            if name not in change[0]:
                return INF
            out += 1
    for name in off:
        if name in flags:
            if name not in change[1]:
                return INF
            out += 1
    for a, b, k in diffs:
        short = k - (meters[a] - meters[b])
        if short > 0:
            out += short
    return out
