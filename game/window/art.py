"""Loading backgrounds and portraits from assets/, scaled once per window size."""

from __future__ import annotations

import io
import re
import struct
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pygame

from game.engine.files import MB, UnsafeFile, read_untrusted

from .text import LRU

ASSETS = Path(__file__).resolve().parents[2] / "assets"
MOODS = ("neutral", "warm", "hurt", "guarded", "tense")
FALLBACK_COLOUR = (214, 222, 220)
NAME = re.compile(r"[a-z0-9_]{1,64}\Z")  # a location or portrait key names a file; it is never a path
MAX_IMAGE_BYTES = 16 * MB
MAX_SIDE = 4096  # pixels: a 20000 x 20000 PNG of 1 MB would decode to 1.6 GB
_PNG = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG's header (its first chunk must be IHDR), or None if it is no PNG."""
    if len(data) < 24 or not data.startswith(_PNG) or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def read_image(path: Path, root: Path) -> pygame.Surface | None:
    """An image from inside `root`, read the guarded way, its size checked before it is decoded."""
    try:
        data = read_untrusted(path, MAX_IMAGE_BYTES, root)
    except UnsafeFile:
        return None
    size = png_size(data)
    if size is None or not (0 < size[0] <= MAX_SIDE and 0 < size[1] <= MAX_SIDE):
        return None
    try:
        return pygame.image.load(io.BytesIO(data), path.name)
    except (pygame.error, OSError, ValueError):
        return None


class Art:
    def __init__(self, root: Path = ASSETS):
        self.root = root
        self._raw: dict = {}
        self._scaled = LRU(24)
        self._pending: dict[Path, Future] = {}  # files being decoded on the worker thread
        self._worker: ThreadPoolExecutor | None = None

    def _load(self, path: Path) -> pygame.Surface | None:
        if path in self._raw:
            return self._raw[path]
        pending = self._pending.pop(path, None)
        surf = pending.result() if pending is not None else read_image(path, self.root)
        if surf is not None and pygame.display.get_surface():
            surf = surf.convert_alpha()
        self._raw[path] = surf
        return surf

    def background(self, key: str | None, size: tuple[int, int]) -> pygame.Surface:
        """The background for a location key, falling back to `default` for unknown keys."""
        cache_key = ("bg", key, size)
        surf = self._scaled.get(cache_key)
        if surf is not None:
            return surf
        raw = self._load(self.root / "backgrounds" / f"{key}.png") if key and NAME.match(key) else None
        if raw is None:
            raw = self._load(self.root / "backgrounds" / "default.png")
        if raw is None:
            surf = pygame.Surface(size)
            surf.fill(FALLBACK_COLOUR)
        else:
            surf = pygame.transform.smoothscale(raw, size)
        self._scaled.put(cache_key, surf)
        return surf

    def ending(self, kind: str, size: tuple[int, int]) -> pygame.Surface | None:
        """The two figures of an ending (transparent, laid over the place), or None."""
        cache_key = ("end", kind, size)
        surf = self._scaled.get(cache_key)
        if surf is not None:
            return surf
        raw = self._load(self.root / "endings" / f"{kind}.png")
        if raw is None:
            return None
        surf = pygame.transform.smoothscale(raw, size)
        self._scaled.put(cache_key, surf)
        return surf

    def prefetch(self, faces) -> None:
        """Start decoding the files of these (who, mood) portraits on a worker thread, so the frame that
        first shows a face only converts and scales it (decoding a portrait takes a few milliseconds).
        Drawing never depends on this: a file not decoded yet is read at once, as without it."""
        for who, mood in faces:
            who, mood = self._face(who, mood)
            path = self.root / "portraits" / f"{who}_{mood}.png"
            if path in self._raw or path in self._pending or not path.is_file():
                continue
            if self._worker is None:
                self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="art")
            self._pending[path] = self._worker.submit(read_image, path, self.root)

    def close(self) -> None:
        if self._worker is not None:
            self._worker.shutdown(wait=True, cancel_futures=True)
            self._worker = None
        self._pending.clear()

    @staticmethod
    def _face(who: str, mood: str | None) -> tuple[str, str]:
        return ("default" if not NAME.match(who or "") else who), (mood if mood in MOODS else "neutral")

    def portrait(self, who: str, mood: str | None, size: tuple[int, int]) -> pygame.Surface | None:
        who, mood = self._face(who, mood)
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

