"""The secure move cannot be found by the menu's layout: not by being the longest, the shortest or in
one position. Counted over every menu that offers both secure and other moves (a secure move is one
with a tag of the secure family, game/engine/tags.py), as written in the scene files."""

from collections import Counter

import pytest

from game.engine import load_story
from game.engine.tags import is_secure
from tests.conftest import SHIPPED


@pytest.fixture(scope="module")
def menus():
    story = load_story(SHIPPED)
    mixed = []
    for node in story.all_nodes():
        secure = [is_secure(c.tags) for c in node.choices]
        if len(secure) >= 2 and any(secure) and not all(secure):
            mixed.append(node.choices)
    assert len(mixed) >= 40, "fewer menus than the story has: the count below would mean little"
    return mixed


def share(menus, pick):
    return sum(is_secure(pick(menu, key=lambda c: len(c.text)).tags) for menu in menus) / len(menus)


def test_a_secure_move_is_the_longest_in_at_least_a_fifth_of_the_menus(menus):
    assert share(menus, max) >= 0.20


def test_a_secure_move_is_the_shortest_in_at_most_two_fifths_of_the_menus(menus):
    assert share(menus, min) <= 0.40


def test_no_position_in_a_menu_holds_more_than_35_percent_of_the_secure_moves(menus):
    slots = Counter(i for menu in menus for i, choice in enumerate(menu) if is_secure(choice.tags))
    total = sum(slots.values())
    assert max(slots.values()) / total <= 0.35, dict(slots)
