"""The debrief in words: every choice with its tags, its why and what it did to the meters."""

from __future__ import annotations

from game.engine.debrief import SHOWN_METERS, ending_reasons, family_counts, scene_notes
from game.engine.runner import StoryRunner


def _meter_changes(runner: StoryRunner, item) -> str:
    parts = []
    for name in SHOWN_METERS:
        label = runner.story.meters[name].label
        parts.append(f"{label} {item.move.before[name]} -> {item.move.after[name]}")
    return ", ".join(parts)


def scene_debrief(runner: StoryRunner, scene_id: str, say, brief: bool = False) -> None:
    notes = scene_notes(runner, scene_id)
    if not notes:
        if scene_id in runner.state.skipped:
            say("(You skipped this scene; the meters did not move.)")
        return
    if brief:
        first, last = notes[0].move.before, notes[-1].move.after
        say("Meters over this scene: " + ", ".join(
            f"{runner.story.meters[m].label} {first[m]} -> {last[m]}" for m in SHOWN_METERS) + ".")
        return
    for i, item in enumerate(notes, 1):
        say(f"{i}. \"{item.move.text}\"", indent="  ")
        say(f"Move: {', '.join(item.labels)} ({', '.join(item.families)})", indent="     ")
        say(_meter_changes(runner, item), indent="     ")
        if item.move.why:
            say(f"Why: {item.move.why}", indent="     ")
        if item.move.missed_secure:
            say(f"A secure move on offer: \"{item.move.missed_secure[0]}\"", indent="     ")


def arc_debrief(runner: StoryRunner, say) -> None:
    say("== Debrief: what happened, move by move ==")
    for scene_id in runner.story.scene_order:
        scene = runner.story.scenes[scene_id]
        if not any(m.scene_id == scene_id for m in runner.moves) and scene_id not in runner.state.skipped:
            continue
        say()
        say(f"{scene.title}")
        scene_debrief(runner, scene_id, say)
    say()
    counts = family_counts(runner.moves)
    if counts:
        say("Your moves by kind: " + ", ".join(f"{family} {n}" for family, n in sorted(counts.items())) + ".")
    final = runner.meters
    say("Where the meters ended: " + ", ".join(
        f"{runner.story.meters[m].label} {final[m]} of {runner.story.meters[m].max}" for m in SHOWN_METERS) + ".")
    say("Why this ending:")
    for reason in ending_reasons(runner):
        say(reason, indent="  ")
