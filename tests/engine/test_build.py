"""Broken stories are refused with a diagnostic at the place to fix, never a traceback."""

import pytest

from game.engine import StoryLoadError, check_story, load_story
from tests.engine.helpers import write_story

GOOD = """\
id: s
title: S
start: {anxious: a, avoidant: a}
nodes:
  a:
    lines:
      - Hello, {partner}.
    choices:
      - id: go
        text: Go
        tags: [repair]
        why: Because.
        effects: {safety: 1, set: [named]}
        end: scene
"""


def codes(tmp_path, scene, manifest=None):
    kwargs = {"manifest": manifest} if manifest else {}
    story, diagnostics = check_story(write_story(tmp_path, scene, **kwargs))
    return story, [(d.code, d.line, d.col) for d in diagnostics if d.is_error], [str(d) for d in diagnostics]


def test_good_story_loads(tmp_path):
    story, errors, _ = codes(tmp_path, GOOD)
    assert errors == [] and story.scene_order == ("s",)
    assert story.scenes["s"].nodes["a"].choices[0].id == "s.a.go"


@pytest.mark.parametrize("broken, code, line, col", [
    (GOOD.replace("end: scene", "goto: nowhere"), "E0201", 14, 15),
    (GOOD.replace("safety: 1", "safty: 1"), "E0202", 13, 19),
    (GOOD.replace("set: [named]", "set: [nmed]"), "E0203", 13, 36),
    (GOOD.replace("tags: [repair]", "tags: [repair]\n        if: named and bogus"), "E0203", 12, 23),
    (GOOD.replace("tags: [repair]", "tags: [repair]\n        if: \"safety >\""), "E0301", 12, 22),
    (GOOD.replace("Hello, {partner}.", "Hello, {partnr}."), "E0302", 7, 16),
    (GOOD.replace("        end: scene\n", ""), "E0303", 9, 9),
    (GOOD.replace("      - Hello, {partner}.\n", "      - Hello, {partner}.\n    goto: a\n"), "E0304", 5, 3),
    (GOOD.replace("id: go", "id: Go!"), "E0105", 9, 13),
    (GOOD.replace("title: S", "title: S\ncolour: blue"), "E0102", 3, 1),
    (GOOD.replace("effects: {safety: 1", "effects: {safety: lots"), "E0104", 13, 27),
    (GOOD.replace("start: {anxious: a, avoidant: a}", "start: {anxious: a, avoidant: b}"), "E0201", 3, 31),
    (GOOD.replace("nodes:\n", "nodes:\n  - a\n").replace("  a:\n", "  b:\n", 1), "E0004", None, None),
])
def test_each_mistake_has_its_code_and_place(tmp_path, broken, code, line, col):
    story, errors, text = codes(tmp_path, broken)
    assert story is None
    matching = [e for e in errors if e[0] == code]
    assert matching, text
    if line is not None:
        assert (line, col) in [(e[1], e[2]) for e in matching], text


def test_a_list_where_a_mapping_belongs(tmp_path):
    story, errors, text = codes(tmp_path, "- just\n- a list\n")
    assert story is None and ("E0101", 1, 1) in errors, text


def test_message_names_the_file(tmp_path):
    _, _, text = codes(tmp_path, GOOD.replace("goto", "goto").replace("end: scene", "goto: nowhere"))
    assert any(t.startswith("scenes/s.yaml:") or "/scenes/s.yaml:" in t for t in text)


def test_unknown_ending_in_early_endings_and_bad_kind(tmp_path):
    from tests.engine.helpers import MANIFEST

    manifest = MANIFEST.replace("kind: growth", "kind: happy") + "early_endings:\n  - {when: safety <= 0, ending: nope}\n"
    story, errors, text = codes(tmp_path, GOOD, manifest)
    assert story is None
    assert {"E0306", "E0204"} <= {e[0] for e in errors}, text


def test_load_story_raises_with_all_diagnostics(tmp_path):
    write_story(tmp_path, GOOD.replace("safety: 1", "safty: 1").replace("{partner}", "{nobody}"))
    with pytest.raises(StoryLoadError) as info:
        load_story(tmp_path)
    assert {d.code for d in info.value.diagnostics} == {"E0202", "E0302"}


def test_missing_manifest_and_missing_path(tmp_path):
    _, diagnostics = check_story(tmp_path)
    assert diagnostics[0].code == "E0001" and "story.yaml" in diagnostics[0].message
    _, diagnostics = check_story(tmp_path / "nope")
    assert "no such file" in diagnostics[0].message


def test_scene_declares_its_own_flags_and_characters(tmp_path):
    scene = GOOD.replace("title: S\n", "title: S\nflags:\n  local_flag: {description: x}\ncharacters:\n  nan: {name: Nan}\n")
    scene = scene.replace("      - Hello, {partner}.", "      - {speaker: nan, text: Hi}").replace("set: [named]", "set: [local_flag]")
    story, errors, text = codes(tmp_path, scene)
    assert errors == [], text
    assert "local_flag" in story.flags and story.characters["nan"].name == "Nan"


def test_an_empty_or_malformed_reply_is_an_error_at_its_line(tmp_path):
    from game.engine import check_story
    from tests.engine.helpers import write_story

    write_story(tmp_path, """\
        id: s
        title: S
        start: {anxious: a, avoidant: a}
        nodes:
          a:
            choices:
              - {id: x, text: X, tags: [neutral], why: w, lines: [], end: story}
              - {id: y, text: Y, tags: [neutral], why: w, lines: {text: no}, end: story}
        """)
    story, diagnostics = check_story(tmp_path)
    assert story is None
    found = {(d.code, d.line) for d in diagnostics if d.is_error}
    assert ("E0104", 7) in found and ("E0104", 8) in found
    assert any("must not be empty" in d.message for d in diagnostics)


def test_no_story_is_built_when_a_top_level_text_is_wrong(tmp_path):
    from game.engine import check_story
    from tests.engine.helpers import MANIFEST, write_story

    write_story(tmp_path, """\
        id: s
        title: S
        start: {anxious: a, avoidant: a}
        nodes:
          a: {lines: [Hi.], end: story}
        """, MANIFEST.replace("title: T", "title: [oops]"))
    story, diagnostics = check_story(tmp_path)
    assert story is None and any(d.is_error and d.line == 3 for d in diagnostics)


def test_each_text_is_checked_at_its_own_place(tmp_path):
    """A text's column, quoting, digits and dropped comment come from one lookup: a place one off would give a
    neighbour's line or column, or lose the quote's shift, the digits or the comment."""
    scene = (GOOD.replace("      - Hello, {partner}.\n", "      - speaker: you\n        text: \"Hi, {partnr}.\"\n        mood: warm\n")
             .replace("        text: Go\n", "        text: Go now # or later\n")
             .replace("        why: Because.\n", "        why: 1.10\n"))
    story, _, text = codes(tmp_path, scene)
    assert text == [f"{tmp_path}/scenes/s.yaml:8:20: error E0302: unknown placeholder {{partnr}}; did you mean {{partner}}?",
                    f"{tmp_path}/scenes/s.yaml:12:21: warning W0121: a choice's text stops at ' # or later': in YAML ' #' "
                    "starts a comment, so the rest was dropped; put the whole text in quotes (or the comment on its own line)"]
    story, errors, _ = codes(tmp_path, scene.replace("{partnr}", "{partner}"))
    choice = story.scenes["s"].nodes["a"].choices[0]
    assert errors == [] and choice.why == "1.10" and choice.text == "Go now"


def test_a_repeated_choice_id_names_the_line_of_the_first(tmp_path):
    scene = GOOD.replace("        end: scene\n", "        end: scene\n      - id: go\n        text: Again.\n        tags: [repair]\n"
                                               "        why: Because.\n        end: scene\n")
    story, errors, text = codes(tmp_path, scene)
    assert story is None and errors == [("E0305", 15, 13)], text
    assert "used twice in this node (first at line 9)" in text[0]


@pytest.mark.parametrize("item, col", [('"Hi, {partnr}."', 14), ("Hi, {partnr}.", 13), ("'Hi, {partnr}.'", 14)])
def test_a_line_written_as_a_bare_list_item_is_checked_at_its_own_place(tmp_path, item, col):
    """`- "Hi."` is a line whose text is the list item itself: its quote shifts the column as `text: "Hi."` does."""
    _, errors, text = codes(tmp_path, GOOD.replace("      - Hello, {partner}.\n", f"      - {item}\n"))
    assert errors == [("E0302", 7, col)], text


def test_a_comment_that_cuts_a_bare_list_item_line_is_reported(tmp_path):
    _, _, text = codes(tmp_path, GOOD.replace("      - Hello, {partner}.\n", "      - Hello, {partner} # and then\n"))
    assert any("W0121" in t and "s.yaml:7:25" in t and "a line's text stops at ' # and then'" in t for t in text), text
