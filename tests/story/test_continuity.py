"""Facts that once contradicted each other between scenes or roles stay fixed (docs/story-bible.md,
"Known contradictions to fix"). The paths that show the right version are pinned by the plans named
below; these tests make sure the wrong version is gone from every text a player can meet."""

import pytest

from game.engine import load_story
from tests.conftest import SHIPPED


@pytest.fixture(scope="module")
def story():
    return load_story(SHIPPED)


def every_text(story):
    """Every line, reply, choice, why and inner in the story, and every ending."""
    for node in story.all_nodes():
        yield node.id, node.inner
        for line in node.all_lines:
            yield line.id, line.text
        for choice in node.choices:
            yield choice.id, choice.text
            yield choice.id, choice.why
    for ending in story.endings:
        yield ending.id, ending.text


GONE = [
    # 6: Marcus told the reacher in his kitchen while the other fetched ice; the taxi may hold an apology
    ("taxi home was silent", "the fight's opening said the taxi was silent after a taxi with an apology"),
    ("lifted his glass", "Marcus made no toast: he said it in the kitchen"),
    ("raised his glass", "Marcus made no toast: he said it in the kitchen"),
    ("thanks for the toast", "Marcus made no toast"),
    # 8: in week three the reacher rings at 11:02, in both roles
    ("11:08", "the week-three call is at 11:02 in both roles"),
    ("Thank you for ringing", "the reacher rang; the other picked up"),
    # 9: the dad took a job abroad and did not come back, in both roles and both scenes
    ("out for milk", "the dad left for a job, not for milk"),
    ("The job, the suitcase", "the fight's partner knows only that the dad left; the morning is the first telling"),
    # 10: Priya was there in week three; nobody had to tell her
    ("told Priya ages ago", "Priya was there in week three"),
    ("told her about week three", "Priya was there in week three"),
    ("confiscate a phone", "nobody confiscated a phone in week three"),
    # 4, sibling: the deadline is Monday everywhere
    ("end of the month", "the answer is due on Monday"),
]


@pytest.mark.parametrize("wrong, why", GONE, ids=[g[0] for g in GONE])
def test_a_fixed_contradiction_does_not_come_back(story, wrong, why):
    found = [where for where, text in every_text(story) if wrong.lower() in text.lower()]
    assert found == [], f"{why}: {found}"


def test_the_week_three_call_is_made_by_the_same_person_in_both_roles(story):
    """Plans: continuity_call_reveal_dad_anxious (you ring) and continuity_days_avoidant (the phone rings)."""
    scene = story.scenes["first_message"]
    anxious = " ".join(line.text for line in scene.nodes["a_call"].lines)
    avoidant = " ".join(line.text for line in scene.nodes["v_call"].lines)
    assert "11:02" in anxious and "press call" in anxious
    assert "11:02" in avoidant and "phone rings" in avoidant
