"""No story makes a tool run unbounded: certain loops are refused at load, the rest stop at run time."""

import pytest

from game.engine.loader import check_story
from tests.tools.helpers import apply_example, tether

GOTO_LOOP = """# file: scenes/s.yaml
id: s
title: A scene
start: {anxious: open, avoidant: open}
nodes:
  open:
    lines: [Hello.]
    goto: two
  two:
    lines: [Again.]
    goto: open
"""

# A loop whose way out has an `if` that is never true: only play can tell, so the runner must stop it.
BRANCH_LOOP = """# file: scenes/s.yaml
id: s
title: A scene
start: {anxious: open, avoidant: open}
nodes:
  open:
    lines: [Hello.]
    branch:
      - {if: safety > 20, end: scene}
      - {goto: two}
  two:
    lines: [Again.]
    goto: open
"""

SILENT_LOOP = """# file: scenes/s.yaml
id: s
title: A scene
start: {anxious: open, avoidant: open}
nodes:
  open:
    lines: [Hello.]
    choices:
      - {id: go, text: Go., tags: [neutral], why: W., goto: spin}
  spin:
    goto: spin
"""


def test_goto_cycle_is_an_error_at_load_with_its_place(tmp_path):
    apply_example(tmp_path, [GOTO_LOOP])
    story, diagnostics = check_story(tmp_path)
    assert story is None
    loop = [d for d in diagnostics if d.code == "E0308"]
    assert len(loop) == 1
    assert (loop[0].file.endswith("scenes/s.yaml"), loop[0].line, loop[0].col) == (True, 7, 11)
    assert "'open', 'two'" in loop[0].message


def test_a_node_that_goes_to_itself_is_caught_too(tmp_path):
    apply_example(tmp_path, [SILENT_LOOP])
    _story, diagnostics = check_story(tmp_path)
    assert [(d.code, d.line) for d in diagnostics if d.is_error] == [("E0308", 10)]


def test_a_loop_with_a_possible_way_out_is_not_refused(tmp_path):
    apply_example(tmp_path, [BRANCH_LOOP])
    story, diagnostics = check_story(tmp_path)
    assert story is not None and not [d for d in diagnostics if d.code == "E0308"]


@pytest.mark.parametrize("command", [("lint",), ("explore", "--role", "anxious"),
                                     ("playtest", "--runs", "2", "--role", "anxious")])
@pytest.mark.parametrize("example", [GOTO_LOOP, BRANCH_LOOP], ids=["goto", "branch"])
def test_tools_return_with_an_error_on_loops(tmp_path, command, example):
    apply_example(tmp_path, [example])
    result = tether(*command, tmp_path, timeout=90)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("example", [GOTO_LOOP, BRANCH_LOOP], ids=["goto", "branch"])
def test_play_in_the_terminal_stops_and_says_why(tmp_path, example):
    apply_example(tmp_path, [example])
    result = tether("play", "--text", "--role", "anxious", "--story", tmp_path, timeout=90)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    if example is GOTO_LOOP:
        assert "E0308" in result.stdout + result.stderr
    else:
        assert "The story stopped" in result.stderr and "loops" in result.stderr
