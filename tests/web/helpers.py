"""What the browser tests compare against: the terminal front end playing the same choices."""

from __future__ import annotations

import io
import json
from pathlib import Path
from types import SimpleNamespace

import yaml

from game.engine import load_story
from game.engine.saves import SaveStore
from game.text.play import TextGame

PLANS = Path(__file__).resolve().parents[1] / "plans"


def plan_choices(name: str) -> tuple[str, list[str]]:
    """(role, choice ids in order) of a plan in tests/plans/."""
    plan = yaml.safe_load((PLANS / f"{name}.yaml").read_text(encoding="utf-8"))
    return plan["role"], [step["choose"] for step in plan["steps"] if "choose" in step]


def terminal_log(story_dir: Path, role: str, choices: list[str], tmp: Path) -> dict:
    """The session log the terminal front end writes for these choices."""
    log = tmp / "terminal-log.json"
    args = SimpleNamespace(role=role, partner_name=None, pronouns=None, continue_game=False, log=log,
                           story=None, choices=",".join(choices))
    game = TextGame(load_story(story_dir), args, out=io.StringIO(), inp=io.StringIO(""), store=SaveStore(tmp / "saves"))
    assert game.run() == 0
    return json.loads(log.read_text(encoding="utf-8"))


def comparable(log: dict) -> dict:
    """A log without its clock readings: what was shown and chosen, the meters and the ending."""
    return {"role": log["role"], "story": log["story"], "ending": log["ending"], "final_meters": log["final_meters"],
            "events": [e for e in log["events"] if "resumed" not in e]}


# ---- assignments ------------------------------------------------------------------------------------
ASSIGNMENT = """\
assignment: 1
id: wk5-web
title: Week 5 in the browser
story: {{id: tether, version: "{version}"}}
roles: [anxious]
scenes: [the_friends, weekend_away]
settings: {{training: false, skip_allowed: true}}
codes: ["K7Q2", "M3RX"]
before:
  - {{id: pre_sure, kind: likert, text: I can spot the loop when it starts.}}
  - {{id: pre_hope, kind: text, text: What do you hope to learn?}}
after:
  - {{id: post_break, kind: choice, text: Which is a time-bounded break?, options: ["I'm done.", "Twenty minutes, then I'm back."], answer: 1}}
"""


def write_assignment(folder: Path, story) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "wk5-web.tether.yaml"
    path.write_text(ASSIGNMENT.format(version=story.version), encoding="utf-8")
    return path


def terminal_assignment_log(story_dir: Path, assignment_path: Path, code: str, role: str, choices: list[str],
                            typed: list[str], tmp: Path, monkeypatch) -> tuple[dict, str]:
    """(the session log, the hand-in code) of the terminal front end playing an assignment with these
    choices; `typed` are the answers as typed at the prompts (questions before, after, then y/n to share)."""
    import re

    from game.engine.assignment import read_assignment
    from game.engine.assignment_play import AssignmentPlay
    from game.engine.diagnostics import DiagnosticBag
    from game.text.assignment import AssignmentTextGame

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp / "terminal-data"))
    story = load_story(story_dir)
    assignment = read_assignment(assignment_path, DiagnosticBag(), story)
    log = tmp / "terminal-assignment-log.json"
    args = SimpleNamespace(role=role, partner_name=None, pronouns=None, continue_game=False, log=log, story=None,
                           choices=",".join(choices), assignment=assignment_path)
    out = io.StringIO()
    game = AssignmentTextGame(story, args, AssignmentPlay(assignment, story, code), out=out,
                              inp=io.StringIO("\n".join(typed) + "\n"))
    assert game.run() == 0, out.getvalue()
    return json.loads(log.read_text(encoding="utf-8")), re.findall(r"^TETHER1-[A-Z2-7]+$", out.getvalue(), re.M)[-1]


def comparable_assignment(log: dict) -> dict:
    """An assignment log as a replayed hand-in code can rebuild it: lines, choices and skips, the meters,
    the ending, the code, the assignment and the answers (no clock readings, no scene-end bookkeeping)."""
    keep = ("line", "choice", "skipped_scene")
    return {"role": log["role"], "story": log["story"], "ending": log["ending"], "final_meters": log["final_meters"],
            "events": [e for e in log["events"] if any(k in e for k in keep)], "code": log["code"],
            "assignment": log["assignment"], "answers": log["answers"]}
