"""Playtest distributions, the story map and stats."""

import json

import pytest

from game.engine import load_story
from game.tools.graph import dot, mermaid
from game.tools.playtest import pick, playtest
from game.tools.stats import stats
from tests.tools.helpers import MINI, SHIPPED, tether


@pytest.fixture(scope="module")
def mini():
    return load_story(MINI)


def test_same_seed_same_runs_other_seed_other_runs(mini):
    a = playtest(mini, 200, seed=7)
    b = playtest(mini, 200, seed=7)
    c = playtest(mini, 200, seed=8)
    assert a["anxious"].to_dict(mini) | {"seconds": 0} == b["anxious"].to_dict(mini) | {"seconds": 0}
    assert a["anxious"].taken != c["anxious"].taken


def test_policies_follow_the_tag_families(mini):
    secure = playtest(mini, 100, seed=1, role="anxious", policy="secure")["anxious"]
    assert secure.taken["text.a_wait.wait"] == 100 and secure.taken["talk.start.name_it"] == 100
    assert dict(secure.endings) == {"steady": 100}
    pursue = playtest(mini, 100, seed=1, role="anxious", policy="pursue")["anxious"]
    assert pursue.taken["text.a_wait.text_again"] == 100 and pursue.taken["talk.start.attack"] == 100
    withdraw = playtest(mini, 100, seed=1, role="avoidant", policy="withdraw")["avoidant"]
    assert withdraw.taken["text.v_phone.leave_it"] == 100 and withdraw.taken["talk.start.shrug"] == 100


def test_ties_are_broken_by_the_rng(mini):
    import random

    choices = [c for c in mini.scenes["talk"].nodes["start"].choices]
    picks = {pick("random", choices, random.Random(i)) for i in range(50)}
    assert picks == {0, 1, 2}


def test_random_policy_meter_spread_and_counts(mini):
    s = playtest(mini, 300, seed=1, role="anxious")["anxious"]
    d = s.to_dict(mini)
    assert sum(d["endings"].values()) == 300
    assert d["meters_at_scene_end"]["text"]["safety"]["min"] == 3
    assert d["meters_at_scene_end"]["text"]["safety"]["max"] == 6
    wait = d["choices"]["text.a_wait.wait"]
    assert wait["offered"] == 300 and 100 < wait["taken"] < 200


def test_playtest_cli_json_and_text(mini):
    result = tether("playtest", MINI, "--runs", "50", "--seed", "3", "--json")
    data = json.loads(result.stdout)
    assert data["roles"]["avoidant"]["runs"] == 50
    text = tether("playtest", MINI, "--runs", "20", "--seed", "3", "--policy", "secure", "--role", "anxious").stdout
    assert "steady                   growth         20 100.0%" in text


@pytest.mark.skipif(not (SHIPPED / "story.yaml").exists(), reason="the shipped story is not there yet")
def test_thousand_runs_of_the_shipped_story_all_finish():
    # How long it takes is the benchmark's business (`python -m benchmarks`), not a test's.
    story = load_story(SHIPPED)
    result = playtest(story, 1000, seed=1, role="anxious")
    assert result["anxious"].runs == 1000 and not result["anxious"].stuck
    assert sum(result["anxious"].endings.values()) == 1000


def test_mermaid_map_has_scenes_choices_and_endings_by_kind(mini):
    text = mermaid(mini)
    assert text.startswith("flowchart TD\n")
    assert 'subgraph' in text and '"The Text"' in text
    assert '-->|"attack if role == anxious"|' in text
    assert ":::growth" in text and ":::breakup" in text and ":::escalation" in text
    assert "classDef growth" in text


def test_role_and_scene_filters(mini):
    avoidant = mermaid(mini, role="avoidant")
    assert "a_wait" not in avoidant and "v_phone" in avoidant
    assert "attack" not in avoidant
    talk = mermaid(mini, scene="talk")
    assert "a_wait" not in talk and "name_it" in talk


def test_dot_map(mini):
    text = dot(mini)
    assert text.startswith("digraph story {") and text.rstrip().endswith("}")
    assert 'kind="growth"' in text and "cluster_" in text
    result = tether("graph", MINI, "--format", "dot", "--scene", "nope")
    assert result.returncode == 2


def test_stats_counts(mini):
    s = stats(mini)
    assert (s["scenes"], s["nodes"], s["choices"], s["lines"]) == (2, 6, 7, 9)
    assert s["endings_by_kind"] == {"growth": 1, "breakup": 1, "escalation": 1}
    assert s["share_with_tags"] == 1.0 and s["share_with_why"] == 1.0
    assert s["words_by_role"]["anxious"] > s["words_by_role"]["avoidant"] > 0
    assert s["words"] >= s["words_by_role"]["anxious"]
    result = tether("stats", MINI)
    assert "choices with tags: 7 of 7 (100%)" in result.stdout
