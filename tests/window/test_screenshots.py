"""`make screenshots` writes a PNG tour: both roles played through, and every other screen at two text sizes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from window_helpers import ROOT


@pytest.mark.slow
def test_make_screenshots_writes_every_screen_for_both_roles(tmp_path):
    out = tmp_path / "shots"
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "screenshots.py"), str(out)], cwd=ROOT,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    for role in ("anxious", "avoidant"):
        names = sorted(p.name for p in (out / role).glob("*.png"))
        assert any("_scene_" in n for n in names) and any("_choice_" in n for n in names)
        assert any("_debrief_" in n for n in names) and names[-1].endswith("_ending.png")
    for folder in ("screens", "screens_200"):
        names = {p.stem for p in (out / folder).glob("*.png")}
        assert {"title", "settings", "pause", "backlog", "save", "load", "ending", "ending_story"} <= names
