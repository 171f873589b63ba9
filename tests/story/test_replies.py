"""Each move gets the answer that belongs to it: what play shows after a choice never answers another move.

The paths come from the test plans in tests/plans/ (which pin the right answer); these tests pin that
the wrong one, once heard on that path, is gone.
"""

from pathlib import Path

import pytest
import yaml

from game.engine import load_story
from game.engine.runner import StoryRunner
from tests.conftest import SHIPPED

PLANS = Path(__file__).resolve().parents[1] / "plans"


@pytest.fixture(scope="module")
def story():
    return load_story(SHIPPED)


def play_to(story, plan_name: str, last_choice: str) -> StoryRunner:
    """Play the plan's choices up to and including `last_choice`."""
    plan = yaml.safe_load((PLANS / plan_name).read_text(encoding="utf-8"))
    runner = StoryRunner.new(story, plan["role"])
    for step in plan["steps"]:
        if "choose" not in step:
            continue
        runner.advance_to_choice()
        index = runner.find_choice(step["choose"])
        assert index is not None, f"{step['choose']} is not on offer at {runner.node.id}"
        chosen = runner.available_choices()[index].id
        runner.choose(index)
        if chosen == last_choice:
            return runner
    raise AssertionError(f"{plan_name} never chooses {last_choice}")


def reply_to(story, plan_name: str, last_choice: str) -> str:
    """Play the plan's choices up to `last_choice`; return every line shown after it, up to the next menu."""
    plan = yaml.safe_load((PLANS / plan_name).read_text(encoding="utf-8"))
    runner = StoryRunner.new(story, plan["role"])
    for step in plan["steps"]:
        if "choose" not in step:
            continue
        runner.advance_to_choice()
        index = runner.find_choice(step["choose"])
        assert index is not None, f"{step['choose']} is not on offer at {runner.node.id}"
        chosen = runner.available_choices()[index].id
        runner.choose(index)
        if chosen == last_choice:
            return "\n".join(line.text for line in runner.advance_to_choice(stop_at_scene_end=True))
    raise AssertionError(f"{plan_name} never chooses {last_choice}")


CASES = [
    # (plan, choice, text that answers a different move and must not follow this one)
    ("weekend_anxious_happy_scared_reply.yaml", "weekend_away.a_evening.happy_scared", "Stop? Wow"),
    ("weekend_anxious_happy_scared_low.yaml", "weekend_away.a_evening.happy_scared", "Stop? Wow"),
    ("weekend_anxious_happy_scared_reply.yaml", "weekend_away.a_near_miss.our_thing", "turns round"),
    ("weekend_avoidant_question_replies.yaml", "weekend_away.v_evening.why_label", "the most you've ever said"),
    ("weekend_avoidant_question_replies.yaml", "weekend_away.v_evening.why_label", "You stand up"),
    ("fight_avoidant_kettle_reply.yaml", "the_fight.v_door.kettle", "Then why didn't you?"),
    ("fight_avoidant_sorry_reply.yaml", "the_fight.v_why.not_an_affair", "talking to a wall"),
    ("fight_avoidant_sorry_reply.yaml", "the_fight.v_why.not_an_affair", "Say something"),
]


@pytest.mark.parametrize("plan, choice, wrong", CASES, ids=[f"{c[1]}-{c[2]}" for c in CASES])
def test_a_reply_never_answers_another_move(story, plan, choice, wrong):
    shown = reply_to(story, plan, choice)
    assert shown, "nothing was shown after the choice"
    assert wrong not in shown, shown


def test_counter_blame_is_answered_before_the_talk_moves_on(story):
    shown = reply_to(story, "morning_anxious_counter_blame_reply.yaml", "morning_after.a_softer.only_because")
    assert not shown.startswith("Monday"), shown


MENUS = [
    # (plan, the choice before the menu, a menu text that answers something the partner never said there)
    ("friends_anxious_accept_apology.yaml", "the_friends.a_street_talk.you_just_left", "start again"),
    ("offer_anxious_not_a_decision.yaml", "the_offer.a_garden.you_always", "Half a thing"),
    ("offer_anxious_taxi_after_apology.yaml", "the_offer.a_leaving.not_your_fault", "go quiet on me"),
    ("fight_avoidant_sorry_reply.yaml", "the_fight.v_door.sorry", "Put the box down"),
]


@pytest.mark.parametrize("plan, choice, wrong", MENUS, ids=[f"{c[1]}-{c[2]}" for c in MENUS])
def test_a_menu_never_quotes_what_was_not_said(story, plan, choice, wrong):
    runner = play_to(story, plan, choice)
    shown = "\n".join(line.text for line in runner.advance_to_choice(stop_at_scene_end=True))
    assert wrong.lower() not in shown.lower(), "the line the menu would answer is there after all"
    offered = [view.text for view in runner.choices]
    assert offered and not any(wrong.lower() in text.lower() for text in offered), offered


MEMORY = [
    # (plan, choice, text the next lines must not hold because it did not happen on this path)
    ("morning_anxious_after_a_gentle_fight.yaml", "the_fight.a_repair.accept", "walk isn't leaving"),
    ("morning_anxious_after_a_gentle_fight.yaml", "morning_after.a_wake.start_over", "You came in hot"),
    ("morning_anxious_after_a_gentle_fight.yaml", "morning_after.a_talk.scared", "come at me"),
    ("morning_anxious_hot_start_then_scared.yaml", "morning_after.a_talk.scared", "come at me"),
    ("morning_anxious_old_threat_stays_at_night.yaml", "morning_after.a_door.let_go", "daylight"),
    ("weekend_avoidant_break_kept_is_this_scenes.yaml", "weekend_away.v_shingle.phone_away", "kettle on"),
    ("weekend_anxious_closes_the_lid.yaml", "the_offer.a_garden.felt_stupid", "after the laptop"),
]


@pytest.mark.parametrize("plan, choice, wrong", MEMORY, ids=[f"{c[1]}-{c[2]}" for c in MEMORY])
def test_a_later_scene_remembers_only_what_happened(story, plan, choice, wrong):
    runner = play_to(story, plan, choice)
    shown = "\n".join(line.text for line in runner.advance_to_choice())
    assert shown and wrong not in shown, shown
