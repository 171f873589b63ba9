"""Playing an assignment in the terminal: code, questions, the assigned scenes, and a hand-in code that
the teacher's report replays into the same session."""

import json
import os
import re
import subprocess
import sys

import pytest

from tests.tools.helpers import MINI, ROOT, tether

QUESTIONS = """\
- {id: pre_loop, kind: choice, text: Which is naming the loop?, options: [You always, This is our loop again], answer: 1}
- {id: pre_note, kind: text, text: One word for how you feel?}
"""
CODE = re.compile(r"^TETHER1-[A-Z2-7]+$", re.M)


def play(tmp_path, assignment, code, keys, *extra):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "xdg"), SDL_VIDEODRIVER="dummy")
    return subprocess.run([sys.executable, "-m", "game", "play", "--text", "--story", str(MINI), "--assignment",
                           str(assignment), "--code", code, *extra], input="\n".join(keys) + "\n",
                          capture_output=True, text=True, timeout=120, cwd=ROOT, env=env)


@pytest.fixture
def assignment(tmp_path):
    (tmp_path / "before.yaml").write_text(QUESTIONS)
    out = tmp_path / "wk.tether.yaml"
    made = tether("assign", "new", "--title", "Wk", "--roles", "avoidant", "--scenes", "talk", "--codes", "2",
                  "--before", tmp_path / "before.yaml", "--story", MINI, "-o", out)
    assert made.returncode == 0, made.stderr
    codes = re.search(r'codes: \["(\w+)", "(\w+)"\]', out.read_text()).groups()
    return out, codes


def test_a_student_plays_and_the_teacher_replays_the_hand_in(tmp_path, assignment):
    path, (code, _) = assignment
    result = play(tmp_path, path, code.lower(), ["2", "calm", "1", "n"])  # answers, the talk scene, no sharing
    assert result.returncode == 0, result.stderr
    assert "Assignment: Wk" in result.stdout and "== The Text ==" not in result.stdout  # only the assigned scene
    handin = CODE.findall(result.stdout)
    assert len(handin) == 1 and "Your hand-in code ==" in result.stdout
    pasted = tmp_path / "pasted.txt"
    pasted.write_text(f"{handin[0]}\n")
    report = tether("report", "--codes", pasted, "--story", MINI, "--assignment", path, "--csv", tmp_path / "s.csv")
    assert report.returncode == 0, report.stderr
    row = (tmp_path / "s.csv").read_text().splitlines()[1]
    assert row.startswith(f"{code},avoidant,") and ",yes," in row and ",talk," in row
    assert ",1," in row and "calm" not in row  # the choice answer is handed in, the unshared text is not
    log = json.loads(next((tmp_path / "xdg").rglob("session-log.json")).read_text())
    assert log["code"] == code and log["answers"] == {"pre_loop": 1, "pre_note": "calm"}  # kept locally
    assert log["assignment"]["finished"] is True and log["assignment"]["scenes"] == ["talk"]
    local = tether("report", next((tmp_path / "xdg").rglob("session-log.json")), "--story", MINI, "--json")
    assert local.returncode == 0 and '"finished": true' in local.stdout.replace(" ", "").replace('"finished":true', '"finished": true')


def test_sharing_text_is_the_students_choice(tmp_path, assignment):
    path, (code, _) = assignment
    result = play(tmp_path, path, code, ["2", "calm", "1", "y"])
    pasted = tmp_path / "pasted.txt"
    pasted.write_text(CODE.findall(result.stdout)[0])
    report = tether("report", "--codes", pasted, "--story", MINI, "--csv", tmp_path / "s.csv")
    assert report.returncode == 0 and "calm" in (tmp_path / "s.csv").read_text()


def test_coming_back_with_a_finished_code_gives_the_same_hand_in_without_asking_again(tmp_path, assignment):
    path, (code, _) = assignment
    first = play(tmp_path, path, code, ["2", "calm", "1", "n"])
    again = play(tmp_path, path, code, [], "--continue")  # no input: nothing may be asked
    assert again.returncode == 0, again.stderr
    assert "finished this assignment earlier" in again.stdout and "Which is naming the loop?" not in again.stdout
    assert CODE.findall(again.stdout) == CODE.findall(first.stdout)
    assert "Continue with" not in again.stdout


def test_quitting_part_way_still_gives_a_hand_in_code(tmp_path):
    path, code = tmp_path / "whole.yaml", "K7Q2"
    assert tether("assign", "new", "--title", "Whole", "--roles", "anxious", "--codes", "0", "--story", MINI,
                  "-o", path).returncode == 0
    result = play(tmp_path, path, code, ["1", "q"])  # one choice in the first scene, then stop
    handin = CODE.findall(result.stdout)
    assert result.returncode == 0 and len(handin) == 1 and "hand-in code so far" in result.stdout
    pasted = tmp_path / "pasted.txt"
    pasted.write_text(handin[0])
    report = tether("report", "--codes", pasted, "--story", MINI, "--csv", tmp_path / "s.csv")
    assert report.returncode == 0 and ",no," in (tmp_path / "s.csv").read_text().splitlines()[1]


def test_unknown_codes_and_broken_assignments_are_refused(tmp_path, assignment):
    path, _ = assignment
    result = play(tmp_path, path, "ZZZZ", [])
    assert result.returncode == 2 and "not one of this assignment's codes" in result.stderr
    path.write_text(path.read_text().replace("scenes: [talk]", "scenes: [tlak]"))
    result = play(tmp_path, path, "ZZZZ", [])
    assert result.returncode == 1 and "A0015" in result.stderr and "Traceback" not in result.stderr


def test_skipping_can_be_turned_off(tmp_path):
    out = tmp_path / "wk.yaml"
    assert tether("assign", "new", "--title", "Wk", "--roles", "anxious", "--codes", "0", "--no-skip", "--story", MINI,
                  "-o", out).returncode == 0
    result = play(tmp_path, out, "ABCD", ["k", "q"])
    assert "Skipping scenes is turned off" in result.stdout and "Scene skipped" not in result.stdout
