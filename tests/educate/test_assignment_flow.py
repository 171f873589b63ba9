"""The engine's assignment flow, which the terminal and the browser page both follow: its stages,
the role, the end of a part of the story, consent for written answers, and the hand-in code."""

import json

import pytest

from game.engine.assignment import Assignment, Question, assignment_from_json
from game.engine.assignment_flow import AssignmentFlow
from game.engine.handin import Handin, replay
from game.engine.saves import SaveStore

BEFORE = (Question("pre_sure", "likert", "I can spot the loop.",
                   ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree")),
          Question("pre_note", "text", "One word for how you feel?"))
AFTER = (Question("post_loop", "choice", "Which names the loop?", ("You always", "This is our loop again"), 1),)


def make(mini_story, scenes=("talk",), roles=("avoidant",), codes=("K7Q2",), before=BEFORE, after=AFTER):
    return Assignment("wk-test", "Wk", mini_story.id, str(mini_story.version), roles, scenes, codes,
                      before=before, after=after)


def flow_for(tmp_path, mini_story, **kwargs):
    flow, problem = AssignmentFlow.start(make(mini_story, **kwargs), mini_story, "k7q2",
                                         SaveStore(tmp_path / "saves"), tmp_path / "log.json")
    assert problem is None
    return flow


def play_to_end(flow):
    session = flow.session
    for _ in range(200):
        if flow.play_over:
            return
        if session.phase == "playing":
            session.continue_to_choice()
            if session.phase == "playing":
                session.choose(0)
        elif session.phase == "scene_debrief":
            session.next_scene()
    raise AssertionError("play did not end")


def test_the_stages_come_in_order_and_the_hand_in_replays(tmp_path, mini_story):
    flow = flow_for(tmp_path, mini_story)
    assert flow.stage == "before" and [q.id for q in flow.questions] == ["pre_sure", "pre_note"]
    flow.answer("pre_sure", 4)
    flow.answer("pre_note", "calm")
    with pytest.raises(ValueError):
        flow.answer("post_loop", 1)  # not asked yet
    flow.answers_done()
    assert flow.stage == "role" and flow.fixed_role() == "avoidant" and flow.fixed_role("anxious") == "avoidant"
    flow.begin("avoidant")
    play_to_end(flow)
    assert flow.session.phase == "scene_debrief"  # a part of the story ends with its scene's debrief
    flow.end_play()
    assert flow.stage == "after" and [q.id for q in flow.questions] == ["post_loop"]
    flow.answer("post_loop", 1)
    flow.answers_done()
    assert flow.stage == "share"  # a written answer was given: the student decides
    flow.share(False)
    assert flow.stage == "handin"
    handin = Handin.from_text(flow.handin())
    assert handin.answers == {"pre_sure": 4, "post_loop": 1} and handin.code == "K7Q2"
    assert flow.handin_file == tmp_path / "hand-in-code.txt"  # beside the log given, not in the player's data folder
    rebuilt = replay(handin, mini_story)
    assert rebuilt.finished and rebuilt.log.to_dict()["assignment"]["scenes"] == ["talk"]
    log = json.loads((tmp_path / "log.json").read_text())
    assert log["answers"]["pre_note"] == "calm" and log["assignment"]["finished"] is True  # kept locally


def test_nothing_to_ask_passes_the_question_and_share_stages(tmp_path, mini_story):
    flow = flow_for(tmp_path, mini_story, roles=("anxious", "avoidant"), before=(), after=())
    assert flow.stage == "role" and flow.fixed_role() is None
    with pytest.raises(ValueError):
        flow.begin("nobody")
    flow.begin("anxious")
    play_to_end(flow)
    flow.end_play()
    assert flow.stage == "handin"


def test_the_whole_story_plays_to_its_ending(tmp_path, mini_story):
    flow = flow_for(tmp_path, mini_story, scenes=tuple(mini_story.scene_order), before=(), after=())
    flow.begin("avoidant")
    play_to_end(flow)
    assert flow.session.phase == "ending" and flow.runner.ending is not None
    flow.end_play()
    assert Handin.from_text(flow.handin()).ended


def test_a_code_the_assignment_does_not_hold_is_refused(mini_story):
    flow, problem = AssignmentFlow.start(make(mini_story), mini_story, "ZZZZ")
    assert flow is None and "not one of this assignment's codes" in problem


def test_stopping_part_way_hands_in_the_play_so_far(tmp_path, mini_story):
    flow = flow_for(tmp_path, mini_story, scenes=tuple(mini_story.scene_order), before=(), after=())
    assert not flow.can_hand_in()
    flow.begin("avoidant")
    flow.session.continue_to_choice()
    flow.session.choose(0)
    handin = Handin.from_text(flow.handin())
    assert len(handin.steps) == 1 and not replay(handin, mini_story).finished


def test_an_assignment_survives_json_with_the_same_checks(mini_story):
    assignment = make(mini_story, scenes=("text", "talk"), roles=("anxious", "avoidant"), codes=("K7Q2", "ABCD"))
    again, diagnostics = assignment_from_json(json.loads(json.dumps(assignment.to_dict())), mini_story)
    assert diagnostics == []
    assert again.to_dict() == assignment.to_dict()
    assert (again.before, again.after, again.codes) == (assignment.before, assignment.after, assignment.codes)
    data = assignment.to_dict()
    data["scenes"] = ["talk", "nowhere"]
    broken, diagnostics = assignment_from_json(data, mini_story)
    assert broken is None and [d.code for d in diagnostics] == ["A0015"]


@pytest.mark.parametrize("scenes", [("talk",), None])  # a part of the story; the whole story to its ending
def test_coming_back_with_a_finished_code_shows_the_hand_in_again(tmp_path, mini_story, scenes):
    scenes = scenes or tuple(mini_story.scene_order)
    flow = flow_for(tmp_path, mini_story, scenes=scenes)
    flow.answer("pre_note", "calm")
    flow.answers_done()
    flow.begin("avoidant")
    play_to_end(flow)
    flow.end_play()
    flow.answer("post_loop", 1)
    flow.answers_done()
    flow.share(True)
    first = flow.handin()
    again = flow_for(tmp_path, mini_story, scenes=scenes)  # the same code, another day
    ok, message = again.resume()
    assert ok and "finished this assignment" in message
    assert again.stage == "handin" and again.finished and again.questions == ()
    assert again.play.answers == {"pre_note": "calm", "post_loop": 1}
    code = again.handin()
    assert Handin.from_text(code).answers == Handin.from_text(first).answers  # the written answer still shared
    assert Handin.from_text(code).steps == Handin.from_text(first).steps


def test_coming_back_part_way_goes_on_playing(tmp_path, mini_story):
    flow = flow_for(tmp_path, mini_story, scenes=tuple(mini_story.scene_order), before=(), after=())
    flow.begin("avoidant")
    flow.session.continue_to_choice()
    flow.session.choose(0)
    flow.session.quit()
    again = flow_for(tmp_path, mini_story, scenes=tuple(mini_story.scene_order), before=(), after=())
    ok, message = again.resume()
    assert ok and again.stage == "playing" and not again.finished and "finished this assignment" not in message
