"""An ending's text can be a list of paragraphs with `if:`, so it tells only what happened in this game."""

import json

import jsonschema
import pytest

from game.engine import StoryRunner, load_story
from game.engine.loader import check_story, compile_story, story_from_json
from game.tools.analysis import flag_use
from game.tools.schema import schema
from tests.engine.helpers import roundtrip, write_story

MANIFEST = """\
format: 1
id: t
title: T
version: "1"
roles:
  anxious: {title: A}
  avoidant: {title: V}
scenes: [s]
meters:
  closeness: {min: 0, max: 10, start: 5}
  safety: {min: 0, max: 10, start: 5}
flags:
  on_the_phone: {}
  in_the_flat: {}
endings:
  - id: said
    kind: breakup
    title: Said
    text:
      - if: on_the_phone
        text: "You said it on the phone to {partner}."
      - if: in_the_flat
        text: You said it in the flat.
      - Then you split the books.
"""

SCENE = """\
id: s
title: S
start: {anxious: n, avoidant: n}
nodes:
  n:
    lines: [It is late.]
    choices:
      - {id: phone, text: Ring, tags: [protest], why: x, effects: {set: [on_the_phone]}, end: story}
      - {id: flat, text: Say it here, tags: [protest], why: x, effects: {set: [in_the_flat]}, end: story}
"""


@pytest.fixture
def story(tmp_path):
    return load_story(write_story(tmp_path, SCENE, MANIFEST))


@pytest.mark.parametrize("through_save", [False, True], ids=["straight", "saved"])
@pytest.mark.parametrize(("pick", "told", "untold"), [(0, "on the phone to Sam", "in the flat"),
                                                       (1, "in the flat", "phone")])
def test_only_the_paragraphs_whose_if_holds_are_shown(story, pick, told, untold, through_save):
    runner = StoryRunner.new(story, "anxious")
    runner.advance()
    runner.choose(pick)
    if through_save:
        runner = roundtrip(runner)
    text = runner.ending_text
    assert told in text and untold not in text
    assert text.endswith("Then you split the books.")
    assert text.count("\n") == 1  # one paragraph per line, as a folded text keeps them


def test_the_full_text_stays_for_counts_and_the_flags_count_as_read(story):
    ending = story.ending("said")
    assert "phone" in ending.text and "flat" in ending.text and len(ending.parts) == 3
    assert {"on_the_phone", "in_the_flat"} <= flag_use(story).read


def test_a_plain_text_ending_is_unchanged(story, tmp_path):
    plain = MANIFEST.replace("""    text:
      - if: on_the_phone
        text: "You said it on the phone to {partner}."
      - if: in_the_flat
        text: You said it in the flat.
      - Then you split the books.
""", "    text: Then you split the books.\n")
    runner = StoryRunner.new(load_story(write_story(tmp_path / "plain", SCENE, plain)), "anxious")
    runner.advance()
    runner.choose(0)
    assert runner.ending_text == "Then you split the books."


def test_mistakes_get_a_position_and_a_message(tmp_path):
    bad = MANIFEST.replace("      - Then you split the books.\n", "").replace("if: in_the_flat", "if: in_the_falt")
    story, diagnostics = check_story(write_story(tmp_path, SCENE, bad))
    assert story is None
    messages = [(d.code, d.line, d.message) for d in diagnostics]
    assert any(code == "E0203" and "in_the_falt" in message and line == 22 for code, line, message in messages), messages
    assert any(code == "E0106" and "every paragraph" in message for code, _line, message in messages), messages


def test_the_schema_accepts_paragraphs_and_the_browser_story_keeps_them(story, tmp_path):
    import yaml

    manifest = yaml.safe_load(MANIFEST)
    jsonschema.validate(manifest, schema())
    manifest["endings"][0]["text"][0]["when"] = "on_the_phone"  # `when` belongs to the ending, not a paragraph
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(manifest, schema())
    data, diagnostics = compile_story(tmp_path)
    again, _ = story_from_json(json.loads(json.dumps(data)))
    parts = lambda s: [(p.text, p.guard.source) for p in s.ending("said").parts]  # noqa: E731
    assert parts(again) == parts(story) and len(parts(story)) == 3
