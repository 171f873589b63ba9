"""Pages of text: about & learn more, content notes, a skipped scene's summary, the meter inspector."""

from __future__ import annotations

from typing import Callable

from ..text import quoted, split_paragraphs
from ..widgets import Block, Item, ItemList
from .common import PageScreen


class InfoScreen(PageScreen):
    name = "info"

    def __init__(self, app, heading: str, blocks: list[Block], buttons: list[Item] | None = None,
                 actions: dict[str, Callable] | None = None, name: str = "info", overlay: bool = False,
                 background: str = "default"):
        self.heading = heading
        self._blocks = blocks
        self._buttons = buttons or [Item("back", "Back", primary=True)]
        self.actions = actions or {}
        self.name = name
        self.overlay = overlay
        self.opaque = not overlay
        self.background = background
        super().__init__(app)

    def build(self) -> None:
        self.column.blocks = self._blocks
        self.buttons = ItemList(self._buttons)

    def on_button(self, item_id: str) -> None:
        action = self.actions.get(item_id)
        if action:
            action()
        else:
            self.app.stack.pop()

    def on_back(self) -> None:
        if "back" in self.actions:
            self.actions["back"]()
        else:
            self.app.stack.pop()

    def speech(self) -> str:
        body = " ".join(b.text for b in self._blocks if b.kind == "text")
        return f"{self.heading}. {body}"


def paragraphs(text: str, style: str = "body", gap: float = 12) -> list[Block]:
    """One block per paragraph (a newline ends a paragraph), each followed by a gap."""
    out = []
    for para in split_paragraphs(text):
        out.append(Block("text", para, style=style))
        out.append(Block("gap", height=gap))
    return out


def about_screen(app) -> InfoScreen:
    story = app.session.story
    blocks = paragraphs(story.about or f"{story.title}, version {story.version}.")
    if story.learn_more:
        blocks.append(Block("text", "Learn more", style="label"))
        blocks.append(Block("gap", height=6))
        blocks += paragraphs(story.learn_more)
    blocks.append(Block("text", "Keys", style="label"))
    blocks.append(Block("gap", height=6))
    keys = ("Enter, Space or a click: continue. 1–9: pick a choice; arrow keys and Enter also work. "
            "Escape or right-click: menu. L: history. U: undo the last choice. V: say it again (with self-voicing on). "
            "F11: full screen. Everything can be done with the keyboard alone or the mouse alone.")
    blocks.append(Block("text", keys, style="small"))
    blocks.append(Block("gap", height=12))
    blocks.append(Block("text", "Fonts: Atkinson Hyperlegible (SIL Open Font License) and OpenDyslexic "
                                "(CC-BY 3.0 and the Bitstream Vera licence); see assets/fonts.", style="small"))
    return InfoScreen(app, f"About {story.title}", blocks, name="about")


def content_notes_screen(app, overlay: bool = False) -> InfoScreen:
    story = app.session.story
    blocks = [Block("text", "Every scene, and what it contains. You can skip any scene from the menu "
                            "(Escape) and read a short summary instead.", style="body"), Block("gap", height=16)]
    for i, scene in enumerate(story.scenes.values(), 1):
        blocks.append(Block("text", f"{i}. {scene.title}", style="label"))
        notes = ", ".join(scene.content_notes) if scene.content_notes else "no particular notes"
        blocks.append(Block("text", notes, style="body", indent=24))
        blocks.append(Block("gap", height=12))
    return InfoScreen(app, "Content notes", blocks, name="content_notes", overlay=overlay)


def inspector_screen(app) -> InfoScreen:
    """Writer mode (F2): every meter's value, and which choice moved it and why."""
    runner = app.session.runner
    story = app.session.story
    blocks = [Block("text", "Meters now", style="label")]
    for meter in story.meters.values():
        hidden = " (hidden from players)" if meter.hidden else ""
        blocks.append(Block("text", f"{meter.label}: {runner.meters.get(meter.name)} "
                                    f"(range {meter.min}–{meter.max}, starts at {meter.start}){hidden}",
                            style="small", indent=24))
    flags = ", ".join(sorted(runner.flags)) or "none"
    blocks += [Block("gap", height=8), Block("text", f"Flags set: {flags}", style="small"), Block("gap", height=12),
               Block("text", "Why each value changed", style="label")]
    if not runner.moves:
        blocks.append(Block("text", "No choices yet. Meters only change through choices and node effects.",
                            style="small", indent=24))
    for i, move in enumerate(runner.moves, 1):
        changes = []
        for name in story.meters:
            a, b = move.before.get(name), move.after.get(name)
            if a is not None and b is not None and a != b:
                changes.append(f"{story.meters[name].label} {a} to {b} ({'+' if b > a else '−'}{abs(b - a)})")
        blocks.append(Block("text", f"{i}. {move.scene_id}.{move.choice_id}: {quoted(move.text)}", style="small"))
        blocks.append(Block("text", ("; ".join(changes) or "no meter changed") +
                            f" — tags: {', '.join(move.tags) or 'none'}", style="small", indent=24))
        if move.why:
            blocks.append(Block("text", move.why, style="small", indent=24))
        blocks.append(Block("gap", height=8))
    blocks.append(Block("text", "Changes between choices come from node effects (see the scene files).",
                        style="small"))
    return InfoScreen(app, "Meter inspector", blocks, buttons=[Item("back", "Close (F2)", primary=True)],
                      name="inspector", overlay=True)


def skipped_screen(app, title: str, summary: str, go_on, background) -> InfoScreen:
    """What a skipped scene was about; Continue goes on to its debrief."""
    return InfoScreen(app, f"Skipped: {title}", paragraphs(summary), buttons=[Item("continue", "Continue", primary=True)],
                      actions={"continue": go_on, "back": go_on}, name="skipped", background=background)
