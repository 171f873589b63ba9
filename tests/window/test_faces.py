"""Faces: the last speaker's face stays beside the choices, and a new mood cross-fades in."""

from __future__ import annotations

import pygame

from game.engine.runner import ShownLine
from game.window.settings import Settings

from window_helpers import press


def overlaps(a, b) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def to_choices(app):
    app.open_new_game(role="anxious")
    app.stack.top.start()
    play = app.stack.top
    for _ in range(40):
        if play.choices is not None:
            return play
        press(app, pygame.K_RETURN)
    raise AssertionError("no choices appeared")


def test_the_face_stays_beside_the_choices_without_covering_them(make_app):
    for size in (1.0, 2.0):
        app = make_app(settings=Settings(text_speed="instant", text_size=size))
        play = to_choices(app)
        assert play.portrait == ("priya", "neutral")  # Priya spoke last before the menu
        app.draw()
        face = play.face.rect
        assert face is not None, f"no face beside the choices at {size:.0%} text"
        assert face[2] >= 120  # big enough to read a mood
        assert face[0] + face[2] <= 1280 and face[1] + face[3] <= 720
        for rect in play.choices.rects.values():
            assert not overlaps(face, rect), (size, face, rect)
        if play.box_rect:
            assert not overlaps(face, play.box_rect)
        assert app.canvas.overflows == []


def line(mood: str, speaker: str = "partner") -> ShownLine:
    return ShownLine(f"text.a_reply.{mood}", speaker, "Sam", f"A {mood} line.", mood)


def test_a_new_mood_cross_fades_in(make_app):
    app = make_app(settings=Settings(text_speed="instant"))
    app.open_new_game(role="anxious")
    app.stack.top.start()
    play = app.stack.top
    play.show_line(line("warm"))
    play.face.update(1.0)
    play.show_line(line("hurt"))
    assert play.face.key[1] == "hurt" and play.face.previous[1] == "warm" and play.face.fading
    drawn = []
    real = app.art.portrait
    app.art.portrait = lambda who, mood, size: drawn.append(mood) or real(who, mood, size)
    app.step(0.05, intents=[])
    assert drawn[-2:] == ["warm", "hurt"]  # both faces, the old one fading out under the new
    for _ in range(30):
        app.step(0.05, intents=[])
    assert not play.face.fading
    drawn.clear()
    app.draw()
    assert drawn == ["hurt"]


def test_reduced_motion_changes_the_face_at_once(make_app):
    app = make_app(settings=Settings(text_speed="instant", reduce_motion=True))
    app.open_new_game(role="anxious")
    app.stack.top.start()
    play = app.stack.top
    play.show_line(line("warm"))
    play.show_line(line("tense"))
    assert play.face.key[1] == "tense" and not play.face.fading


def test_moods_differ_where_a_thumbnail_shows_them():
    """Each pair of moods differs visibly in the face itself, at the size of the card beside the choices."""
    from pathlib import Path
    root = Path(__file__).resolve().parents[2] / "assets" / "portraits"
    for who in ("partner_room", "partner_reach", "priya", "marcus", "jess"):
        faces = {}
        for mood in ("neutral", "warm", "hurt", "guarded", "tense"):
            img = pygame.transform.smoothscale(pygame.image.load(str(root / f"{who}_{mood}.png")), (100, 130))
            faces[mood] = [img.get_at((x, y))[:3] for x in range(25, 75, 2) for y in range(20, 75, 2)]
        moods = list(faces)
        for i, a in enumerate(moods):
            for b in moods[i + 1:]:
                changed = sum(1 for p, q in zip(faces[a], faces[b]) if max(abs(u - v) for u, v in zip(p, q)) > 40)
                assert changed >= 15, f"{who}: {a} and {b} look alike at thumbnail size ({changed} pixels differ)"


def test_the_partners_face_follows_the_roles_habit_whatever_the_role_is_called(make_app, tmp_path):
    from tests.conftest import mini_with_renamed_roles

    root = mini_with_renamed_roles(tmp_path / "renamed")
    for role, face in (("reacher", "partner_room"), ("keeper", "partner_reach")):
        app = make_app(story_dir=root)
        app.open_new_game(role=role)
        app.stack.top.start()
        play = app.stack.top
        play.show_line(line("warm"))
        assert play.face.key == (face, "warm"), role
