"""Generate Tether's backgrounds and portraits with pygame drawing.

Run from the repository root:

    .venv/bin/python tools/make_art.py          # writes assets/backgrounds, assets/portraits

Everything is flat shapes in calm, limited palettes, one palette per
location and time of day. Shapes are drawn at twice the size and smoothed
down so edges are soft. Randomness (rain, stars, holds, windows) comes from
seeded generators, so the output is the same on every run.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
W, H = 1280, 720
SS = 2  # supersampling factor

MOODS = ("neutral", "warm", "hurt", "guarded", "tense")


def rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def mix(a, b, t: float):
    a, b = (rgb(a) if isinstance(a, str) else a), (rgb(b) if isinstance(b, str) else b)
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))


class Painter:
    """Draws in logical pixels onto a supersampled surface."""

    def __init__(self, w: int, h: int, alpha: bool = False):
        self.w, self.h = w, h
        flags = pygame.SRCALPHA if alpha else 0
        self.surf = pygame.Surface((w * SS, h * SS), flags)
        if alpha:
            self.surf.fill((0, 0, 0, 0))

    @staticmethod
    def _c(colour):
        return rgb(colour) if isinstance(colour, str) else colour

    def fill(self, colour):
        self.surf.fill(self._c(colour))

    def rect(self, x, y, w, h, colour, radius=0):
        pygame.draw.rect(self.surf, self._c(colour),
                         pygame.Rect(round(x * SS), round(y * SS), round(w * SS), round(h * SS)),
                         border_radius=round(radius * SS))

    def circle(self, x, y, r, colour):
        pygame.draw.circle(self.surf, self._c(colour), (round(x * SS), round(y * SS)), round(r * SS))

    def ellipse(self, x, y, w, h, colour):
        pygame.draw.ellipse(self.surf, self._c(colour),
                            pygame.Rect(round(x * SS), round(y * SS), round(w * SS), round(h * SS)))

    def poly(self, points, colour):
        pygame.draw.polygon(self.surf, self._c(colour), [(round(x * SS), round(y * SS)) for x, y in points])

    def line(self, a, b, colour, width=2):
        pygame.draw.line(self.surf, self._c(colour), (round(a[0] * SS), round(a[1] * SS)),
                         (round(b[0] * SS), round(b[1] * SS)), max(1, round(width * SS)))

    def arc(self, x, y, w, h, start, stop, colour, width=3):
        import math
        pygame.draw.arc(self.surf, self._c(colour),
                        pygame.Rect(round(x * SS), round(y * SS), round(w * SS), round(h * SS)),
                        math.radians(start), math.radians(stop), max(1, round(width * SS)))

    def bands(self, y0, y1, top, bottom, steps=6, x0=0, x1=None):
        """A stepped (flat) gradient: a few bands rather than a smooth ramp."""
        x1 = self.w if x1 is None else x1
        band = (y1 - y0) / steps
        for i in range(steps):
            self.rect(x0, y0 + i * band, x1 - x0, band + 1, mix(top, bottom, i / max(1, steps - 1)))

    def glow(self, x, y, r, colour, strength=60, rings=12):
        layer = pygame.Surface(self.surf.get_size(), pygame.SRCALPHA)
        c = self._c(colour)
        for i in range(rings):
            rr = r * (1 - i / rings)
            pygame.draw.circle(layer, (*c, strength // rings), (round(x * SS), round(y * SS)), round(rr * SS))
        self.surf.blit(layer, (0, 0))

    def translucent_rect(self, x, y, w, h, colour, alpha, radius=0):
        layer = pygame.Surface((round(w * SS), round(h * SS)), pygame.SRCALPHA)
        pygame.draw.rect(layer, (*self._c(colour), alpha), layer.get_rect(), border_radius=round(radius * SS))
        self.surf.blit(layer, (round(x * SS), round(y * SS)))

    def result(self) -> pygame.Surface:
        return pygame.transform.smoothscale(self.surf, (self.w, self.h))


# --------------------------------------------------------------------------
# backgrounds


def window_frame(p: Painter, x, y, w, h, frame, sky_top, sky_bottom, bars=True):
    p.rect(x - 12, y - 12, w + 24, h + 24, frame, radius=6)
    p.bands(y, y + h, sky_top, sky_bottom, steps=5, x0=x, x1=x + w)
    if bars:
        p.rect(x + w / 2 - 5, y, 10, h, frame)
        p.rect(x, y + h / 2 - 5, w, 10, frame)


def sofa(p: Painter, x, y, w, base, cushion):
    p.rect(x, y, w, 120, base, radius=28)
    p.rect(x - 24, y + 30, 60, 110, base, radius=22)
    p.rect(x + w - 36, y + 30, 60, 110, base, radius=22)
    p.rect(x + 40, y + 52, w / 2 - 50, 50, cushion, radius=16)
    p.rect(x + w / 2 + 10, y + 52, w / 2 - 50, 50, cushion, radius=16)
    p.rect(x - 10, y + 130, w + 20, 26, base, radius=10)


def lamp(p: Painter, x, y, pole, shade, light, on=True):
    if on:
        p.glow(x, y + 30, 190, light, strength=70)
    p.rect(x - 4, y + 40, 8, 300, pole)
    p.poly([(x - 50, y + 50), (x + 50, y + 50), (x + 32, y), (x - 32, y)], shade)
    p.ellipse(x - 40, y + 330, 80, 18, pole)


def boxes(p: Painter, x, y, col, tape, seed):
    rng = random.Random(seed)
    cx = x
    for i in range(3):
        w = rng.randint(110, 150)
        h = rng.randint(80, 110)
        p.rect(cx, y - h, w, h, mix(col, "#000000", 0.08 * i), radius=4)
        p.rect(cx, y - h, w, 12, tape)
        cx += w + 8
    p.rect(x + 40, y - 190, 130, 90, mix(col, "#ffffff", 0.08), radius=4)
    p.rect(x + 40, y - 190, 130, 12, tape)


def plant(p: Painter, x, y, pot, leaf):
    for i, (dx, dy, r) in enumerate([(-26, -70, 34), (22, -86, 38), (0, -120, 36), (-34, -118, 26), (34, -130, 24)]):
        p.circle(x + dx, y + dy, r, mix(leaf, "#000000", 0.07 * (i % 3)))
    p.poly([(x - 40, y - 50), (x + 40, y - 50), (x + 30, y + 10), (x - 30, y + 10)], pot)


def flat(p: Painter, tod: str):
    pal = {
        "evening": dict(wall="#e9c9a8", wall2="#dcb593", floor="#8f6c5b", sky1="#f2a774", sky2="#8c6aa1",
                        frame="#f6e8d8", sofa="#5f7f86", cushion="#88a8a6", pole="#3e3a40", shade="#f5d9a4",
                        light="#ffd9a0", lamp_on=True, moon=False, sun=None, boxes=False),
        "night": dict(wall="#3b4566", wall2="#323b59", floor="#242a40", sky1="#141a33", sky2="#28325a",
                      frame="#4c5779", sofa="#2c3856", cushion="#3f4d70", pole="#1c2033", shade="#d9b98a",
                      light="#f2c987", lamp_on=True, moon=True, sun=None, boxes=True),
        "morning": dict(wall="#f3e6cf", wall2="#e9d8ba", floor="#b8957a", sky1="#bfe0ee", sky2="#f7e9c8",
                        frame="#fffaf0", sofa="#8aa39a", cushion="#b5c8b9", pole="#6d6258", shade="#f8ecd2",
                        light="#fff2d0", lamp_on=False, moon=False, sun="#fff6d8", boxes=True),
    }[tod]
    p.fill(pal["wall"])
    p.rect(0, 0, W, 60, pal["wall2"])
    p.rect(0, 560, W, 160, pal["floor"])
    p.rect(0, 552, W, 12, mix(pal["floor"], "#000000", 0.15))
    window_frame(p, 150, 110, 380, 300, pal["frame"], pal["sky1"], pal["sky2"])
    if pal["moon"]:
        rng = random.Random(7)
        for _ in range(14):
            p.circle(160 + rng.random() * 360, 120 + rng.random() * 130, 1.6, "#dfe6ff")
        p.circle(450, 170, 30, "#f1ecd6")
        p.circle(462, 162, 28, pal["sky1"])
    if pal["sun"]:
        p.glow(250, 190, 120, pal["sun"], strength=90)
        p.circle(250, 190, 40, pal["sun"])
    # skyline seen through the window
    rng = random.Random(3)
    x = 150
    while x < 530:
        bw = rng.randint(40, 80)
        bh = rng.randint(40, 110)
        p.rect(x, 410 - bh, min(bw, 530 - x), bh, mix(pal["sky2"], "#000000", 0.25))
        x += bw
    p.rect(150 + 190 - 5, 110, 10, 300, pal["frame"])
    p.rect(150, 110 + 150 - 5, 380, 10, pal["frame"])
    p.rect(138, 98, 404, 12, pal["frame"])
    p.rect(130, 410, 420, 18, pal["frame"], radius=4)
    # picture frames
    p.rect(700, 150, 120, 90, mix(pal["wall"], "#000000", 0.2), radius=4)
    p.rect(712, 162, 96, 66, mix(pal["sky2"], pal["wall"], 0.4), radius=2)
    p.rect(850, 130, 80, 110, mix(pal["wall"], "#000000", 0.2), radius=4)
    p.rect(862, 142, 56, 86, mix(pal["sofa"], pal["wall"], 0.3), radius=2)
    sofa(p, 640, 430, 420, pal["sofa"], pal["cushion"])
    lamp(p, 1140, 250, pal["pole"], pal["shade"], pal["light"], on=pal["lamp_on"])
    p.ellipse(560, 640, 560, 50, mix(pal["floor"], "#ffffff", 0.1))
    if pal["boxes"]:
        boxes(p, 80, 600, mix(pal["floor"], "#d9b38c", 0.55), mix(pal["floor"], "#f1e3c6", 0.6), seed=11)
    else:
        plant(p, 90, 590, mix(pal["floor"], "#c46f4e", 0.5), "#6f9a77")


def climbing_wall(p: Painter, tod: str = "evening"):
    p.fill("#d7e0dc")
    p.rect(0, 0, W, 80, "#c3cfcb")
    # angled wall panels
    panels = [("#7fa7a3", [(0, 80), (420, 80), (380, 600), (0, 600)]),
              ("#6b958f", [(420, 80), (860, 80), (900, 600), (380, 600)]),
              ("#8bb2ab", [(860, 80), (W, 80), (W, 600), (900, 600)])]
    for colour, pts in panels:
        p.poly(pts, colour)
    rng = random.Random(21)
    hold_colours = ["#f2b880", "#e98a7e", "#f4d58d", "#a7c5eb", "#c3a6d8", "#f7f3e8"]
    for _ in range(44):
        x, y = rng.randint(30, W - 30), rng.randint(110, 570)
        r = rng.randint(7, 16)
        c = rng.choice(hold_colours)
        if rng.random() < 0.5:
            p.circle(x, y, r, c)
        else:
            p.ellipse(x - r * 1.3, y - r * 0.7, r * 2.6, r * 1.4, c)
    # mats and bench
    p.rect(0, 600, W, 120, "#3f5563")
    for i in range(6):
        p.rect(i * 220 + 4, 606, 212, 16, "#4b6474", radius=6)
    p.rect(960, 540, 260, 24, "#a07c5c", radius=6)
    p.rect(980, 564, 14, 40, "#7b5d44")
    p.rect(1186, 564, 14, 40, "#7b5d44")
    p.glow(640, 40, 300, "#ffffff", strength=40)


def bar_night(p: Painter, tod: str = "night"):
    p.bands(0, 520, "#2b1f3a", "#4a2c48", steps=5)
    p.rect(0, 520, W, 200, "#22182c")
    # shelves of bottles
    rng = random.Random(31)
    for shelf_y in (170, 300):
        p.rect(120, shelf_y, 1040, 10, "#6b4a5c")
        x = 140
        while x < 1140:
            bw = rng.randint(16, 26)
            bh = rng.randint(50, 90)
            c = rng.choice(["#8fb5a3", "#d99a6c", "#b8738a", "#e6c77a", "#7f9fc2"])
            p.rect(x, shelf_y - bh, bw, bh, c, radius=5)
            p.rect(x + bw / 2 - 4, shelf_y - bh - 16, 8, 18, c, radius=2)
            x += bw + rng.randint(6, 20)
    # hanging lights
    for x in (260, 640, 1020):
        p.line((x, 0), (x, 90), "#1a1222", 3)
        p.glow(x, 110, 200, "#ffcf8a", strength=70)
        p.poly([(x - 30, 110), (x + 30, 110), (x + 16, 86), (x - 16, 86)], "#f1c27d")
    # the counter
    p.rect(0, 450, W, 40, "#8a5a4a", radius=4)
    p.rect(0, 490, W, 170, "#5b3a3e")
    for x in range(60, W, 160):
        p.rect(x, 510, 110, 130, "#66444a", radius=8)
    # stools
    for x in (200, 520, 840, 1120):
        p.ellipse(x - 48, 600, 96, 26, "#c7876b")
        p.rect(x - 5, 620, 10, 100, "#1a1222")


def street_night(p: Painter, tod: str = "night"):
    p.bands(0, 480, "#101830", "#2d3a63", steps=6)
    rng = random.Random(41)
    for _ in range(40):
        p.circle(rng.randint(0, W), rng.randint(0, 250), 1.5, "#cfd8ff")
    p.circle(1060, 110, 34, "#eee7cf")
    x = -20
    while x < W:
        bw = rng.randint(120, 220)
        bh = rng.randint(220, 420)
        col = rng.choice(["#1d2642", "#222c4b", "#1a2139"])
        p.rect(x, 560 - bh, bw, bh, col)
        for wy in range(560 - bh + 24, 540, 44):
            for wx in range(x + 16, x + bw - 30, 38):
                if rng.random() < 0.35:
                    p.rect(wx, wy, 22, 26, rng.choice(["#f3cf86", "#e7b971", "#f6dfa6"]), radius=2)
        x += bw + rng.randint(0, 16)
    p.rect(0, 560, W, 160, "#2c3142")
    p.rect(0, 560, W, 18, "#474d61")
    for x in range(0, W, 140):
        p.rect(x + 30, 640, 70, 8, "#5c6276", radius=3)
    # street lamp
    p.glow(300, 250, 260, "#f7d28c", strength=80)
    p.rect(292, 240, 14, 330, "#141827")
    p.rect(260, 232, 80, 16, "#141827", radius=6)
    p.ellipse(270, 244, 60, 18, "#f9dc9c")


def cottage_rain(p: Painter, tod: str = "day"):
    p.fill("#c9cfc4")
    p.rect(0, 0, W, 70, "#7c6a58")
    for x in (180, 640, 1100):
        p.rect(x - 20, 0, 40, 70, "#5f4f42")
    p.rect(0, 580, W, 140, "#8b7a66")
    for x in range(0, W, 120):
        p.rect(x, 580, 4, 140, "#7a6a57")
    # window with rain
    window_frame(p, 420, 140, 440, 320, "#efe8da", "#7e8c94", "#a9b6b5")
    p.rect(420, 370, 440, 90, "#5f7468")
    p.poly([(420, 380), (560, 320), (700, 360), (860, 300), (860, 460), (420, 460)], "#6f8577")
    rng = random.Random(51)
    for _ in range(90):
        x, y = rng.randint(424, 852), rng.randint(144, 440)
        p.line((x, y), (x - 4, y + 18), "#dce6ea", 1.5)
    p.rect(640 - 5, 140, 10, 320, "#efe8da")
    p.rect(420, 300 - 5, 440, 10, "#efe8da")
    p.rect(400, 460, 480, 20, "#efe8da", radius=4)
    # armchair and blanket
    p.rect(70, 420, 260, 150, "#9a6a5a", radius=30)
    p.rect(50, 460, 60, 120, "#8a5c4e", radius=22)
    p.rect(290, 460, 60, 120, "#8a5c4e", radius=22)
    p.rect(110, 470, 180, 60, "#b98a73", radius=16)
    p.poly([(150, 420), (260, 420), (280, 540), (170, 550)], "#d9c39a")
    # stove with a warm glow
    p.glow(1060, 470, 220, "#f3b36b", strength=60)
    p.rect(980, 380, 160, 200, "#3c3a3a", radius=10)
    p.rect(1010, 430, 100, 90, "#5a3a2c", radius=8)
    p.circle(1060, 490, 26, "#f2a65a")
    p.circle(1050, 500, 14, "#f7d08a")
    p.rect(1045, 120, 30, 260, "#3c3a3a")
    # a mug on the sill
    p.rect(740, 436, 30, 26, "#e3876d", radius=5)


def coast_morning(p: Painter, tod: str = "morning"):
    p.bands(0, 380, "#bcdcea", "#f7e4c8", steps=6)
    p.glow(900, 300, 220, "#fff3d6", strength=90)
    p.circle(900, 300, 48, "#fff3d6")
    for i, (y, col) in enumerate([(360, "#8fb7c2"), (400, "#7ea9b6"), (440, "#6d9aa9"), (480, "#5f8d9d")]):
        p.rect(0, y, W, 60, col)
    rng = random.Random(61)
    for _ in range(30):
        x, y = rng.randint(0, W), rng.randint(372, 520)
        p.rect(x, y, rng.randint(30, 90), 3, "#cfe3e6", radius=2)
    # cliff on the left
    p.poly([(0, 250), (140, 240), (260, 290), (330, 380), (360, 560), (0, 560)], "#8a9b78")
    p.poly([(0, 300), (120, 300), (220, 350), (280, 560), (0, 560)], "#76876a")
    p.poly([(0, 250), (140, 240), (180, 262), (60, 272)], "#a2b48a")
    # beach
    p.poly([(0, 560), (W, 520), (W, 720), (0, 720)], "#e9d6b0")
    p.poly([(300, 600), (W, 560), (W, 720), (200, 720)], "#e2cca2")
    p.ellipse(360, 520, 900, 40, "#f1e4c7")
    # birds
    for bx, by in ((520, 150), (560, 170), (610, 140)):
        p.arc(bx - 14, by, 16, 12, 0, 180, "#5d6b74", 2)
        p.arc(bx, by, 16, 12, 0, 180, "#5d6b74", 2)


def party_kitchen(p: Painter, tod: str = "night"):
    p.fill("#e7cba3")
    p.rect(0, 0, W, 40, "#d4b48c")
    # fairy lights
    rng = random.Random(71)
    pts = [(x, 70 + 26 * __import__("math").sin(x / 90)) for x in range(0, W + 20, 20)]
    for a, b in zip(pts, pts[1:]):
        p.line(a, b, "#6b5a48", 2)
    for i, (x, y) in enumerate(pts[::2]):
        c = ["#ffd98a", "#f7a68b", "#bfe0c8", "#c9b6f0"][i % 4]
        p.glow(x, y + 8, 22, c, strength=70)
        p.circle(x, y + 8, 6, c)
    # cabinets
    for x in range(80, 1200, 180):
        p.rect(x, 120, 160, 140, "#a8c3b5", radius=6)
        p.rect(x + 70, 230, 20, 8, "#5f7b6e", radius=3)
    # window over the sink at night
    window_frame(p, 520, 290, 240, 150, "#f6ecdc", "#1f2746", "#3a4670")
    # counter
    p.rect(0, 460, W, 26, "#f1e8d8", radius=4)
    p.rect(0, 486, W, 150, "#8fae9f")
    for x in range(20, W, 180):
        p.rect(x, 500, 160, 120, "#9dbbad", radius=6)
        p.rect(x + 70, 510, 20, 8, "#5f7b6e", radius=3)
    p.rect(0, 636, W, 84, "#b98f6a")
    for x in range(0, W, 80):
        p.rect(x, 636, 3, 84, "#a67e5a")
    # party things on the counter
    for x, c in ((140, "#d36f6f"), (176, "#e6a15a"), (206, "#7fa7c9"), (960, "#e6c77a"), (1000, "#b8738a")):
        p.rect(x, 400, 24, 60, c, radius=6)
        p.rect(x + 8, 384, 8, 18, c, radius=2)
    p.ellipse(300, 440, 130, 24, "#f4f0e6")
    for i in range(6):
        p.circle(320 + i * 16, 446 - (i % 2) * 6, 9, ["#e98a7e", "#f4d58d", "#a7c5eb"][i % 3])
    # fridge
    p.rect(1130, 150, 140, 486, "#eef1f0", radius=10)
    p.rect(1130, 330, 140, 6, "#c8cfcd")
    p.rect(1146, 200, 8, 90, "#aab4b2", radius=3)
    p.rect(1180, 360, 30, 36, "#f2b880", radius=3)
    p.rect(1216, 380, 34, 26, "#a7c5eb", radius=3)


def default_bg(p: Painter, tod: str = ""):
    p.bands(0, H, "#dfe7e4", "#c9d6dc", steps=8)
    p.circle(960, 260, 180, "#d5e0db")
    p.circle(320, 520, 240, "#cfdad6")
    p.glow(640, 360, 420, "#ffffff", strength=40)


def title_bg(p: Painter, tod: str = ""):
    p.bands(0, H, "#f6e7d3", "#cfe0e2", steps=9)
    p.glow(640, 300, 420, "#fff8ec", strength=70)
    # two figures' circles joined by a loose thread
    p.circle(470, 420, 70, "#e8b9a0")
    p.circle(810, 420, 70, "#9fc0bd")
    import math
    pts = [(540 + t * 2.0, 420 + 22 * math.sin(t / 30.0)) for t in range(0, 101, 2)]
    for a, b in zip(pts, pts[1:]):
        p.line(a, b, "#8d7b78", 3)
    p.rect(0, 600, W, 120, "#bfd3d3")
    p.poly([(0, 620), (300, 590), (700, 615), (1000, 585), (W, 610), (W, 720), (0, 720)], "#b1c8c9")


BACKGROUNDS = {
    "flat_evening": lambda p: flat(p, "evening"),
    "flat_night": lambda p: flat(p, "night"),
    "flat_morning": lambda p: flat(p, "morning"),
    "climbing_wall": climbing_wall,
    "bar_night": bar_night,
    "street_night": street_night,
    "cottage_rain": cottage_rain,
    "coast_morning": coast_morning,
    "party_kitchen": party_kitchen,
    "default": default_bg,
    "title": title_bg,
}


# --------------------------------------------------------------------------
# portraits

PW, PH = 400, 520


class Look:
    def __init__(self, skin, hair, hair_style, top, accent, glasses=False):
        self.skin, self.hair, self.hair_style = skin, hair, hair_style
        self.top, self.accent, self.glasses = top, accent, glasses


LOOKS = {
    # the partner when the player is the reacher: the one who needs room
    "partner_room": Look("#c99a7a", "#3b2f2a", "short", "#5f7f86", "#88a8a6"),
    # the partner when the player is the one who needs room: the reacher
    "partner_reach": Look("#e7c1a4", "#8a5a3c", "curly", "#c98a6b", "#f2c9a0", glasses=True),
    "priya": Look("#a9775a", "#1f1a1a", "long", "#7b6aa8", "#b3a6d8"),
    "marcus": Look("#7a553e", "#1d1715", "crop", "#6c8a5a", "#a7c08f"),
    "jess": Look("#e3b697", "#a7673e", "bob", "#d4a04a", "#f0cf8a"),
    "default": Look("#c4a58e", "#6a6a72", "short", "#8d97a6", "#b9c2cf"),
}


def draw_portrait(look: Look, mood: str) -> pygame.Surface:
    p = Painter(PW, PH, alpha=True)
    skin = look.skin
    shade = mix(skin, "#000000", 0.14)
    cx = PW / 2
    lift = 14 if mood == "tense" else 0  # raised shoulders
    tilt = {"guarded": -10, "hurt": 6}.get(mood, 0)
    hx = cx + tilt
    hy = 200
    # shoulders and top
    p.rect(cx - 170, 380 - lift, 340, 200, look.top, radius=90)
    p.poly([(cx - 46, 370 - lift), (cx + 46, 370 - lift), (cx, 430 - lift)], look.accent)
    if mood == "guarded":  # folded arms
        sleeve = mix(look.top, "#000000", 0.14)
        p.line((cx - 150, 430), (cx + 110, 490), sleeve, 52)
        p.circle(cx + 110, 490, 26, skin)
        p.line((cx + 150, 430), (cx - 110, 490), mix(look.top, "#000000", 0.06), 52)
        p.circle(cx - 110, 490, 26, skin)
    # neck
    p.rect(cx - 30, 300 - lift / 2, 60, 90, shade, radius=20)
    # hair behind
    if look.hair_style == "long":
        p.rect(hx - 118, 120, 236, 300, look.hair, radius=100)
    elif look.hair_style == "curly":
        for dx, dy, r in ((-92, -40, 44), (92, -40, 44), (-100, 10, 40), (100, 10, 40), (-92, 56, 34), (92, 56, 34)):
            p.circle(hx + dx, hy + dy, r, look.hair)
    elif look.hair_style == "bob":
        p.rect(hx - 112, 110, 224, 210, look.hair, radius=90)
    # head
    p.ellipse(hx - 92, hy - 110, 184, 224, skin)
    p.ellipse(hx - 104, hy - 4, 26, 44, shade)
    p.ellipse(hx + 78, hy - 4, 26, 44, shade)
    # hair on top
    if look.hair_style in ("short", "crop"):
        p.ellipse(hx - 96, hy - 122, 192, 110, look.hair)
        if look.hair_style == "short":
            p.poly([(hx - 96, hy - 60), (hx - 20, hy - 96), (hx + 70, hy - 90), (hx + 96, hy - 50),
                    (hx + 96, hy - 90), (hx - 96, hy - 96)], look.hair)
    elif look.hair_style == "curly":
        for i in range(7):
            p.circle(hx - 84 + i * 28, hy - 100 + (i % 2) * 10, 34, look.hair)
    elif look.hair_style == "long":
        p.ellipse(hx - 100, hy - 124, 200, 110, look.hair)
        p.poly([(hx - 10, hy - 120), (hx + 96, hy - 70), (hx + 96, hy - 30)], look.hair)
    elif look.hair_style == "bob":
        p.ellipse(hx - 100, hy - 126, 200, 104, look.hair)
        p.rect(hx - 94, hy - 80, 120, 36, look.hair, radius=16)
    # face
    ink = mix(skin, "#2a1f1f", 0.78)
    ey = hy + 8
    ex1, ex2 = hx - 38, hx + 38
    if mood == "warm":
        p.arc(ex1 - 14, ey - 10, 28, 22, 20, 160, ink, 4)
        p.arc(ex2 - 14, ey - 10, 28, 22, 20, 160, ink, 4)
    elif mood == "guarded":
        p.rect(ex1 - 12, ey - 3, 24, 7, ink, radius=3)
        p.rect(ex2 - 12, ey - 3, 24, 7, ink, radius=3)
    else:
        p.circle(ex1, ey, 8, ink)
        p.circle(ex2, ey, 8, ink)
    # brows
    by = ey - 30
    if mood == "hurt":
        p.line((ex1 - 18, by + 4), (ex1 + 14, by - 8), ink, 4)
        p.line((ex2 - 14, by - 8), (ex2 + 18, by + 4), ink, 4)
    elif mood == "tense":
        p.line((ex1 - 18, by - 6), (ex1 + 16, by + 6), ink, 5)
        p.line((ex2 - 16, by + 6), (ex2 + 18, by - 6), ink, 5)
    elif mood == "warm":
        p.arc(ex1 - 18, by - 8, 36, 16, 20, 160, ink, 4)
        p.arc(ex2 - 18, by - 8, 36, 16, 20, 160, ink, 4)
    else:
        p.line((ex1 - 18, by), (ex1 + 16, by - 2), ink, 4)
        p.line((ex2 - 16, by - 2), (ex2 + 18, by), ink, 4)
    if look.glasses:
        for ex in (ex1, ex2):
            pygame.draw.circle(p.surf, rgb("#4a3b36"), (round(ex * SS), round(ey * SS)), 24 * SS, 3 * SS)
        p.line((ex1 + 24, ey), (ex2 - 24, ey), "#4a3b36", 3)
    # cheeks
    if mood == "warm":
        p.ellipse(ex1 - 30, ey + 22, 36, 18, mix(skin, "#e07a6a", 0.35))
        p.ellipse(ex2 - 6, ey + 22, 36, 18, mix(skin, "#e07a6a", 0.35))
    # nose
    p.line((hx + 2, ey + 10), (hx - 6, ey + 40), shade, 4)
    # mouth
    my = hy + 74
    if mood == "warm":
        p.arc(hx - 30, my - 22, 60, 36, 200, 340, ink, 5)
    elif mood == "hurt":
        p.arc(hx - 20, my, 40, 24, 30, 150, ink, 4)
    elif mood == "tense":
        p.rect(hx - 24, my - 2, 48, 7, ink, radius=3)
    elif mood == "guarded":
        p.line((hx - 20, my + 2), (hx + 18, my - 2), ink, 4)
    else:
        p.arc(hx - 24, my - 12, 48, 22, 220, 320, ink, 4)
    return p.result()


# --------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    pygame.display.init()
    out_bg = ROOT / "assets" / "backgrounds"
    out_pt = ROOT / "assets" / "portraits"
    out_bg.mkdir(parents=True, exist_ok=True)
    out_pt.mkdir(parents=True, exist_ok=True)
    for key, draw in BACKGROUNDS.items():
        p = Painter(W, H)
        draw(p)
        pygame.image.save(p.result(), str(out_bg / f"{key}.png"))
    for who, look in LOOKS.items():
        for mood in MOODS:
            pygame.image.save(draw_portrait(look, mood), str(out_pt / f"{who}_{mood}.png"))
    print(f"wrote {len(BACKGROUNDS)} backgrounds and {len(LOOKS) * len(MOODS)} portraits")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
