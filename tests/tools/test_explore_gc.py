"""The explorer pauses the cyclic collector while it searches (explore.Explorer.run); that is safe only because
a search leaves no cyclic garbage, which these tests check, and it hands the collector back as it found it."""

from __future__ import annotations

import gc

import pytest

from game.engine import load_story
from game.tools.explore import explore
from tests.tools.helpers import MINI, SHIPPED


@pytest.mark.parametrize("root", [MINI, SHIPPED], ids=["mini", "shipped"])
def test_a_search_leaves_no_cyclic_garbage(root):
    story = load_story(root)
    gc.collect()
    exploration = explore(story, max_states=2_000, max_seconds=None, parallel=False)
    assert exploration.roles
    assert gc.collect() == 0  # nothing the search made, kept or dropped, needed the collector


def test_the_collector_is_handed_back_as_it_was():
    story = load_story(MINI)
    assert gc.isenabled()
    explore(story, parallel=False)
    assert gc.isenabled()
    gc.disable()
    try:
        explore(story, parallel=False)
        assert not gc.isenabled()
    finally:
        gc.enable()
