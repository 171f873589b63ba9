"""reload(): a changed story is picked up and the player's place kept when it still exists."""

from game.engine import StoryRunner, load_story, reload
from tests.tools.helpers import copy_mini


def _to_first_choice(runner):
    while runner.phase == "delivering":
        runner.advance()
    return runner


def test_edit_keeps_the_place_and_shows_the_new_text(tmp_path):
    root = copy_mini(tmp_path)
    runner = _to_first_choice(StoryRunner.new(load_story(root), "anxious"))
    runner.choose(1)  # wait
    scene = root / "scenes" / "text.yaml"
    scene.write_text(scene.read_text().replace("Sorry! Phone was in the locker.", "Sorry! Phone died."))
    new, diagnostics, message = reload(root, runner)
    assert message == "Reloaded; your place is kept."
    assert (new.state.scene, new.state.node, new.meters) == ("text", "a_reply", runner.meters)
    assert new.advance().text.startswith("Sorry! Phone died.")
    assert new.can_undo


def test_removed_node_restarts_the_scene_keeping_meters(tmp_path):
    root = copy_mini(tmp_path)
    runner = _to_first_choice(StoryRunner.new(load_story(root), "anxious"))
    runner.choose(0)  # text_again: safety 3
    scene = root / "scenes" / "text.yaml"
    text = scene.read_text()
    start = text.index("  a_reply:")
    end = text.index("  a_tense:")
    scene.write_text(text[:start] + text[end:].replace("goto: a_reply", "end: scene")
                     .replace("        goto: a_reply\n", "        end: scene\n"))
    scene.write_text(scene.read_text().replace("goto: a_reply", "end: scene"))
    new, diagnostics, message = reload(root, runner)
    assert "starts again" in message
    assert new.state.node == "a_wait" and new.meters["safety"] == 3


def test_broken_edit_keeps_playing_the_old_story(tmp_path):
    root = copy_mini(tmp_path)
    runner = StoryRunner.new(load_story(root), "avoidant")
    (root / "scenes" / "talk.yaml").write_text("id: talk\nnodes: [\n")
    new, diagnostics, message = reload(root, runner)
    assert new is runner
    assert any(d.code == "E0004" for d in diagnostics)
    assert "still playing the last good version" in message
