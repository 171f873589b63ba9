"""Surfaces the window keeps between frames so a frame does not rebuild them: each one must still draw
exactly what a fresh one would, and follow the window when it changes size."""

from __future__ import annotations

import pygame

from game.window.canvas import LOGICAL_H, LOGICAL_W, Canvas
from game.window.text import TextSystem


def painted(size, draw) -> pygame.Surface:
    surface = pygame.Surface(size)
    surface.fill((200, 120, 40))
    pygame.draw.circle(surface, (10, 220, 90), (size[0] // 3, size[1] // 2), size[1] // 3)
    canvas = Canvas(surface, TextSystem("atkinson", 1.0, size[0] / LOGICAL_W))
    draw(canvas)
    return surface


def same_pixels(a: pygame.Surface, b: pygame.Surface) -> bool:
    return a.get_size() == b.get_size() and pygame.image.tobytes(a, "RGB") == pygame.image.tobytes(b, "RGB")


def test_the_fade_draws_what_a_fresh_translucent_layer_draws_at_every_step():
    size = (LOGICAL_W // 2, LOGICAL_H // 2)
    steps = (255, 200, 131, 64, 1)

    def fading(canvas):
        for alpha in steps:  # one canvas, the layer refilled each time
            canvas.dim((0, 0, 0), alpha)

    def fresh(canvas):
        for alpha in steps:
            canvas.rect_alpha((0, 0, LOGICAL_W, LOGICAL_H), (0, 0, 0), alpha)
            canvas._alpha_cache.clear()

    assert same_pixels(painted(size, fading), painted(size, fresh))
    assert not same_pixels(painted(size, lambda c: c.dim((0, 0, 0), 64)), painted(size, lambda c: None))


def test_the_fade_follows_a_resized_window():
    canvas = Canvas(pygame.Surface((320, 180)), TextSystem("atkinson", 1.0, 0.25))
    canvas.dim((0, 0, 0), 128)
    bigger = pygame.Surface((640, 360))
    bigger.fill((255, 255, 255))
    canvas.set_target(bigger)
    canvas.dim((0, 0, 0), 255)
    assert bigger.get_at((639, 359))[:3] == (0, 0, 0)  # the whole new window, not the old one's corner
