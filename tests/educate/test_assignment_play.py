"""What the assignment flow adds for every front end: what an option stores, a log that always carries the
code, and the hand-in code kept in a file as well as shown."""

import json

from game.engine.assignment import LIKERT_LABELS, Assignment, Question
from game.engine.assignment_flow import AssignmentFlow
from game.engine.handin import Handin, replay

LIKERT = Question("sure", "likert", "I can spot the loop.", LIKERT_LABELS)
CHOICE = Question("loop", "choice", "Which names the loop?", ("You always", "This is our loop again"), 1)


def assignment(story, scenes):
    return Assignment("wk-1", "Week 1", story.id, str(story.version), ("anxious",), tuple(scenes), ("K7Q2",),
                      before=(LIKERT, CHOICE))


def test_options_store_likert_from_one_and_choices_from_zero(mini_story, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    flow, problem = AssignmentFlow.start(assignment(mini_story, mini_story.scene_order), mini_story, "k7q2")
    assert problem is None
    flow.answer_option(LIKERT, 0)
    flow.answer_option(CHOICE, 1)
    assert flow.play.answers == {"sure": 1, "loop": 1}


def test_the_log_carries_the_code_after_a_load_and_the_hand_in_is_kept_in_a_file(mini_story, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    flow, _ = AssignmentFlow.start(assignment(mini_story, ("text",)), mini_story, "K7Q2")
    flow.answers_done()
    flow.begin("anxious")
    session = flow.session
    session.continue_to_choice()
    session.save("slot1")
    assert session.load("slot1")[0]  # a new log object: it still gets the assignment's fields
    session.choose(0)
    log = json.loads(flow.log_path.read_text())
    assert log["code"] == "K7Q2" and log["assignment"]["scenes"] == ["text"]
    code = flow.handin()
    assert flow.handin_problem is None and flow.handin_file.read_text().strip() == code
    assert flow.handin_file.parent == flow.log_path.parent
    assert replay(Handin.from_text(code), mini_story).log.extra["code"] == "K7Q2"
