"""The coherence checks: shared replies (W0131), nodes that ignore their paths (W0132), growth on one choice (W0133)."""

import json

from game.engine.loader import load_story
from game.tools.coherence import necessary_flags
from game.tools.lint import lint_path
from tests.tools.helpers import doc_base, tether, write_story

SCENE = """\
id: s
title: A scene
start: {anxious: open, avoidant: open}
nodes:
  open:
    lines: [Hello.]
    choices:
      - {id: name, text: It's our loop., tags: [name_cycle], why: Naming it., effects: {set: [named]}, goto: reply}
      - {id: again, text: Our loop again., tags: [repair], why: Naming it., effects: {set: [named]}, end: scene}
      - {id: chase, text: You never listen., tags: [%s], why: An attack., %sgoto: reply}
  reply:
    lines:
      - {text: A pause., %s}
      - {speaker: partner, text: Here we go again.%s}
    end: scene
"""


def story_with(tmp_path, tag="harsh_startup", chase_lines="", narration="", reply_if="", manifest=None):
    files = doc_base()
    files["scenes/s.yaml"] = SCENE % (tag, chase_lines, narration, reply_if)
    if manifest:
        files["story.yaml"] = manifest
    return write_story(tmp_path, files)


def codes(tmp_path, code):
    _story, diagnostics = lint_path(tmp_path)
    return [d for d in diagnostics if d.code == code]


def test_a_secure_and_a_pursue_move_sharing_a_reply_are_reported_at_the_node(tmp_path):
    root = story_with(tmp_path)
    result = tether("lint", root, "--format", "json")
    found = [d for d in json.loads(result.stdout) if d["code"] == "W0131"]
    assert len(found) == 1
    text = (root / "scenes/s.yaml").read_text().splitlines()
    assert text[found[0]["line"] - 1] == "  reply:" and found[0]["col"] == 3
    assert found[0]["file"].endswith("scenes/s.yaml") and found[0]["severity"] == "warning"
    assert "'name' (secure)" in found[0]["message"] and "'chase' (pursue)" in found[0]["message"]
    assert "'again'" not in found[0]["message"]  # it ends the scene, it is not answered here


def test_a_shared_reply_is_fine_when_it_is_conditional_or_the_moves_agree_or_each_has_its_answer(tmp_path):
    assert codes(story_with(tmp_path / "if", reply_if=", if: safety >= 3"), "W0131") == []
    assert codes(story_with(tmp_path / "same", tag="repair"), "W0131") == []
    assert codes(story_with(tmp_path / "neutral", tag="neutral"), "W0131") == []
    own = "lines: [{speaker: partner, text: Wow.}], "
    assert codes(story_with(tmp_path / "own", chase_lines=own), "W0131") == []
    # the player's own words are not an answer: still reported
    assert len(codes(story_with(tmp_path / "you", chase_lines="lines: [{speaker: you, text: Well?}], "), "W0131")) == 1


def test_contempt_fits_beside_other_insecure_moves_but_not_beside_a_secure_one(tmp_path):
    base = SCENE.replace("tags: [name_cycle]", "tags: [protest]")
    files = doc_base()
    files["scenes/s.yaml"] = base % ("contempt", "", "", "")
    assert codes(write_story(tmp_path / "a", files), "W0131") == []
    assert len(codes(story_with(tmp_path / "b", tag="contempt"), "W0131")) == 1


FLAGGED = """\
id: demo
title: Demo
version: 1.0.0
roles: {anxious: {title: A}, avoidant: {title: B}}
scenes: [s]
meters: {closeness: {min: 0, max: 10, start: 5}, safety: {min: 0, max: 10, start: 5}}
flags: {named: {}, holding: {}}
endings:
  - {id: growth, kind: growth, title: Growth, when: %s, text: You named it.}
  - {id: loop, kind: escalation, title: The Loop, text: Same again.}
"""

BOX = """\
id: s
title: A scene
start: {anxious: open, avoidant: open}
nodes:
  open:
    lines: [Boxes everywhere.]
    choices:
      - {id: box, text: Pick up a box., tags: [deflect], why: A task., effects: {set: [holding]}, goto: talk}
      - {id: sit, text: Sit down., tags: [turn_toward], why: A bid., effects: {set: [named]}, goto: talk}
  talk:
    lines: [They wait.]
    choices:
      - {id: down, text: Put the box down., %stags: [name_cycle], why: Naming it., effects: {set: [named]}, goto: after}
      - {id: shrug, text: Fine., tags: [minimise], why: Away., goto: after}
  after:
    lines:
      - {text: You put the box back., if: holding}
      - They look at you.
    end: scene
"""


def box_story(root, guard=""):
    files = doc_base()
    files["story.yaml"] = FLAGGED % "named"
    files["scenes/s.yaml"] = BOX % guard
    return write_story(root, files)


def test_a_menu_after_paths_that_differ_in_a_tested_flag_is_reported(tmp_path):
    found = codes(box_story(tmp_path), "W0132")
    assert len(found) == 1
    lines = (tmp_path / "scenes/s.yaml").read_text().splitlines()
    assert lines[found[0].line - 1] == "  talk:"
    assert "'box' (which set 'holding')" in found[0].message and "'sit'" in found[0].message


def test_a_node_that_tests_the_flag_is_not_reported(tmp_path):
    assert codes(box_story(tmp_path, "if: holding, "), "W0132") == []


def test_a_flag_only_the_endings_read_is_not_a_prop(tmp_path):
    files = doc_base()
    files["story.yaml"] = FLAGGED % "named and holding"
    files["scenes/s.yaml"] = BOX.replace("      - {text: You put the box back., if: holding}\n", "") % ""
    assert codes(write_story(tmp_path, files), "W0132") == []


def test_growth_on_a_flag_one_choice_sets_is_reported_at_the_ending(tmp_path):
    files = doc_base()
    files["scenes/s.yaml"] = files["scenes/s.yaml"].replace("effects: {safety: 1, set: [named]}", "effects: {safety: 1}")
    found = codes(write_story(tmp_path, files), "W0133")
    assert len(found) == 1
    assert found[0].message.startswith("growth depends on one choice: ending 'growth' needs flag 'named'")
    assert "'s.open.name'" in found[0].message and "anxious and avoidant roles" in found[0].message
    assert (tmp_path / "story.yaml").read_text().splitlines()[found[0].line - 1].lstrip().startswith("- {id: growth")


def test_growth_is_fine_when_two_choices_set_the_flag_or_the_flag_is_not_needed(tmp_path):
    assert codes(write_story(tmp_path / "two", doc_base()), "W0133") == []
    files = doc_base()
    files["scenes/s.yaml"] = files["scenes/s.yaml"].replace("effects: {safety: 1, set: [named]}", "effects: {safety: 1}")
    files["story.yaml"] = files["story.yaml"].replace("when: named,", "when: named or safety >= 6,")
    assert codes(write_story(tmp_path / "or", files), "W0133") == []


def test_necessary_flags_forces_each_flag_off(tmp_path):
    files = doc_base()
    files["story.yaml"] = FLAGGED % "named and (holding or safety >= 9)"
    story = load_story(write_story(tmp_path, files))
    assert necessary_flags(story, story.endings[0].guard) == ["named"]
    assert necessary_flags(story, story.endings[1].guard) == []
