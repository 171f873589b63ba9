"""The shipped story teaches what it should: the figures from its design brief, checked by play.

1,000 seeded playthroughs per role and policy, the same runs `tether playtest story --runs 1000 --seed 1
--role R --policy P [--never T]` makes, so a figure here can be checked by hand with the tool.
"""

import random
import statistics

import pytest

from game.engine import StoryRunner, load_story
from game.engine.tags import SECURE, TAGS, family_of
from game.tools.playtest import pick, playtest
from tests.conftest import SHIPPED

RUNS = 1000
ROLES = ("anxious", "avoidant")


@pytest.fixture(scope="module")
def story():
    return load_story(SHIPPED)


_DONE: dict = {}


def run(story, role, policy, never=()):
    """The tool's own playtest (seed 1), computed once per story, role, policy and never-list."""
    key = (id(story), role, policy, tuple(never))
    if key not in _DONE:
        _DONE[key] = playtest(story, RUNS, 1, role, policy, never=never)[role]
    return _DONE[key]


def share(stats, kind):
    return stats.kinds[kind] / stats.runs


def secure_tags(story):
    """Every secure-family tag some choice of the story carries."""
    used = {t for c in story.all_choices() for t in c.tags}
    return sorted(t for t, info in TAGS.items() if info.family == SECURE and t in used)


@pytest.mark.parametrize("role", ROLES)
def test_secure_play_reaches_growth_in_at_least_90_percent(story, role):
    stats = run(story, role, "secure")
    assert share(stats, "growth") >= 0.90, dict(stats.endings)


@pytest.mark.slow  # 1,000 runs per secure tag and role: about 25 playtests
@pytest.mark.parametrize("role", ROLES)
def test_growth_does_not_hang_on_any_one_secure_move(story, role):
    """Secure play that never makes one kind of secure move still grows: no tag is the only way out."""
    low = {}
    for tag in secure_tags(story):
        stats = run(story, role, "secure", never=(tag,))
        if share(stats, "growth") < 0.70:
            low[tag] = dict(stats.endings)
    assert len(secure_tags(story)) >= 8 and not low, low


@pytest.mark.parametrize("role", ROLES)
def test_a_learner_who_turns_secure_halfway_grows_in_at_least_40_percent(story, role):
    stats = run(story, role, "learner")
    assert share(stats, "growth") >= 0.40, dict(stats.endings)


@pytest.mark.parametrize("role", ROLES)
def test_the_roles_own_insecure_strategy_never_grows(story, role):
    stats = run(story, role, story.roles[role].habit)
    assert stats.kinds["growth"] == 0, dict(stats.endings)


@pytest.mark.parametrize("role", ROLES)
def test_the_insecure_player_still_plays_the_fight_three_choices_deep(story, role):
    stats = run(story, role, story.roles[role].habit)
    made = stats.scene_choices["the_fight"]
    assert statistics.median(made) >= 3, sorted(made)[:20]


@pytest.mark.parametrize("role", ROLES)
def test_secure_play_leaves_room_at_the_top_after_two_scenes(story, role):
    """Meters that hit the ceiling early make every later scene look the same in the debrief."""
    stats = run(story, role, "secure")
    second = stats.scene_meters[story.scene_order[1]]
    for meter in ("closeness", "safety"):
        assert statistics.median(second[meter]) <= story.meters[meter].max - 2, (meter, sorted(second[meter])[-20:])


@pytest.mark.parametrize("role", ROLES)
def test_random_play_reaches_every_ending_kind_at_least_10_percent(story, role):
    stats = run(story, role, "random")
    for kind in ("growth", "escalation", "breakup"):
        assert share(stats, kind) >= 0.10, (kind, dict(stats.kinds))
    assert not stats.stuck


def test_every_declared_ending_happens_in_random_play(story):
    seen = set()
    for role in ROLES:
        seen |= set(run(story, role, "random").endings)
    assert seen == {e.id for e in story.endings}


def ten_insecure_moves(story, role, from_scene: str, runs: int = 200) -> dict:
    """Endings of play that is secure except for ten moves of the role's insecure family, made at the
    first ten menus that offer one from scene `from_scene` on."""
    family = story.roles[role].habit
    rng = random.Random(f"ten:{role}:{from_scene}")
    start = story.scene_order.index(from_scene)
    endings: dict = {}
    for _ in range(runs):
        runner = StoryRunner.new(story, role, render=False)
        left = 10
        while True:
            runner.advance_to_choice(stop_at_scene_end=True)
            if runner.phase == "ended":
                break
            if runner.phase == "scene_end":
                runner.next_scene()
                continue
            choices = runner.available_choices()
            use = left > 0 and story.scene_order.index(runner.state.scene) >= start and any(
                family in family_of(c.tags) for c in choices)
            left -= use
            runner.choose(pick(family if use else "secure", choices, rng))
        endings[runner.state.ending] = endings.get(runner.state.ending, 0) + 1
    return endings


@pytest.mark.parametrize("role", ROLES)
def test_ten_insecure_moves_reach_steady_ground_far_less_often_than_a_perfect_run(story, role):
    """The year remembers the first months through the repairs made (or not) in them: ten insecure moves
    at the start, the rest secure, reach Steady Ground, the ending secure play reaches most often, at
    most 60 % as often as secure play does."""
    secure = run(story, role, "secure")
    assert secure.endings.most_common(1)[0][0] == "steady_ground"
    endings = ten_insecure_moves(story, role, "first_message")
    early = endings.get("steady_ground", 0) / sum(endings.values())
    assert early <= 0.6 * secure.endings["steady_ground"] / secure.runs, (endings, dict(secure.endings))
