"""The session log: what was shown and chosen, as JSON a player can keep or share.

It stays on the player's machine unless they export it, and it holds no names:
not the partner name the player typed, nothing else that could identify them.
"""

from __future__ import annotations

import time
from pathlib import Path

from game.engine.files import LOG_LIMIT, atomic_write_json, read_json, set_aside
from game.engine.runner import Move, ShownLine, StoryRunner

LOG_VERSION = 1


class SessionLog:
    def __init__(self, runner: StoryRunner, events: list | None = None):
        self.runner = runner
        self.events: list[dict] = list(events or [])

    @classmethod
    def open(cls, path: Path, runner: StoryRunner, resume: bool) -> tuple["SessionLog", str | None]:
        """A log to write to `path`; when resuming, the events already there are kept.

        A damaged log file is set aside (renamed, never deleted) and a message says so.
        """
        if not resume or not Path(path).is_file():
            return cls(runner), None
        try:
            data = read_json(path, LOG_LIMIT)
            if not isinstance(data, dict) or data.get("log_version") != LOG_VERSION or not isinstance(data.get("events"), list):
                raise ValueError("it is not a Tether session log")
            if data.get("story", {}).get("id") != runner.story.id or data.get("role") != runner.role:
                raise ValueError("it belongs to another story or role")
            return cls(runner, data["events"]), None
        except ValueError as exc:
            aside = set_aside(Path(path))
            return cls(runner), f"The log {path} could not be continued: {exc}. It was kept as {aside.name}; a new log starts."

    def line(self, shown: ShownLine) -> None:
        self.events.append({"line": shown.id})

    def choice(self, move: Move) -> None:
        self.events.append({"choice": move.choice_id, "tags": list(move.tags), "before": move.before, "after": move.after})

    def undo(self) -> None:
        self.events.append({"undo": True})

    def skip(self, scene_id: str) -> None:
        self.events.append({"skipped_scene": scene_id})

    def to_dict(self) -> dict:
        runner = self.runner
        ending = runner.ending
        return {
            "log_version": LOG_VERSION,
            "written_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "story": {"id": runner.story.id, "version": runner.story.version},
            "role": runner.role,
            "events": self.events,
            "final_meters": runner.meters,
            "ending": {"id": ending.id, "kind": ending.kind, "title": ending.title} if ending else None,
        }

    def write(self, path: Path) -> None:
        atomic_write_json(Path(path), self.to_dict())

