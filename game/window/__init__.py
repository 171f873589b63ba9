"""The pygame-ce window: turns runner output into pixels and input into runner calls.

Nothing in `game.engine` imports from here; this package imports the engine.
Entry point: `game.window.app.run(options)`.
"""
