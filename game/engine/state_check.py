"""Checks for a saved state before any of it is used: types, sizes, ids, and a position play can be in.

A save is untrusted input. Whatever it holds, loading either gives a state the
runner can continue from or raises StateError with a reason a player can read:
never a number that is not finite or not an integer, never an id the story does
not have, never a phase that contradicts the cursor or the ending.
"""

from __future__ import annotations

from game.engine.model import Story

PHASES = ("delivering", "awaiting_choice", "scene_end", "ended")
MAX_NAME = 200  # characters in a partner name
MAX_COUNT = 10**9  # visits, lengths: far beyond any real game


class StateError(ValueError):
    """Saved data that does not fit this story (or is not a save at all)."""


def field(data: dict, key: str, kind, what: str | None = None):
    """data[key], which must be of `kind` (an int is never a bool here)."""
    if not isinstance(data, dict):
        raise StateError(f"{what or 'the saved game'} is not a mapping")
    if key not in data:
        raise StateError(f"{what or 'the saved game'} has no '{key}'")
    return of_type(data[key], kind, f"'{key}'" if what is None else f"'{key}' of {what}")


def of_type(value, kind, what: str):
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool) and bool not in kinds or not isinstance(value, kinds):
        names = " or ".join({int: "a whole number", str: "text", list: "a list", dict: "a mapping", bool: "true/false",
                             type(None): "empty"}[k] for k in kinds)
        raise StateError(f"{what} should be {names}, not {type(value).__name__}")
    return value


def count(value, what: str, high: int = MAX_COUNT) -> int:
    value = of_type(value, int, what)
    if not 0 <= value <= high:
        raise StateError(f"{what} is {_short(value)}, outside 0 to {high}")
    return value


def text_list(value, what: str) -> list[str]:
    return [of_type(item, str, f"an entry of {what}") for item in of_type(value, list, what)]


def number_map(value, what: str) -> dict:
    """A mapping of names to whole numbers (any size: meters are clamped by the caller)."""
    out = {}
    for key, number in of_type(value, dict, what).items():
        out[key] = of_type(number, int, f"'{_short(key)}' in {what}")
    return out


def check_position(story: Story, scene: str, node: str, cursor: int, phase: str, ending, what: str,
                   reply: str | None = None) -> None:
    """The place is one the runner can be in: ids exist and the phase agrees with cursor and ending.

    `reply` is a choice of the node whose reply lines are being delivered; the cursor counts those.
    """
    if scene not in story.scenes:
        raise StateError(f"the story has no scene {_short(scene)!r} any more")
    if node not in story.scenes[scene].nodes:
        raise StateError(f"scene {scene!r} has no node {_short(node)!r} any more")
    if phase not in PHASES:
        raise StateError(f"unknown phase {_short(phase)!r} in {what}")
    lines = story.scenes[scene].nodes[node].lines
    if reply is not None:
        choice = next((c for c in story.scenes[scene].nodes[node].choices if c.local_id == reply), None)
        if choice is None:
            raise StateError(f"node {node!r} has no choice {_short(reply)!r} any more")
        if phase == "awaiting_choice":
            raise StateError(f"{what} waits for a choice in the middle of a reply")
        lines = choice.lines
    if not 0 <= cursor <= len(lines):
        raise StateError(f"the line position in {what} is outside its node")
    if ending is not None and ending not in {e.id for e in story.endings}:
        raise StateError(f"unknown ending {_short(ending)!r}")
    if (phase == "ended") != (ending is not None):
        raise StateError(f"{what} is {'ended without an ending' if phase == 'ended' else 'not ended but has an ending'}")
    if phase == "delivering" and cursor >= len(lines):
        raise StateError(f"{what} waits to deliver a line after the last line of its node")
    if phase == "awaiting_choice" and (cursor != len(lines) or not story.scenes[scene].nodes[node].choices):
        raise StateError(f"{what} waits for a choice where its node offers none")


def checked_move(move, index: int) -> dict:
    what = f"choice {index + 1} made"
    of_type(move, dict, what)
    out = {key: field(move, key, str, what) for key in ("scene", "choice", "text", "why")}
    out["tags"] = text_list(field(move, "tags", list, what), f"the tags of {what}")
    out["before"] = number_map(field(move, "before", dict, what), f"the meters before {what}")
    out["after"] = number_map(field(move, "after", dict, what), f"the meters after {what}")
    out["missed_secure"] = text_list(field(move, "missed_secure", list, what), what)
    at_line = field(move, "at_line", (int, type(None)), what)
    out["at_line"] = None if at_line is None else count(at_line, f"the line count of {what}")
    return out


SNAPSHOT_KEYS = ("scene", "node", "cursor", "phase", "meters", "flags", "visits", "backlog_len", "moves_len",
                 "skipped", "ending", "ended_early", "reply")


def checked_snapshot(snap, index: int, story: Story, backlog_len: int, moves_len: int) -> dict | None:
    """An undo point as plain checked data; None when it points into a node the story no longer has."""
    what = f"undo point {index + 1}"
    of_type(snap, dict, what)
    out = {
        "scene": field(snap, "scene", str, what), "node": field(snap, "node", str, what),
        "cursor": count(field(snap, "cursor", int, what), f"the cursor of {what}"),
        "phase": field(snap, "phase", str, what),
        "meters": number_map(field(snap, "meters", dict, what), f"the meters of {what}"),
        "flags": text_list(field(snap, "flags", list, what), f"the flags of {what}"),
        "visits": {k: count(v, f"visits in {what}") for k, v in field(snap, "visits", dict, what).items()},
        "backlog_len": count(field(snap, "backlog_len", int, what), f"the history length of {what}", backlog_len),
        "moves_len": count(field(snap, "moves_len", int, what), f"the choice count of {what}", moves_len),
        "skipped": text_list(field(snap, "skipped", list, what), f"the skipped scenes of {what}"),
        "ending": field(snap, "ending", (str, type(None)), what),
        "ended_early": field(snap, "ended_early", bool, what),
        "reply": field(snap, "reply", (str, type(None)), what),
    }
    if out["scene"] not in story.scenes or out["node"] not in story.scenes[out["scene"]].nodes:
        return None
    check_position(story, out["scene"], out["node"], out["cursor"], out["phase"], out["ending"], what, out["reply"])
    return out


ENTRY_KEYS = ("meters", "flags", "visits", "skipped", "moves_len", "backlog_len")


def checked_entries(value, story: Story, backlog_len: int, moves_len: int) -> dict:
    """The state at the start of each scene, checked; entries of scenes the story no longer has are left out."""
    out = {}
    for scene, entry in of_type(value, dict, "'entries'").items():
        what = f"the start of scene {_short(scene)!r}"
        of_type(entry, dict, what)
        checked = {
            "meters": number_map(field(entry, "meters", dict, what), f"the meters at {what}"),
            "flags": text_list(field(entry, "flags", list, what), f"the flags at {what}"),
            "visits": {k: count(v, f"visits at {what}") for k, v in field(entry, "visits", dict, what).items()},
            "skipped": text_list(field(entry, "skipped", list, what), f"the skipped scenes at {what}"),
            "moves_len": count(field(entry, "moves_len", int, what), f"the choice count at {what}", moves_len),
            "backlog_len": count(field(entry, "backlog_len", int, what), f"the history length at {what}", backlog_len),
        }
        if scene in story.scenes:
            out[scene] = checked
    return out


def _short(value) -> str:
    text = str(value) if not isinstance(value, int) or abs(value) < 10**30 else "a huge number"
    return text if len(text) <= 40 else text[:37] + "..."
