"""Portraits: the partner and friends, in five moods each, drawn with tools/art_paint.py.

Moods are told by the whole face and body, drawn bold enough to read at a
thumbnail: brows (level, lifted, inner ends up, flat and low, pulled into a
V), eyes (open, smiling arcs, glistening and lowered, half-lidded and to the
side, wide), mouth (soft, open smile, trembling down-turn, pressed line,
clenched teeth), head tilt, shoulders and arms (folded when guarded, raised
when tense).
"""

from __future__ import annotations

import pygame

from art_paint import SS, Painter, mix, rgb

MOODS = ("neutral", "warm", "hurt", "guarded", "tense")

PW, PH = 400, 520


class Look:
    def __init__(self, skin, hair, hair_style, top, accent, glasses=False, eyes="#3a2a24"):
        self.skin, self.hair, self.hair_style = skin, hair, hair_style
        self.top, self.accent, self.glasses, self.eyes = top, accent, glasses, eyes


LOOKS = {
    # the partner when the player is the reacher: the one who needs room
    "partner_room": Look("#c99a7a", "#3b2f2a", "short", "#4f6f78", "#88a8a6"),
    # the partner when the player is the one who needs room: the reacher
    "partner_reach": Look("#e7c1a4", "#8a5a3c", "curly", "#c07a5b", "#f2c9a0", glasses=True, eyes="#3f5a3a"),
    "priya": Look("#a9775a", "#1f1a1a", "long", "#6b5a98", "#b3a6d8"),
    "marcus": Look("#7a553e", "#1d1715", "crop", "#5c7a4a", "#a7c08f"),
    "jess": Look("#e3b697", "#a7673e", "bob", "#c8903a", "#f0cf8a", eyes="#3a4a6a"),
    "dev": Look("#b88a64", "#15110f", "short", "#8a4a4a", "#d8a0a0"),
    "default": Look("#c4a58e", "#6a6a72", "short", "#7d8796", "#b9c2cf"),
}

POSE = {  # head tilt (x shift), head drop, shoulder lift
    "neutral": (0, 0, 0),
    "warm": (6, -4, 0),
    "hurt": (10, 14, 0),
    "guarded": (-14, 4, 0),
    "tense": (0, -2, 18),
}


def draw_portrait(look: Look, mood: str) -> pygame.Surface:
    p = Painter(PW, PH, alpha=True)
    skin = look.skin
    shade = mix(skin, "#40201a", 0.28)
    light = mix(skin, "#fff4e6", 0.22)
    cx = PW / 2
    tilt, drop, lift = POSE.get(mood, POSE["neutral"])
    hx, hy = cx + tilt, 200 + drop
    _body(p, look, mood, cx, lift, shade)
    _hair_back(p, look, hx, hy)
    # head: a lit side and a shaded side
    p.ellipse(hx - 96, hy - 112, 192, 228, shade)
    p.ellipse(hx - 100, hy - 114, 184, 224, skin)
    p.ellipse(hx - 80, hy - 100, 110, 150, light)
    p.ellipse(hx - 86, hy - 104, 150, 200, skin)
    p.ellipse(hx - 110, hy - 6, 28, 50, shade)  # ears
    p.ellipse(hx + 82, hy - 6, 28, 50, shade)
    p.ellipse(hx - 60, hy + 70, 120, 50, mix(skin, shade, 0.35))  # the jaw's shadow
    p.ellipse(hx - 62, hy + 60, 124, 50, skin)
    _hair_front(p, look, hx, hy)
    _face(p, look, mood, hx, hy, shade)
    return p.result()


def _body(p: Painter, look: Look, mood: str, cx: float, lift: float, shade) -> None:
    top = look.top
    dark = mix(top, "#000000", 0.25)
    p.rect(cx - 34, 290 - lift / 2, 68, 100, shade, radius=22)  # neck
    if mood == "tense":  # cords in the neck
        p.line((cx - 14, 300), (cx - 20, 370), mix(shade, "#000000", 0.15), 5)
        p.line((cx + 14, 300), (cx + 20, 370), mix(shade, "#000000", 0.15), 5)
    p.rect(cx - 178, 372 - lift, 356, 220, top, radius=96)
    p.rect(cx - 178, 470, 356, 60, dark)
    p.poly([(cx - 50, 366 - lift), (cx + 50, 366 - lift), (cx, 432 - lift)], look.accent)
    p.poly([(cx - 50, 366 - lift), (cx, 432 - lift), (cx - 20, 440 - lift), (cx - 64, 378 - lift)], dark)
    p.poly([(cx + 50, 366 - lift), (cx, 432 - lift), (cx + 20, 440 - lift), (cx + 64, 378 - lift)], dark)
    if mood == "guarded":  # arms folded across the chest
        sleeve = mix(top, "#000000", 0.12)
        p.limb((cx - 160, 440), (cx + 100, 486), mix(top, "#000000", 0.3), 64)
        p.limb((cx - 160, 436), (cx + 100, 482), sleeve, 58)
        p.circle(cx + 112, 482, 30, look.skin)
        p.limb((cx + 160, 448), (cx - 100, 500), mix(top, "#000000", 0.05), 58)
        p.circle(cx - 112, 500, 30, mix(look.skin, "#000000", 0.08))
    elif mood == "hurt":  # a hand at the collar
        p.limb((cx + 150, 520), (cx + 52, 430), mix(top, "#000000", 0.08), 52)
        p.ellipse(cx + 20, 396, 60, 52, look.skin)
        p.limb((cx + 28, 404), (cx + 8, 388), look.skin, 14)


def _hair_back(p: Painter, look: Look, hx: float, hy: float) -> None:
    hair = look.hair
    if look.hair_style == "long":
        p.rect(hx - 122, hy - 90, 244, 330, hair, radius=100)
    elif look.hair_style == "curly":
        for dx, dy, r in ((-96, -40, 46), (96, -40, 46), (-104, 12, 42), (104, 12, 42), (-96, 60, 36), (96, 60, 36)):
            p.circle(hx + dx, hy + dy, r, hair)
    elif look.hair_style == "bob":
        p.rect(hx - 116, hy - 92, 232, 214, hair, radius=90)


def _hair_front(p: Painter, look: Look, hx: float, hy: float) -> None:
    hair = look.hair
    shine = mix(hair, "#ffffff", 0.22)
    style = look.hair_style
    if style in ("short", "crop"):
        p.ellipse(hx - 100, hy - 128, 200, 104, hair)
        if style == "short":  # a side parting with a fringe swept across
            p.poly([(hx - 100, hy - 60), (hx - 92, hy - 96), (hx - 20, hy - 118), (hx + 60, hy - 110),
                    (hx + 100, hy - 66), (hx + 96, hy - 40), (hx + 50, hy - 78), (hx - 20, hy - 76),
                    (hx - 70, hy - 62)], hair)
        p.arc(hx - 70, hy - 116, 100, 50, 100, 170, shine, 6)
    elif style == "curly":
        for i in range(7):
            p.circle(hx - 86 + i * 29, hy - 102 + (i % 2) * 12, 35, hair)
        for i in range(0, 7, 2):
            p.arc(hx - 100 + i * 29, hy - 128 + (i % 2) * 12, 30, 24, 60, 160, shine, 4)
    elif style == "long":
        p.ellipse(hx - 102, hy - 130, 204, 96, hair)
        p.poly([(hx - 12, hy - 124), (hx + 98, hy - 80), (hx + 98, hy - 30)], hair)
        p.arc(hx - 80, hy - 118, 120, 60, 100, 170, shine, 6)
    elif style == "bob":
        p.ellipse(hx - 102, hy - 132, 204, 96, hair)
        p.rect(hx - 96, hy - 96, 124, 30, hair, radius=14)
        p.arc(hx - 76, hy - 122, 110, 50, 100, 170, shine, 6)


def _face(p: Painter, look: Look, mood: str, hx: float, hy: float, shade) -> None:
    skin = look.skin
    ink = mix(skin, "#120c0c", 0.88)
    white = "#fbf6ef"
    iris = look.eyes
    ey = hy + 6
    ex1, ex2 = hx - 40, hx + 40
    look_x = {"guarded": -9, "hurt": 2}.get(mood, 0)
    look_y = {"hurt": 6}.get(mood, 0)
    # eyes
    for ex in (ex1, ex2):
        if mood == "warm":  # smiling eyes: closed arcs with a lifted lower lid
            p.arc(ex - 20, ey - 14, 40, 30, 15, 165, ink, 7)
            p.arc(ex - 16, ey + 10, 32, 14, 200, 340, mix(skin, shade, 0.6), 3)
        elif mood == "guarded":  # half-lidded, looking aside
            p.ellipse(ex - 20, ey - 6, 40, 18, white)
            p.circle(ex + look_x, ey + 3, 8, iris)
            p.circle(ex + look_x, ey + 3, 4, "#111111")
            p.rect(ex - 22, ey - 14, 44, 12, skin)
            p.line((ex - 22, ey - 2), (ex + 22, ey - 2), ink, 6)
        else:
            wide = mood == "tense"
            h = 30 if wide else 24
            p.ellipse(ex - 20, ey - h / 2, 40, h, white)
            p.circle(ex + look_x, ey + look_y, 11 if not wide else 9, iris)
            p.circle(ex + look_x, ey + look_y, 5, "#111111")
            p.circle(ex + look_x - 4, ey + look_y - 4, 3, "#ffffff")
            p.arc(ex - 21, ey - h / 2 - 2, 42, h + 2, 10, 170, ink, 5)  # upper lid
            if mood == "hurt":  # glistening lower lid and a tear
                p.arc(ex - 18, ey - 4, 36, 20, 200, 340, mix("#9fc8e8", skin, 0.3), 4)
        if look.glasses:
            pygame.draw.circle(p.surf, rgb("#3a2d28"), (round(ex * SS), round(ey * SS)), 28 * SS, 4 * SS)
    if look.glasses:
        p.line((ex1 + 28, ey - 2), (ex2 - 28, ey - 2), "#3a2d28", 4)
    if mood == "hurt":
        p.poly([(ex2 + 6, ey + 16), (ex2 + 12, ey + 16), (ex2 + 12, ey + 40), (ex2 + 9, ey + 44), (ex2 + 6, ey + 40)],
               "#bfe0f4")
    # brows: the strongest single cue
    by = ey - 34
    bw = 9
    if mood == "hurt":  # inner ends raised
        p.limb((ex1 - 22, by + 8), (ex1 + 18, by - 10), ink, bw)
        p.limb((ex2 - 18, by - 10), (ex2 + 22, by + 8), ink, bw)
        p.line((hx - 8, by - 4), (hx + 8, by - 4), mix(skin, shade, 0.7), 3)
    elif mood == "tense":  # pulled down into a V
        p.limb((ex1 - 22, by - 8), (ex1 + 18, by + 8), ink, bw)
        p.limb((ex2 - 18, by + 8), (ex2 + 22, by - 8), ink, bw)
        p.line((hx - 6, by + 4), (hx - 4, by + 18), mix(skin, shade, 0.7), 3)
        p.line((hx + 6, by + 4), (hx + 4, by + 18), mix(skin, shade, 0.7), 3)
    elif mood == "warm":  # lifted, soft
        p.arc(ex1 - 24, by - 14, 48, 26, 25, 155, ink, bw)
        p.arc(ex2 - 24, by - 14, 48, 26, 25, 155, ink, bw)
    elif mood == "guarded":  # flat and low
        p.limb((ex1 - 22, by + 8), (ex1 + 20, by + 8), ink, bw)
        p.limb((ex2 - 20, by + 8), (ex2 + 22, by + 6), ink, bw)
    else:
        p.limb((ex1 - 22, by + 2), (ex1 + 18, by - 2), ink, bw - 1)
        p.limb((ex2 - 18, by - 2), (ex2 + 22, by + 2), ink, bw - 1)
    # nose
    p.polyline([(hx + 4, ey + 8), (hx - 6, ey + 40), (hx + 8, ey + 44)], shade, 5)
    # cheeks
    if mood in ("warm", "hurt"):
        blush = mix(skin, "#e0605a", 0.35 if mood == "warm" else 0.25)
        p.ellipse(ex1 - 34, ey + 22, 40, 20, blush)
        p.ellipse(ex2 - 6, ey + 22, 40, 20, blush)
    # mouth
    my = hy + 74
    lip = mix(skin, "#9a3a3a", 0.45)
    if mood == "warm":  # open smile
        p.poly([(hx - 40, my - 10), (hx + 40, my - 10), (hx + 26, my + 14), (hx, my + 22), (hx - 26, my + 14)],
               mix(ink, "#000000", 0.2))
        p.poly([(hx - 36, my - 9), (hx + 36, my - 9), (hx + 30, my - 1), (hx - 30, my - 1)], "#fbf6ef")
        p.arc(hx - 44, my - 40, 88, 60, 200, 340, ink, 6)
    elif mood == "hurt":  # trembling down-turn
        p.polyline([(hx - 26, my + 12), (hx - 12, my + 2), (hx, my + 5), (hx + 12, my + 1), (hx + 26, my + 12)], ink, 6)
        p.line((hx - 10, my + 16), (hx + 10, my + 16), lip, 4)
    elif mood == "tense":  # clenched teeth
        p.rect(hx - 30, my - 8, 60, 20, ink, radius=6)
        p.rect(hx - 26, my - 5, 52, 14, "#f4eee4", radius=4)
        p.line((hx - 26, my + 2), (hx + 26, my + 2), mix(ink, "#f4eee4", 0.5), 2)
        for tx in (-13, 0, 13):
            p.line((hx + tx, my - 5), (hx + tx, my + 9), mix(ink, "#f4eee4", 0.5), 2)
    elif mood == "guarded":  # pressed line, pulled to one side
        p.limb((hx - 24, my + 4), (hx + 16, my), ink, 7)
        p.limb((hx + 16, my), (hx + 22, my - 4), ink, 5)
    else:  # soft, a slight curve
        p.arc(hx - 26, my - 16, 52, 26, 220, 320, ink, 6)
