"""Portraits: the partner and friends, in five moods each, drawn with tools/art_paint.py."""

from __future__ import annotations

import pygame

from art_paint import SS, Painter, mix, rgb

MOODS = ("neutral", "warm", "hurt", "guarded", "tense")

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


