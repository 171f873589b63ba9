"""The story's places, drawn in layers: far to near, then light, then shade.

Each function paints one 1280x720 background onto a Painter. Randomness
(rain, crowds, holds, windows) comes from generators seeded per place, so
every run draws the same pictures.
"""

from __future__ import annotations

import math
import random

from art_paint import Painter, crowd, mix, person

W, H = 1280, 720


# --------------------------------------------------------------------------
# furniture and props


def window(p: Painter, x, y, w, h, frame, sky, bars=True, city=None, rng=None):
    p.rect(x - 14, y - 14, w + 28, h + 28, frame, radius=4)
    p.gradient(x, y, w, h, sky)
    if city:
        rng = rng or random.Random(3)
        cx = x
        while cx < x + w:
            bw, bh = rng.randint(34, 80), rng.randint(30, int(h * 0.45))
            p.rect(cx, y + h - bh, min(bw, x + w - cx), bh, city[0])
            for wy in range(int(y + h - bh + 8), int(y + h - 8), 16):
                for wx in range(int(cx + 6), int(min(cx + bw, x + w) - 10), 14):
                    if rng.random() < 0.3:
                        p.rect(wx, wy, 6, 8, city[1])
            cx += bw + 2
    if bars:
        p.rect(x + w / 2 - 5, y, 10, h, frame)
        p.rect(x, y + h / 2 - 5, w, 10, frame)
    p.rect(x - 24, y + h + 8, w + 48, 16, mix(frame, "#000000", 0.1), radius=3)


def sofa(p: Painter, x, y, w, base, cushion):
    dark = mix(base, "#000000", 0.25)
    p.ellipse(x - 30, y + 140, w + 60, 30, mix(base, "#000000", 0.55))
    p.rect(x, y, w, 120, base, radius=28)
    p.rect(x, y + 90, w, 30, dark, radius=10)
    p.rect(x - 24, y + 30, 60, 110, base, radius=22)
    p.rect(x + w - 36, y + 30, 60, 110, base, radius=22)
    p.rect(x + 40, y + 52, w / 2 - 50, 50, cushion, radius=16)
    p.rect(x + w / 2 + 10, y + 52, w / 2 - 50, 50, cushion, radius=16)
    p.rect(x + 40, y + 90, w / 2 - 50, 10, mix(cushion, "#000000", 0.2), radius=4)
    p.rect(x + w / 2 + 10, y + 90, w / 2 - 50, 10, mix(cushion, "#000000", 0.2), radius=4)


def floor_lamp(p: Painter, x, y, pole, shade, light, on=True, strength=0.55):
    if on:
        p.light(x, y + 40, 330, light, strength)
        p.beam([(x - 44, y + 50), (x + 44, y + 50), (x + 170, y + 420), (x - 170, y + 420)], light, alpha=50)
    p.rect(x - 4, y + 40, 8, 300, pole)
    p.poly([(x - 50, y + 50), (x + 50, y + 50), (x + 32, y), (x - 32, y)], shade)
    if on:
        p.poly([(x - 48, y + 44), (x + 48, y + 44), (x + 50, y + 50), (x - 50, y + 50)], mix(shade, "#ffffff", 0.6))
    p.ellipse(x - 40, y + 330, 80, 18, pole)


def box(p: Painter, x, base, w, h, colour, label=None, open_top=False, text=None):
    side = mix(colour, "#000000", 0.22)
    top = mix(colour, "#ffffff", 0.12)
    d = min(26, w * 0.18)
    p.poly([(x + w, base - h), (x + w + d, base - h - d * 0.6), (x + w + d, base - d * 0.6), (x + w, base)], side)
    p.poly([(x, base - h), (x + d, base - h - d * 0.6), (x + w + d, base - h - d * 0.6), (x + w, base - h)], top)
    p.rect(x, base - h, w, h, colour)
    tape = mix(colour, "#f4e6c4", 0.55)
    if open_top:
        p.poly([(x, base - h), (x - d * 0.8, base - h - d * 1.4), (x + w * 0.45, base - h - d * 1.1),
                (x + w * 0.5, base - h)], mix(colour, "#ffffff", 0.05))
    else:
        p.rect(x + w / 2 - 7, base - h, 14, h * 0.45, tape)
    if label:
        p.rect(x + w * 0.18, base - h * 0.55, w * 0.64, h * 0.22, mix(colour, "#ffffff", 0.35), radius=2)
        for i in range(3):
            p.rect(x + w * 0.24 + i * w * 0.17, base - h * 0.49, w * 0.11, h * 0.09, mix(colour, "#2a2222", 0.7))


def boxes(p: Painter, x, base, colour, seed, count=5, scale=1.0):
    rng = random.Random(seed)
    cx = x
    for i in range(count):
        w = rng.randint(100, 150) * scale
        h = rng.randint(70, 110) * scale
        box(p, cx, base, w, h, mix(colour, "#000000", 0.06 * (i % 3)), label=rng.random() < 0.6)
        if rng.random() < 0.55:
            w2 = w * (0.6 + rng.random() * 0.3)
            box(p, cx + (w - w2) / 2 + rng.randint(-8, 8), base - h, w2, rng.randint(50, 80) * scale,
                mix(colour, "#ffffff", 0.06), label=rng.random() < 0.5, open_top=rng.random() < 0.3)
        cx += w + rng.randint(4, 30) * scale


def plant(p: Painter, x, y, pot, leaf):
    for i, (dx, dy, r) in enumerate([(-26, -70, 34), (22, -86, 38), (0, -120, 36), (-34, -118, 26), (34, -130, 24)]):
        p.circle(x + dx, y + dy, r, mix(leaf, "#000000", 0.07 * (i % 3)))
    p.poly([(x - 40, y - 50), (x + 40, y - 50), (x + 30, y + 10), (x - 30, y + 10)], pot)


def clock(p: Painter, x, y, r, face, hands, hour, minute):
    p.circle(x, y, r + 4, mix(face, "#000000", 0.4))
    p.circle(x, y, r, face)
    for i in range(12):
        a = math.radians(i * 30)
        p.line((x + math.sin(a) * r * 0.8, y - math.cos(a) * r * 0.8), (x + math.sin(a) * r * 0.92,
               y - math.cos(a) * r * 0.92), hands, 2)
    ha = math.radians((hour % 12 + minute / 60) * 30)
    ma = math.radians(minute * 6)
    p.limb((x, y), (x + math.sin(ha) * r * 0.5, y - math.cos(ha) * r * 0.5), hands, 4)
    p.limb((x, y), (x + math.sin(ma) * r * 0.78, y - math.cos(ma) * r * 0.78), hands, 3)


def fairy_lights(p: Painter, x0, x1, y, sag, colours, step=22, glow=True, wire="#3a2c2a"):
    pts = []
    x = x0
    while x <= x1:
        t = (x - x0) / max(1, x1 - x0)
        pts.append((x, y + sag * math.sin(math.pi * t) + 6 * math.sin(x / 37)))
        x += step
    p.polyline(pts, wire, 1.5)
    for i, (bx, by) in enumerate(pts[1:-1]):
        c = colours[i % len(colours)]
        if glow:
            p.light(bx, by + 6, 26, c, 0.5)
        p.circle(bx, by + 6, 4, mix(c, "#ffffff", 0.4))


# --------------------------------------------------------------------------
# rooms at home


FLAT = {
    "evening": dict(wall="#e2b995", wall_dark="#a8785f", floor="#7d5b4c", sky=["#f6b57a", "#c9839a", "#6a5a8e"],
                    frame="#f3e4d2", sofa="#5f7f86", cushion="#8fb0ac", pole="#3e3a40", shade="#f5d9a4",
                    light="#ffc27a", lamp=True, moon=False, sun="#ffd39a", boxes=False, ambient=None, clock=None),
    "night": dict(wall="#38405f", wall_dark="#1f2439", floor="#1d2236", sky=["#0c1128", "#1b2550", "#2f3a6b"],
                  frame="#4a5476", sofa="#2c3856", cushion="#3e4b6e", pole="#171a29", shade="#e6c089",
                  light="#ffb35c", lamp=True, moon=True, sun=None, boxes=True, ambient=("#0a0e22", 70),
                  clock=(11, 40)),
    "morning": dict(wall="#d9d6cf", wall_dark="#aaa69f", floor="#a08a78", sky=["#c9d3da", "#dfe3e2", "#eeeae0"],
                    frame="#f4f1ea", sofa="#7f948d", cushion="#a9b8b0", pole="#6d6258", shade="#f0e8d8",
                    light="#fff2d0", lamp=False, moon=False, sun="#f4f1e8", boxes=True, ambient=("#4a5560", 30),
                    clock=(7, 0)),
    "home_night": dict(wall="#323a58", wall_dark="#1b2036", floor="#1c2134", sky=["#0c1128", "#1b2550", "#2f3a6b"],
                       frame="#444e70", sofa="#2a3452", cushion="#3a4768", pole="#171a29", shade="#c9b08a",
                       light="#ffb35c", lamp=False, moon=True, sun=None, boxes=False, ambient=("#0a0e22", 80),
                       clock=(0, 20)),
    "home_morning": dict(wall="#e6ddcc", wall_dark="#b9ae9a", floor="#9a8068", sky=["#b7d2e2", "#dfe9ec", "#f3eedd"],
                         frame="#f8f4ec", sofa="#6f8a86", cushion="#a6bcb4", pole="#6d6258", shade="#f0e8d8",
                         light="#fff2d0", lamp=False, moon=False, sun="#fff6dc", boxes=False, ambient=None,
                         clock=(9, 58)),
    "friend": dict(wall="#c9a27f", wall_dark="#8a664d", floor="#5a4034", sky=["#27305a", "#3b3f70", "#6a5a8e"],
                   frame="#e9dccb", sofa="#7a4e44", cushion="#b07a5e", pole="#2c2624", shade="#f2d7a2",
                   light="#ffbf75", lamp=True, moon=False, sun=None, boxes=False, ambient=("#20182a", 40), clock=None),
}


def flat(p: Painter, tod: str):
    """The flat: a window, a sofa, a lamp; at night and in the morning, the boxes of the move."""
    pal = FLAT[tod]
    rng = random.Random(5)
    p.gradient(0, 0, W, 560, [pal["wall_dark"], pal["wall"], pal["wall"], mix(pal["wall"], pal["wall_dark"], 0.5)])
    p.rect(0, 0, W, 46, pal["wall_dark"])
    p.gradient(0, 556, W, 164, [mix(pal["floor"], "#ffffff", 0.08), pal["floor"], mix(pal["floor"], "#000000", 0.3)])
    for x in range(-40, W + 40, 96):
        p.line((x, 560), (x - (x - 640) * 0.35, 720), mix(pal["floor"], "#000000", 0.12), 2)
    p.rect(0, 548, W, 12, mix(pal["wall"], "#ffffff", 0.25))
    p.rect(0, 558, W, 4, mix(pal["floor"], "#000000", 0.3))
    window(p, 150, 110, 380, 300, pal["frame"], pal["sky"], city=(mix(pal["sky"][-1], "#000000", 0.35),
           "#f6d58f" if tod in ("night", "evening", "friend") else mix(pal["sky"][-1], "#000000", 0.2)),
           rng=random.Random(3))
    if pal["moon"]:
        for _ in range(14):
            p.circle(160 + rng.random() * 360, 120 + rng.random() * 110, 1.4, "#dfe6ff")
        p.light(450, 170, 80, "#9aa8e0", 0.35)
        p.circle(450, 170, 26, "#f1ecd6")
        p.circle(461, 163, 24, pal["sky"][0])
        # moonlight falling through the window onto the floor
        p.beam([(150, 410), (530, 410), (760, 720), (300, 720)], "#6a7fd0", alpha=45, fade_to=0.4)
    if pal["sun"]:
        p.light(250, 220, 160, pal["sun"], 0.3 if tod == "morning" else 0.5)
        p.beam([(150, 410), (530, 410), (700, 720), (260, 720)], pal["sun"], alpha=40, fade_to=0.3)
    if tod == "friend":  # cycling trophies and a bike on the wall: the flat above the bike shop
        for i in range(5):
            tx = 640 + i * 46
            p.rect(tx, 232, 24, 8, "#6b4a2a")
            p.poly([(tx + 2, 200), (tx + 22, 200), (tx + 16, 224), (tx + 8, 224)], "#d7b35a")
            p.rect(tx + 9, 222, 6, 12, "#d7b35a")
        p.rect(620, 240, 260, 8, "#5a3e2c")
        for cx in (720, 840):
            p.ring(cx, 330, 44, "#2a2424", 5)
        p.polyline([(720, 330), (770, 290), (840, 330), (790, 330), (770, 290), (760, 270)], "#2a2424", 5)
    else:
        p.rect(700, 150, 120, 90, mix(pal["wall"], "#000000", 0.3), radius=3)
        p.rect(710, 160, 100, 70, mix(pal["sky"][1], pal["wall"], 0.4))
        p.rect(850, 130, 80, 110, mix(pal["wall"], "#000000", 0.3), radius=3)
        p.rect(860, 140, 60, 90, mix(pal["sofa"], pal["wall"], 0.3))
    if pal["clock"]:
        clock(p, 1010, 150, 34, mix(pal["wall"], "#ffffff", 0.55), "#2a2630", *pal["clock"])
    sofa(p, 640, 430, 420, pal["sofa"], pal["cushion"])
    if tod == "friend":
        p.light(560, 470, 170, "#7fa8ff", 0.35)  # the telly's blue light
        p.rect(480, 420, 150, 92, "#151820", radius=4)
        p.rect(488, 428, 134, 76, "#6e8fd0", radius=2)
        p.rect(540, 512, 30, 30, "#151820")
        person(p, 880, 548, 250, "#2b1f1d", pose="sit", facing=-1, hair="short", rim="#c08a5a", rim_dx=-2.5)
    floor_lamp(p, 1150, 250, pal["pole"], pal["shade"], pal["light"], on=pal["lamp"])
    p.ellipse(560, 640, 560, 50, mix(pal["floor"], "#ffffff", 0.1))
    if pal["boxes"]:
        colour = mix("#c69a6a", pal["floor"], 0.35 if tod == "night" else 0.1)
        boxes(p, 40, 640, colour, seed=11, count=3)
        boxes(p, 560, 700, mix(colour, "#000000", 0.1), seed=12, count=2, scale=1.25)
        boxes(p, 980, 650, colour, seed=13, count=2, scale=0.9)
    elif tod != "friend":
        plant(p, 90, 590, mix(pal["floor"], "#c46f4e", 0.5), "#6f9a77")
    if pal["ambient"]:
        p.shade(*pal["ambient"])
    if tod == "night":
        p.light(1150, 300, 260, pal["light"], 0.28)
    if tod == "home_night":  # the phone's light on the sofa
        p.light(850, 480, 90, "#9ab8ff", 0.4)
        p.rect(842, 474, 18, 30, "#cfe0ff", radius=3)  # the lamp is the one warm place in the room
    p.vignette(0.5 if tod in ("night", "home_night") else 0.3)


def cottage_rain(p: Painter):
    rng = random.Random(51)
    p.gradient(0, 0, W, 590, ["#8e9a93", "#c2c7bb", "#b5baaf"])
    p.rect(0, 0, W, 70, "#6e5d4d")
    for x in (180, 640, 1100):
        p.rect(x - 22, 0, 44, 74, "#54463a")
    p.gradient(0, 580, W, 140, ["#8b7a66", "#6a5a4a"])
    for x in range(0, W, 120):
        p.rect(x, 580, 3, 140, "#5f503f")
    # the window: grey sea, marsh, rain on the glass
    window(p, 420, 140, 440, 320, "#ece5d6", ["#6f7d86", "#98a5a6", "#a8b3ae"], bars=False)
    p.rect(420, 330, 440, 40, "#7d8f90")
    p.poly([(420, 380), (560, 350), (700, 366), (860, 340), (860, 460), (420, 460)], "#5f7468")
    p.rain(rng, 160, (424, 144, 432, 312), "#e6eef0", alpha=150, length=22, slant=-5)
    with p.layer(120):
        for _ in range(40):
            x, y = rng.randint(428, 850), rng.randint(150, 440)
            p.circle(x, y, rng.random() * 2.5 + 1, "#eef4f4")
            p.line((x, y), (x, y + rng.randint(6, 24)), "#eef4f4", 1.2)
    p.rect(640 - 5, 140, 10, 320, "#ece5d6")
    p.rect(420, 300 - 5, 440, 10, "#ece5d6")
    p.rect(400, 460, 480, 20, "#ece5d6", radius=4)
    p.beam([(420, 470), (860, 470), (980, 720), (330, 720)], "#c9d4d6", alpha=35, fade_to=0.2)
    # armchair with a blanket, a lamp, the wood stove
    p.ellipse(40, 560, 330, 30, "#4a3c30")
    p.rect(70, 420, 260, 150, "#9a6a5a", radius=30)
    p.rect(50, 460, 60, 120, "#8a5c4e", radius=22)
    p.rect(290, 460, 60, 120, "#8a5c4e", radius=22)
    p.rect(110, 470, 180, 60, "#b98a73", radius=16)
    p.poly([(150, 420), (260, 420), (280, 540), (170, 550)], "#d9c39a")
    for i in range(5):
        p.line((160 + i * 24, 424), (178 + i * 22, 546), "#c7ad80", 3)
    p.light(1060, 480, 300, "#ff9a4a", 0.55)
    p.ellipse(960, 570, 210, 30, "#3a2e26")
    p.rect(980, 380, 160, 200, "#34302f", radius=10)
    p.rect(1010, 430, 100, 90, "#4a2c22", radius=8)
    p.light(1060, 490, 60, "#ffb25a", 0.9)
    p.circle(1060, 492, 24, "#f2a65a")
    p.circle(1052, 500, 13, "#ffe1a0")
    p.rect(1045, 120, 30, 260, "#34302f")
    p.rect(740, 436, 30, 26, "#e3876d", radius=5)
    p.shade("#3b4a55", 30)
    p.vignette(0.4)


# --------------------------------------------------------------------------
# out and about


def bar_night(p: Painter):
    """The Lantern on a Saturday: warm light over the bar, a crowd against it, a sticky floor."""
    rng = random.Random(31)
    p.gradient(0, 0, W, 720, ["#1a1020", "#3a2234", "#2a1826", "#120b14"])
    # back wall: brick courses in the dark
    for y in range(30, 470, 22):
        off = 0 if (y // 22) % 2 else 30
        for x in range(-30 + off, W, 60):
            p.rect(x, y, 56, 18, mix("#3b2330", "#000000", rng.random() * 0.25), radius=2)
    # the bar's back shelves, lit from below: bottles glow
    p.rect(140, 130, 1000, 250, "#1d1117", radius=6)
    p.light(640, 380, 560, "#ff9f4a", 0.35, sy=0.4)
    for shelf_y in (210, 300, 380):
        p.rect(150, shelf_y, 980, 8, "#8a5a3c")
        x = 164
        while x < 1110:
            bw = rng.randint(14, 24)
            bh = rng.randint(44, 72)
            c = rng.choice(["#5f9c84", "#d98a4c", "#a8486a", "#e6c15a", "#5a7fb0", "#c9d6c8"])
            p.rect(x, shelf_y - bh, bw, bh, mix(c, "#000000", 0.25), radius=5)
            p.rect(x + bw / 2 - 3, shelf_y - bh - 14, 6, 16, mix(c, "#000000", 0.3), radius=2)
            p.rect(x + 3, shelf_y - bh + 8, 3, bh - 16, mix(c, "#ffffff", 0.45))
            x += bw + rng.randint(4, 14)
    # neon sign
    p.light(640, 78, 150, "#ff5f8a", 0.5, sy=0.45)
    p.rect(520, 58, 240, 42, "#2a1420", radius=20)
    p.frame(520, 58, 240, 42, "#ff9ab4", width=4, radius=20)
    for i, ch_x in enumerate(range(548, 740, 24)):
        p.rect(ch_x, 70, 14, 18, "#ffd0dc", radius=3)
    # pendant lamps with cones of light
    for x in (300, 640, 980):
        p.line((x, 0), (x, 100), "#0e0810", 3)
        p.beam([(x - 24, 120), (x + 24, 120), (x + 220, 520), (x - 220, 520)], "#ffb35c", alpha=55, fade_to=0.1)
        p.light(x, 118, 120, "#ffc27a", 0.7)
        p.poly([(x - 34, 122), (x + 34, 122), (x + 16, 96), (x - 16, 96)], "#f3c27d")
        p.ellipse(x - 20, 114, 40, 12, "#fff1c8")
    # the counter with its lit edge
    p.rect(0, 452, W, 36, "#6a3c2e", radius=4)
    p.rect(0, 452, W, 5, "#ffcf8a")
    p.gradient(0, 488, W, 232, ["#3c2226", "#1c1014"])
    for x in range(40, W, 150):
        p.rect(x, 508, 120, 120, "#442a2e", radius=8)
    # the crowd: far people small and dim, near people large and dark, each with warm light on one edge
    crowd(p, rng, 470, 9, (60, 1220), 150, "#3a2230", rim="#b06a4a", rim_dx=1.5)
    fairy_lights(p, -10, W + 10, 28, 40, ["#ffd98a", "#f7a68b", "#bfe0c8", "#c9b6f0"])
    crowd(p, rng, 610, 6, (20, 1260), 300, "#1e1016", rim="#e29a5e", rim_dx=2.5,
          poses=["glass", "talk", "stand", "glass"])
    person(p, 180, 760, 520, "#0e070a", pose="glass", facing=1, hair="long", rim="#d98a50", rim_dx=3)
    person(p, 1130, 770, 540, "#0e070a", pose="talk", facing=-1, hair="short", rim="#d98a50", rim_dx=-3)
    # warm haze, then dark corners
    p.light(640, 300, 700, "#5a2a1a", 0.35, sy=0.6)
    p.vignette(0.55)


def street_night(p: Painter):
    """A wet street at night: lit windows, a lamp, its light on the tarmac, the railway footbridge."""
    rng = random.Random(41)
    p.gradient(0, 0, W, 560, ["#070b1c", "#141d3a", "#2c3766"])
    for _ in range(50):
        p.circle(rng.randint(0, W), rng.randint(0, 240), rng.random() * 1.2 + 0.6, "#cfd8ff")
    p.light(1060, 110, 120, "#8898d8", 0.3)
    p.circle(1060, 110, 30, "#eee7cf")
    x = -20
    while x < W:
        bw, bh = rng.randint(120, 220), rng.randint(220, 420)
        col = rng.choice(["#161d36", "#1b233f", "#131a30"])
        p.rect(x, 560 - bh, bw, bh, col)
        p.rect(x, 560 - bh, bw, 8, mix(col, "#ffffff", 0.08))
        for wy in range(560 - bh + 24, 530, 44):
            for wx in range(x + 16, x + bw - 30, 38):
                if rng.random() < 0.33:
                    c = rng.choice(["#f3cf86", "#e7b971", "#f6dfa6", "#a8c4f0"])
                    p.light(wx + 11, wy + 13, 30, c, 0.25)
                    p.rect(wx, wy, 22, 26, c, radius=2)
        x += bw + rng.randint(0, 16)
    # the railway footbridge over it all
    p.rect(0, 300, W, 18, "#0b0f1f")
    for bx in range(0, W, 32):
        p.rect(bx, 318, 4, 26, "#0b0f1f")
    p.rect(0, 340, W, 6, "#0b0f1f")
    for px_ in (200, 900):
        p.rect(px_, 346, 40, 214, "#0b0f1f")
    # wet road with reflections
    p.gradient(0, 560, W, 160, ["#252a3c", "#141828"])
    p.rect(0, 560, W, 14, "#3c4258")
    for x in range(0, W, 160):
        p.rect(x + 30, 650, 80, 6, "#5c6276", radius=3)
    with p.layer(90):
        for _ in range(60):
            x = rng.randint(0, W)
            p.rect(x, rng.randint(580, 710), rng.randint(2, 5), rng.randint(10, 40), rng.choice(["#f3cf86", "#a8c4f0"]))
    # the lamp and its pool of light
    p.light(330, 250, 300, "#ffcf7a", 0.5)
    p.beam([(300, 250), (360, 250), (520, 640), (140, 640)], "#ffcf7a", alpha=50, fade_to=0.2)
    p.light(330, 640, 200, "#ffcf7a", 0.35, sy=0.25)
    p.rect(322, 240, 14, 330, "#0c0f1c")
    p.rect(290, 232, 80, 16, "#0c0f1c", radius=6)
    p.ellipse(300, 244, 60, 18, "#ffe6a8")
    person(p, 760, 600, 190, "#0a0c16", pose="hands", facing=-1, hair="hood", rim="#6a78b0", rim_dx=-1.5)
    p.rain(rng, 140, (0, 0, W, 720), "#aab6d8", alpha=60, length=30, slant=-4)
    p.vignette(0.5)


def climbing_wall(p: Painter):
    """The climbing wall: tall angled panels under high windows, holds, a climber on a rope, a belayer."""
    rng = random.Random(21)
    p.gradient(0, 0, W, 720, ["#9fb3b3", "#d7e0dc", "#c9d2ce"])
    # high windows with evening light falling across the wall
    for x in range(80, W, 260):
        p.rect(x, 14, 180, 50, "#f7e2bc")
        p.rect(x + 88, 14, 4, 50, "#8a9a98")
    p.rect(0, 64, W, 14, "#7f8f8f")
    panels = [("#6f9a98", "#5c8583", [(0, 80), (420, 80), (390, 610), (0, 610)]),
              ("#557f86", "#46707a", [(420, 80), (860, 80), (900, 610), (390, 610)]),
              ("#7fa89f", "#6a948c", [(860, 80), (W, 80), (W, 610), (900, 610)])]
    for light_c, dark_c, pts in panels:
        p.poly(pts, dark_c)
        p.poly([pts[0], pts[1], ((pts[1][0] + pts[2][0]) / 2, 330), ((pts[0][0] + pts[3][0]) / 2, 330)], light_c)
    for x in (420, 860):
        p.line((x, 80), (x - 30 if x == 420 else x + 40, 610), "#3b5a60", 3)
    for bx in range(60, W, 120):  # bolt holes
        for by in range(110, 600, 60):
            p.circle(bx + (by % 120) * 0.2, by, 2, "#3b5a60")
    for x in range(80, W, 260):
        p.beam([(x, 64), (x + 180, 64), (x + 330, 620), (x + 110, 620)], "#ffe2b0", alpha=35, fade_to=0.2)
    hold_colours = ["#f2a060", "#e9706e", "#f4d06a", "#7fb0eb", "#b38ad8", "#f7f3e8", "#5fc29a"]
    for _ in range(70):
        x, y = rng.randint(30, W - 30), rng.randint(110, 580)
        r = rng.randint(7, 17)
        c = rng.choice(hold_colours)
        p.ellipse(x - r * 1.2 + 4, y - r * 0.6 + 5, r * 2.4, r * 1.3, "#3d5a5e")
        if rng.random() < 0.5:
            p.circle(x, y, r, c)
            p.circle(x - r * 0.3, y - r * 0.3, r * 0.35, mix(c, "#ffffff", 0.45))
        else:
            p.ellipse(x - r * 1.3, y - r * 0.7, r * 2.6, r * 1.4, c)
    # a climber high on the middle panel, the rope running to the top and down to the belayer
    p.line((650, 80), (648, 210), "#f2f0e6", 3)
    p.line((650, 80), (560, 640), "#f2f0e6", 3)
    person(p, 648, 330, 150, "#22343a", pose="arms_up", hair="bun", rim="#ffe2b0", rim_dx=2)
    # mats, bench, bags; the belayer and a friend waiting
    p.gradient(0, 604, W, 116, ["#3f5563", "#2c3d48"])
    for i in range(6):
        p.rect(i * 220 + 4, 610, 212, 16, "#4d6676", radius=6)
    person(p, 560, 700, 230, "#1c282e", pose="talk", facing=1, hair="short", rim="#ffe2b0", rim_dx=2)
    p.rect(960, 560, 260, 22, "#a07c5c", radius=6)
    p.rect(980, 582, 14, 40, "#6b4d36")
    p.rect(1186, 582, 14, 40, "#6b4d36")
    person(p, 1090, 620, 230, "#1c282e", pose="sit", facing=-1, hair="short", rim="#ffe2b0", rim_dx=-2)
    p.rect(990, 538, 60, 24, "#c9563f", radius=8)
    with p.layer(50):  # chalk dust in the light
        for _ in range(60):
            p.circle(rng.randint(500, 800), rng.randint(200, 600), rng.random() * 2 + 0.5, "#ffffff")
    p.vignette(0.35)


def coast_rain(p: Painter):
    """The shingle at Saltings in the rain: low cloud, grey sea, the marsh, someone walking alone."""
    rng = random.Random(63)
    p.gradient(0, 0, W, 380, ["#5f6b72", "#8b969a", "#aab2b0"])
    with p.layer(110):
        for _ in range(26):
            x, y = rng.randint(-100, W), rng.randint(-20, 220)
            p.ellipse(x, y, rng.randint(180, 420), rng.randint(40, 90), rng.choice(["#6b767c", "#78838a", "#59646b"]))
    p.light(900, 200, 240, "#d8dcd6", 0.2)
    p.gradient(0, 340, W, 180, ["#6b7e84", "#5a6d74", "#4f6168"])
    for _ in range(50):
        x, y = rng.randint(0, W), rng.randint(350, 500)
        p.rect(x, y, rng.randint(30, 110), 2, "#9fb0b2", radius=1)
    # a far sandbar with seals, and the wreck's ribs
    p.ellipse(820, 380, 300, 20, "#8d8f84")
    for sx in (880, 920, 960, 1000, 1040):
        p.ellipse(sx, 372, 26, 10, "#4a4f52")
    for i in range(6):
        p.line((230 + i * 16, 420), (224 + i * 18, 392 - (i % 3) * 6), "#3a3430", 4)
    # shingle bank and the marsh behind it
    p.poly([(0, 470), (300, 450), (700, 470), (W, 440), (W, 720), (0, 720)], "#7a7466")
    p.poly([(0, 520), (400, 500), (900, 525), (W, 500), (W, 720), (0, 720)], "#6a6458")
    with p.layer(160):
        for _ in range(900):
            x, y = rng.randint(0, W), rng.randint(500, 720)
            r = 1 + (y - 500) / 60 * rng.random()
            p.ellipse(x, y, r * 2.2, r * 1.4, rng.choice(["#8d8678", "#5a554b", "#a39c8c", "#6e685c"]))
    # a figure walking away along the shingle, hood up
    person(p, 520, 560, 170, "#24282c", pose="hands", facing=1, hair="hood")
    p.line((470, 568), (580, 566), "#4e4a42", 4)
    p.rain(rng, 420, (-40, 0, W + 80, 720), "#dfe6ea", alpha=90, length=34, slant=-9)
    p.shade("#4a5a66", 40)
    p.vignette(0.4)


def coast_morning(p: Painter):
    p.gradient(0, 0, W, 380, ["#bcdcea", "#e8e6d6", "#f7e4c8"])
    p.light(900, 300, 260, "#fff3d6", 0.5)
    p.circle(900, 300, 48, "#fff3d6")
    p.gradient(0, 360, W, 180, ["#8fb7c2", "#5f8d9d"])
    rng = random.Random(61)
    for _ in range(30):
        x, y = rng.randint(0, W), rng.randint(372, 520)
        p.rect(x, y, rng.randint(30, 90), 3, "#cfe3e6", radius=2)
    p.beam([(860, 340), (940, 340), (1000, 540), (800, 540)], "#fff3d6", alpha=40, fade_to=0.3)
    p.poly([(0, 250), (140, 240), (260, 290), (330, 380), (360, 560), (0, 560)], "#8a9b78")
    p.poly([(0, 300), (120, 300), (220, 350), (280, 560), (0, 560)], "#76876a")
    p.poly([(0, 250), (140, 240), (180, 262), (60, 272)], "#a2b48a")
    p.poly([(0, 560), (W, 520), (W, 720), (0, 720)], "#e9d6b0")
    p.poly([(300, 600), (W, 560), (W, 720), (200, 720)], "#e2cca2")
    p.ellipse(360, 520, 900, 40, "#f1e4c7")
    for bx, by in ((520, 150), (560, 170), (610, 140)):
        p.arc(bx - 14, by, 16, 12, 0, 180, "#5d6b74", 2)
        p.arc(bx, by, 16, 12, 0, 180, "#5d6b74", 2)
    p.vignette(0.2)


def party_kitchen(p: Painter):
    """Marcus's housewarming: a small kitchen full of people, fairy lights, bottles on the side."""
    rng = random.Random(71)
    p.gradient(0, 0, W, 720, ["#c9a47c", "#e7cba3", "#d8b88e"])
    p.rect(0, 0, W, 40, "#a8845e")
    for x in range(80, 1100, 180):
        p.rect(x, 100, 160, 130, "#93b1a2", radius=6)
        p.rect(x, 222, 160, 8, "#6f8c7e")
        p.rect(x + 70, 196, 20, 8, "#4f6b5e", radius=3)
    window(p, 520, 270, 240, 150, "#f3e9d8", ["#121a36", "#222c54"], bars=True)
    p.rect(0, 440, W, 24, "#f1e8d8", radius=4)
    p.rect(0, 462, W, 6, "#b9a88e")
    p.gradient(0, 468, W, 170, ["#7f9f90", "#5f7d70"])
    for x in range(20, W, 180):
        p.rect(x, 484, 160, 120, "#8aa99b", radius=6)
    p.gradient(0, 636, W, 84, ["#9b7352", "#7a583c"])
    for x, c in ((140, "#d36f6f"), (176, "#e6a15a"), (206, "#7fa7c9"), (960, "#e6c77a"), (1000, "#b8738a")):
        p.rect(x, 380, 24, 60, c, radius=6)
        p.rect(x + 8, 364, 8, 18, c, radius=2)
        p.rect(x + 4, 388, 4, 40, mix(c, "#ffffff", 0.4))
    p.rect(300, 412, 140, 30, "#3a6ab0", radius=6)  # a bag of ice, dripping
    p.rect(1130, 130, 140, 510, "#eef1f0", radius=10)
    p.rect(1130, 320, 140, 6, "#c8cfcd")
    p.rect(1146, 190, 8, 90, "#aab4b2", radius=3)
    fairy_lights(p, -10, W + 10, 60, 30, ["#ffd98a", "#f7a68b", "#bfe0c8", "#c9b6f0"])
    p.light(640, 90, 500, "#ffcf8a", 0.25, sy=0.5)
    crowd(p, rng, 560, 6, (60, 1100), 250, "#5a4438", rim="#ffe0b0", rim_dx=2, poses=["glass", "talk", "glass"])
    person(p, 260, 740, 470, "#2e2220", pose="glass", facing=1, hair="curly", rim="#ffd59a", rim_dx=3)
    person(p, 1010, 760, 500, "#2e2220", pose="talk", facing=-1, hair="short", rim="#ffd59a", rim_dx=-3)
    p.vignette(0.35)


def party_yard(p: Painter):
    """Out by the bins: a small yard at night, the party bright behind the glass."""
    rng = random.Random(81)
    p.gradient(0, 0, W, 720, ["#0b1024", "#1a2140", "#141a2e"])
    # the back of the house with the kitchen window lit and people inside
    p.rect(260, 80, 760, 470, "#221e26")
    for bx in range(260, 1020, 40):
        for by in range(80, 550, 20):
            p.rect(bx + (by // 20 % 2) * 20, by, 36, 16, mix("#2b2530", "#000000", rng.random() * 0.3), radius=1)
    p.light(640, 300, 420, "#ffb866", 0.45)
    p.rect(450, 170, 380, 230, "#f2c27e")
    p.gradient(450, 170, 380, 230, ["#ffd9a0", "#e8a862"])
    crowd(p, rng, 400, 5, (470, 810), 170, "#6a4030", poses=["glass", "talk"])
    p.rect(444, 164, 392, 12, "#3a3034")
    p.rect(444, 394, 392, 12, "#3a3034")
    p.rect(636, 170, 8, 230, "#3a3034")
    p.beam([(450, 400), (830, 400), (1000, 720), (300, 720)], "#ffb866", alpha=40, fade_to=0.2)
    fairy_lights(p, 0, W, 60, 60, ["#ffd98a", "#f7a68b", "#bfe0c8", "#c9b6f0"], step=28)
    # yard: paving, bins, a bike against the wall
    p.gradient(0, 550, W, 170, ["#2a2a34", "#17171f"])
    for x in range(0, W, 90):
        p.line((x, 550), (x - (x - 640) * 0.5, 720), "#22222b", 2)
    for bx, c in ((90, "#2f4a3a"), (190, "#26303e")):
        p.rect(bx, 440, 84, 130, c, radius=6)
        p.rect(bx - 4, 430, 92, 16, mix(c, "#ffffff", 0.1), radius=4)
    for cx in (1080, 1190):
        p.ring(cx, 520, 44, "#0c0c12", 5)
    p.polyline([(1080, 520), (1130, 470), (1190, 520), (1140, 520), (1130, 470), (1120, 450)], "#0c0c12", 5)
    p.vignette(0.5)


def taxi_night(p: Painter):
    """The taxi home: the back seat in the dark, city lights sliding past the window."""
    rng = random.Random(91)
    p.fill("#07080f")
    # the side window with streaks of passing light
    p.poly([(120, 110), (1160, 110), (1100, 430), (180, 430)], "#141a30")
    p.gradient(140, 120, 1000, 300, ["#101731", "#23305a", "#3a3050"])
    with p.layer(150):
        for _ in range(70):
            x, y = rng.randint(150, 1120), rng.randint(150, 410)
            c = rng.choice(["#ffcf7a", "#ff9a6a", "#9ac0ff", "#ffe9b0", "#ff6a6a"])
            ln = rng.randint(40, 160)
            p.limb((x, y), (x + ln, y), c, rng.randint(3, 9))
    for _ in range(14):
        x, y = rng.randint(170, 1100), rng.randint(150, 400)
        p.light(x, y, rng.randint(30, 70), rng.choice(["#ffcf7a", "#9ac0ff", "#ff9a6a"]), 0.5)
    p.rain(rng, 120, (140, 120, 1000, 300), "#c8d4f0", alpha=70, length=14, slant=-14)
    frame = "#0b0c14"  # the door around the window, in four pieces (a polygon with a hole would fill it)
    p.rect(0, 0, W, 112, frame)
    p.rect(0, 0, 122, 720, frame)
    p.rect(1158, 0, 122, 720, frame)
    p.poly([(120, 108), (182, 432), (100, 432), (100, 108)], frame)
    p.poly([(1160, 108), (1180, 108), (1180, 432), (1098, 432)], frame)
    p.rect(150, 250, 980, 5, "#0b0c14")  # the rain strip across the glass
    # the back seat and the two of you, seen from the side, against the lights
    p.gradient(0, 430, W, 290, ["#1b1d28", "#0c0d14"])
    p.rect(140, 470, 1000, 200, "#22252f", radius=40)
    p.rect(140, 470, 1000, 8, "#3a3e4c", radius=4)
    person(p, 470, 690, 360, "#06070c", pose="sit", facing=1, hair="short", rim="#ffb070", rim_dx=2.5)
    person(p, 800, 690, 360, "#06070c", pose="sit", facing=-1, hair="curly", rim="#8fb0ff", rim_dx=-2.5)
    p.light(640, 300, 500, "#3a2a50", 0.3)
    p.vignette(0.5)


def default_bg(p: Painter):
    p.gradient(0, 0, W, H, ["#dfe7e4", "#c9d6dc"])
    p.circle(960, 260, 180, "#d5e0db")
    p.circle(320, 520, 240, "#cfdad6")
    p.light(640, 360, 420, "#ffffff", 0.15)


def title_bg(p: Painter):
    """Two people on a bench by the water at dusk, the thread between them: the title screen.

    The figures sit to the right, clear of the menu on the left.
    """
    p.gradient(0, 0, W, 470, ["#e9c7b0", "#f3dcc3", "#f6e7d3", "#cfe0e2"])
    p.light(930, 420, 380, "#fff1d8", 0.45)
    p.circle(930, 420, 60, "#fff4e0")
    p.gradient(0, 460, W, 260, ["#a9c4c8", "#8fb0b6", "#7d9ea6"])
    for i in range(40):
        y = 470 + i * 6
        p.rect(760 + (i % 5) * 12, y, 340 - i * 5, 2, "#fbead2")
    p.poly([(0, 610), (300, 590), (700, 615), (1000, 600), (W, 612), (W, 720), (0, 720)], "#4f6468")
    p.rect(760, 560, 330, 14, "#3a4446", radius=4)
    p.rect(780, 574, 10, 44, "#3a4446")
    p.rect(1060, 574, 10, 44, "#3a4446")
    person(p, 850, 612, 190, "#2e3a3e", pose="sit", facing=1, hair="short", rim="#ffe2c0", rim_dx=2)
    person(p, 1000, 612, 190, "#2e3a3e", pose="sit", facing=-1, hair="curly", rim="#ffe2c0", rim_dx=2)
    pts = [(868 + t * 1.2, 520 + 10 * math.sin(t / 18.0)) for t in range(0, 101, 2)]
    p.polyline(pts, "#c0674a", 2.5)
    p.vignette(0.2)


BACKGROUNDS = {
    "flat_evening": lambda p: flat(p, "evening"),
    "flat_night": lambda p: flat(p, "night"),
    "flat_morning": lambda p: flat(p, "morning"),
    "marcus_flat": lambda p: flat(p, "friend"),
    "home_night": lambda p: flat(p, "home_night"),
    "home_morning": lambda p: flat(p, "home_morning"),
    "climbing_wall": climbing_wall,
    "bar_night": bar_night,
    "street_night": street_night,
    "cottage_rain": cottage_rain,
    "coast_rain": coast_rain,
    "coast_morning": coast_morning,
    "party_kitchen": party_kitchen,
    "party_yard": party_yard,
    "taxi_night": taxi_night,
    "default": default_bg,
    "title": title_bg,
}


# --------------------------------------------------------------------------
# endings: the two of you, drawn over the last scene's place


def ending_growth(p: Painter):
    """Close, turned to each other, hands joined, in warm light."""
    person(p, 575, 690, 330, "#1a1418", pose="talk", facing=1, hair="short", rim="#ffd08a", rim_dx=-3)
    person(p, 705, 690, 320, "#1a1418", pose="talk", facing=-1, hair="curly", rim="#ffd08a", rim_dx=3)
    p.limb((618, 505), (662, 503), "#1a1418", 14)


def ending_escalation(p: Painter):
    """Facing each other across a gap, one reaching, one braced."""
    person(p, 470, 690, 330, "#141018", pose="talk", facing=1, hair="curly", rim="#ff9a7a", rim_dx=-3)
    person(p, 820, 690, 330, "#141018", pose="hands", facing=-1, hair="short", rim="#8aa8ff", rim_dx=3)


def ending_breakup(p: Painter):
    """Walking away from each other, far apart."""
    person(p, 300, 690, 300, "#141018", pose="hands", facing=-1, hair="short", rim="#9ab0d8", rim_dx=-3)
    person(p, 1000, 690, 300, "#141018", pose="stand", facing=1, hair="curly", rim="#9ab0d8", rim_dx=3)


ENDINGS = {"growth": ending_growth, "escalation": ending_escalation, "breakup": ending_breakup}
