"""The pygame-ce window: turns runner output into pixels and input into runner calls.

Nothing in `game.engine` imports from here; this package imports the engine.
Entry point: `game.window.app.run(options)`.
"""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
