"""Shared test setup: no test touches the real user folder or needs a screen."""

import os
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

settings.register_profile("quick", max_examples=50, deadline=None)
settings.register_profile("long", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "data" / "mini_story"
SHIPPED = ROOT / "story"
RENAMED_ROLES = {"anxious": "reacher", "avoidant": "keeper"}  # roles the game's code never names


def mini_with_renamed_roles(dest: Path) -> Path:
    """A copy of the mini story whose roles are called reacher and keeper (same habits, same scenes)."""
    for source in [MINI / "story.yaml", *sorted((MINI / "scenes").glob("*.yaml"))]:
        target = dest / source.relative_to(MINI)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = source.read_text(encoding="utf-8")
        for old, new in RENAMED_ROLES.items():
            text = text.replace(old, new)
        target.write_text(text, encoding="utf-8")
    return dest


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory, monkeypatch):
    """Saves and settings go to a fresh folder for each test (platformdirs follows XDG_DATA_HOME)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg")))


@pytest.fixture
def mini_story():
    from game.engine import load_story

    return load_story(MINI)


@pytest.fixture(scope="session")
def shipped_exploration():
    """One exploration of the shipped story (both roles, the default menu limit and no time limit, as lint
    runs it: on a busy machine a time limit left endings undecided) for every test that needs one."""
    from game.engine import load_story
    from game.tools.explore import explore

    return explore(load_story(SHIPPED), max_seconds=None)
