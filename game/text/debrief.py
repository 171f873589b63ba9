"""The debrief in words: every move with its name, its why, what it did to the meters, and the secure move on offer.

It reads the same `SceneDebrief` the window draws, so a screen-reader player
in the terminal learns as much as anyone: the chart becomes a sentence per
meter ("Safety: 7, then 6, 8, 9; up 2 over the scene").
"""

from __future__ import annotations

from game.engine.debrief import ReplayComparison, SceneDebrief, ending_reasons, family_counts
from game.engine.runner import StoryRunner


def _signed(n: int) -> str:
    return f"up {n}" if n > 0 else (f"down {-n}" if n < 0 else "no change")


def show_scene_debrief(debrief: SceneDebrief, say) -> None:
    say(f"== After \"{debrief.title}\" ==")
    if debrief.comparison is not None:
        show_comparison(debrief.comparison, say)
        return
    if debrief.skipped and not debrief.notes:
        say("You skipped this scene, so there are no moves to look at.")
        return
    if not debrief.notes:
        say("You made no choices in this scene.")
        return
    for track in debrief.meters:
        say(track.sentence(), indent="  ")
    for i, item in enumerate(debrief.notes, 1):
        move = item.move
        say(f"{i}. You chose: \"{move.text}\"", indent="  ")
        say(f"Move: {', '.join(item.labels)} ({', '.join(item.families)})", indent="     ")
        changes = [f"{t.label} {_signed(item.changes.get(t.name, 0))}" for t in debrief.meters if t.name in item.changes]
        if changes:
            say("; ".join(changes) + ".", indent="     ")
        if move.why:
            say(f"Why: {move.why}", indent="     ")
        if item.other_side:
            say(f"The other side: {item.other_side}", indent="     ")
        if move.missed_secure:
            say(f"A secure move on offer: \"{move.missed_secure[0]}\"", indent="     ")
    if debrief.cut_short:
        say("The story ended in the middle of this scene.")


def show_comparison(comparison: ReplayComparison, say) -> None:
    """A scene played again: the two tries one after the other, each move with its meters, then what differs."""
    say("You played this scene again from where it began. The two tries:")
    for attempt in (comparison.first, comparison.second):
        say(f"{attempt.label}:", indent="  ")
        if attempt.skipped and not attempt.notes:
            say("Skipped: no moves.", indent="     ")
        elif not attempt.notes:
            say("No choices.", indent="     ")
        for i, item in enumerate(attempt.notes, 1):
            move = item.move
            kind = "secure move" if move.text in attempt.secure else "move"
            say(f"{i}. \"{move.text}\" ({kind}: {', '.join(item.labels) or 'untagged'})", indent="     ")
            changes = [f"{t.label} {_signed(item.changes.get(t.name, 0))}" for t in attempt.meters
                       if t.name in item.changes]
            if changes:
                say("; ".join(changes) + ".", indent="        ")
        for track in attempt.meters:
            say(track.sentence(), indent="     ")
    say("What differs:", indent="  ")
    for sentence in comparison.sentences():
        say(sentence, indent="     ")


def arc_debrief(runner: StoryRunner, say) -> None:
    say("== The whole year: what happened and why ==")
    counts = family_counts(runner.moves)
    if counts:
        say("Your moves by kind: " + ", ".join(f"{family} {n}" for family, n in sorted(counts.items())) + ".")
    final = runner.meters
    story = runner.story
    say("Where the meters ended: " + ", ".join(
        f"{story.meters[m].label} {final[m]} of {story.meters[m].max}" for m in story.shown_meters) + ".")
    say("Why this ending:")
    for reason in ending_reasons(runner):
        say(reason, indent="  ")


def show_turning_point(point, say) -> None:
    lines = point.sentences() if point is not None else []
    if lines:
        say()
        say("== The turning point ==")
        for line in lines:
            say(line)
