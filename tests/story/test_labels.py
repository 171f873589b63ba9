"""Moves carry the label the psychology gives them (docs/psychology.md), for the examples once mislabelled."""

import pytest

from game.engine import load_story
from game.engine.tags import WITHDRAW, family_of
from tests.conftest import SHIPPED


@pytest.fixture(scope="module")
def choices():
    story = load_story(SHIPPED)
    return {c.id: c for node in story.all_nodes() for c in node.choices}


@pytest.mark.parametrize("choice", ["weekend_away.a_waiting.text_priya", "the_fight.a_alone.tell_priya"])
def test_texting_priya_is_co_regulation_not_self_soothing(choices, choice):
    assert "co_regulation" in choices[choice].tags and "self_soothe" not in choices[choice].tags


def test_i_only_chase_because_you_run_is_defensiveness(choices):
    choice = choices["morning_after.a_softer.only_because"]
    assert "I only chase because you run" in choice.text
    assert choice.tags == ("defensiveness",)


def test_laughing_along_with_the_table_is_not_withdrawal(choices):
    assert WITHDRAW not in family_of(choices["the_friends.a_tease.tell_me_about_it"].tags)


def test_naming_the_cycle_is_not_called_the_turning_point(choices):
    """In EFT naming the cycle belongs to de-escalation; the turning points are re-engagement and softening."""
    for choice in choices.values():
        if "name_cycle" in choice.tags:
            assert "the turning point" not in choice.why, choice.id


def test_a_break_with_a_return_time_is_advice_not_a_finding(choices):
    assert "finds that a pause" not in choices["weekend_away.v_dawn.say_nine"].why
