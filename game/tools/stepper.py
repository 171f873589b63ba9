"""Play from one choice menu to the next with the real StoryRunner: the explorer's step.

The explorer plays by the runner's rules, not by a copy of them: each step is
`StoryRunner.choose()` then `advance_to_choice()` on a fork that renders no
text and records no undo history, moves or backlog (`record=False`); a
`trace` list collects the nodes entered and the lines delivered on the way.

`chance(N)` is both outcomes. Each roll a step meets is answered by a
`Rolls` oracle instead of the seed: first false, then the step is played
again with that roll true, so a step yields one outcome per combination of
the rolls it met (at most MAX_ROLL_BRANCHES). An outcome records the rolls it
took, so a witness path can be replayed: `find_seed` looks for a seed whose
rolls come out that way (the seed `tether play --seed` takes).
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.conditions import rolls_true
from game.engine.model import Choice, Story
from game.engine.runner import StoryRunner, StoryRuntimeError
from game.tools.analysis import visit_caps

MAX_ROLL_BRANCHES = 64  # combinations of chance(N) rolls tried per step
MAX_SEED_TRIES = 200_000  # seeds tried to make a witness's rolls come out as the search took them


class Stuck(Exception):
    """Play cannot go on from here: the runner raised StoryRuntimeError at `node`."""

    def __init__(self, node: str, message: str):
        super().__init__(message)
        self.node = node


class Rolls:
    """Answers chance(N) rolls for one line of play: fixed answers first, an unseen roll comes out false."""

    __slots__ = ("fixed", "asked")

    def __init__(self, fixed: dict):
        self.fixed = fixed  # roll key -> outcome
        self.asked: dict = {}  # roll key -> (percent, outcome), every roll met in this step

    def __call__(self, key: str, percent: int) -> bool:
        value = self.fixed.get(key)
        if value is None:
            value = self.fixed[key] = False
        self.asked[key] = (percent, value)
        return value


@dataclass
class Outcome:
    runner: StoryRunner | None  # at the next menu or ended; None when play got stuck
    seen: list  # node ids entered and line ids delivered, in order
    rolls: tuple = ()  # ((roll key, percent, outcome), ...) this step's chance(N) rolls
    stuck: Stuck | None = None
    diverged: bool = False  # (early endings left out) one of them would have ended play during this step


class _Watched:
    """An early ending that never fires but notes on the stepper that it would have (play left the rules here)."""

    __slots__ = ("ending", "guard", "_real", "_stepper")

    def __init__(self, early, stepper: "Stepper"):
        self.ending = early.ending
        self._real = early.guard
        self._stepper = stepper
        self.guard = self  # the runner asks `early.guard.holds(state)`

    def holds(self, state) -> bool:
        if self._real.holds(state):
            self._stepper.tripped = True
        return False


class Stepper:
    """The rules of play for one role. `early_endings=False` plays more than play can (proof passes).

    Without early endings, each step still checks them where play would, and an outcome says whether
    one would have ended play on the way (`diverged`): a step that did not diverge, from a state that
    never did, is a step of real play, so what it shows needs no replay.
    """

    def __init__(self, story: Story, role: str, early_endings: bool = True):
        self.story = story
        self.role = role
        self.early_endings = story.early_endings if early_endings else tuple(
            _Watched(early, self) for early in story.early_endings)
        self.chancy = story.uses_chance
        # The visit counts some condition reads (a chance(N) roll also reads its own node's: then all are kept).
        # A step into a new scene drops the others, so that a fork late in a long story copies tens of counts,
        # not thousands.
        self.watched = None if self.chancy else frozenset(visit_caps(story))
        self.cut = False  # some step met more roll combinations than MAX_ROLL_BRANCHES
        self.tripped = False  # set by a watched early ending during the step being played

    def start(self) -> list[Outcome]:
        """Play up to the first menu or the ending (one outcome per combination of the rolls on the way)."""
        def make(rolls, seen):
            runner = StoryRunner.new(self.story, self.role, render=False, record=False, trace=seen, chance=rolls,
                                     early_endings=self.early_endings)
            runner.advance_to_choice()
            if rolls is not None:
                runner.available_choices()  # the menu's own rolls belong to this step: both ways are tried here
            return runner
        return self._outcomes(make, {})

    @staticmethod
    def available(runner: StoryRunner) -> list[Choice]:
        return runner.available_choices()

    def choose(self, runner: StoryRunner, index: int) -> list[Outcome]:
        """The choice at `index` of the menu `runner` waits at, played to the next menu or the ending."""
        base = runner.state.chance.fixed if self.chancy else {}

        watched, scene = self.watched, runner.state.scene

        def make(rolls, seen):
            after = runner.fork(trace=seen)
            after.state.chance = rolls
            after.choose(index)
            after.advance_to_choice()
            if rolls is not None:
                after.available_choices()
            state = after.state
            if watched is not None and state.scene != scene:
                state.visits = {node: count for node, count in state.visits.items() if node in watched}
            return after
        return self._outcomes(make, base)

    def _outcomes(self, make, base: dict) -> list[Outcome]:
        if not self.chancy:
            seen: list = []
            self.tripped = False
            try:
                runner = make(None, seen)
            except StoryRuntimeError as exc:
                return [Outcome(None, seen, (), Stuck(exc.node or "", str(exc)), self.tripped)]
            return [Outcome(runner, seen, (), None, self.tripped)]
        out = []
        pending = [{}]
        while pending:
            if len(out) >= MAX_ROLL_BRANCHES:
                self.cut = True
                break
            extra = pending.pop()
            rolls = Rolls({**base, **extra})
            seen = []
            self.tripped = False
            try:
                runner, stuck = make(rolls, seen), None
            except StoryRuntimeError as exc:
                runner, stuck = None, Stuck(exc.node or "", str(exc))
            fresh = [key for key in rolls.asked if key not in base and key not in extra]
            for i, key in enumerate(fresh):  # the same rolls up to this one, then this one true
                alt = dict(extra)
                alt.update({k: False for k in fresh[:i]})
                alt[key] = True
                pending.append(alt)
            if runner is not None:
                runner.state.chance = Rolls(_current(rolls.fixed, runner))
            out.append(Outcome(runner, seen, tuple((k, p, v) for k, (p, v) in rolls.asked.items()), stuck,
                               self.tripped))
        return out

    @staticmethod
    def pending_rolls(runner: StoryRunner) -> frozenset:
        """The rolls already taken that play can still meet again (where it stands): part of a state's key."""
        chance = runner.state.chance
        return frozenset(chance.fixed.items()) if isinstance(chance, Rolls) else frozenset()


def _current(fixed: dict, runner: StoryRunner) -> dict:
    """Only the rolls taken where play now stands, at this visit: no other roll can come up again."""
    state = runner.state
    node = f"{state.scene}.{state.node}"
    suffix = f"|{node}|{state.visits.get(node, 0)}"
    return {k: v for k, v in fixed.items() if k.endswith(suffix)}


def find_seed(rolls) -> int | None:
    """A seed whose chance(N) rolls come out as `rolls` ((key, percent, outcome), ...) say; 0 when there are none."""
    wanted = {}
    for key, percent, value in rolls:
        wanted[key] = (percent, value)
    if not wanted:
        return 0
    items = list(wanted.items())
    for seed in range(MAX_SEED_TRIES):
        if all(rolls_true(seed, key, percent) == value for key, (percent, value) in items):
            return seed
    return None


__all__ = ["MAX_ROLL_BRANCHES", "Outcome", "Rolls", "Stepper", "Stuck", "find_seed"]
