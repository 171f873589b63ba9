"""W0120: a control character in any text of a story is found, at the place of the part that holds it."""

from __future__ import annotations

import copy
import dataclasses

import pytest
import yaml

from game.engine.loader import check_story
from game.tools import controls
from game.tools.controls import KNOWN_FIELDS, control_texts, model_known, quick_look
from game.tools.lint import lint_path
from tests.tools.helpers import MINI, SHIPPED, copy_mini

ESCAPE = "\x1b[2J"  # written to the files as "\e[2J" in a double-quoted string


def _docs() -> dict[str, dict]:
    """The mini story's files as data, with every kind of text it lacks added: about, learn_more, an ending in
    paragraphs, a scene's own flag, `inner:` lines on mirrored nodes and a reply on a choice."""
    docs = {path: yaml.safe_load((MINI / path).read_text(encoding="utf-8"))
            for path in ("story.yaml", "scenes/text.yaml", "scenes/talk.yaml")}
    manifest, text = docs["story.yaml"], docs["scenes/text.yaml"]
    manifest["about"] = "About this story."
    manifest["learn_more"] = "Further reading."
    manifest["endings"][0]["text"] = [{"if": "cycle_named", "text": "You named it."}, "You found a way through."]
    text["flags"] = {"text_flag": {"description": "A flag of the scene."}}
    text["nodes"]["a_wait"]["choices"][0]["effects"]["set"] = ["text_flag"]
    text["nodes"]["a_wait"].update(mirror="v_phone", inner="Waiting, from the other side.")
    text["nodes"]["v_phone"].update(mirror="a_wait", inner="The phone, from the other side.")
    text["nodes"]["v_phone"]["choices"][0]["lines"] = [{"speaker": "partner", "text": "Oh, hi.", "mood": "warm"}]
    return docs


def _node(s, scene, node):
    return s.scenes[scene].nodes[node]


# (file, path to the text in it, where lint must point: the part of the built story whose `pos` that is,
# None for a part with no place of its own (a role), which lint reports at the manifest's start)
PLACES = [
    ("story.yaml", ("title",), lambda s: [None]),
    ("story.yaml", ("version",), lambda s: [None]),
    ("story.yaml", ("disclaimer",), lambda s: [None]),
    ("story.yaml", ("about",), lambda s: [None]),
    ("story.yaml", ("learn_more",), lambda s: [None]),
    ("story.yaml", ("roles", "anxious", "title"), lambda s: [None]),
    ("story.yaml", ("roles", "anxious", "blurb"), lambda s: [None]),
    ("story.yaml", ("roles", "avoidant", "partner", "name"), lambda s: [None]),
    ("story.yaml", ("characters", "priya", "name"), lambda s: [s.characters["priya"].pos]),
    ("story.yaml", ("meters", "safety", "label"), lambda s: [s.meters["safety"].pos]),
    ("story.yaml", ("flags", "cycle_named", "description"), lambda s: [s.flags["cycle_named"].pos]),
    ("story.yaml", ("endings", 1, "title"), lambda s: [s.endings[1].pos]),
    ("story.yaml", ("endings", 1, "text"), lambda s: [s.endings[1].pos]),
    # a paragraph is in the ending's whole text as well
    ("story.yaml", ("endings", 0, "text", 0, "text"), lambda s: [s.endings[0].parts[0].pos, s.endings[0].pos]),
    ("story.yaml", ("endings", 0, "text", 1), lambda s: [s.endings[0].parts[1].pos, s.endings[0].pos]),
    ("scenes/text.yaml", ("title",), lambda s: [s.scenes["text"].pos]),
    ("scenes/text.yaml", ("summary",), lambda s: [s.scenes["text"].pos]),
    ("scenes/text.yaml", ("content_notes", 0), lambda s: [s.scenes["text"].pos]),
    ("scenes/text.yaml", ("flags", "text_flag", "description"), lambda s: [s.flags["text_flag"].pos]),
    ("scenes/text.yaml", ("nodes", "a_wait", "lines", 0), lambda s: [_node(s, "text", "a_wait").lines[0].pos]),
    ("scenes/text.yaml", ("nodes", "a_wait", "lines", 1, "text"), lambda s: [_node(s, "text", "a_wait").lines[1].pos]),
    ("scenes/text.yaml", ("nodes", "a_wait", "inner"), lambda s: [_node(s, "text", "a_wait").pos]),
    ("scenes/text.yaml", ("nodes", "a_wait", "choices", 0, "text"), lambda s: [_node(s, "text", "a_wait").choices[0].pos]),
    ("scenes/text.yaml", ("nodes", "a_wait", "choices", 0, "why"), lambda s: [_node(s, "text", "a_wait").choices[0].pos]),
    ("scenes/text.yaml", ("nodes", "a_wait", "choices", 1, "tags", 0),
     lambda s: [_node(s, "text", "a_wait").choices[1].pos]),
    ("scenes/text.yaml", ("nodes", "v_phone", "choices", 0, "lines", 0, "text"),
     lambda s: [_node(s, "text", "v_phone").choices[0].lines[0].pos]),
    ("scenes/talk.yaml", ("nodes", "after", "lines", 0), lambda s: [_node(s, "talk", "after").lines[0].pos]),
]


def _write(root, docs) -> None:
    for path, data in docs.items():
        (root / path).write_text(yaml.safe_dump(data, allow_unicode=False, sort_keys=False), encoding="utf-8")


def _with_escape(docs, file, path):
    docs = copy.deepcopy(docs)
    *parents, last = path
    holder = docs[file]
    for key in parents:
        holder = holder[key]
    holder[last] += ESCAPE
    return docs


def _built(root):
    story, diagnostics = check_story(root)
    assert story is not None and not [d for d in diagnostics if d.is_error], diagnostics
    return story


@pytest.mark.parametrize("file, path, where", PLACES, ids=["/".join(map(str, (p[0], *p[1]))) for p in PLACES])
def test_a_control_character_in_each_kind_of_text_is_found_at_its_part(tmp_path, file, path, where):
    root = copy_mini(tmp_path)
    _write(root, _with_escape(_docs(), file, path))
    story = _built(root)
    assert quick_look(story) is True  # the quick look sees it, so the places are worked out
    found = control_texts(story)
    assert sorted(map(repr, (pos for pos, _text in found))) == sorted(map(repr, where(story)))
    assert all(ESCAPE in text for _pos, text in found)


def test_all_of_them_at_once_give_one_warning_per_place_with_file_line_and_column(tmp_path):
    root = copy_mini(tmp_path)
    docs = _docs()
    for file, path, _where in PLACES:
        docs = _with_escape(docs, file, path)
    _write(root, docs)
    story, diagnostics = lint_path(root)
    manifest = (str(root / "story.yaml"), 1, 1)
    want = {manifest if pos is None else (pos.file, pos.line, pos.col) for *_, where in PLACES for pos in where(story)}
    got = [(d.file, d.line, d.col) for d in diagnostics if d.code == "W0120"]
    assert set(got) == want and len(want) > 15
    assert all("\\x1b" in d.message for d in diagnostics if d.code == "W0120")


def test_stories_without_control_characters_stop_at_the_quick_look(tmp_path):
    for root in (MINI, SHIPPED):
        story = _built(root)
        assert quick_look(story) is False and control_texts(story) == []


def test_the_quick_look_knows_every_field_of_the_model():
    """When this fails, the model has a field the quick look does not read: add it to controls.KNOWN_FIELDS,
    and to controls._text_batches when it can hold text."""
    changed = {cls.__name__: tuple(f.name for f in dataclasses.fields(cls)) for cls, names in KNOWN_FIELDS.items()
               if tuple(f.name for f in dataclasses.fields(cls)) != names}
    assert model_known() and not changed, changed


def test_a_model_the_quick_look_does_not_know_gets_the_full_walk(tmp_path, monkeypatch):
    root = copy_mini(tmp_path)
    _write(root, _with_escape(_docs(), "scenes/talk.yaml", ("nodes", "after", "lines", 0)))
    story = _built(root)
    monkeypatch.setattr(controls, "_model_known", False)
    assert quick_look(story) is None
    assert [pos for pos, _text in control_texts(story)] == [_node(story, "talk", "after").lines[0].pos]
