"""Flags that follow the story's time: between_scenes.reset takes flags, and `scope: scene` flags clear when a scene ends."""

import pytest

from game.engine import StoryRunner, load_story
from game.tools.bounds import bounds
from game.tools.lint import lint_path
from tests.tools.helpers import apply_example, doc_base

BASE = doc_base()["story.yaml"].replace("scenes: [s]", "scenes: [s, t]")
SCENE_S = """# file: scenes/s.yaml
id: s
title: A scene
start: {anxious: open, avoidant: open}
flags:
  raised_voice: {description: Someone raised their voice in this scene, scope: scene}
nodes:
  open:
    lines: [Hello.]
    choices:
      - {id: name, text: It's our loop., tags: [name_cycle], why: Naming., effects: {safety: 1, closeness: 1, set: [named, raised_voice]}, end: scene}
      - {id: shrug, text: Fine., tags: [minimise], why: Distance., effects: {safety: -1, closeness: -1, set: [raised_voice]}, end: scene}
"""
SCENE_T = """# file: scenes/t.yaml
id: t
title: Later
start: {anxious: open, avoidant: open}
nodes:
  open:
    lines:
      - text: The voice still rings.
        if: raised_voice
      - text: Quiet now.
    end: scene
"""


def make(tmp_path, manifest=BASE):
    apply_example(tmp_path, ["# file: story.yaml\n" + manifest, SCENE_S, SCENE_T])
    return load_story(tmp_path)


def play_first_choice(story):
    runner = StoryRunner.new(story, "anxious")
    runner.advance()
    runner.choose(0)
    assert runner.flags >= {"named", "raised_voice"}
    runner.next_scene()
    return runner


def test_a_scene_scoped_flag_clears_when_the_scene_ends(tmp_path):
    runner = play_first_choice(make(tmp_path))
    assert "raised_voice" not in runner.flags and "named" in runner.flags
    assert runner.advance().text == "Quiet now."


def test_reset_between_scenes_takes_flags(tmp_path):
    manifest = BASE + "between_scenes: {reset: [named]}\n"
    runner = play_first_choice(make(tmp_path, manifest))
    assert "named" not in runner.flags


def test_bounds_know_the_flag_is_clear_in_the_next_scene(tmp_path):
    story = make(tmp_path)
    assert "t.open.1" not in bounds(story, "anxious").lines
    _story, found = relevant(lint_path(tmp_path))
    assert [d.code for d in found] == ["W0118"]  # the line that needs the cleared flag never shows


@pytest.mark.parametrize("manifest, message", [
    (BASE + "between_scenes: {reset: [nmed]}\n", "unknown meter or flag 'nmed'; did you mean 'named'?"),
])
def test_unknown_names_in_reset(tmp_path, manifest, message):
    apply_example(tmp_path, ["# file: story.yaml\n" + manifest, SCENE_S, SCENE_T])
    _story, found = relevant(lint_path(tmp_path))
    assert [d.message for d in found if d.is_error] == [message]


def test_a_scope_other_than_story_or_scene_is_an_error(tmp_path):
    apply_example(tmp_path, ["# file: story.yaml\n" + BASE, SCENE_S.replace("scope: scene", "scope: week"), SCENE_T])
    _story, found = relevant(lint_path(tmp_path))
    assert [d.code for d in found if d.is_error] == ["E0104"]


def relevant(result):
    """Lint's findings without W0133 (growth hangs on one choice): true of these tiny stories, beside the point."""
    story, found = result
    return story, [d for d in found if d.code != "W0133"]
