"""Player settings, persisted as JSON in the per-user data folder."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import platformdirs

from game.engine.files import KB, read_json

TEXT_SIZES = (1.0, 1.25, 1.5, 1.75, 2.0)
TEXT_SPEEDS = {"slow": 20.0, "normal": 45.0, "fast": 90.0, "instant": 0.0}  # characters per second; 0 = instant
FONTS = ("atkinson", "opendyslexic")
THEMES = ("calm", "high_contrast")
VOLUMES = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)


@dataclass
class Settings:
    text_size: float = 1.0  # 1.0 .. 2.0
    text_speed: str = "normal"
    theme: str = "calm"
    font: str = "atkinson"
    self_voicing: bool = False
    show_meters: bool = False  # "training mode": the meters are visible while playing
    reduce_motion: bool = False
    fullscreen: bool = False
    ambient_volume: float = 0.6  # the loop for each place; 0 is off
    effects_volume: float = 0.6  # interface sounds; 0 is off

    def clean(self) -> "Settings":
        """Bring values read from disk back into range instead of failing on them."""
        try:
            size = float(self.text_size)
        except (TypeError, ValueError):
            size = 1.0
        self.text_size = min(TEXT_SIZES, key=lambda s: abs(s - size))
        for name in ("ambient_volume", "effects_volume"):
            try:
                volume = float(getattr(self, name))
            except (TypeError, ValueError):
                volume = 0.6
            setattr(self, name, min(VOLUMES, key=lambda v: abs(v - volume)))
        if not isinstance(self.text_speed, str) or self.text_speed not in TEXT_SPEEDS:
            self.text_speed = "normal"
        if self.theme not in THEMES:
            self.theme = "calm"
        if self.font not in FONTS:
            self.font = "atkinson"
        for name in ("self_voicing", "show_meters", "reduce_motion", "fullscreen"):
            setattr(self, name, bool(getattr(self, name)))
        return self

    @property
    def chars_per_second(self) -> float:
        return TEXT_SPEEDS[self.text_speed]


SETTINGS_LIMIT = 64 * KB


def settings_path() -> Path:
    return Path(platformdirs.user_data_dir("tether")) / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    try:  # the guarded reader: a FIFO, link or huge file here must not hang or flood the window's start
        data = read_json(path, SETTINGS_LIMIT)
    except ValueError:
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    known = {f.name for f in fields(Settings)}
    return Settings(**{k: v for k, v in data.items() if k in known}).clean()


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write atomically (temp file in the same folder, then replace) so a crash never leaves half a file."""
    path = path or settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".json", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(asdict(settings), handle, indent=2, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError:
        pass  # settings are a convenience: never crash the game over them
