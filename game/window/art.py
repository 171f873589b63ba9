"""Loading backgrounds and portraits from assets/, scaled once per window size."""

from __future__ import annotations

from pathlib import Path

import pygame

from .text import LRU

ASSETS = Path(__file__).resolve().parents[2] / "assets"
MOODS = ("neutral", "warm", "hurt", "guarded", "tense")
FALLBACK_COLOUR = (214, 222, 220)


class Art:
    def __init__(self, root: Path = ASSETS):
        self.root = root
        self._raw: dict = {}
        self._scaled = LRU(24)

    def _load(self, path: Path) -> pygame.Surface | None:
        if path in self._raw:
            return self._raw[path]
        surf = None
        if path.is_file():
            try:
                surf = pygame.image.load(str(path))
                surf = surf.convert_alpha() if pygame.display.get_surface() else surf
            except (pygame.error, OSError):
                surf = None
        self._raw[path] = surf
        return surf

    def background(self, key: str | None, size: tuple[int, int]) -> pygame.Surface:
        """The background for a location key, falling back to `default` for unknown keys."""
        cache_key = ("bg", key, size)
        surf = self._scaled.get(cache_key)
        if surf is not None:
            return surf
        raw = self._load(self.root / "backgrounds" / f"{key}.png") if key else None
        if raw is None:
            raw = self._load(self.root / "backgrounds" / "default.png")
        if raw is None:
            surf = pygame.Surface(size)
            surf.fill(FALLBACK_COLOUR)
        else:
            surf = pygame.transform.smoothscale(raw, size)
        self._scaled.put(cache_key, surf)
        return surf

    def portrait(self, who: str, mood: str | None, size: tuple[int, int]) -> pygame.Surface | None:
        mood = mood if mood in MOODS else "neutral"
        cache_key = ("pt", who, mood, size)
        surf = self._scaled.get(cache_key)
        if surf is not None:
            return surf
        raw = self._load(self.root / "portraits" / f"{who}_{mood}.png")
        if raw is None:
            raw = self._load(self.root / "portraits" / f"{who}_neutral.png")
        if raw is None:
            raw = self._load(self.root / "portraits" / f"default_{mood}.png")
        if raw is None:
            return None
        surf = pygame.transform.smoothscale(raw, size)
        self._scaled.put(cache_key, surf)
        return surf


def partner_portrait_key(role: str) -> str:
    """The partner is the one who needs room when you play the reacher, and the reverse."""
    return "partner_room" if role == "anxious" else "partner_reach"
