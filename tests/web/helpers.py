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
