"""Errors shown on screen instead of a traceback: a broken story, or a story that failed during play."""

from __future__ import annotations

from ..widgets import Block, Item
from .info import InfoScreen


def diagnostics_blocks(diagnostics) -> list[Block]:
    blocks = []
    for d in diagnostics:
        severity = getattr(d, "severity", "error")
        blocks.append(Block("text", str(d), style="small", colour="error" if severity == "error" else "warning",
                            indent=0))
        blocks.append(Block("gap", height=6))
    return blocks


def broken_story_screen(app) -> InfoScreen:
    """The story on disk does not load: show where and why; F5 (or the button) tries again."""
    errors = [d for d in app.diagnostics if getattr(d, "severity", "error") == "error"] or app.diagnostics
    blocks = [Block("text", f"The story in {app.story_dir} has {len(errors)} problem"
                            f"{'s' if len(errors) != 1 else ''}. Fix them in the files, then press F5 or "
                            f"choose Try again.", style="body"), Block("gap", height=12)]
    blocks += diagnostics_blocks(app.diagnostics)
    return InfoScreen(app, "This story cannot be played yet", blocks,
                      buttons=[Item("retry", "Try again (F5)", primary=True), Item("quit", "Quit")],
                      actions={"retry": app.retry_story, "quit": app.quit, "back": app.quit}, name="broken_story")


def runtime_error_screen(app, message: str, detail: str = "") -> InfoScreen:
    blocks = [Block("text", "Something went wrong in the story, so it stopped here. Your progress up to the last "
                            "choice is in the autosave.", style="body"), Block("gap", height=12),
              Block("text", message, style="small", colour="error")]
    if detail:
        blocks += [Block("gap", height=8), Block("text", detail, style="small")]
    return InfoScreen(app, "The story stopped", blocks,
                      buttons=[Item("title", "Back to title", primary=True)],
                      actions={"title": app.go_title, "back": app.go_title}, name="error")


def reload_problems_screen(app, message: str) -> InfoScreen:
    blocks = [Block("text", message, style="body"), Block("gap", height=12)]
    blocks += diagnostics_blocks(app.diagnostics)
    return InfoScreen(app, "The changed story has errors", blocks,
                      buttons=[Item("back", "Keep playing the last good version", primary=True)],
                      name="reload_errors", overlay=True)
