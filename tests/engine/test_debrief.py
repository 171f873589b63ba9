"""The debrief explains the ending by the state that chose it."""

from game.engine import StoryRunner
from game.engine.debrief import ending_reasons, family_counts, meter_series, scene_notes
from tests.engine.helpers import play, roundtrip


def test_growth_ending_reasons_name_the_meters_and_flags(mini_story):
    r, _ = play(StoryRunner.new(mini_story, "avoidant"), [0, 0], through_save=False)
    assert ending_reasons(r) == [
        "The loop was named: yes.",
        "Safety ended at 8 of 10.",
        "This ending is chosen when: the loop was named and safety is at least 6.",
    ]


def test_early_ending_reasons_use_the_trigger_even_after_a_save(mini_story):
    r, _ = play(StoryRunner.new(mini_story, "anxious"), [0, 1], through_save=False)
    r = roundtrip(r)
    assert r.state.ended_early
    assert ending_reasons(r) == ["Safety ended at 0 of 10.", "The story stopped early because: safety is at most 0."]


def test_fallback_ending_says_so(mini_story):
    r, _ = play(StoryRunner.new(mini_story, "anxious"), [1, 2], through_save=False)
    assert r.ending.id == "again" and "default" in ending_reasons(r)[0]


def test_series_and_counts(mini_story):
    r, _ = play(StoryRunner.new(mini_story, "anxious"), [0, 0], through_save=False)
    assert meter_series(r.moves, "safety", 5) == [5, 3, 5]
    assert family_counts(r.moves) == {"pursue": 1, "secure": 1}
    notes = scene_notes(r, "text")
    assert notes[0].labels == ("Protest",) and notes[0].changes == {"closeness": 0, "safety": -2}


def test_conditions_in_words(mini_story):
    from game.engine.conditions import parse_condition
    from game.engine.debrief import describe_condition

    tree = parse_condition("not partner_flooded or (closeness > 2 and role == anxious)").tree
    assert describe_condition(tree, mini_story) == "not (the partner is flooded), or closeness is above 2 and your role is anxious"
