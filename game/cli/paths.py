"""Where the shipped story lives."""

from __future__ import annotations

from pathlib import Path

REPO_STORY = Path(__file__).resolve().parents[2] / "story"


def default_story_dir() -> Path:
    """The shipped story next to the package, else ./story."""
    return REPO_STORY if (REPO_STORY / "story.yaml").is_file() else Path("story")
