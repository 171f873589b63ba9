"""Window tests run headless: SDL's dummy drivers are set before pygame is imported."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import pytest  # noqa: E402

from window_helpers import MINI, options  # noqa: E402


@pytest.fixture(autouse=True)
def user_data(tmp_path, monkeypatch):
    """Settings and saves go to a fresh folder for every test."""
    data = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    return data / "tether"


@pytest.fixture
def make_app():
    from game.window.app import App
    from game.window.settings import Settings

    made = []

    def make(story_dir=MINI, settings: Settings | None = None, **kw):
        settings = settings or Settings(text_speed="instant")
        app = App(options(story_dir=story_dir, **kw), settings=settings)
        app.start()
        app.step(1 / 60, intents=[])
        made.append(app)
        return app

    yield make
    for app in made:
        app.close()
