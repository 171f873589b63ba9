"""The turning point of a game that did not end in growth: the last menu from which growth was still in reach.

The runner keeps a snapshot of the state before every choice (the undo
history). For those menus a bounded forward search asks "can some way of
playing on from here still reach a growth ending?"; since reach only shrinks
along one path, bisection finds the latest menu where the answer is yes in a
few questions. That menu is the turning point: the
debrief names the choice made there and the secure moves on offer that kept
growth in reach. The search tries secure moves first (growth usually follows
them) and remembers states it has seen; it stops at a budget of menus, and
says so, rather than run long.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.runner import StoryRunner, StoryRuntimeError
from game.engine.tags import is_secure
from game.engine.vocabulary import GROWTH

DEFAULT_BUDGET = 4_000  # menus expanded per question; a few milliseconds each on the shipped story


@dataclass(frozen=True)
class TurningPoint:
    scene_id: str
    scene_title: str
    menu_index: int  # which choice of the game (0-based) it was
    chosen_id: str  # the choice made there
    chosen_text: str
    secure_ids: tuple[str, ...]  # secure moves on offer there that kept growth in reach
    secure_texts: tuple[str, ...]

    def sentences(self) -> list[str]:
        """The turning point in words, the same for every front end."""
        out = [f"The turning point came in \"{self.scene_title}\", at choice {self.menu_index + 1} of your game: "
               "up to that moment, a way to the growth endings was still open.",
               f"You chose: \"{self.chosen_text}\""]
        if self.secure_texts:
            out.append(f"A secure move on offer there that kept it open: \"{self.secure_texts[0]}\"")
        return out

    def to_dict(self) -> dict:
        return {"scene": self.scene_id, "choice_number": self.menu_index + 1, "chosen": self.chosen_id,
                "secure_on_offer": list(self.secure_ids)}


def _key(runner: StoryRunner):
    s = runner.state
    return (s.scene, s.node, s.cursor, s.reply, tuple(sorted(s.meters.items())), frozenset(s.flags),
            tuple(sorted(s.visits.items())))


def growth_reachable(start: StoryRunner, budget: int = DEFAULT_BUDGET) -> bool | None:
    """True if some play from `start` (a runner waiting at a menu) reaches a growth ending, False if none
    does, None if the budget ran out first."""
    story = start.story
    stack = [start.fork(render=False)]
    seen = set()
    expanded = 0
    while stack:
        runner = stack.pop()
        try:
            runner.advance_to_choice()
        except StoryRuntimeError:
            continue
        if runner.phase == "ended":
            if story.ending(runner.state.ending).kind == GROWTH:
                return True
            continue
        key = _key(runner)
        if key in seen:
            continue
        seen.add(key)
        expanded += 1
        if expanded > budget:
            return None
        available = runner.available_choices()
        # secure moves last on the stack, so they are tried first
        order = sorted(range(len(available)), key=lambda i: is_secure(available[i].tags))
        for index in order:
            branch = runner.fork(render=False)
            try:
                branch.choose(index)
            except StoryRuntimeError:
                continue
            stack.append(branch)
    return False


def menu_runners(runner: StoryRunner) -> list[StoryRunner]:
    """A runner at each menu the player answered, rebuilt from the undo snapshots, in play order."""
    out = []
    for snap in runner.state.undo_dicts():
        state = runner.state.fork()
        state.restore(snap)
        state.ending, state.ended_early = None, False
        out.append(StoryRunner(runner.story, state, render=False))
    return out


def find_turning_point(runner: StoryRunner, budget: int = DEFAULT_BUDGET) -> TurningPoint | None:
    """The latest menu from which growth was still reachable, for a game that ended in something else."""
    ending = runner.ending
    if ending is None or ending.kind == GROWTH:
        return None
    moves = runner.moves
    menus = menu_runners(runner)[:len(moves)]
    # Along one path, reach only shrinks: every later menu is reachable from an earlier one. So the
    # latest menu with growth in reach is found by bisection (an undecided search counts as out of reach).
    low, high, found = 0, len(menus) - 1, None
    while low <= high:
        middle = (low + high) // 2
        if growth_reachable(menus[middle], budget) is True:
            found, low = middle, middle + 1
        else:
            high = middle - 1
    if found is not None:
        index, menu = found, menus[found]
        secure = []
        for i, choice in enumerate(menu.available_choices()):
            if not is_secure(choice.tags):
                continue
            branch = menu.fork(render=False)
            branch.choose(i)
            if growth_reachable(branch, budget) is True:
                secure.append(choice)
        move = moves[index]
        scene = runner.story.scenes[move.scene_id]
        render = runner.render
        return TurningPoint(move.scene_id, render(scene.title), index, move.choice_id, move.text,
                            tuple(c.id for c in secure), tuple(render(c.text) for c in secure))
    return None
