"""Bring up every screen of the window once: for the layout tests, and for `make screenshots`."""

from __future__ import annotations

import os
from pathlib import Path


def _draw(app, name, shots):
    app.step(1 / 60, intents=[])
    app.fade = 0.0  # pictures without the scene fade in progress
    app.draw()
    assert app.stack.top is not None
    if shots:
        app.screenshot(Path(shots) / f"{name}.png")
    return list(app.canvas.overflows)


def tour(app, shots: str | None = None) -> dict[str, list[str]]:
    """Visit each screen; returns overflow reports per screen name."""
    from game.window.screens.backlog import BacklogScreen
    from game.window.screens.breathe import BreatheScreen
    from game.window.screens.error import broken_story_screen, reload_problems_screen, runtime_error_screen
    from game.window.screens.info import about_screen, content_notes_screen, inspector_screen
    from game.window.screens.pause import PauseScreen
    from game.window.screens.saveload import SaveLoadScreen
    from game.window.screens.settings_screen import SettingsScreen

    shots = shots or os.environ.get("TETHER_SHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
    out = {}
    stack = app.stack
    out["title"] = _draw(app, "title", shots)
    for name, make in (("settings", lambda: SettingsScreen(app)), ("about", lambda: about_screen(app)),
                       ("content_notes", lambda: content_notes_screen(app))):
        stack.push(make())
        out[name] = _draw(app, name, shots)
        stack.pop()
    app.open_new_game()
    out["new_game"] = _draw(app, "new_game", shots)
    app.settings.show_meters = True
    stack.top.start()
    play = stack.top
    out["play_line"] = _draw(app, "play_line", shots)
    while play.choices is None:
        play.advance()
    out["play_choices"] = _draw(app, "play_choices", shots)
    play.choose(0)
    out["play_after_choice"] = _draw(app, "play_after_choice", shots)
    for name, make in (("pause", lambda: PauseScreen(app)), ("backlog", lambda: BacklogScreen(app)),
                       ("save", lambda: SaveLoadScreen(app, "save")), ("load", lambda: SaveLoadScreen(app, "load")),
                       ("settings_in_game", lambda: SettingsScreen(app, overlay=True)),
                       ("breathe", lambda: BreatheScreen(app)), ("inspector", lambda: inspector_screen(app)),
                       ("reload_errors", lambda: reload_problems_screen(app, "The story has errors."))):
        stack.push(make())
        out[name] = _draw(app, name, shots)
        stack.pop()
    # on to the end of the scene and its debrief
    runner = app.session.runner
    while stack.top is play and runner.phase != "ended":
        if play.choices is not None:
            play.choose(0)
        else:
            play.advance()
        app.step(1 / 60, intents=[])
    if stack.top.name == "debrief":
        out["debrief"] = _draw(app, "debrief", shots)
        stack.top.column.scroll = 10_000
        out["debrief_scrolled"] = _draw(app, "debrief_scrolled", shots)
        app.after_debrief()
        app.step(1 / 60, intents=[])
    # skip the next scene, with its summary
    if runner.phase in ("delivering", "awaiting_choice"):
        app.skip_scene()
        out["skipped"] = _draw(app, "skipped", shots)
        stack.top.on_button("continue")
        out["debrief_skipped"] = _draw(app, "debrief_skipped", shots)
        app.after_debrief()
        app.step(1 / 60, intents=[])
    for _ in range(20):  # a longer story: skip on to its ending
        if runner.phase not in ("delivering", "awaiting_choice") or stack.top.name != "play":
            break
        app.skip_scene()
        stack.top.on_button("continue")
        app.after_debrief()
        app.step(1 / 60, intents=[])
    if runner.phase == "ended" or stack.top.name == "ending":
        if stack.top.name != "ending":
            app.show_ending()
        out["ending"] = _draw(app, "ending", shots)
        stack.top.on_button("story")
        out["ending_story"] = _draw(app, "ending_story", shots)
        stack.top.column.scroll = 10_000
        out["ending_scrolled"] = _draw(app, "ending_scrolled", shots)
        _replay(app, out, shots)
    stack.reset(runtime_error_screen(app, "StoryRuntimeError: no branch of x.y applies in this state"))
    out["error"] = _draw(app, "error", shots)
    app.session.diagnostics = ["story/scenes/x.yaml:3:5: error E0101: a made-up problem for the picture"]
    stack.reset(broken_story_screen(app))
    out["broken_story"] = _draw(app, "broken_story", shots)
    return out


def _replay(app, out: dict, shots) -> None:
    """From the ending: the list of scenes to play again, the first one played again with other choices, its
    debrief comparing the two tries, and the title that now offers scenes to play again."""
    stack = app.stack
    stack.top.on_button("scenes")
    out["replay"] = _draw(app, "replay", shots)
    role, scene = stack.top.scenes.items[0].id.split(":", 1)
    app.start_replay(scene, role)
    play = stack.top
    for _ in range(1_000):  # lines and choices of one scene
        if stack.top is not play:
            break
        if play.choices is not None:
            play.choose(len(play.choices.items) - 1)  # the last choice: most often not the one taken the first time
        else:
            play.advance()
        app.step(1 / 60, intents=[])
    app.toast_time = 0.0  # the "playing again" note has gone by the time a scene is over
    if stack.top.name == "debrief":
        out["debrief_again"] = _draw(app, "debrief_again", shots)
        debrief = stack.top
        debrief.column.scroll = 10_000
        if debrief.compare is not None:
            debrief.compare.right.scroll = 10_000
        out["debrief_again_scrolled"] = _draw(app, "debrief_again_scrolled", shots)
        debrief.on_button("back")
        app.step(1 / 60, intents=[])
    app.go_title()
    out["title_finished"] = _draw(app, "title_finished", shots)
