"""The secure move cannot be found by the menu's layout: not by being the longest, the shortest or in
one position. Counted over every menu that offers both secure and other moves (a secure move is one
with a tag of the secure family, game/engine/tags.py), as written in the scene files: for each role
on its own (the menus its player can meet, by static reachability) and for both roles together.
A player lives one role at a time, so a habit that shows in one role's menus is learnt there even
when the other role's menus hide it in the total."""

from collections import Counter

import pytest

from game.engine import load_story
from game.engine.tags import is_secure
from game.tools.analysis import Reach
from tests.conftest import SHIPPED

GROUPS = ("anxious", "avoidant", "both")


@pytest.fixture(scope="module")
def story():
    return load_story(SHIPPED)


_MENUS: dict = {}


def menus(story, group: str) -> list:
    """The mixed menus of one role, or of both roles when `group` is "both"."""
    if group not in _MENUS:
        reach = None if group == "both" else Reach(story, group).nodes
        mixed = []
        for node in story.all_nodes():
            if reach is not None and node.id not in reach:
                continue
            secure = [is_secure(c.tags) for c in node.choices]
            if len(secure) >= 2 and any(secure) and not all(secure):
                mixed.append(node.choices)
        least = 40 if group == "both" else 20
        assert len(mixed) >= least, "fewer menus than the story has: the count below would mean little"
        _MENUS[group] = mixed
    return _MENUS[group]


def share(menus, pick):
    return sum(is_secure(pick(menu, key=lambda c: len(c.text)).tags) for menu in menus) / len(menus)


@pytest.mark.parametrize("group", GROUPS)
def test_a_secure_move_is_the_longest_in_at_least_a_fifth_of_the_menus(story, group):
    assert share(menus(story, group), max) >= 0.20


@pytest.mark.parametrize("group", GROUPS)
def test_a_secure_move_is_the_shortest_in_at_most_two_fifths_of_the_menus(story, group):
    assert share(menus(story, group), min) <= 0.40


@pytest.mark.parametrize("group", GROUPS)
def test_no_position_in_a_menu_holds_more_than_35_percent_of_the_secure_moves(story, group):
    slots = Counter(i for menu in menus(story, group) for i, choice in enumerate(menu) if is_secure(choice.tags))
    total = sum(slots.values())
    assert max(slots.values()) / total <= 0.35, dict(slots)


def test_the_two_roles_meet_different_menus(story):
    """The per-role counts split the story: no mixed menu is counted for both roles."""
    anxious = {id(m) for m in menus(story, "anxious")}
    avoidant = {id(m) for m in menus(story, "avoidant")}
    assert anxious and avoidant and not anxious & avoidant
    assert len(anxious) + len(avoidant) == len(menus(story, "both"))
