"""Slips a new writer makes: each is reported once, at its own place, with the fix in the message."""

import pytest

from game.tools.lint import lint_path
from tests.tools.helpers import apply_example, doc_base

SCENE = """# file: scenes/s.yaml
id: s
title: A scene
start: {anxious: open, avoidant: open}
nodes:
  open:
    lines: [Hello.]
    choices:
      - {id: name, text: It's our loop., tags: [name_cycle], why: Naming., effects: {safety: 1, closeness: 1, set: [named]}, end: scene}
      - {id: shrug, text: Fine., tags: [minimise], why: Distance., effects: {safety: -1, closeness: -1}, end: scene}
"""


def lint(tmp_path, *blocks):
    apply_example(tmp_path, list(blocks))
    story, found = lint_path(tmp_path)
    return story, [d for d in found if d.code != "W0133"]  # W0133 (growth hangs on one choice) is true of these tiny stories and beside the point


def manifest(extra: str = "", old: str = "", new: str = "") -> str:
    text = doc_base()["story.yaml"]
    if old:
        assert old in text
        text = text.replace(old, new)
    return "# file: story.yaml\n" + text + extra


def codes(diagnostics):
    return [(d.code, d.line) for d in diagnostics]


def test_an_empty_choice_text_is_an_error(tmp_path):
    _story, found = lint(tmp_path, SCENE.replace("text: Fine.", 'text: ""'))
    assert codes(found) == [("E0106", 9)]
    assert "choice's text is empty" in found[0].message


@pytest.mark.parametrize("where, block", [
    ("scene title", SCENE.replace("title: A scene", 'title: "{Partner} again"')),
    ("content note", SCENE.replace("title: A scene", "title: A scene\ncontent_notes: ['{partner} shouts']")),
    ("blurb", manifest().replace("{title: The one who reaches}", "{title: The one who reaches, blurb: '{Partner} waits.'}")),
    ("ending title", manifest().replace("title: Growth,", "title: '{Partner} stays',")),
    ("disclaimer", manifest("disclaimer: '{partner} is fictional.'\n")),
])
def test_placeholders_where_nothing_fills_them_in(tmp_path, where, block):
    _story, found = lint(tmp_path, block)
    assert [d.code for d in found] == ["E0309"], where
    assert "shown as written" in found[0].message


def test_a_comment_that_cuts_a_text_short_is_reported_and_a_real_comment_is_not(tmp_path):
    block = SCENE.replace("lines: [Hello.]", "lines:\n      - text: Call me at six # or later, if the train is late\n"
                                             "      - text: Hello.  # a greeting")
    story, found = lint(tmp_path, block)
    assert codes(found) == [("W0121", 7)]
    assert "# or later" in found[0].message and "quotes" in found[0].message
    assert story.node("s.open").lines[0].text == "Call me at six"


def test_an_effect_beyond_the_meters_range_is_reported(tmp_path):
    _story, found = lint(tmp_path, SCENE.replace("effects: {safety: 1,", "effects: {safety: 30,"))
    assert codes(found) == [("W0124", 8)]


def test_an_early_ending_that_can_never_happen(tmp_path):
    _story, found = lint(tmp_path, manifest("early_endings:\n  - {when: safety < 0, ending: loop}\n"
                                            "  - {when: safety <= 0, ending: loop}\n"))
    assert [d.code for d in found] == ["W0123"]
    assert "safety < 0" in found[0].message


def test_a_version_that_looks_like_a_number_keeps_its_digits(tmp_path):
    story, found = lint(tmp_path, manifest(old="version: 1.0.0", new="version: 1.10"))
    assert found == [] and story.version == "1.10"


def test_a_role_that_can_never_reach_growth(tmp_path):
    _story, found = lint(tmp_path, manifest(old="when: named,", new="when: named and role == anxious,"))
    w = [d for d in found if d.code == "W0122"]
    assert len(w) == 1 and "avoidant role can never reach a growth ending" in w[0].message


def test_a_yaml_slip_in_a_scene_is_reported_once(tmp_path):
    """The file that cannot be read hides its scene and flags: no follow-on errors elsewhere."""
    broken = SCENE.replace("lines: [Hello.]", "lines:\n      - text: {Partner} comes home.")
    _story, found = lint(tmp_path, broken)
    assert codes(found) == [("E0004", 7)]
    assert 'must be in quotes: "{Partner} comes home."' in found[0].message


def test_a_text_with_colon_space_gets_the_quoting_hint(tmp_path):
    _story, found = lint(tmp_path, SCENE.replace("lines: [Hello.]", "lines:\n      - text: She said: no."))
    assert [d.code for d in found] == ["E0004"] and "': ' must be in quotes" in found[0].message


def test_a_missing_dash_is_reported_at_its_own_line(tmp_path):
    block = SCENE.replace("lines: [Hello.]", "lines:\n      - One.\n      Two.\n      - Three.")
    _story, found = lint(tmp_path, block)
    assert codes(found) == [("E0004", 8)]
    assert "starts with '- '" in found[0].message


def test_switching_an_error_off_says_it_cannot_be(tmp_path):
    _story, found = lint(tmp_path, manifest("lint: {E0201: off}\n"), SCENE.replace("end: scene}\n      - {id: shrug",
                                                                                     "goto: nowhere}\n      - {id: shrug"))
    assert {d.code for d in found} == {"E0201", "W0119"}
    assert "errors cannot be switched off" in next(d for d in found if d.code == "W0119").message


def test_did_you_mean_for_start_and_visits(tmp_path):
    block = SCENE.replace("avoidant: open}", "avoidant: opne}").replace("tags: [minimise]", "if: visits(opn) == 0, tags: [minimise]")
    _story, found = lint(tmp_path, block)
    messages = sorted(d.message for d in found)
    assert any("start node 'opne'" in m and "did you mean 'open'?" in m for m in messages)
    assert any("visits(opn)" in m and "did you mean visits(open)?" in m for m in messages)


def test_an_empty_goto_says_so(tmp_path):
    _story, found = lint(tmp_path, SCENE.replace("end: scene}\n      - {id: shrug", "goto: }\n      - {id: shrug"))
    assert [d.code for d in found] == ["E0201"]
    assert "empty goto" in found[0].message and "None" not in found[0].message


def test_a_decimal_where_a_whole_number_belongs(tmp_path):
    _story, found = lint(tmp_path, SCENE.replace("effects: {safety: 1,", "effects: {safety: 1.5,"))
    assert [d.code for d in found] == ["E0104"]
    assert found[0].message.endswith("must be a whole number, not 1.5")


def test_w0112_points_at_the_first_menu(tmp_path):
    from tests.tools.helpers import doc_examples

    options = apply_example(tmp_path, doc_examples()["W0112"])
    _story, found = lint_path(tmp_path, **options)
    w = next(d for d in found if d.code == "W0112")
    assert (w.line, w.col) == (5, 3)  # the first menu's node `open:`, not the scene's `id:` line
