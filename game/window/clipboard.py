"""Putting text on the system clipboard, through SDL (pygame.scrap), where the platform allows it."""

from __future__ import annotations


def copy(text: str) -> bool:
    """True when `text` is now on the clipboard."""
    try:
        import pygame
        import pygame.scrap as scrap

        if hasattr(scrap, "put_text"):  # pygame-ce 2.2 and later: SDL's clipboard, no init needed
            scrap.put_text(text)
            return True
        if not scrap.get_init():  # pragma: no cover - older pygame
            scrap.init()
        scrap.put(pygame.SCRAP_TEXT, text.encode("utf-8"))  # pragma: no cover
        return True  # pragma: no cover
    except (ImportError, AttributeError, NotImplementedError, RuntimeError, Exception):  # noqa: BLE001 - pygame.error
        return False
