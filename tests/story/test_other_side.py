"""Every scene's debrief can show the other partner's side of at least two moments, for each role.

A moment counts for a role when a node that role can reach offers a choice, names with
`mirror` a node the other role can reach in the same scene, and that node says with
`inner` what the other partner felt there (the debrief shows it under the move made).
"""

import pytest

from game.engine import load_story
from game.tools.analysis import Reach
from tests.conftest import SHIPPED

ROLES = ("anxious", "avoidant")
OTHER = {"anxious": "avoidant", "avoidant": "anxious"}


@pytest.fixture(scope="module")
def story():
    return load_story(SHIPPED)


@pytest.fixture(scope="module")
def reach(story):
    return {role: Reach(story, role) for role in ROLES}


def other_side_moments(story, reach, scene_id, role):
    scene = story.scenes[scene_id]
    moments = []
    for node in scene.nodes.values():
        if node.id not in reach[role].nodes or not node.choices or node.mirror is None:
            continue
        counterpart = scene.nodes.get(node.mirror)
        if counterpart is None or not counterpart.inner.strip():
            continue
        if counterpart.id in reach[OTHER[role]].nodes:
            moments.append(node.local_id)
    return moments


@pytest.mark.parametrize("role", ROLES)
def test_every_scene_shows_two_moments_from_the_other_side(story, reach, role):
    short = {}
    for scene_id in story.scene_order:
        moments = other_side_moments(story, reach, scene_id, role)
        if len(moments) < 2:
            short[scene_id] = moments
    assert short == {}, f"{role}: scenes with fewer than two mirrored choice moments: {short}"


def test_mirrors_pair_up_both_ways(story):
    """A moment seen from one side is seen from the other: a mirror's counterpart mirrors back."""
    one_way = []
    for scene in story.scenes.values():
        for node in scene.nodes.values():
            if node.mirror is not None and scene.nodes[node.mirror].mirror != node.local_id:
                one_way.append(node.id)
    assert one_way == []
