"""The other side of the moment: `mirror` links a node to its counterpart; its `inner:` shows in the other debrief."""

from game.engine import load_story
from game.engine.session import PlaySession
from game.engine.saves import SaveStore
from game.tools.lint import lint_path
from tests.engine.helpers import write_story

SCENE = """\
    id: s
    title: S
    start: {anxious: a_wait, avoidant: v_phone}
    nodes:
      a_wait:
        mirror: v_phone
        inner: "{Partner} had typed 'all ok?' twice."
        lines: ["9:40. Nothing."]
        choices:
          - {id: name, text: Our loop., tags: [name_cycle], why: Naming it., effects: {set: [named]}, end: story}
          - {id: wait, text: Wait., tags: [self_soothe], why: Calm., end: story}
      v_phone:
        mirror: a_wait
        inner: "{Partner} had read it and did not know what to say."
        lines: ["The meeting runs late."]
        choices:
          - {id: name, text: Our loop., tags: [name_cycle], why: Naming it., effects: {set: [named]}, end: story}
          - {id: wait, text: Later., tags: [turn_away], why: Missed., end: story}
"""


def test_the_debrief_shows_the_counterparts_inner_line(tmp_path):
    story = load_story(write_story(tmp_path, SCENE))
    s = PlaySession(story, SaveStore(tmp_path / "saves"))
    s.new_game("anxious", "Robin", "she")
    s.continue_to_choice()
    s.choose("wait")
    assert s.phase == "scene_debrief"
    assert [n.other_side for n in s.debrief().notes] == ["Robin had read it and did not know what to say."]


def test_lint_checks_mirrors(tmp_path):
    write_story(tmp_path, SCENE.replace("mirror: v_phone", "mirror: a_wait"))
    _, diagnostics = lint_path(tmp_path)
    assert [d.code for d in diagnostics if d.code.startswith("W014")] == ["W0140"]
    write_story(tmp_path, SCENE.replace("""        inner: "{Partner} had read it and did not know what to say."\n""", ""))
    _, diagnostics = lint_path(tmp_path)
    assert [(d.code, d.line) for d in diagnostics if d.code.startswith("W014")] == [("W0141", 5)]
    write_story(tmp_path, SCENE.replace("mirror: v_phone", "mirror: v_phon"))
    story, diagnostics = lint_path(tmp_path)
    assert story is None and any(d.code == "E0201" and "did you mean 'v_phone'" in d.message for d in diagnostics)
