"""A loaded story is kept out of the cyclic collector's walks (gc.freeze in the loader); that is safe only
because a story holds no reference cycles and a load leaves no cyclic garbage, which these tests check."""

from __future__ import annotations

import gc
import weakref

from game.engine.loader import load_story
from game.engine.runner import StoryRunner
from tests.conftest import SHIPPED


def _load_unfrozen():
    """Load with the collector off, so the loader leaves the objects where the collector can count them."""
    gc.collect()
    gc.disable()
    try:
        story = load_story(SHIPPED)
        left_over = gc.collect()  # cyclic garbage made by the load (collect works while disabled)
    finally:
        gc.enable()
    return story, left_over


def test_a_load_leaves_no_cyclic_garbage():
    _story, left_over = _load_unfrozen()
    assert left_over == 0


def test_a_played_story_is_freed_by_reference_counting_alone():
    story, _ = _load_unfrozen()
    runner = StoryRunner.new(story, next(iter(story.roles)))
    runner.advance_to_choice()
    runner.choose(0)
    runner.choices  # noqa: B018 - fills the story's shared render cache
    alive = weakref.ref(story)
    gc.disable()
    try:
        del story, runner
        assert alive() is None
        assert gc.collect() == 0  # nothing it held needed the cycle collector to be freed
    finally:
        gc.enable()


def test_a_loaded_story_is_frozen_out_of_collections():
    before = gc.get_freeze_count()
    story = load_story(SHIPPED)
    nodes = sum(len(scene.nodes) for scene in story.scenes.values())
    assert gc.get_freeze_count() - before >= nodes
    assert not any(obj is story for obj in gc.get_objects())
