"""Fonts, word wrapping and a cache of rendered text.

Text is measured and rendered at the real output size (logical size times
the window's scale), so it stays crisp in any window; layout code works in
logical pixels and gets sizes back in logical pixels.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import pygame

FONT_DIR = Path(__file__).resolve().parents[2] / "assets" / "fonts"

FONT_FILES = {
    "atkinson": {
        "regular": "AtkinsonHyperlegible-Regular.ttf",
        "bold": "AtkinsonHyperlegible-Bold.ttf",
        "italic": "AtkinsonHyperlegible-Italic.ttf",
    },
    "opendyslexic": {
        "regular": "OpenDyslexic-Regular.otf",
        "bold": "OpenDyslexic-Bold.otf",
        "italic": "OpenDyslexic-Italic.otf",
    },
}
FONT_NAMES = {"atkinson": "Atkinson Hyperlegible", "opendyslexic": "OpenDyslexic"}

# name -> (size in logical px at 100%, weight, how much of the text-size setting applies)
STYLES = {
    "body": (25, "regular", 1.0),
    "small": (20, "regular", 1.0),
    "italic": (23, "italic", 1.0),
    "label": (20, "bold", 1.0),
    "chart": (19, "regular", 0.5),
    "button": (24, "bold", 1.0),
    "speaker": (24, "bold", 1.0),
    "heading": (36, "bold", 0.6),
    "title": (76, "bold", 0.25),
}


# Characters the bundled fonts lack, written in ones they have (so no empty boxes appear).
FALLBACKS = str.maketrans({"→": "->", "←": "<-", "⇒": "=>", "✓": "v", "✔": "v", "✗": "x", "★": "*", "♥": "<3",
                           "\u00a0": " "})


# Space between paragraphs, as a share of the line height.
PARAGRAPH_GAP = 0.55


def quoted(text: str) -> str:
    """Text shown as a quotation, with one pair of quotation marks.

    A choice that is already speech ('"Are we okay?"') or holds speech
    ('Type "no worries" and send it') keeps its own marks, made curly;
    anything else is wrapped in “…”. Never ““"…"”.
    """
    text = text.strip()
    if '"' not in text and "“" not in text:
        return f"“{text}”"
    out, opening = [], True
    for ch in text:
        if ch == '"':
            out.append("“" if opening else "”")
            opening = not opening
        else:
            out.append(ch)
            if ch in "“”":
                opening = ch == "”"
    return "".join(out)


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a text: any run of newlines separates them (YAML folded blocks keep one "\n"
    between paragraphs); spaces inside a paragraph are tidied to single spaces."""
    return [" ".join(p.split()) for p in (text or "").split("\n") if p.strip()]


class LRU:
    """A small least-recently-used cache that counts hits and misses."""

    def __init__(self, maxsize: int):
        self.maxsize = maxsize
        self.data: OrderedDict = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, key):
        try:
            value = self.data[key]
        except KeyError:
            self.misses += 1
            return None
        self.data.move_to_end(key)
        self.hits += 1
        return value

    def put(self, key, value) -> None:
        self.data[key] = value
        self.data.move_to_end(key)
        while len(self.data) > self.maxsize:
            self.data.popitem(last=False)

    def clear(self) -> None:
        self.data.clear()

    def __len__(self) -> int:
        return len(self.data)


@dataclass(frozen=True)
class TextBlock:
    """Wrapped text, ready to draw. Sizes are logical pixels."""

    lines: tuple[str, ...]
    style: str
    px: int
    width: float  # widest line
    height: float
    line_height: float
    too_wide: bool  # a single word did not fit the width
    tops: tuple[float, ...] = ()  # each line's top, from the block's top (paragraphs add a gap)

    def top(self, i: int) -> float:
        return self.tops[i] if i < len(self.tops) else i * self.line_height

    @property
    def chars(self) -> int:
        return sum(len(line) for line in self.lines)


class TextSystem:
    """Owns the fonts and the caches; knows the current scale and text size."""

    def __init__(self, family: str = "atkinson", text_size: float = 1.0, scale: float = 1.0):
        self.family = family
        self.text_size = text_size
        self.scale = scale
        self._fonts: dict = {}
        self.surfaces = LRU(600)  # (text, family, weight, px, colour) -> Surface
        self.wraps = LRU(400)  # (text, family, style, px, width_px) -> TextBlock

    def configure(self, family: str, text_size: float, scale: float) -> None:
        if (family, text_size, scale) != (self.family, self.text_size, self.scale):
            self.family, self.text_size, self.scale = family, text_size, scale

    # fonts -------------------------------------------------------------
    def px(self, style: str) -> int:
        base, _weight, share = STYLES[style]
        size = base * (1 + (self.text_size - 1) * share)
        return max(6, round(size * self.scale))

    def font(self, style: str, px: int | None = None) -> pygame.font.Font:
        weight = STYLES[style][1]
        px = px or self.px(style)
        key = (self.family, weight, px)
        font = self._fonts.get(key)
        if font is None:
            path = FONT_DIR / FONT_FILES.get(self.family, FONT_FILES["atkinson"])[weight]
            try:
                font = pygame.font.Font(str(path), px)
            except (OSError, FileNotFoundError):
                font = pygame.font.Font(None, px)
            self._fonts[key] = font
        return font

    def line_height(self, style: str) -> float:
        font = self.font(style)
        return round(font.get_linesize() * 1.12) / self.scale

    def measure(self, text: str, style: str) -> tuple[float, float]:
        font = self.font(style)
        w, _h = font.size(text)
        return w / self.scale, self.line_height(style)

    # wrapping ----------------------------------------------------------
    def wrap(self, text: str, style: str, width: float) -> TextBlock:
        px = self.px(style)
        width_px = max(1, int(width * self.scale))
        key = (text, self.family, style, px, width_px)
        block = self.wraps.get(key)
        if block is not None:
            return block
        font = self.font(style, px)
        text = text.translate(FALLBACKS)
        lh = round(font.get_linesize() * 1.12)
        gap = round(lh * PARAGRAPH_GAP)
        lines: list[str] = []
        tops: list[int] = []
        too_wide = False
        y = 0
        for p_index, paragraph in enumerate(split_paragraphs(text) or [""]):
            if p_index:
                y += gap
            para_lines: list[str] = []
            current = ""
            for word in paragraph.split(" "):
                trial = word if not current else current + " " + word
                if font.size(trial)[0] <= width_px:
                    current = trial
                    continue
                if current:
                    para_lines.append(current)
                current = word
                while font.size(current)[0] > width_px and len(current) > 1:
                    # a word longer than the line: a path breaks after a slash, like a browser would ...
                    slash = max((i + 1 for i, ch in enumerate(current[:-1])
                                 if ch == "/" and font.size(current[:i + 1])[0] <= width_px), default=0)
                    if slash:
                        para_lines.append(current[:slash])
                        current = current[slash:]
                        continue
                    # ... anything else breaks where it must, and the layout checks call that too wide
                    too_wide = True
                    cut = len(current) - 1
                    while cut > 1 and font.size(current[:cut] + "-")[0] > width_px:
                        cut -= 1
                    para_lines.append(current[:cut] + "-")
                    current = current[cut:]
            para_lines.append(current)
            for line in para_lines:
                lines.append(line)
                tops.append(y)
                y += lh
        widest = max((font.size(line)[0] for line in lines), default=0)
        block = TextBlock(tuple(lines), style, px, widest / self.scale, y / self.scale,
                          lh / self.scale, too_wide, tuple(t / self.scale for t in tops))
        self.wraps.put(key, block)
        return block

    # rendering ---------------------------------------------------------
    def render_line(self, text: str, style: str, colour, px: int | None = None) -> pygame.Surface:
        px = px or self.px(style)
        weight = STYLES[style][1]
        key = (text, self.family, weight, px, tuple(colour))
        surf = self.surfaces.get(key)
        if surf is None:
            surf = self.font(style, px).render(text, True, colour)
            self.surfaces.put(key, surf)
        return surf
