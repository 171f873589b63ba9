"""Play from one choice menu to the next on the story data alone: the explorer's fast step.

This follows the runner's rules (game/engine/runner.py) move for move: the
`adjust` conditions look at the state before a choice, effects are clamped,
early endings are checked after every choice and after a node's own effects,
a line is shown when its `if` holds as play reaches it, a menu with no
choice on offer is a soft-lock, a node with no branch that applies is stuck,
time passes between scenes, and the first ending whose `when` holds is the
ending. It renders no text and keeps no backlog, so a step costs a few
microseconds instead of the runner's hundreds; what it observes on the way
(nodes entered, lines shown, choices offered) is reported to the caller.

The explorer does not take this module's word for anything it reports as
reached: every witness path is played again through the real StoryRunner
(`explore.verify`), and the soundness tests compare both on small stories.
"""

from __future__ import annotations

from game.engine.model import Choice, Effects, Node, Story, Target, drifted
from game.engine.runner import MAX_LINES_BETWEEN_CHOICES, MAX_SILENT_STEPS
from game.tools.analysis import visit_caps


class Stuck(Exception):
    """Play cannot go on from here: the runner would raise StoryRuntimeError."""

    def __init__(self, node: str, message: str):
        super().__init__(message)
        self.node = node


class PlayState:
    """What conditions read, and where play is: the part of StoryState that steers the story."""

    __slots__ = ("role", "meters", "flags", "visits", "scene", "node", "ending")

    def __init__(self, role: str, meters: dict, flags: set, visits: dict, scene: str, node: Node | None):
        self.role, self.meters, self.flags, self.visits, self.scene, self.node = role, meters, flags, visits, scene, node
        self.ending: str | None = None

    def copy(self) -> "PlayState":
        return PlayState(self.role, dict(self.meters), set(self.flags), dict(self.visits), self.scene, self.node)


class Playback:
    """The rules of play for one role, with `seen` collecting node ids and line ids as play passes them."""

    def __init__(self, story: Story, role: str, early_endings: bool = True, lines: set | None = None):
        """Without `early_endings` play never ends early: more than play can do (the explorer's proof pass).

        `lines`: the line ids to look out for (all when None); the caller may shrink the set as it
        goes, and a line no longer in it is not even checked.
        """
        self.lines = lines
        self.story = story
        self.role = role
        self.early_endings = story.early_endings if early_endings else ()
        self.order = story.scene_order
        self.next_scene = {s: (self.order[i + 1] if i + 1 < len(self.order) else None) for i, s in enumerate(self.order)}
        self.counted = visit_caps(story)  # visit counts some condition reads; no other is kept

    # ---- the two entry points -----------------------------------------------------------------
    def start(self, seen: list) -> PlayState:
        """The state at the first menu (or at the ending); raises Stuck like StoryRunner.new would."""
        story = self.story
        first = self.order[0]
        state = PlayState(self.role, {m.name: m.start for m in story.meters.values()},
                          {f.name for f in story.flags.values() if f.start}, {}, first, None)
        self._enter(state, story.scenes[first].starts[self.role], seen)
        if state.ending is None:
            self._settle(state, seen)
        return state

    def choose(self, state: PlayState, choice: Choice, seen: list) -> PlayState:
        """A new state: `choice` taken at the menu `state` waits at, played to the next menu or the ending."""
        after = state.copy()
        adjustments = [a for a in choice.adjust if a.guard.holds(state)]
        self._apply(after, choice.effects)
        for adjustment in adjustments:
            self._apply(after, adjustment.effects)
        if self._early(after):
            return after
        wanted = self.lines
        for line in getattr(choice, "lines", ()):  # reply lines, shown after the choice
            if (wanted is None or line.id in wanted) and line.guard.holds(after):
                seen.append(line.id)
        self._follow(after, choice.target, seen)
        if after.ending is None:
            self._settle(after, seen)
        return after

    @staticmethod
    def available(state: PlayState) -> list[Choice]:
        return [c for c in state.node.choices if c.guard.test is None or c.guard.test(state)]

    # ---- the rules ----------------------------------------------------------------------------
    def _apply(self, state: PlayState, effects: Effects) -> None:
        if effects.empty:
            return
        meters = state.meters
        for name, delta in effects.deltas:
            meter = self.story.meters[name]
            meters[name] = max(meter.min, min(meter.max, meters[name] + delta))
        state.flags.update(effects.set_flags)
        state.flags.difference_update(effects.clear_flags)

    def _early(self, state: PlayState) -> bool:
        for early in self.early_endings:
            if early.guard.holds(state):
                state.ending = early.ending
                return True
        return False

    def _enter(self, state: PlayState, local: str, seen: list) -> None:
        node = self.story.scenes[state.scene].nodes[local]
        state.node = node
        if node.id in self.counted:
            state.visits[node.id] = state.visits.get(node.id, 0) + 1
        seen.append(node.id)
        if not node.effects.empty:
            self._apply(state, node.effects)
            self._early(state)

    def _follow(self, state: PlayState, target: Target, seen: list) -> None:
        """Move along `target`; crossing a scene end as advance_to_choice does."""
        if target.node is not None:
            self._enter(state, target.node, seen)
            return
        nxt = self.next_scene[state.scene] if target.end == "scene" else None
        if nxt is None:
            state.ending = self._select_ending(state)
            return
        state.scene = nxt
        meters = state.meters
        for name, points in self.story.drift:
            meters[name] = drifted(meters[name], self.story.meters[name].start, points)
        self._enter(state, self.story.scenes[nxt].starts[self.role], seen)

    def _settle(self, state: PlayState, seen: list) -> None:
        lines = 0
        wanted = self.lines
        for _ in range(MAX_SILENT_STEPS):
            if state.ending is not None:
                return
            node = state.node
            lines += len(node.lines)  # an upper bound on what is shown: enough to catch an endless loop
            for line in node.lines:
                if wanted is None or line.id in wanted:
                    test = line.guard.test
                    if test is None or test(state):
                        seen.append(line.id)
            if lines > MAX_LINES_BETWEEN_CHOICES:
                raise Stuck(node.id, f"more than {MAX_LINES_BETWEEN_CHOICES} lines without a choice near {node.id}: "
                            "the story loops with no way out")
            if node.choices:
                if not any(c.guard.test is None or c.guard.test(state) for c in node.choices):
                    raise Stuck(node.id, f"soft-lock at {node.id}: every choice's condition is false")
                return
            target = node.goto
            if target is None:
                target = next((b.target for b in node.branches if b.guard.holds(state)), None)
            if target is None:
                raise Stuck(node.id, f"no branch of {node.id} applies in this state")
            self._follow(state, target, seen)
        raise Stuck(state.node.id, f"the story keeps moving without a line or choice near {state.node.id}")

    def _select_ending(self, state: PlayState) -> str:
        for ending in self.story.endings:
            if ending.guard.holds(state):
                return ending.id
        return self.story.endings[-1].id


__all__ = ["PlayState", "Playback", "Stuck"]
