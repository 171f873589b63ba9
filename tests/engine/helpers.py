"""Helpers for engine tests: write small stories to disk and drive runners."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from game.engine import StoryRunner

MANIFEST = """\
format: 1
id: t
title: T
version: "1"
roles:
  anxious: {title: A}
  avoidant: {title: V}
scenes: [s]
meters:
  closeness: {min: 0, max: 10, start: 5}
  safety: {min: 0, max: 10, start: 5}
flags:
  named: {}
endings:
  - {id: good, kind: growth, title: Good, text: Good., when: named}
  - {id: bad, kind: escalation, title: Bad, text: Bad.}
"""


def write_story(tmp: Path, scene: str, manifest: str = MANIFEST, name: str = "s.yaml") -> Path:
    (tmp / "scenes").mkdir(parents=True, exist_ok=True)
    (tmp / "story.yaml").write_text(textwrap.dedent(manifest), encoding="utf-8")
    (tmp / "scenes" / name).write_text(textwrap.dedent(scene), encoding="utf-8")
    return tmp


def roundtrip(runner: StoryRunner) -> StoryRunner:
    """The same game after a save and a load through JSON text."""
    return StoryRunner.from_dict(runner.story, json.loads(json.dumps(runner.to_dict())))


def play(runner: StoryRunner, picks: list[int], through_save: bool) -> tuple[StoryRunner, list[str]]:
    """Play to the end choosing `picks` in order (then 0); optionally save and load after every step."""
    shown = []
    picks = list(picks)
    while runner.phase != "ended":
        if runner.phase == "delivering":
            shown.append(runner.advance().text)
        elif runner.phase == "awaiting_choice":
            runner.choose(picks.pop(0) if picks else 0)
        else:
            runner.next_scene()
        if through_save:
            runner = roundtrip(runner)
    return runner, shown
