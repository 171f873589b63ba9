"""The runner, every test straight and through a JSON save/load round trip in the middle."""

import json

import pytest

from game.engine import Partner, RunnerError, StoryRunner, load_story
from tests.conftest import MINI
from tests.engine.helpers import play, roundtrip, write_story

pytestmark = pytest.mark.parametrize("through_save", [False, True], ids=["straight", "saved"])


def step(runner, through_save):
    return roundtrip(runner) if through_save else runner


def test_lines_choices_and_phases(mini_story, through_save):
    r = StoryRunner.new(mini_story, "anxious", Partner("Ada", "she"))
    assert r.phase == "delivering"
    first = r.advance()
    assert first.id == "text.a_wait.1" and first.text == 'It\'s 9:40. Your message to Ada says "Delivered".'
    r = step(r, through_save)
    second = r.advance()
    assert (second.speaker, second.speaker_name, second.text) == ("priya", "Priya", "Put it face down. She'll answer.")
    assert r.phase == "awaiting_choice"  # the third line's condition (a revisit) is false
    assert [c.id for c in r.choices] == ["text.a_wait.text_again", "text.a_wait.wait"]


def test_misuse_is_refused_clearly(mini_story, through_save):
    r = StoryRunner.new(mini_story, "anxious")
    with pytest.raises(RunnerError, match="a line is waiting"):
        r.choose(0)
    with pytest.raises(RunnerError, match="not allowed now"):
        r.next_scene()
    r.advance()
    r.advance()
    r = step(r, through_save)
    with pytest.raises(RunnerError, match="choices are waiting"):
        r.advance()
    for bad in (2, -1, "1", True):
        with pytest.raises(RunnerError, match="not available"):
            r.choose(bad)
    assert r.phase == "awaiting_choice" and r.moves == []  # refused calls changed nothing


def test_effects_clamp_and_adjust_uses_the_state_when_chosen(mini_story, through_save):
    r = StoryRunner.new(mini_story, "anxious")
    r.advance(), r.advance()
    r.choose(0)  # protest: safety -2, pursuit +1; the adjustment needs pursuit >= 1 beforehand
    r = step(r, through_save)
    assert r.meters["safety"] == 3 and r.meters["pursuit"] == 1
    move = r.moves[-1]
    assert move.before["safety"] == 5 and move.after["safety"] == 3
    assert move.missed_secure == ("Put the phone down and watch the film with Priya.",)


def test_line_conditions_follow_state(mini_story, through_save):
    calm = StoryRunner.new(mini_story, "anxious")
    calm, shown = play(calm, [1], through_save)
    assert "Sorry! Phone was in the locker. They are fine." in shown
    tense = StoryRunner.new(mini_story, "anxious")
    tense, shown = play(tense, [0], through_save)
    assert "Sorry. I was out." in shown and "Sorry! Phone was in the locker. They are fine." not in shown


def test_branch_and_role_condition(mini_story, through_save):
    anxious, _ = play(StoryRunner.new(mini_story, "anxious"), [0, 1], through_save)  # protest then attack
    assert anxious.meters["safety"] == 0 and anxious.ending.id == "again"
    avoidant = StoryRunner.new(mini_story, "avoidant")
    avoidant.advance()
    avoidant.choose(0)
    avoidant = step(avoidant, through_save)
    avoidant.next_scene()
    avoidant.advance()
    assert [c.text for c in avoidant.choices] == ["It's our loop again. You go quiet, I chase.", "It's fine. Forget it."]


def test_early_ending_fires_after_the_choice(mini_story, through_save):
    r = StoryRunner.new(mini_story, "anxious")
    r, shown = play(r, [0, 1], through_save)  # protest, then a harsh start-up takes safety to 0
    assert r.phase == "ended" and r.ending.kind == "escalation"
    assert shown[-1] == "Can we talk about last night?"  # no line after the early ending


def test_endings_are_chosen_by_accumulated_state(mini_story, through_save):
    r, _ = play(StoryRunner.new(mini_story, "avoidant"), [0, 0], through_save)
    assert r.ending.id == "steady" and "cycle_named" in r.flags and r.meters["safety"] == 8
    r, _ = play(StoryRunner.new(mini_story, "avoidant"), [1, 1], through_save)
    assert r.ending.id == "apart" and r.meters["closeness"] == 1


def test_undo_restores_everything_before_the_last_choice(mini_story, through_save):
    r = StoryRunner.new(mini_story, "anxious")
    r.advance(), r.advance()
    before = json.dumps(r.to_dict(), sort_keys=True)
    r.choose(0)
    r.advance()
    r = step(r, through_save)
    assert r.can_undo and r.undo()
    after = r.to_dict()
    after["undo"] = json.loads(before)["undo"]
    assert json.dumps(after, sort_keys=True) == before
    assert r.phase == "awaiting_choice" and not r.can_undo and r.undo() is False


def test_backlog_and_visits(mini_story, through_save):
    r = StoryRunner.new(mini_story, "anxious")
    r.advance(), r.advance()
    r = step(r, through_save)
    assert [line.id for line in r.backlog] == ["text.a_wait.1", "text.a_wait.2"]
    assert r.state.visits == {"text.a_wait": 1}
    assert r.current_line.id == "text.a_wait.2"


def test_skip_scene_gives_the_summary_and_moves_on(mini_story, through_save):
    r = StoryRunner.new(mini_story, "anxious", Partner("Kit", "he"))
    assert r.skip_scene() == "Kit doesn't answer for an evening."
    r = step(r, through_save)
    assert r.phase == "scene_end" and r.meters["safety"] == 5
    r.next_scene()
    assert r.scene.id == "talk" and r.state.skipped == ["text"]


def test_visits_conditions_count_entries(tmp_path, through_save):
    story = load_story(write_story(tmp_path, """\
        id: s
        title: S
        start: {anxious: loop, avoidant: loop}
        nodes:
          loop:
            lines:
              - text: First time.
                if: visits(loop) == 1
              - text: Again.
                if: visits(loop) > 1
            choices:
              - {id: again, text: Again, tags: [neutral], why: x, goto: loop}
              - {id: stop, text: Stop, tags: [name_cycle], why: x, effects: {set: [named]}, end: story}
        """))
    r = StoryRunner.new(story, "anxious")
    assert r.advance().text == "First time."
    r.choose(0)
    r = step(r, through_save)
    assert r.advance().text == "Again."
    r.choose(1)
    assert r.phase == "ended" and r.ending.id == "good"


def test_silent_loops_are_caught(tmp_path, through_save):
    story = load_story(write_story(tmp_path, """\
        id: s
        title: S
        start: {anxious: a, avoidant: a}
        nodes:
          a: {branch: [{if: safety > 99, end: scene}, {goto: b}]}
          b: {goto: a}
        """))
    from game.engine import StoryRuntimeError

    with pytest.raises(StoryRuntimeError, match="keeps moving"):
        StoryRunner.new(story, "anxious")


def test_state_is_plain_json(mini_story, through_save):
    r, _ = play(StoryRunner.new(mini_story, "anxious"), [1, 0], through_save)
    text = json.dumps(r.to_dict())
    again = StoryRunner.from_dict(load_story(MINI), json.loads(text))
    assert again.ending.id == r.ending.id and again.meters == r.meters and again.phase == "ended"


def test_between_scenes_wounds_recover_and_counters_reset(tmp_path, through_save):
    from tests.engine.helpers import MANIFEST

    manifest = (MANIFEST.replace("scenes: [s]", "scenes: [s, t]")
                .replace("  safety: {min: 0, max: 10, start: 5}", "  safety: {min: 0, max: 10, start: 5}\n  calls: {min: 0, max: 9, start: 0}")
                + "between_scenes:\n  recover: {safety: 2, closeness: 1}\n  reset: [calls]\n")
    scene = """\
        id: {id}
        title: S
        start: {{anxious: a, avoidant: a}}
        nodes:
          a:
            choices:
              - {{id: drop, text: Drop, tags: [stonewall], why: x, effects: {{safety: -5, closeness: 3, calls: 4}}, end: scene}}
        """
    write_story(tmp_path, scene.format(id="s"), manifest)
    write_story(tmp_path, scene.format(id="t"), manifest, name="t.yaml")
    r = StoryRunner.new(load_story(tmp_path), "anxious")
    r.choose(0)
    assert (r.meters["safety"], r.meters["closeness"], r.meters["calls"]) == (0, 8, 4)
    r = step(r, through_save)
    r.next_scene()
    assert (r.meters["safety"], r.meters["closeness"], r.meters["calls"]) == (2, 8, 0)  # safety up 2; closeness kept


REPLY_SCENE = """\
    id: s
    title: S
    start: {anxious: ask, avoidant: ask}
    nodes:
      ask:
        lines: ["You open your mouth."]
        choices:
          - id: soft
            text: Say you missed them.
            tags: [soft_startup]
            why: x
            effects: {safety: 1, set: [named]}
            lines:
              - {speaker: partner, text: "I missed you too.", mood: warm}
              - {text: "A hidden line.", if: safety > 9}
              - "They sit down next to you."
            goto: after
          - id: sharp
            text: Ask where they were.
            tags: [protest]
            why: x
            effects: {safety: -1}
            lines:
              - {speaker: partner, text: "Out. Is that a crime?", if: safety < 6}
            goto: after
      after:
        lines: ["The kettle clicks off."]
        end: story
"""


def test_a_reply_belongs_to_its_choice_and_the_paths_rejoin(tmp_path, through_save):
    story = load_story(write_story(tmp_path, REPLY_SCENE))
    r = StoryRunner.new(story, "anxious")
    r.advance()
    r.choose(0)
    assert r.meters["safety"] == 6  # effects are applied before the reply is delivered
    r = step(r, through_save)  # a save in the middle of the reply comes back in the middle of it
    first = r.advance()
    assert (first.id, first.speaker, first.text, first.mood) == ("s.ask.soft.1", "partner", "I missed you too.", "warm")
    r = step(r, through_save)
    assert r.advance().text == "They sit down next to you."  # the hidden line's condition is false
    assert r.advance().text == "The kettle clicks off."  # then the choice's own goto
    assert r.phase == "ended" and r.ending.id == "good"

    other = StoryRunner.new(story, "anxious")
    other.advance()
    other.choose(1)
    assert [line.text for line in other.advance_to_choice()] == ["Out. Is that a crime?", "The kettle clicks off."]
    assert "s.ask.soft.1" in story.lines and "s.ask.sharp.1" in story.lines


def test_undo_from_inside_a_reply_goes_back_to_the_menu(tmp_path, through_save):
    story = load_story(write_story(tmp_path, REPLY_SCENE))
    r = StoryRunner.new(story, "anxious")
    r.advance()
    r.choose(0)
    r.advance()
    r = step(r, through_save)
    assert r.undo()
    assert r.phase == "awaiting_choice" and r.state.reply is None and r.meters["safety"] == 5
    assert [c.id for c in r.choices] == ["s.ask.soft", "s.ask.sharp"]


LOOP = """\
id: s
title: S
start: {anxious: loop, avoidant: loop}
nodes:
  loop:
    choices:
      - {id: again, text: Again., tags: [neutral], why: W., effects: {closeness: 3}, goto: loop}
      - {id: stop, text: Stop., tags: [repair], why: W., if: closeness >= 8, end: scene}
"""


@pytest.mark.parametrize("record", [True, False])
def test_a_menu_read_before_a_choice_is_not_offered_again_after_it(tmp_path, record, through_save):
    """choose() reuses the menu just read; a choice that comes back to the same node must still see it anew."""
    from game.engine.loader import check_story
    from game.engine.state import StoryState

    story, _ = check_story(write_story(tmp_path, LOOP))
    first = StoryRunner.new(story, "anxious")
    runner = StoryRunner(story, StoryState.from_dict(first.to_dict(), story), record=record)
    assert [c.local_id for c in runner.available_choices()] == ["again"]
    runner.choose(0)
    assert runner.state.node == "loop" and runner.meters["closeness"] == 8
    assert [c.local_id for c in runner.available_choices()] == ["again", "stop"]
    if record:
        runner.undo()
        assert [c.local_id for c in runner.available_choices()] == ["again"]
