"""The shipped story teaches what it should: the numbers from its design brief, checked by play.

1,000 seeded playthroughs per role and policy, the same runs `tether playtest --runs 1000 --seed 1` makes.
"""

import pytest

from game.engine import load_story
from game.tools.playtest import playtest
from tests.conftest import SHIPPED

RUNS = 1000
OWN_INSECURE = {"anxious": "pursue", "avoidant": "withdraw"}


@pytest.fixture(scope="module")
def story():
    return load_story(SHIPPED)


def share(stats, kind):
    return stats.kinds[kind] / stats.runs


@pytest.mark.parametrize("role", ["anxious", "avoidant"])
def test_secure_play_reaches_growth_in_at_least_80_percent(story, role):
    stats = playtest(story, RUNS, 1, role, "secure")[role]
    assert share(stats, "growth") >= 0.80, dict(stats.kinds)


@pytest.mark.parametrize("role", ["anxious", "avoidant"])
def test_the_roles_own_insecure_strategy_never_grows(story, role):
    stats = playtest(story, RUNS, 1, role, OWN_INSECURE[role])[role]
    assert stats.kinds["growth"] == 0, dict(stats.endings)


@pytest.mark.parametrize("role", ["anxious", "avoidant"])
def test_random_play_reaches_every_ending_kind_at_least_10_percent(story, role):
    stats = playtest(story, RUNS, 1, role, "random")[role]
    for kind in ("growth", "escalation", "breakup"):
        assert share(stats, kind) >= 0.10, (kind, dict(stats.kinds))
    assert not stats.stuck


def test_every_declared_ending_happens_in_random_play(story):
    seen = set()
    for role in ("anxious", "avoidant"):
        seen |= set(playtest(story, RUNS, 1, role, "random")[role].endings)
    assert seen == {e.id for e in story.endings}
