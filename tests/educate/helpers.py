"""Playing assignment sessions the way a student would, without a front end."""

from __future__ import annotations

import random

from game.engine.runner import StoryRunner


def play(story, role: str, seed: int, stop_after: int | None = None, skip_chance: float = 0.0,
         partial: bool = False) -> StoryRunner:
    """Random choices (and skips) until the end, or until `stop_after` choices have been made."""
    rng = random.Random(seed)
    runner = StoryRunner.new(story, role)
    made = 0
    for _ in range(100_000):
        phase = runner.phase
        if phase == "ended" or stop_after is not None and made >= stop_after:
            break
        if phase in ("delivering", "awaiting_choice") and rng.random() < skip_chance:
            runner.skip_scene()
        elif phase == "delivering":
            runner.advance()
        elif phase == "awaiting_choice":
            runner.choose(rng.randrange(len(runner.choices)))
            made += 1
            if rng.random() < 0.1 and runner.can_undo:
                runner.undo()
        elif phase == "scene_end":
            if partial and runner.state.scene == story.scene_order[-1]:
                break
            runner.next_scene()
    return runner


def class_codes(story, scenes, students):
    """Hand-in codes for a class: students is [(code, role, seed, stop_after, answers)]."""
    import dataclasses

    from game.engine.handin import handin_for

    played = dataclasses.replace(story, scene_order=tuple(scenes), scenes={s: story.scenes[s] for s in scenes})
    out = []
    for n, (code, role, seed, stop, answers) in enumerate(students):
        runner = play(played, role, seed, stop, partial=tuple(scenes) != tuple(story.scene_order))
        out.append(handin_for(runner, "wk5-test", code, answers, 1_790_000_000 + n, 1_790_001_000 + n).to_text())
    return out


def pin(assignment_path, codes) -> None:
    """Give a written assignment the id and codes the helpers' hand-in codes use."""
    import re

    text = assignment_path.read_text()
    text = re.sub(r'^id: "[^"]*"', 'id: "wk5-test"', text, flags=re.M)
    text = re.sub(r"^codes: \[.*\]$", "codes: [" + ", ".join(f'"{c}"' for c in codes) + "]", text, flags=re.M)
    assignment_path.write_text(text)
