"""Saved games on disk: JSON, atomic, per user, checked whole at load, set aside (never deleted) when damaged.

Save versions: a save records the version of the format it was written in
(`save_version`) and the oldest reader that may load it (`min_reader_version`).
This Tether writes SAVE_VERSION, reads back to OLDEST_SAVE_VERSION by running the
MIGRATIONS one step at a time, and also reads a newer save whose writer says it
stays readable. tests/data/saves/ holds a save as each version wrote it.

The last finished game of each role is kept too, in saves/finished/<role>.json
(the same format): its record of how each scene began lets the player play any
scene of it again from there, also after the game was closed.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from game.engine.files import SAVE_LIMIT, atomic_write_text, read_json, remove_orphaned_temps, set_aside
from game.engine.model import Story
from game.engine.runner import StoryRunner
from game.engine.state import StateError

SAVE_VERSION = 3
OLDEST_SAVE_VERSION = 1  # the oldest save this Tether migrates forward
# A version 2 reader loads a version 3 save whole but for `entries`, which it does not know and leaves out:
# the game goes on, only its scenes cannot be played again. So a version 3 save says version 2 may read it.
MIN_READER_VERSION = 2
FINISHED = "finished"  # the folder, inside the saves folder, of the last finished game of each role
AUTOSAVE = "autosave"
_SLOT = re.compile(r"[a-z0-9_-]{1,40}\Z")
MAX_SLOTS = 200  # save files listed at most


def _v1_to_v2(data: dict) -> dict:
    """Version 1 left some fields out when they held their default (older v1 writers did not know them):
    `ended_early`, `reply`, `skipped` and `undo` in the state, `ended_early` and `reply` in undo points,
    `at_line` and `missed_secure` in moves. Version 2 writes every field, so a load can insist on all of them."""
    state = data.get("state")
    if isinstance(state, dict):
        state.setdefault("ended_early", False)
        state.setdefault("reply", None)
        state.setdefault("skipped", [])
        state.setdefault("undo", [])
        for item in state.get("undo") if isinstance(state.get("undo"), list) else []:
            if isinstance(item, dict):
                item.setdefault("ended_early", False)
                item.setdefault("reply", None)
        for move in state.get("moves") if isinstance(state.get("moves"), list) else []:
            if isinstance(move, dict):
                move.setdefault("at_line", None)
                move.setdefault("missed_secure", [])
    data["save_version"] = 2
    data["min_reader_version"] = 2
    return data


def _v2_to_v3(data: dict) -> dict:
    """Version 3 keeps `entries` in the state: how each scene began, so a finished game's scenes can be played
    again. A version 2 game kept no such record, so it starts with none (its scenes from now on are kept)."""
    state = data.get("state")
    if isinstance(state, dict):
        state.setdefault("entries", {})
    data["save_version"] = 3
    data["min_reader_version"] = MIN_READER_VERSION
    return data


# MIGRATIONS[n] turns a save of version n into one of version n + 1.
MIGRATIONS = {1: _v1_to_v2, 2: _v2_to_v3}


def migrate(data: dict) -> dict:
    """A save of any readable version brought to SAVE_VERSION, one step at a time; ValueError otherwise."""
    version = data.get("save_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ValueError("it is not a Tether save (no save version)")
    if version > SAVE_VERSION:
        needs = data.get("min_reader_version", version)
        if isinstance(needs, int) and not isinstance(needs, bool) and needs <= SAVE_VERSION:
            return data  # a newer Tether wrote it and says this one can still read it
        raise ValueError(f"it was written by a newer Tether (save version {version}; this one reads up to {SAVE_VERSION})")
    if version < OLDEST_SAVE_VERSION:
        raise ValueError(f"it is from an old Tether (save version {version}); this one reads {OLDEST_SAVE_VERSION} and later")
    while version < SAVE_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    return data


def data_dir() -> Path:
    """The player's own Tether folder (XDG_DATA_HOME on Linux redirects it)."""
    import platformdirs  # only here: the browser build keeps its saves elsewhere and has no platformdirs

    return Path(platformdirs.user_data_dir("tether", appauthor=False))


@dataclass(frozen=True)
class SlotInfo:
    slot: str
    saved_at: str  # local time, ISO 8601
    scene_title: str
    role: str
    story_id: str
    path: Path


@dataclass(frozen=True)
class LoadResult:
    runner: StoryRunner | None
    message: str | None = None  # for the player: why a save was set aside or adapted


class OtherStory(Exception):
    """The save is sound but belongs to another story."""

    def __init__(self, saved_story: dict):
        super().__init__(saved_story.get("id"))
        self.saved_story = saved_story


def other_story_message(slot: str, saved_story: dict) -> str:
    """What to tell a player whose slot holds a game of another story, with the command that continues it."""
    folder = str(saved_story.get("folder") or "")[:300]
    how = f" Continue it with: tether play --continue --story {folder}" if folder else ""
    return f"The saved game in slot '{slot}' belongs to another story ({str(saved_story['id'])[:40]!r}); it was left as it is.{how}"


class SaveStore:
    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder) if folder else data_dir() / "saves"
        # Temp files of writes that were killed half-way (see files.atomic_write_text) go at start.
        remove_orphaned_temps(self.folder)

    # ---- the last finished game of each role ------------------------------------------------
    def finished_store(self) -> "SaveStore":
        store = getattr(self, "_finished", None)
        if store is None:
            store = self._finished = SaveStore(self.folder / FINISHED)
        return store

    def keep_finished(self, runner: StoryRunner) -> Path:
        """Keep a game that reached its ending, as its role's finished game (the one before is replaced)."""
        return self.finished_store().save(runner.role, runner)

    def has_finished(self, role: str) -> bool:
        return self.finished_store().exists(role)

    def load_finished(self, role: str, story: Story) -> LoadResult:
        """The role's last finished game, or no runner and what happened: a damaged one is set aside."""
        what = f"The record of your finished game as the {role} partner"
        result = self.finished_store().load(role, story, what=what, after="; its scenes cannot be played again")
        runner = result.runner
        if runner is not None and runner.phase != "ended":
            return LoadResult(None, self._set_aside_message(self.finished_store().path(role), role,
                                                            "it is not a finished game", what,
                                                            "; its scenes cannot be played again"))
        return result

    def path(self, slot: str) -> Path:
        if not _SLOT.match(slot):
            raise ValueError(f"a save slot is a short name of a-z, 0-9, _ and -; not {slot!r}")
        return self.folder / f"{slot}.json"

    def encode(self, runner: StoryRunner) -> str:
        import json

        story = runner.story
        data = {
            "save_version": SAVE_VERSION,
            "min_reader_version": MIN_READER_VERSION,
            "saved_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "story": {"id": story.id, "version": story.version, "hash": story.content_hash,
                      "folder": str(Path(story.root).resolve()) if story.root else ""},
            "summary": {"scene_title": runner.scene.title, "role": runner.role, "partner": runner.partner.name},
            "state": runner.to_dict(),
        }
        return json.dumps(data, indent=1, ensure_ascii=False, allow_nan=False) + "\n"

    def save(self, slot: str, runner: StoryRunner) -> Path:
        """Write the save atomically; OSError when the disk refuses, ValueError when it is over the size limit."""
        text = self.encode(runner)
        if len(text.encode("utf-8")) > SAVE_LIMIT:
            raise ValueError(f"the game is too long to save (over {SAVE_LIMIT // (1024 * 1024)} MB)")
        path = self.path(slot)
        atomic_write_text(path, text)
        return path

    def exists(self, slot: str) -> bool:
        return os.path.lexists(self.path(slot))

    def load(self, slot: str, story: Story, what: str | None = None, after: str = "; starting fresh") -> LoadResult:
        """The runner saved in `slot`, or no runner and a message saying what happened to the file.

        Whatever the file holds, this returns: a save that cannot be used is renamed aside (never
        deleted) so the next start does not meet it again and the next autosave cannot overwrite it;
        the message says where it is. A save from a newer Tether is set aside the same way.
        """
        path = self.path(slot)
        if not os.path.lexists(path):
            return LoadResult(None, None)
        try:
            data, note = self._read(path, story)
            runner = StoryRunner.from_dict(story, data["state"])
            _ = (runner.choices, runner.current_line)  # what a front end reads first must work
        except OtherStory as exc:  # a good save of another story: not damaged, left where it is
            return LoadResult(None, other_story_message(slot, exc.saved_story))
        except Exception as exc:  # a trust boundary: no save may stop the game from starting
            reason = str(exc) if isinstance(exc, ValueError) else f"it could not be read back ({type(exc).__name__})"
            return LoadResult(None, self._set_aside_message(path, slot, reason, what, after))
        return LoadResult(runner, note)

    def _read(self, path: Path, story: Story) -> tuple[dict, str | None]:
        data = read_json(path, SAVE_LIMIT, self.folder)
        if not isinstance(data, dict):
            raise ValueError("it is not a Tether save")
        data = migrate(data)
        saved_story = data.get("story")
        if not isinstance(saved_story, dict) or not isinstance(data.get("state"), dict):
            raise ValueError("it is not a Tether save (no story or state)")
        if saved_story.get("id") != story.id and isinstance(saved_story.get("id"), str) and saved_story["id"]:
            raise OtherStory(saved_story)
        if saved_story.get("id") != story.id:
            raise StateError(f"it belongs to another story ({str(saved_story.get('id'))[:40]!r}, not {story.id!r})")
        note = None
        if saved_story.get("hash") != story.content_hash:
            then = str(saved_story.get("version"))[:40]
            note = f"The story has changed since this game was saved (version {then} then, {story.version} now); you continue where you were."
        return data, note

    @staticmethod
    def _set_aside_message(path: Path, slot: str, reason: str, what: str | None = None,
                           after: str = "; starting fresh") -> str:
        what = what or f"The saved game in slot '{slot}'"
        try:
            aside = set_aside(path)
        except OSError as exc:
            return (f"{what} could not be used: {reason}. It could not be moved aside either "
                    f"({exc.strerror or exc}), so it was left as it is{after}.")
        return f"{what} could not be used: {reason}. It was kept as {aside.name} in {aside.parent}{after}."

    def slots(self) -> list[SlotInfo]:
        out = []
        try:
            paths = sorted(p for _, p in zip(range(MAX_SLOTS), self.folder.glob("*.json")))
        except OSError:
            return out
        for path in paths:
            try:
                data = migrate(read_json(path, SAVE_LIMIT, self.folder))
                summary, story = data["summary"], data["story"]
                out.append(SlotInfo(path.stem, str(data["saved_at"])[:40], str(summary["scene_title"])[:200],
                                    str(summary["role"])[:40], str(story["id"])[:100], path))
            except (ValueError, KeyError, TypeError, AttributeError):
                continue  # listed as unusable only when someone tries to load it
        return out
