"""Drawing helpers for tools/make_art.py: a supersampled painter with light, shade and silhouettes.

Everything is drawn at SS times the size and smoothed down at the end, so
edges are soft. Light is added (BLEND_RGB_ADD), shade multiplied
(BLEND_RGB_MULT); soft shapes are drawn small and scaled up, which blurs
them for free. No randomness here: callers pass seeded generators.
"""

from __future__ import annotations

import math

import pygame

SS = 2  # supersampling factor


def rgb(colour) -> tuple[int, int, int]:
    if isinstance(colour, str):
        h = colour.lstrip("#")
        return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
    return tuple(colour[:3])


def mix(a, b, t: float) -> tuple[int, int, int]:
    a, b = rgb(a), rgb(b)
    return tuple(max(0, min(255, round(a[i] + (b[i] - a[i]) * t))) for i in range(3))


def _radial(size: int, power: float) -> pygame.Surface:
    """A white disc fading to transparent at its edge, `size` pixels across."""
    surf = pygame.Surface((size, size), pygame.SRCALPHA)
    c = (size - 1) / 2
    for y in range(size):
        for x in range(size):
            d = math.hypot(x - c, y - c) / c
            a = 0 if d >= 1 else round(255 * (1 - d) ** power)
            surf.set_at((x, y), (255, 255, 255, a))
    return surf


_RADIAL: dict = {}


def radial(power: float = 1.6) -> pygame.Surface:
    if power not in _RADIAL:
        _RADIAL[power] = _radial(96, power)
    return _RADIAL[power]


class Painter:
    """Draws in logical pixels onto a supersampled surface."""

    def __init__(self, w: int, h: int, alpha: bool = False):
        self.w, self.h = w, h
        self.alpha = alpha
        flags = pygame.SRCALPHA if alpha else 0
        self.surf = pygame.Surface((w * SS, h * SS), flags)
        if alpha:
            self.surf.fill((0, 0, 0, 0))
        self._stack: list[tuple[pygame.Surface, int]] = []

    # coordinates ----------------------------------------------------------
    @staticmethod
    def s(v: float) -> int:
        return round(v * SS)

    def r(self, x, y, w, h) -> pygame.Rect:
        return pygame.Rect(self.s(x), self.s(y), max(1, self.s(w)), max(1, self.s(h)))

    # translucent layers: draw inside `with p.layer(alpha):` -----------------
    class _Layer:
        def __init__(self, painter, alpha):
            self.p, self.alpha = painter, alpha

        def __enter__(self):
            layer = pygame.Surface(self.p.surf.get_size(), pygame.SRCALPHA)
            layer.fill((0, 0, 0, 0))
            self.p._stack.append((self.p.surf, self.alpha))
            self.p.surf = layer
            return self.p

        def __exit__(self, *exc):
            layer = self.p.surf
            base, alpha = self.p._stack.pop()
            if alpha < 255:
                # per-surface alpha does not combine with per-pixel alpha in blit; multiply it in
                layer.fill((255, 255, 255, alpha), special_flags=pygame.BLEND_RGBA_MULT)
            base.blit(layer, (0, 0))
            self.p.surf = base

    def layer(self, alpha: int = 255) -> "Painter._Layer":
        return Painter._Layer(self, alpha)

    # flat shapes ------------------------------------------------------------
    def fill(self, colour):
        self.surf.fill(rgb(colour))

    def rect(self, x, y, w, h, colour, radius=0):
        pygame.draw.rect(self.surf, rgb(colour), self.r(x, y, w, h), border_radius=self.s(radius))

    def frame(self, x, y, w, h, colour, width=2, radius=0):
        pygame.draw.rect(self.surf, rgb(colour), self.r(x, y, w, h), width=max(1, self.s(width)),
                         border_radius=self.s(radius))

    def circle(self, x, y, r, colour):
        pygame.draw.circle(self.surf, rgb(colour), (self.s(x), self.s(y)), max(1, self.s(r)))

    def ring(self, x, y, r, colour, width=2):
        pygame.draw.circle(self.surf, rgb(colour), (self.s(x), self.s(y)), max(1, self.s(r)), max(1, self.s(width)))

    def ellipse(self, x, y, w, h, colour):
        pygame.draw.ellipse(self.surf, rgb(colour), self.r(x, y, w, h))

    def poly(self, points, colour):
        pygame.draw.polygon(self.surf, rgb(colour), [(self.s(x), self.s(y)) for x, y in points])

    def line(self, a, b, colour, width=2):
        pygame.draw.line(self.surf, rgb(colour), (self.s(a[0]), self.s(a[1])), (self.s(b[0]), self.s(b[1])),
                         max(1, self.s(width)))

    def limb(self, a, b, colour, width):
        """A thick line with round ends: arms, legs, ropes."""
        self.line(a, b, colour, width)
        self.circle(a[0], a[1], width / 2, colour)
        self.circle(b[0], b[1], width / 2, colour)

    def polyline(self, points, colour, width=2):
        for a, b in zip(points, points[1:]):
            self.limb(a, b, colour, width)

    def arc(self, x, y, w, h, start, stop, colour, width=3):
        pygame.draw.arc(self.surf, rgb(colour), self.r(x, y, w, h), math.radians(start), math.radians(stop),
                        max(1, self.s(width)))

    # gradients ----------------------------------------------------------------
    def gradient(self, x, y, w, h, stops, horizontal=False):
        """A smooth gradient through `stops` (colours, evenly spaced), top to bottom or left to right."""
        n = 64
        strip = pygame.Surface((n, 1) if horizontal else (1, n))
        for i in range(n):
            t = i / (n - 1) * (len(stops) - 1)
            k = min(int(t), len(stops) - 2)
            c = mix(stops[k], stops[k + 1], t - k)
            strip.set_at((i, 0) if horizontal else (0, i), c)
        rect = self.r(x, y, w, h)
        self.surf.blit(pygame.transform.smoothscale(strip, rect.size), rect.topleft)

    # light and shade ------------------------------------------------------------
    def light(self, x, y, r, colour, strength=1.0, power=1.6, sy=1.0):
        """Add light: a soft disc (or ellipse, sy != 1) that brightens what is under it."""
        c = mix("#000000", colour, strength)
        w, h = max(2, self.s(2 * r)), max(2, self.s(2 * r * sy))
        disc = pygame.transform.smoothscale(radial(power), (w, h))
        tinted = pygame.Surface((w, h))
        tinted.fill(c)
        mask = pygame.Surface((w, h))  # the disc's alpha as grey: the light's strength at each pixel
        mask.fill((0, 0, 0))
        mask.blit(disc, (0, 0))
        tinted.blit(mask, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
        self.surf.blit(tinted, (self.s(x) - w // 2, self.s(y) - h // 2), special_flags=pygame.BLEND_RGB_ADD)

    def glow(self, x, y, r, colour, strength=60, rings=None):
        """A soft disc of colour painted over (not added), `strength` 0..255 at the centre."""
        w = max(2, self.s(2 * r))
        disc = pygame.transform.smoothscale(radial(1.3), (w, w))
        tinted = pygame.Surface((w, w), pygame.SRCALPHA)
        tinted.fill((*rgb(colour), 255))
        tinted.blit(disc, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
        tinted.fill((255, 255, 255, min(255, strength * 3)), special_flags=pygame.BLEND_RGBA_MULT)
        self.surf.blit(tinted, (self.s(x) - w // 2, self.s(y) - w // 2))

    def shade(self, colour="#000000", alpha=80, rect=None):
        """Lay a flat translucent colour over everything (or over `rect`)."""
        x, y, w, h = rect or (0, 0, self.w, self.h)
        layer = pygame.Surface(self.r(x, y, w, h).size, pygame.SRCALPHA)
        layer.fill((*rgb(colour), alpha))
        self.surf.blit(layer, (self.s(x), self.s(y)))

    def beam(self, points, colour, alpha=60, fade_to=0.0):
        """A shaft of light: a polygon brightened more at its first points than its last (top to bottom)."""
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
        rect = self.r(x0, y0, x1 - x0, y1 - y0)
        mask = pygame.Surface(rect.size)
        mask.fill((0, 0, 0))
        pygame.draw.polygon(mask, (255, 255, 255), [(self.s(x) - rect.x, self.s(y) - rect.y) for x, y in points])
        ramp = pygame.Surface((1, 32))
        top = mix("#000000", colour, alpha / 255)
        for i in range(32):
            ramp.set_at((0, i), mix(top, mix("#000000", top, fade_to), i / 31))
        ramp = pygame.transform.smoothscale(ramp, rect.size)
        ramp.blit(mask, (0, 0), special_flags=pygame.BLEND_RGB_MULT)
        soft = pygame.transform.smoothscale(pygame.transform.smoothscale(ramp, (max(1, rect.w // 6), max(1, rect.h // 6))),
                                            rect.size)
        self.surf.blit(soft, rect.topleft, special_flags=pygame.BLEND_RGB_ADD)

    def vignette(self, strength=0.45, colour="#000000"):
        """Darken the corners so the eye goes to the middle."""
        w, h = self.surf.get_size()
        disc = pygame.transform.smoothscale(radial(0.7), (round(w * 1.5), round(h * 1.7)))
        dark = pygame.Surface((w, h), pygame.SRCALPHA)
        dark.fill((*rgb(colour), round(255 * strength)))
        hole = pygame.Surface((w, h), pygame.SRCALPHA)
        hole.fill((0, 0, 0, 0))
        hole.blit(disc, ((w - disc.get_width()) // 2, (h - disc.get_height()) // 2))
        dark.blit(hole, (0, 0), special_flags=pygame.BLEND_RGBA_SUB)
        self.surf.blit(dark, (0, 0))

    def rain(self, rng, count, area, colour="#dfe8ee", alpha=90, length=26, slant=-6, width=1.2):
        x0, y0, w, h = area
        with self.layer(alpha):
            for _ in range(count):
                x, y = x0 + rng.random() * w, y0 + rng.random() * h
                ln = length * (0.6 + rng.random() * 0.8)
                self.line((x, y), (x + slant * ln / length, y + ln), colour, width)

    def result(self) -> pygame.Surface:
        return pygame.transform.smoothscale(self.surf, (self.w, self.h))


# --------------------------------------------------------------------------
# people as silhouettes


def person(p: Painter, x: float, base: float, height: float, colour, pose: str = "stand", facing: int = 1,
           hair: str = "short", rim=None, rim_dx: float = 2.0, build: float = 1.0) -> None:
    """A person's silhouette standing (or sitting) with feet at `base`.

    pose: stand, glass (a raised drink), talk (a hand out), sit (on a stool or seat),
    hands (hands in pockets, shoulders up), arms_up (climbing). A `rim` colour
    draws the same shape first, shifted towards the light, so it shows as an
    edge of light on one side.
    """
    if rim is not None:
        _person(p, x + rim_dx, base - abs(rim_dx) * 0.5, height, rim, pose, facing, hair, build)
    _person(p, x, base, height, colour, pose, facing, hair, build)


def _person(p, x, base, h, c, pose, facing, hair, build):
    f = facing
    seat = pose == "sit"
    head_r = h * 0.068
    top = base - h
    if seat:
        top = base - h * 0.72
    hy = top + head_r
    sh_y = hy + head_r * 1.75
    sh_w = h * 0.125 * build
    hip_y = sh_y + h * 0.32
    hip_w = h * 0.09 * build
    # head, neck, hair
    p.circle(x, hy, head_r, c)
    p.rect(x - head_r * 0.45, hy + head_r * 0.6, head_r * 0.9, head_r * 1.2, c)
    if hair == "long":
        p.poly([(x - head_r * 1.05, hy - head_r * 0.2), (x + head_r * 1.05, hy - head_r * 0.2),
                (x + head_r * 1.15, sh_y + head_r * 0.6), (x - head_r * 1.15, sh_y + head_r * 0.6)], c)
    elif hair == "bun":
        p.circle(x - f * head_r * 0.7, hy - head_r * 0.85, head_r * 0.55, c)
    elif hair == "curly":
        for dx, dy in ((-0.8, -0.5), (0.8, -0.5), (0, -0.95), (-0.95, 0.2), (0.95, 0.2)):
            p.circle(x + dx * head_r, hy + dy * head_r, head_r * 0.6, c)
    elif hair == "hood":
        p.circle(x, hy - head_r * 0.1, head_r * 1.3, c)
    # torso: sloping shoulders, narrowing to the waist, out a little to the hips
    lift = h * 0.02 if pose == "hands" else 0
    neck = head_r * 0.5
    arm_w = h * 0.05 * build
    leg_w = h * 0.07 * build
    p.poly([(x - neck, sh_y - head_r * 0.3 - lift), (x + neck, sh_y - head_r * 0.3 - lift),
            (x + sh_w * 0.8, sh_y - lift), (x + sh_w, sh_y + head_r * 0.5 - lift),
            (x + sh_w * 0.92, sh_y + h * 0.14), (x + hip_w * 0.95, hip_y - h * 0.06), (x + hip_w * 1.1, hip_y),
            (x - hip_w * 1.1, hip_y), (x - hip_w * 0.95, hip_y - h * 0.06), (x - sh_w * 0.92, sh_y + h * 0.14),
            (x - sh_w, sh_y + head_r * 0.5 - lift), (x - sh_w * 0.8, sh_y - lift)], c)
    p.circle(x - sh_w + arm_w * 0.5, sh_y + arm_w * 0.45 - lift, arm_w * 0.62, c)
    p.circle(x + sh_w - arm_w * 0.5, sh_y + arm_w * 0.45 - lift, arm_w * 0.62, c)
    # legs
    if seat:
        knee_x = x + f * h * 0.2
        p.poly([(x - hip_w * 1.1, hip_y - leg_w * 0.2), (x + hip_w * 1.1, hip_y - leg_w * 0.2),
                (knee_x + f * leg_w * 0.4, hip_y), (knee_x + f * leg_w * 0.4, hip_y + leg_w),
                (x - hip_w * 1.1, hip_y + leg_w)], c)
        for dx in (-hip_w * 0.35, hip_w * 0.35):
            kx = knee_x + dx * 0.3
            p.poly([(kx - leg_w * 0.45, hip_y + leg_w * 0.5), (kx + leg_w * 0.45, hip_y + leg_w * 0.5),
                    (kx + leg_w * 0.35 + f * h * 0.02, base - leg_w * 0.3),
                    (kx - leg_w * 0.35 + f * h * 0.02, base - leg_w * 0.3)], c)
            p.ellipse(kx - leg_w * 0.5 + f * (h * 0.02 + 3), base - leg_w * 0.55, leg_w * 1.3, leg_w * 0.6, c)
    else:
        spread = h * 0.035
        for side in (-1, 1):
            top_in, top_out = x + side * hip_w * 0.05, x + side * hip_w * 1.1
            foot = x + side * (spread + leg_w * 0.35)
            p.poly([(top_in, hip_y - 2), (top_out, hip_y - 2), (foot + side * leg_w * 0.3, base - leg_w * 0.3),
                    (foot - side * leg_w * 0.3, base - leg_w * 0.3)], c)
            p.ellipse(foot - leg_w * 0.5 + f * leg_w * 0.25, base - leg_w * 0.55, leg_w * 1.1, leg_w * 0.55, c)
    # arms
    sl = (x - sh_w + arm_w * 0.4, sh_y + arm_w * 0.6 - lift)
    sr = (x + sh_w - arm_w * 0.4, sh_y + arm_w * 0.6 - lift)
    front, back = (sr, sl) if f > 0 else (sl, sr)
    if pose == "glass":
        elbow = (front[0] + f * h * 0.07, sh_y + h * 0.17)
        hand = (front[0] + f * h * 0.1, sh_y + h * 0.02)
        p.polyline([front, elbow, hand], c, arm_w)
        p.poly([(hand[0] - 6, hand[1] - 20), (hand[0] + 6, hand[1] - 20), (hand[0] + 4, hand[1]),
                (hand[0] - 4, hand[1])], c)
        p.polyline([back, (back[0] - f * h * 0.02, hip_y)], c, arm_w)
    elif pose == "talk":
        elbow = (front[0] + f * h * 0.05, sh_y + h * 0.2)
        p.polyline([front, elbow, (elbow[0] + f * h * 0.12, elbow[1] - h * 0.03)], c, arm_w)
        p.polyline([back, (back[0] - f * h * 0.02, hip_y)], c, arm_w)
    elif pose == "arms_up":
        p.polyline([sl, (sl[0] - h * 0.1, sh_y - h * 0.12), (sl[0] - h * 0.08, sh_y - h * 0.26)], c, arm_w)
        p.polyline([sr, (sr[0] + h * 0.12, sh_y - h * 0.02), (sr[0] + h * 0.16, sh_y - h * 0.14)], c, arm_w)
    elif pose == "hands":
        p.polyline([sl, (sl[0] - h * 0.02, hip_y - h * 0.04), (sl[0] + h * 0.02, hip_y)], c, arm_w)
        p.polyline([sr, (sr[0] + h * 0.02, hip_y - h * 0.04), (sr[0] - h * 0.02, hip_y)], c, arm_w)
    elif seat:
        p.polyline([front, (front[0] + f * h * 0.06, hip_y - h * 0.05), (front[0] + f * h * 0.16, hip_y - h * 0.04)],
                   c, arm_w)
        p.polyline([back, (back[0] + f * h * 0.02, hip_y)], c, arm_w)
    else:
        p.polyline([sl, (sl[0] - h * 0.02, hip_y + h * 0.02)], c, arm_w)
        p.polyline([sr, (sr[0] + h * 0.02, hip_y + h * 0.02)], c, arm_w)


def crowd(p: Painter, rng, y_base: float, count: int, x_range, height, colour, rim=None, poses=None,
          rim_dx: float = 2.0) -> None:
    """A row of people at one depth, spaced unevenly, each a little different."""
    x0, x1 = x_range
    poses = poses or ["stand", "stand", "glass", "talk", "hands"]
    hairs = ["short", "short", "long", "bun", "curly"]
    xs = sorted(x0 + rng.random() * (x1 - x0) for _ in range(count))
    for x in xs:
        hh = height * (0.9 + rng.random() * 0.18)
        person(p, x, y_base + rng.random() * height * 0.04, hh, colour, pose=rng.choice(poses),
               facing=rng.choice((-1, 1)), hair=rng.choice(hairs), rim=rim, rim_dx=rim_dx,
               build=0.9 + rng.random() * 0.25)
