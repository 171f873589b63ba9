"""The window's settings file is read the guarded way: whatever it holds, the window starts with sane settings."""

from __future__ import annotations

import json
import os

import pytest

from game.window.settings import SETTINGS_LIMIT, Settings, load_settings


@pytest.mark.parametrize("shape", ["fifo", "link", "folder", "huge", "wrong types"])
def test_a_strange_settings_file_gives_defaults(tmp_path, shape):
    path = tmp_path / "settings.json"
    if shape == "fifo":
        os.mkfifo(path)  # would block an ordinary open until something writes to it
    elif shape == "link":
        path.symlink_to("/dev/zero")
    elif shape == "folder":
        path.mkdir()
    elif shape == "huge":
        path.write_text(json.dumps({"theme": "high_contrast", "pad": "x" * SETTINGS_LIMIT}))
    else:
        path.write_text(json.dumps({"text_speed": [1], "theme": {"a": 1}, "font": None, "text_size": "big"}))
    settings = load_settings(path)
    assert (settings.text_speed, settings.theme, settings.font, settings.text_size) == \
        (Settings().text_speed, Settings().theme, Settings().font, Settings().text_size)
