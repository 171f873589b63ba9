"""Screens by name. A screen asks for the next one by name (`app.open("pause")`), so no screen imports
another, App imports none, and each screen module is loaded only when it is first shown.

Each entry: name -> (module in this package, the class or function that builds the screen).
"""

from __future__ import annotations

import importlib

SCREENS = {
    "title": ("title", "TitleScreen"),
    "new_game": ("newgame", "NewGameScreen"),
    "play": ("play", "PlayScreen"),
    "debrief": ("debrief", "DebriefScreen"),
    "ending": ("ending", "EndingScreen"),
    "replay": ("replay", "ReplayScreen"),
    "pause": ("pause", "PauseScreen"),
    "backlog": ("backlog", "BacklogScreen"),
    "save_load": ("saveload", "SaveLoadScreen"),
    "settings": ("settings_screen", "SettingsScreen"),
    "breathe": ("breathe", "BreatheScreen"),
    "about": ("info", "about_screen"),
    "content_notes": ("info", "content_notes_screen"),
    "inspector": ("info", "inspector_screen"),
    "skipped": ("info", "skipped_screen"),
    "broken_story": ("error", "broken_story_screen"),
    "runtime_error": ("error", "runtime_error_screen"),
    "reload_errors": ("error", "reload_problems_screen"),
    "open_assignment": ("assign_open", "OpenAssignmentScreen"),
    "assignment_code": ("assign_open", "AssignmentCodeScreen"),
    "assignment_resume": ("assign_open", "resume_screen"),
    "assignment_questions": ("assign_questions", "QuestionsScreen"),
    "assignment_share": ("assign_questions", "ShareScreen"),
    "handin": ("handin", "HandinScreen"),
}


def build(name: str, app, *args, **kwargs):
    """A new screen of the named kind; an unknown name is a programming error, said plainly."""
    try:
        module_name, attr = SCREENS[name]
    except KeyError:
        raise KeyError(f"no screen is registered as {name!r}; known: {', '.join(sorted(SCREENS))}") from None
    module = importlib.import_module(f"{__package__}.{module_name}")
    return getattr(module, attr)(app, *args, **kwargs)
