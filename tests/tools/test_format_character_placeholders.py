"""Characters' names and pronouns in text: {priya}, {Priya}, {priya.they}, {Priya.their}, checked by lint."""

from game.engine import StoryRunner, load_story
from game.tools.lint import lint_path
from tests.tools.helpers import apply_example

SCENE = """# file: scenes/s.yaml
id: s
title: A scene
start: {anxious: open, avoidant: open}
characters:
  priya: {name: Priya, pronouns: she}
  jo: {name: Jo}
nodes:
  open:
    lines:
      - "{Priya} waves. {Priya.they} {priya.are} late, and {priya.their} coat is wet."
      - "{jo} says {jo.they} {jo.have} kept {jo.their} seat."
    choices:
      - {id: name, text: "Thank {priya.them}.", tags: [name_cycle], why: "{Priya.they} came.", effects: {safety: 1, closeness: 1, set: [named]}, end: scene}
      - {id: shrug, text: Fine., tags: [minimise], why: Distance., effects: {safety: -1, closeness: -1}, end: scene}
"""


def test_names_and_pronouns_are_filled_in(tmp_path):
    apply_example(tmp_path, [SCENE])
    runner = StoryRunner.new(load_story(tmp_path), "anxious")
    assert runner.advance().text == "Priya waves. She is late, and her coat is wet."
    assert runner.advance().text == "Jo says they have kept their seat."
    assert [c.text for c in runner.choices][0] == "Thank her."


def test_lint_checks_character_placeholders(tmp_path):
    apply_example(tmp_path, [SCENE.replace("{priya.their}", "{priya.thier}").replace("{jo} says", "{joe} says")])
    _story, found = lint_path(tmp_path)
    messages = sorted(d.message for d in found if d.code == "E0302")
    assert messages == ["unknown placeholder {joe}; did you mean {jo}?",
                        "unknown pronoun word in {priya.thier}; did you mean {priya.their}?"]


def test_a_character_placeholder_in_a_title_is_shown_as_written(tmp_path):
    apply_example(tmp_path, [SCENE.replace("title: A scene", 'title: "{Priya} again"')])
    _story, found = lint_path(tmp_path)
    assert [d.code for d in found] == ["E0309"]
