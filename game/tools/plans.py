"""Test plans: YAML transcripts of a playthrough, checked against the real runner.

    story: ../data/mini_story      # relative to the plan file
    role: anxious                  # a role of the story (default: the manifest's first)
    partner: {name: Sam, pronouns: she}   # optional
    steps:
      - line: Delivered            # a line containing this text is shown before the next choice
      - offered: [wait]            # these choices (local or full ids) are on offer now
      - not_offered: [attack]
      - choose: wait               # a choice id (local or full) or a 1-based number
      - meters: {safety: 6}
      - flags: [cycle_named]       # set now (write not_flags: [...] for the opposite)
      - scene: talk                # play reaches this scene before the next choice
      - ending: steady             # play on to the end (no choice may be pending)
      - kind: growth
      - ending_text: on the phone  # the ending's text, as shown, contains this (not_ending_text: ... it does not)

With `roundtrip`, the runner is saved to JSON and loaded back after every
choice, as a player's save would be. A failing plan names the first step
where play diverged from the plan and what play showed instead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from game.engine.diagnostics import DiagnosticBag
from game.engine.loader import load_story
from game.engine.runner import StoryRunner
from game.engine.text import Partner
from game.engine.yamlsafe import read_yaml_file

STEP_KINDS = ("line", "choose", "offered", "not_offered", "meters", "flags", "not_flags", "scene", "ending", "kind",
              "turning_point", "ending_text", "not_ending_text")


class PlanError(AssertionError):
    """The plan and play disagree; the message says at which step and how."""


@dataclass
class Plan:
    path: Path
    story_dir: Path
    role: str | None  # None: the story's first role
    partner: Partner | None
    steps: list


def read_plan(path: Path) -> Plan:
    bag = DiagnosticBag()
    doc = read_yaml_file(Path(path), str(path), bag)
    if doc is None:
        raise PlanError("; ".join(str(d) for d in bag.items))
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("steps"), list):
        raise PlanError(f"{path}: a plan is a mapping with story, role and a list of steps")
    partner = None
    if isinstance(data.get("partner"), dict):
        spec = data["partner"]
        partner = Partner(str(spec.get("name", "Sam")), spec.get("pronouns", "they"))
    steps = []
    for i, step in enumerate(data["steps"], 1):
        if not isinstance(step, dict) or len(step) != 1 or next(iter(step)) not in STEP_KINDS:
            raise PlanError(f"{path}: step {i} must be one of {', '.join(STEP_KINDS)}: got {step!r}")
        steps.append(next(iter(step.items())))
    return Plan(Path(path), (Path(path).parent / str(data.get("story", "../../story"))).resolve(),
                None if data.get("role") is None else str(data["role"]), partner, steps)


class PlanRun:
    def __init__(self, plan: Plan, roundtrip: bool):
        self.plan = plan
        self.roundtrip = roundtrip
        self.story = load_story(plan.story_dir)
        self.runner = StoryRunner.new(self.story, plan.role or next(iter(self.story.roles)), plan.partner)
        self.shown: list[str] = []  # lines shown since the last choice

    def fail(self, number: int, step, message: str) -> None:
        kind, value = step
        mode = "with a save/load after every choice" if self.roundtrip else "straight"
        raise PlanError(f"{self.plan.path}: step {number} ({kind}: {value!r}) diverged, playing {mode}: {message}")

    def deliver_until_choice(self) -> None:
        """Show lines and cross scene ends until a choice waits or the story ends."""
        self.shown.extend(line.text for line in self.runner.advance_to_choice())

    def find(self, token: str):
        index = self.runner.find_choice(token)
        return None if index is None else self.runner.choices[index]

    def check_turning_point(self, number: int, step, value) -> None:
        """`turning_point: {chosen: id, secure: id}` (or just the chosen id): at the ending, the debrief names
        that choice as the turning point, and that secure move as one on offer there."""
        from game.engine.turning import find_turning_point

        self.deliver_until_choice()
        if self.runner.phase != "ended":
            self.fail(number, step, "the story has not ended, so there is no turning point yet")
        point = find_turning_point(self.runner)
        want = value if isinstance(value, dict) else {"chosen": value}
        if point is None:
            self.fail(number, step, "no turning point was found (a growth ending, or growth was never in reach)")
        if "chosen" in want and not _same_choice(want["chosen"], point.chosen_id):
            self.fail(number, step, f"the turning point is {point.chosen_id}")
        if "secure" in want and not any(_same_choice(want["secure"], s) for s in point.secure_ids):
            self.fail(number, step, f"the secure moves named there are {', '.join(point.secure_ids) or 'none'}")

    def run(self) -> None:
        for number, step in enumerate(self.plan.steps, 1):
            kind, value = step
            runner = self.runner
            if kind == "line":
                while not any(str(value) in text for text in self.shown):
                    if runner.phase != "delivering" and runner.phase != "scene_end":
                        recent = " | ".join(self.shown[-4:]) or "(no lines)"
                        self.fail(number, step, f"no such line before {runner.phase.replace('_', ' ')}; last lines: {recent}")
                    if runner.phase == "delivering":
                        self.shown.append(runner.advance().text)
                    else:
                        runner.next_scene()
                index = next(i for i, text in enumerate(self.shown) if str(value) in text)
                del self.shown[: index + 1]
                continue
            if kind in ("choose", "offered", "not_offered"):
                self.deliver_until_choice()
                if runner.phase != "awaiting_choice":
                    self.fail(number, step, f"no choice is on offer; the story is at {runner.phase.replace('_', ' ')}")
                on_offer = ", ".join(v.id.rsplit(".", 1)[-1] for v in runner.choices)
                if kind == "choose":
                    view = self.find(str(value))
                    if view is None:
                        self.fail(number, step, f"not on offer at {runner.node.id}; on offer: {on_offer}")
                    runner.choose(view.index)
                    self.shown = []
                    if self.roundtrip:
                        data = json.loads(json.dumps(runner.to_dict()))
                        self.runner = StoryRunner.from_dict(self.story, data)
                else:
                    for token in value if isinstance(value, list) else [value]:
                        present = self.find(str(token)) is not None and not str(token).isdigit()
                        if present != (kind == "offered"):
                            self.fail(number, step, f"'{token}' is {'not ' if not present else ''}on offer at "
                                      f"{runner.node.id}; on offer: {on_offer}")
                continue
            if kind == "meters":
                got = runner.meters
                wrong = {k: got.get(k) for k, v in dict(value).items() if got.get(k) != v}
                if wrong:
                    self.fail(number, step, f"meters are {got}")
                continue
            if kind in ("flags", "not_flags"):
                flags = runner.flags
                for flag in value if isinstance(value, list) else [value]:
                    if (flag in flags) != (kind == "flags"):
                        self.fail(number, step, f"flags set: {sorted(flags) or 'none'}")
                continue
            if kind == "scene":
                while runner.state.scene != value and runner.phase in ("delivering", "scene_end"):
                    if runner.phase == "delivering":
                        self.shown.append(runner.advance().text)
                    else:
                        runner.next_scene()
                if runner.state.scene != value:
                    self.fail(number, step, f"play is in scene {runner.state.scene}")
                continue
            if kind == "turning_point":
                self.check_turning_point(number, step, value)
                continue
            if kind in ("ending_text", "not_ending_text"):
                self.deliver_until_choice()
                if runner.phase != "ended":
                    self.fail(number, step, "the story has not ended, so there is no ending text yet")
                if (str(value) in runner.ending_text) != (kind == "ending_text"):
                    self.fail(number, step, f"the ending text {'does not contain' if kind == 'ending_text' else 'contains'} "
                              f"it; it reads: {runner.ending_text[:200]}...")
                continue
            if kind in ("ending", "kind"):
                self.deliver_until_choice()
                if runner.phase != "ended":
                    self.fail(number, step, f"the story has not ended; it waits at {runner.node.id} with choices: "
                              + ", ".join(v.id.rsplit('.', 1)[-1] for v in runner.choices))
                got = runner.ending.id if kind == "ending" else runner.ending.kind
                if got != value:
                    self.fail(number, step, f"the {kind} is {got}")


def _same_choice(expected, full_id: str) -> bool:
    return str(expected) in (full_id, full_id.rsplit(".", 1)[-1])


def run_plan(path: Path, roundtrip: bool = False) -> None:
    """Play a plan; raises PlanError at the first step where play diverged."""
    PlanRun(read_plan(path), roundtrip).run()
