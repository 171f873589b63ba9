"""The game being played: the story, the runner and the save store, passed to screens explicitly."""

from __future__ import annotations

from pathlib import Path

from game.engine import (AUTOSAVE, Partner, SaveStore, StoryLoadError, StoryRunner, check_story)
from game.engine import reload as engine_reload

SLOTS = ("autosave", "slot1", "slot2", "slot3", "slot4", "slot5", "slot6")


class Session:
    def __init__(self, story_dir: Path, dev: bool = False, store: SaveStore | None = None):
        self.story_dir = Path(story_dir)
        self.dev = dev
        self.story = None
        self.diagnostics: list = []
        self.runner: StoryRunner | None = None
        self.store = store or SaveStore()
        self.notice = ""  # a message for the player after a load or reload

    # the story -----------------------------------------------------------
    def load_story(self) -> bool:
        """Read the story from disk; False (with `diagnostics`) when it is broken."""
        try:
            story, diagnostics = check_story(self.story_dir)
        except StoryLoadError as exc:
            story, diagnostics = None, list(exc.diagnostics)
        except OSError as exc:
            story, diagnostics = None, [f"{self.story_dir}: cannot read the story: {exc}"]
        self.diagnostics = list(diagnostics)
        if story is not None:
            self.story = story
        return story is not None

    @property
    def errors(self) -> list:
        return [d for d in self.diagnostics if getattr(d, "is_error", True)]

    def reload(self) -> tuple[bool, str]:
        """Writer mode: read the story again and keep the player's place when it still exists."""
        if self.runner is None:
            ok = self.load_story()
            return ok, "Story reloaded." if ok else "The story has errors."
        result = engine_reload(self.story_dir, self.runner)
        runner, diagnostics = result[0], list(result[1])
        message = result[2] if len(result) > 2 else "Reloaded."
        self.diagnostics = diagnostics
        if any(getattr(d, "is_error", True) for d in diagnostics):
            return False, message
        self.runner = runner
        self.story = runner.story
        return True, message

    # the game ------------------------------------------------------------
    def new_game(self, role: str, partner_name: str | None = None, pronouns: str | None = None) -> StoryRunner:
        spec = self.story.roles[role]
        partner = Partner((partner_name or "").strip() or spec.partner_name, pronouns or spec.partner_pronouns)
        self.runner = StoryRunner.new(self.story, role, partner)
        return self.runner

    def choose(self, index: int) -> None:
        """Autosave first, so closing the window or a crash loses at most the current line."""
        self.autosave()
        self.runner.choose(index)

    def autosave(self) -> None:
        if self.runner is not None:
            try:
                self.store.save(AUTOSAVE, self.runner)
            except (OSError, ValueError):
                pass

    def save(self, slot: str) -> str:
        try:
            self.store.save(slot, self.runner)
        except (OSError, ValueError) as exc:
            return f"Could not save: {exc}"
        return "Saved."

    def load(self, slot: str) -> tuple[bool, str]:
        result = self.store.load(slot, self.story)
        if result.runner is None:
            return False, result.message or "That slot is empty."
        self.runner = result.runner
        return True, result.message or ""

    def slots(self) -> dict:
        try:
            infos = self.store.slots()
        except OSError:
            infos = []
        return {info.slot: info for info in infos if getattr(info, "story_id", self.story.id) == self.story.id}

    def latest_slot(self) -> str | None:
        infos = self.slots()
        if not infos:
            return None
        return max(infos.values(), key=lambda i: i.saved_at).slot

    def other_role(self, role: str) -> str:
        others = [r for r in self.story.roles if r != role]
        return others[0] if others else role
