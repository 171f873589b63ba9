"""Growth cannot be gamed: a year of the old moves that turns only on the night of the fight is a late
turn, and its ending says so; it is never Steady Ground, the ending of a steady year.

The meters recover between scenes, so before the story kept the year's pattern, these two paths (found
by searching the story for Steady Ground runs with the most insecure moves) reached Steady Ground like a
perfect run: the avoidant one withdraws 21 times, the anxious one pursues 20 times, and both turn in
the fight and stay secure all the morning after. Every pursue, withdraw or corrosive move now adds to
`loop_moves`, which nothing lowers; the sixth sets `loop_dug_in`, which nothing clears, and Steady Ground
asks for it to be unset.
"""

import pytest

from game.engine import load_story
from game.engine.runner import StoryRunner
from game.engine.tags import NEUTRAL, SECURE, family_of
from tests.conftest import SHIPPED

LATE_TURNS = {
    "avoidant": (
        "first_message.v_wall.not_a_thing", "first_message.v_marcus_flat.reply_properly",
        "first_message.v_call.overthinking", "first_message.v_their_sorry.forget_it",
        "the_friends.v_lantern.one_sec", "the_friends.v_tease.sell_them_out", "the_friends.v_noise.coat_corner",
        "the_friends.v_confront.overreacting", "the_friends.v_sorry.cake_first",
        "weekend_away.v_dawn.slip_out", "weekend_away.v_shingle.send_photo", "weekend_away.v_laptop.fine",
        "weekend_away.v_afternoon.just_rocks", "weekend_away.v_evening.fix_fire", "weekend_away.v_near_miss.get_logs",
        "the_offer.v_nine_days.promoted_me", "the_offer.v_garden.not_here", "the_offer.v_why.no_conversation",
        "the_offer.v_door.tell_me_about_it", "the_offer.v_taxi.just_an_email_again",
        "the_fight.v_door.kettle", "the_fight.v_why.unpack_box", "the_fight.v_pressure.stay", "the_fight.v_repair.accept",
        "morning_after.v_wake.start_over", "morning_after.v_talk.accept", "morning_after.v_why_really.dad",
        "morning_after.v_loop.not_going", "morning_after.v_rotterdam.want_both",
    ),
    "anxious": (
        "first_message.a_delivered.priya_reads_it", "first_message.a_dinner.ring_now",
        "first_message.a_reply.say_the_wobble", "first_message.a_call.let_it_in",
        "the_friends.a_lantern.awful_time", "the_friends.a_tease.tell_me_about_it", "the_friends.a_gone.go_after",
        "the_friends.a_street_talk.one_night", "the_friends.a_bid.promise_me",
        "weekend_away.a_dawn.ask_why", "weekend_away.a_waiting.read_thread", "weekend_away.a_confess.tell",
        "weekend_away.a_afternoon.louder", "weekend_away.a_evening.rather_know", "weekend_away.a_near_miss.forget_it",
        "the_offer.a_party.text_from_garden", "the_offer.a_garden.you_always", "the_offer.a_explain.marcus_first",
        "the_offer.a_leaving.what_exactly", "the_offer.a_taxi.say_something",
        "the_fight.a_door.are_you_going", "the_fight.a_nine_days.say_it", "the_fight.a_flood.let_go",
        "the_fight.a_alone.are_we_ok", "the_fight.a_repair.accept",
        "morning_after.a_wake.start_over", "morning_after.a_talk.scared", "morning_after.a_softer.loop",
        "morning_after.a_rotterdam.show_me", "morning_after.a_door.let_go",
    ),
}


@pytest.fixture(scope="module")
def story():
    return load_story(SHIPPED)


def play(story, role: str, path) -> tuple[StoryRunner, list]:
    """Play the choices in order to the ending; return the runner and the choices made."""
    runner = StoryRunner.new(story, role)
    made = []
    for choice_id in path:
        runner.advance_to_choice()
        index = runner.find_choice(choice_id)
        assert index is not None, f"{choice_id} is not on offer at {runner.node.id}"
        made.append(runner.available_choices()[index])
        runner.choose(index)
    runner.advance_to_choice()
    assert runner.phase == "ended", runner.phase
    return runner, made


@pytest.mark.parametrize("role", sorted(LATE_TURNS))
def test_a_year_of_the_old_moves_turned_in_the_fight_is_not_steady_ground(story, role):
    runner, made = play(story, role, LATE_TURNS[role])
    insecure = [c for c in made if story.roles[role].habit in family_of(c.tags)]
    fight = [c for c in made if c.id.startswith("the_fight.")]
    morning = [c for c in made if c.id.startswith("morning_after.")]
    # the path is the gamed one: twenty or more of the old moves, then a turn in the fight that holds all morning
    assert len(insecure) >= 20
    assert sum(SECURE in family_of(c.tags) for c in fight) >= 2 and all(SECURE in family_of(c.tags) for c in morning)
    assert runner.ending.id != "steady_ground"
    assert runner.ending.kind == "growth"  # a late turn still grows: people do change
    assert {"loop_dug_in", "came_back", "softened"} <= set(runner.flags)


@pytest.mark.parametrize("role", sorted(LATE_TURNS))
def test_the_late_turn_reads_as_one(story, role):
    runner, _ = play(story, role, LATE_TURNS[role])
    text = runner.ending_text
    assert "a lot of that year went the old way" in text
    assert "The turn didn't come early" in text
    assert "It took most of a year, and some nights you were sure" not in text  # the steadier year's opening
    mine = {"anxious": "reaching harder", "avoidant": "going quiet when it mattered"}
    assert mine[role] in text


def test_six_old_moves_are_remembered_all_year(story):
    """The year keeps its pattern: every move of the old families counts, the sixth sets `loop_dug_in`, and
    nothing lowers the count, resets it between scenes or clears the flag, so six old moves rule out Steady
    Ground for the rest of the year."""
    assert "loop_moves" not in {meter for meter, _points in story.drift}
    effects = [c.effects for c in story.all_choices()] + [a.effects for c in story.all_choices() for a in c.adjust]
    effects += [n.effects for n in story.all_nodes()]
    for effect in effects:
        assert dict(effect.deltas).get("loop_moves", 0) >= 0
        assert "loop_moves" not in dict(effect.values)
        assert "loop_dug_in" not in effect.clear_flags
    assert "loop_dug_in" not in story.flag_resets and story.meters["loop_moves"].max == 5
    for choice in story.all_choices():
        old = bool(family_of(choice.tags) - {SECURE, NEUTRAL})
        assert old == (dict(choice.effects.deltas).get("loop_moves") == 1), choice.id
        sixth = [a for a in choice.adjust if a.guard.cond and a.guard.cond.source == "loop_moves >= 5"]
        assert old == bool(sixth and "loop_dug_in" in sixth[0].effects.set_flags), choice.id
    steady = next(e for e in story.endings if e.id == "steady_ground")
    assert "not loop_dug_in" in steady.guard.cond.source


@pytest.mark.parametrize("role", sorted(LATE_TURNS))
def test_the_debrief_says_why_not_steady_ground(story, role):
    from game.engine.debrief import ending_reasons

    late, _ = play(story, role, LATE_TURNS[role])
    why_not = [r for r in ending_reasons(late) if r.startswith("Why not Steady Ground?")]
    assert len(why_not) == 1 and "that “Six or more moves that fed the loop" in why_not[0]
    assert "pattern, not a slip” is not true (it was)" in why_not[0]
    assert "safety is at least" not in why_not[0]  # only what did not hold is named
    steady = next(e for e in story.endings if e.id == "steady_ground")
    assert not [r for r in ending_reasons(late) if r.startswith("Why not") and steady.title not in r]


@pytest.mark.parametrize("plan, why_not", [
    ("ending_anxious_steady_ground", []),  # the first growth ending: nothing was checked before it
    ("ending_avoidant_drifting_apart", ["Steady Ground", "The Long Way Round"]),
])
def test_why_not_names_each_growth_ending_checked_first(story, plan, why_not):
    from game.engine.debrief import ending_reasons
    from tests.web.helpers import plan_choices

    role, choices = plan_choices(plan)
    runner, _ = play(story, role, choices)
    assert plan.endswith(runner.ending.id) and not runner.state.ended_early
    named = [r.split("?")[0].removeprefix("Why not ") for r in ending_reasons(runner) if r.startswith("Why not")]
    assert named == why_not
