"""Scripted play for --auto: the same intents a player would send, and a PNG of every screen."""

from __future__ import annotations

import sys
from pathlib import Path

from . import input as ix

MAX_FRAMES = 50_000


class AutoPilot:
    def __init__(self, app, choices: list[int], shots: Path | None, role: str | None = None):
        self.app = app
        self.choices = list(choices or [])
        self.shots = Path(shots) if shots else None
        self.role = role
        self.count = 0
        self.last_key: str | None = None
        self.saved: list[Path] = []
        if self.shots:
            self.shots.mkdir(parents=True, exist_ok=True)

    def shoot(self) -> None:
        top = self.app.stack.top
        key = top.shot_key() if top else None
        if key is None or key == self.last_key:
            return
        self.last_key = key
        if self.shots:
            self.count += 1
            path = self.shots / f"{self.count:03d}_{key}.png"
            self.app.screenshot(path)
            self.saved.append(path)

    def next_choice(self) -> int:
        return self.choices.pop(0) if self.choices else 1

    def intents_for(self, top) -> list[ix.Intent]:
        name = top.name
        if name == "title":
            return self._title()
        if name == "new_game":
            if self.role and self.role in self.app.session.story.roles and top.role != self.role:
                top.choose_role(self.role)
            top.start()
            return []
        if name == "play":
            if top.choices is not None:
                n = self.next_choice()
                if not any(item.number == n for item in top.choices.items):
                    n = 1
                return [ix.Intent(ix.NUMBER, n)]
            return [ix.Intent(ix.CONFIRM)]
        if name == "debrief":
            return [ix.Intent(ix.NEXT), ix.Intent(ix.CONFIRM)]  # Continue starts unfocused: Tab to it, as a player would
        if name == "skipped":
            return [ix.Intent(ix.CONFIRM)]
        return [ix.Intent(ix.BACK)]

    def _title(self) -> list[ix.Intent]:
        self.app.open_new_game(role=self.role)
        return []

    def run(self) -> int:
        app = self.app
        if app.stack.top is None or app.stack.top.name == "broken_story":
            for d in app.diagnostics:
                print(d, file=sys.stderr)
            app.step(0.0, intents=[])
            self.shoot()
            return 1
        for _ in range(MAX_FRAMES):
            app.step(1 / 60, intents=[])
            if not app.running:
                return app.exit_code
            self.shoot()
            top = app.stack.top
            if top is None:
                return 1
            if top.name == "ending":
                return 0
            if top.name == "error":
                return 1
            app.step(1 / 60, intents=self.intents_for(top), draw=False)
        print("tether: --auto did not reach an ending", file=sys.stderr)
        return 1
