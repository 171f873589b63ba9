"""The educator report: logs summed up with no names, damaged logs named and left alone, HTML that stands alone."""

import json
import re
import subprocess
import sys

import pytest

from game.tools.report import read_logs, summarise
from game.tools.report_html import render
from tests.conftest import MINI


def play_log(tmp_path, name, role, keys, partner="Zanzibar"):
    log = tmp_path / f"{name}.json"
    out = subprocess.run([sys.executable, "-m", "game", "play", "--text", "--role", role, "--story", str(MINI),
                          "--partner-name", partner, "--log", str(log)],
                         input="\n".join(keys) + "\n", capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return log


@pytest.fixture
def logs(tmp_path):
    return [
        play_log(tmp_path, "one", "avoidant", ["1", "1"]),  # call back, name the loop: growth
        play_log(tmp_path, "two", "avoidant", ["2", "2"]),  # leave it, shrug: breakup
        play_log(tmp_path, "three", "anxious", ["1", "u", "2", "1"]),  # undo the protest, wait, name it
    ]


def test_summary_counts_endings_moves_and_undo(logs, mini_story):
    summary = summarise(read_logs(logs, mini_story), mini_story)
    avoidant, anxious = summary["roles"]["avoidant"], summary["roles"]["anxious"]
    assert summary["sessions"] == 3 and summary["unreadable"] == 0
    assert avoidant["kinds"] == {"growth": 1, "escalation": 0, "breakup": 1}
    assert avoidant["families"] == {"secure": 2, "withdraw": 2}
    assert anxious["families"] == {"secure": 2}  # the undone protest does not count
    first = anxious["scenes"][0]
    assert first["title"] == "The Text" and first["top_choices"][0]["labels"] == ["Self-soothing"]


def test_damaged_and_foreign_logs_are_named_and_left_alone(tmp_path, logs, mini_story):
    bad = tmp_path / "bad.json"
    bad.write_text("{half")
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"log_version": 1, "story": {"id": "another"}, "role": "anxious", "events": []}))
    report = read_logs([*logs, bad, other], mini_story)
    assert len(report.sessions) == 3
    assert any("bad.json" in p and "not valid JSON" in p for p in report.problems)
    assert any("other.json" in p and "another story" in p for p in report.problems)
    assert bad.read_text() == "{half" and other.exists()  # nothing the player made is moved or changed


def test_html_stands_alone_and_holds_no_names(tmp_path, logs, mini_story):
    named_file = tmp_path / "alice_smith.json"
    named_file.write_text("not a log")
    page = render(summarise(read_logs([*logs, named_file], mini_story), mini_story))
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "Zanzibar" not in page and "one.json" not in page and "alice" not in page
    assert "1 log could not be counted" in page
    assert "Call them back now." in page and "{them}" not in page  # filled in without anyone's chosen name
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page) and "<script" not in page
    assert "<svg" in page and "growth" in page and "1 (50%)" in page  # counts written out, not colour alone


def test_cli_writes_html_and_fails_when_nothing_counts(tmp_path, logs):
    html = tmp_path / "class.html"
    out = subprocess.run([sys.executable, "-m", "game", "report", *map(str, logs), "--story", str(MINI),
                          "--html", str(html)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert html.read_text(encoding="utf-8").count("<h2>") >= 2
    bad = tmp_path / "bad.json"
    bad.write_text("[]")
    out = subprocess.run([sys.executable, "-m", "game", "report", str(bad), "--story", str(MINI)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 1 and "not a Tether session log" in out.stderr and "Traceback" not in out.stderr

