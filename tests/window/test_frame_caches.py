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


def test_a_prefetched_portrait_is_the_one_read_when_drawn(tmp_path):
    from game.window.art import ASSETS, Art

    (tmp_path / "portraits").mkdir()
    source = ASSETS / "portraits" / "jess_warm.png"
    (tmp_path / "portraits" / "jess_warm.png").write_bytes(source.read_bytes())
    art = Art(tmp_path)
    try:
        art.prefetch([("jess", "warm"), ("nobody", "warm"), ("../jess", "warm")])
        assert list(art._pending) == [tmp_path / "portraits" / "jess_warm.png"]  # only files that are there
        shown = art.portrait("jess", "warm", (120, 156))
        assert not art._pending
    finally:
        art.close()
    fresh = Art(tmp_path).portrait("jess", "warm", (120, 156))
    assert shown is not None and same_pixels(shown, fresh)


def test_a_new_scene_prefetches_every_face_its_lines_may_show(make_app):
    from game.engine.vocabulary import partner_portrait
    from game.window.settings import Settings

    app = make_app(settings=Settings(text_speed="instant"))
    app.open_new_game(role="anxious")
    app.stack.top.start()
    play = app.stack.top
    runner = play.runner
    faces = play.scene_faces()
    partner = partner_portrait(runner.story, runner.role)
    spoken = {(partner if ln.speaker == "partner" else ln.speaker, ln.mood)
              for node in runner.scene.nodes.values() for ln in node.lines if ln.speaker not in ("narrator", "you")}
    assert spoken and spoken <= faces
    assert all(who != "partner" or partner == "partner" for who, _ in faces)
