"""The tour of every screen lives with the window (make screenshots uses it too)."""

from game.window.tour import tour  # noqa: F401
