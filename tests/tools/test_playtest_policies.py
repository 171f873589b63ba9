"""Playtest policies that model inconsistent players (learner, mirror), --never, and the per-scene counts."""

import json

import pytest

from game.engine import load_story
from game.tools.playtest import family_policy, pick, playtest
from tests.conftest import mini_with_renamed_roles
from tests.tools.helpers import MINI, SHIPPED, copy_mini, doc_base, tether, write_story


@pytest.fixture(scope="module")
def mini():
    return load_story(MINI)


def test_learner_plays_the_roles_insecure_family_first_and_secure_moves_after(mini):
    runs = playtest(mini, 40, seed=2, policy="learner")
    anxious, avoidant = runs["anxious"], runs["avoidant"]
    assert anxious.taken["text.a_wait.text_again"] == 40 and anxious.taken["talk.start.name_it"] == 40
    assert avoidant.taken["text.v_phone.leave_it"] == 40 and avoidant.taken["talk.start.name_it"] == 40
    assert family_policy("learner", mini.roles["anxious"].habit, 2, 6, True) == "pursue"
    assert family_policy("learner", mini.roles["avoidant"].habit, 3, 6, True) == "secure"
    assert family_policy("learner", None, 2, 6, True) == "random"  # a role with no habit


def test_mirror_is_secure_only_while_the_partners_last_line_is_calm(tmp_path, mini):
    calm = playtest(mini, 30, seed=1, role="anxious", policy="mirror")["anxious"]
    assert calm.taken["talk.start.name_it"] == 30
    root = copy_mini(tmp_path)
    scene = root / "scenes" / "talk.yaml"
    scene.write_text(scene.read_text().replace("text: Can we talk about last night?",
                                               "text: Can we talk about last night?\n        mood: tense"))
    tense = playtest(load_story(root), 30, seed=1, policy="mirror")
    assert tense["anxious"].taken["talk.start.attack"] == 30  # the anxious habit: pursue
    assert tense["avoidant"].taken["talk.start.shrug"] == 30  # the avoidant habit: withdraw
    assert tense["anxious"].taken["text.a_wait.wait"] == 30  # before the partner speaks, the player is calm too


def test_never_avoids_a_tag_unless_nothing_else_is_on_offer(mini):
    import random

    choices = mini.scenes["talk"].nodes["start"].choices
    assert {pick("secure", choices, random.Random(i), never=("name_cycle",)) for i in range(40)} == {1, 2}
    only = choices[:1]
    assert pick("secure", only, random.Random(1), never=("name_cycle",)) == 0


OPTIONAL = """\
id: s
title: A scene
start: {anxious: open, avoidant: open}
nodes:
  open:
    lines: [Hello.]
    choices:
      - {id: name, text: Our loop., tags: [name_cycle], why: Naming it., effects: {safety: 1, set: [named]}, goto: two}
      - {id: sorry, text: Sorry., tags: [take_responsibility], why: Owning it., effects: {safety: 1, set: [named]}, end: scene}
      - {id: shrug, text: Fine., tags: [minimise], why: Away., effects: {safety: -6}, goto: two}
  two:
    lines: [And then?]
    choices:
      - {id: hug, text: Hug., tags: [turn_toward], why: A bid answered., end: scene}
      - {id: sulk, text: Sulk., tags: [turn_away], why: A bid missed., effects: {safety: -1}, end: scene}
"""


def optional_story(tmp_path):
    files = doc_base()
    files["scenes/s.yaml"] = OPTIONAL
    files["story.yaml"] += "early_endings:\n  - {when: safety <= 0, ending: loop}\n"
    return write_story(tmp_path, files)


def test_cli_json_has_per_scene_choice_counts_and_early_endings(tmp_path):
    root = optional_story(tmp_path)
    naming = tether("playtest", root, "--runs", "30", "--policy", "secure", "--never", "take_responsibility",
                    "--role", "anxious", "--json")
    row = json.loads(naming.stdout)["roles"]["anxious"]["scenes"]["s"]
    assert naming.returncode == 0
    assert row == {"entered": 30, "median_choices": 2, "cut_short": 0}
    never = tether("playtest", root, "--runs", "30", "--policy", "secure", "--never", "name_cycle", "--json")
    data = json.loads(never.stdout)
    assert data["never"] == ["name_cycle"]
    assert data["roles"]["anxious"]["scenes"]["s"] == {"entered": 30, "median_choices": 1, "cut_short": 0}
    assert data["roles"]["anxious"]["choices"]["s.open.sorry"]["taken"] == 30
    pursue = tether("playtest", root, "--runs", "30", "--policy", "withdraw", "--json")
    assert json.loads(pursue.stdout)["roles"]["avoidant"]["scenes"]["s"] == {"entered": 30, "median_choices": 1,
                                                                             "cut_short": 30}


def test_the_shipped_story_runs_with_never_and_learner():
    shipped = load_story(SHIPPED)
    naming = {c.id for c in shipped.all_choices() if "name_cycle" in c.tags}
    assert naming
    secure = tether("playtest", "--runs", "5", "--policy", "secure", "--never", "name_cycle", "--json")
    assert secure.returncode == 0, secure.stderr
    data = json.loads(secure.stdout)
    for role in ("anxious", "avoidant"):
        scenes = data["roles"][role]["scenes"]
        assert list(scenes)[0] == "first_message" and all(s["median_choices"] >= 1 for s in scenes.values())
        taken = {k for k, v in data["roles"][role]["choices"].items() if v["taken"]}
        assert taken and not taken & naming, sorted(taken & naming)
    learner = tether("playtest", "--runs", "5", "--policy", "learner", "--json")
    assert learner.returncode == 0 and "median_choices" in learner.stdout


def test_an_unknown_never_tag_is_refused():
    result = tether("playtest", MINI, "--never", "nam_cycle")
    assert result.returncode == 2 and "unknown behaviour tag 'nam_cycle'" in result.stdout


def test_learner_and_mirror_follow_the_roles_habit_whatever_the_roles_are_called(tmp_path):
    root = mini_with_renamed_roles(tmp_path / "renamed")
    scene = root / "scenes" / "talk.yaml"
    scene.write_text(scene.read_text().replace("text: Can we talk about last night?",
                                               "text: Can we talk about last night?\n        mood: tense"))
    story = load_story(root)
    assert {name: spec.habit for name, spec in story.roles.items()} == {"reacher": "pursue", "keeper": "withdraw"}
    learner = playtest(story, 40, seed=2, policy="learner")
    assert learner["reacher"].taken["text.a_wait.text_again"] == 40  # pursue, as the anxious role in the mini story
    assert learner["keeper"].taken["text.v_phone.leave_it"] == 40  # withdraw
    mirror = playtest(story, 30, seed=1, policy="mirror")
    assert mirror["reacher"].taken["talk.start.attack"] == 30
    assert mirror["keeper"].taken["talk.start.shrug"] == 30


def test_a_role_without_a_habit_plays_at_random_where_the_habit_would_play(tmp_path):
    root = mini_with_renamed_roles(tmp_path / "renamed")
    manifest = root / "story.yaml"
    manifest.write_text(manifest.read_text().replace("    habit: pursue\n", ""))
    story = load_story(root)
    assert story.roles["reacher"].habit is None
    learner = playtest(story, 40, seed=2, role="reacher", policy="learner")["reacher"]
    assert 0 < learner.taken["text.a_wait.text_again"] < 40
