"""Saved games on disk: JSON, atomic, per user, set aside (never deleted) when damaged."""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from game.engine.files import SAVE_LIMIT, atomic_write_json, read_json, set_aside
from game.engine.model import Story
from game.engine.runner import StoryRunner
from game.engine.state import StateError

SAVE_VERSION = 1
AUTOSAVE = "autosave"
_SLOT = re.compile(r"[a-z0-9_-]{1,40}\Z")


def data_dir() -> Path:
    """The player's own Tether folder (XDG_DATA_HOME on Linux redirects it)."""
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


class SaveStore:
    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder) if folder else data_dir() / "saves"

    def path(self, slot: str) -> Path:
        if not _SLOT.match(slot):
            raise ValueError(f"a save slot is a short name of a-z, 0-9, _ and -; not {slot!r}")
        return self.folder / f"{slot}.json"

    def save(self, slot: str, runner: StoryRunner) -> Path:
        story = runner.story
        data = {
            "save_version": SAVE_VERSION,
            "saved_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "story": {"id": story.id, "version": story.version, "hash": story.content_hash},
            "summary": {"scene_title": runner.scene.title, "role": runner.role, "partner": runner.partner.name},
            "state": runner.to_dict(),
        }
        path = self.path(slot)
        atomic_write_json(path, data)
        return path

    def exists(self, slot: str) -> bool:
        return self.path(slot).is_file()

    def load(self, slot: str, story: Story) -> LoadResult:
        """The runner saved in `slot`, or no runner and a message saying what happened to the file."""
        path = self.path(slot)
        if not os.path.lexists(path):
            return LoadResult(None, None)
        try:
            data = read_json(path, SAVE_LIMIT, self.folder)
            if not isinstance(data, dict) or "save_version" not in data:
                raise ValueError("it is not a Tether save")
            if data["save_version"] != SAVE_VERSION:
                raise ValueError(f"it was written by a different Tether (save version {data['save_version']!r}, this one reads {SAVE_VERSION})")
            saved_story = data.get("story") or {}
            if saved_story.get("id") != story.id:
                raise ValueError(f"it belongs to another story ({saved_story.get('id')!r}, not {story.id!r})")
            runner = StoryRunner.from_dict(story, data["state"])
        except (ValueError, StateError, KeyError, TypeError) as exc:
            aside = set_aside(path)
            return LoadResult(None, f"The saved game in slot '{slot}' could not be used: {exc}. "
                                    f"It was kept as {aside.name} in {aside.parent}; starting fresh.")
        note = None
        if saved_story.get("hash") != story.content_hash:
            note = f"The story has changed since this game was saved (version {saved_story.get('version')} then, {story.version} now); you continue where you were."
        return LoadResult(runner, note)

    def slots(self) -> list[SlotInfo]:
        out = []
        if not self.folder.is_dir():
            return out
        for path in sorted(self.folder.glob("*.json")):
            try:
                data = read_json(path, SAVE_LIMIT, self.folder)
                summary = data["summary"]
                out.append(SlotInfo(path.stem, str(data["saved_at"]), str(summary["scene_title"]), str(summary["role"]),
                                    str(data["story"]["id"]), path))
            except (ValueError, KeyError, TypeError):
                continue  # listed as unusable only when someone tries to load it
        return out
