"""The one place that reads the pygame event queue and turns events into intents.

Screens never see pygame events; they get `Intent`s. Key bindings live
here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

# intent kinds
QUIT = "quit"
RESIZE = "resize"
FOCUS_LOST = "focus_lost"
FOCUS_GAINED = "focus_gained"
UP, DOWN, LEFT, RIGHT = "up", "down", "left", "right"
CONFIRM = "confirm"  # Enter, keypad Enter, Space
BACK = "back"  # Escape, right mouse button
NEXT, PREV = "next", "prev"  # Tab, Shift+Tab
PAGE_UP, PAGE_DOWN, HOME, END = "page_up", "page_down", "home", "end"
NUMBER = "number"  # value: 1..9
UNDO = "undo"  # U
BACKLOG = "backlog"  # L, H
MENU = "menu"  # M (Escape also opens the menu while playing, as BACK)
FULLSCREEN = "fullscreen"  # F11
RELOAD = "reload"  # F5 (writer mode)
INSPECT = "inspect"  # F2 (writer mode)
SPEAK = "speak"  # V: say the current text again
OTHER_KEY = "other_key"  # any other key (completes the typewriter, advances)
TEXT = "text"  # value: typed characters
BACKSPACE = "backspace"
DELETE_WORD = "delete_word"
POINTER = "pointer"  # pos: logical position
CLICK = "click"  # pos: logical position (left button released)
SCROLL = "scroll"  # value: +1 up / -1 down per notch

KEYS = {
    pygame.K_UP: UP, pygame.K_DOWN: DOWN, pygame.K_LEFT: LEFT, pygame.K_RIGHT: RIGHT,
    pygame.K_RETURN: CONFIRM, pygame.K_KP_ENTER: CONFIRM, pygame.K_SPACE: CONFIRM,
    pygame.K_ESCAPE: BACK,
    pygame.K_PAGEUP: PAGE_UP, pygame.K_PAGEDOWN: PAGE_DOWN, pygame.K_HOME: HOME, pygame.K_END: END,
    pygame.K_u: UNDO, pygame.K_l: BACKLOG, pygame.K_h: BACKLOG, pygame.K_m: MENU, pygame.K_v: SPEAK,
    pygame.K_F11: FULLSCREEN, pygame.K_F5: RELOAD, pygame.K_F2: INSPECT,
    pygame.K_BACKSPACE: BACKSPACE,
}
NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)}
NUMBER_KEYS.update({getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)})
IGNORED_KEYS = {
    pygame.K_LSHIFT, pygame.K_RSHIFT, pygame.K_LCTRL, pygame.K_RCTRL, pygame.K_LALT, pygame.K_RALT,
    pygame.K_LGUI, pygame.K_RGUI, pygame.K_CAPSLOCK, pygame.K_NUMLOCKCLEAR, pygame.K_MODE,
}


@dataclass(frozen=True)
class Intent:
    kind: str
    value: object = None
    pos: tuple[float, float] | None = None
    char: str = ""  # the character the key would type, for screens with a text field


def to_intents(event: pygame.event.Event, to_logical) -> list[Intent]:
    """Map one pygame event to zero or more intents. `to_logical` maps window pixels to logical ones."""
    t = event.type
    if t == pygame.QUIT:
        return [Intent(QUIT)]
    if t in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
        return [Intent(RESIZE)]
    if t == pygame.WINDOWFOCUSLOST or t == pygame.WINDOWMINIMIZED:
        return [Intent(FOCUS_LOST)]
    if t == pygame.WINDOWFOCUSGAINED or t == pygame.WINDOWRESTORED:
        return [Intent(FOCUS_GAINED)]
    if t == pygame.KEYDOWN:
        key = event.key
        char = getattr(event, "unicode", "") or ""
        if key in IGNORED_KEYS:
            return []
        if key == pygame.K_TAB:
            return [Intent(PREV if event.mod & pygame.KMOD_SHIFT else NEXT)]
        if key == pygame.K_BACKSPACE and event.mod & pygame.KMOD_CTRL:
            return [Intent(DELETE_WORD)]
        if key in NUMBER_KEYS:
            return [Intent(NUMBER, NUMBER_KEYS[key], char=char)]
        if key in KEYS:
            return [Intent(KEYS[key], char=char)]
        return [Intent(OTHER_KEY, key, char=char)]
    if t == pygame.TEXTINPUT:
        return [Intent(TEXT, event.text)]
    if t == pygame.MOUSEMOTION:
        return [Intent(POINTER, pos=to_logical(event.pos))]
    if t == pygame.MOUSEBUTTONUP:
        if event.button == 1:
            return [Intent(CLICK, pos=to_logical(event.pos))]
        if event.button == 3:
            return [Intent(BACK, pos=to_logical(event.pos))]
        return []
    if t == pygame.MOUSEWHEEL:
        return [Intent(SCROLL, event.y)] if event.y else []
    return []


def poll(to_logical) -> list[Intent]:
    intents: list[Intent] = []
    for event in pygame.event.get():
        intents.extend(to_intents(event, to_logical))
    return intents
