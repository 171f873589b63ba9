"""The session log: what was shown and chosen, as JSON a player can keep or share.

It stays on the player's machine unless they export it, and it holds no names:
not the partner name the player typed, nothing else that could identify them.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from game.engine.files import LOG_LIMIT, atomic_write_json, read_json, set_aside
from game.engine.printable import printable
from game.engine.runner import Move, ShownLine, StoryRunner

LOG_VERSION = 1


class SessionLog:
    def __init__(self, runner: StoryRunner, events: list | None = None):
        self.runner = runner
        self.events: list[dict] = list(events or [])
        # Assignment sessions add: code, assignment {id, scenes, partial, finished}, started_at, finished_at, answers.
        self.extra: dict = {}

    @classmethod
    def open(cls, path: Path, runner: StoryRunner, resume: bool) -> tuple["SessionLog", str | None]:
        """A log to write to `path`; when resuming, the events already there are kept.

        The path is checked writable first, so a log that cannot be written is found out at the
        start, not after a whole session. A damaged log file is set aside (renamed, never deleted)
        and a message says so; the log then starts fresh in memory either way.
        """
        problem = cls.check_writable(Path(path))
        if problem:
            return cls(runner), problem
        if not resume or not os.path.lexists(path):
            return cls(runner), None
        try:
            data = read_json(path, LOG_LIMIT)
            if not isinstance(data, dict) or data.get("log_version") != LOG_VERSION or not isinstance(data.get("events"), list):
                raise ValueError("it is not a Tether session log")
            story = data.get("story")
            if not isinstance(story, dict) or story.get("id") != runner.story.id or data.get("role") != runner.role:
                raise ValueError("it belongs to another story or role")
            if not all(isinstance(event, dict) for event in data["events"]):
                raise ValueError("an event in it is not a mapping")
            return cls(runner, data["events"]), None
        except ValueError as exc:
            try:
                aside = set_aside(Path(path))
            except OSError as error:
                return cls(runner), (f"The log {printable(path)} could not be continued: {exc}; it could not be moved "
                                     f"aside either ({error.strerror or error}).")
            return cls(runner), f"The log {printable(path)} could not be continued: {exc}. It was kept as {printable(aside.name)}; a new log starts."

    @staticmethod
    def check_writable(path: Path) -> str | None:
        """None when a log can be written at `path` (a temp file is made and removed beside it), else why not."""
        if path.is_dir():
            return f"The log {printable(path)} cannot be written: it is a folder. Play goes on without a log file."
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            os.close(fd)
            os.unlink(tmp)
        except OSError as exc:
            return (f"The log {printable(path)} cannot be written ({exc.strerror or exc}). "
                    "Play goes on; the log is kept in memory and written if the folder becomes writable.")
        return None

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
            **self.extra,
        }

    def write(self, path: Path) -> None:
        """Write the whole log atomically (old or new content, never half): cheap enough after every choice.
        Raises OSError when the disk refuses; the events stay in memory for the next try."""
        atomic_write_json(Path(path), self.to_dict())

