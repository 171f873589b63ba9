"""Colours for the calm theme and the high-contrast theme.

Nothing is told by colour alone: every coloured thing also has a word, a
number, a shape or a line style. Colours only make it quicker to read.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine import vocabulary

Colour = tuple[int, int, int]


@dataclass(frozen=True)
class Theme:
    name: str
    text: Colour
    text_muted: Colour
    panel: Colour
    panel_alpha: int
    panel_border: Colour
    dim: Colour  # overlay behind menus
    dim_alpha: int
    button: Colour
    button_hover: Colour
    button_text: Colour
    button_disabled: Colour
    primary: Colour
    primary_text: Colour
    focus: Colour  # the focus ring
    focus_outer: Colour  # a second ring so focus shows on light and dark
    badge: Colour
    badge_text: Colour
    speaker_tab: Colour
    speaker_text: Colour
    closeness: Colour
    safety: Colour
    grid: Colour
    warning: Colour
    error: Colour
    families: dict


CALM = Theme(
    name="calm",
    text=(38, 38, 48),
    text_muted=(92, 92, 106),
    panel=(250, 246, 239),
    panel_alpha=248,
    panel_border=(214, 202, 186),
    dim=(30, 30, 40),
    dim_alpha=140,
    button=(237, 229, 216),
    button_hover=(226, 214, 196),
    button_text=(38, 38, 48),
    button_disabled=(150, 146, 140),
    primary=(64, 104, 110),
    primary_text=(255, 255, 255),
    focus=(196, 86, 40),
    focus_outer=(255, 255, 255),
    badge=(64, 104, 110),
    badge_text=(255, 255, 255),
    speaker_tab=(64, 104, 110),
    speaker_text=(255, 255, 255),
    closeness=(190, 92, 70),
    safety=(48, 108, 142),
    grid=(210, 202, 190),
    warning=(150, 100, 20),
    error=(170, 50, 50),
    families={
        "secure": (54, 120, 84),
        "pursue": (180, 96, 40),
        "withdraw": (80, 96, 150),
        "corrosive": (160, 50, 60),
        "neutral": (110, 110, 110),
    },
)

HIGH_CONTRAST = Theme(
    name="high_contrast",
    text=(255, 255, 255),
    text_muted=(235, 235, 235),
    panel=(0, 0, 0),
    panel_alpha=255,
    panel_border=(255, 255, 255),
    dim=(0, 0, 0),
    dim_alpha=215,
    button=(0, 0, 0),
    button_hover=(40, 40, 40),
    button_text=(255, 255, 255),
    button_disabled=(170, 170, 170),
    primary=(255, 255, 0),
    primary_text=(0, 0, 0),
    focus=(255, 255, 0),
    focus_outer=(0, 0, 0),
    badge=(255, 255, 255),
    badge_text=(0, 0, 0),
    speaker_tab=(255, 255, 255),
    speaker_text=(0, 0, 0),
    closeness=(255, 170, 120),
    safety=(120, 220, 255),
    grid=(120, 120, 120),
    warning=(255, 220, 0),
    error=(255, 120, 120),
    families={
        "secure": (140, 255, 170),
        "pursue": (255, 190, 110),
        "withdraw": (170, 190, 255),
        "corrosive": (255, 140, 160),
        "neutral": (220, 220, 220),
    },
)

FAMILY_WORDS = vocabulary.FAMILY_WORDS  # the engine defines the words; screens import them from here too


def theme_for(name: str) -> Theme:
    return HIGH_CONTRAST if name == "high_contrast" else CALM
