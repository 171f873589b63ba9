"""Every screen at every setting: no text overlaps other text, none straddles its panel's edge, none is cut.

The settings are text size 100-200 %, both themes, both fonts and two window
sizes. A sample that covers every value of each setting and every pair of
size with the others runs by default; the whole cross product is behind
`slow` (make test-long).
"""

from __future__ import annotations

import itertools

import pygame
import pytest

from game.window.settings import TEXT_SIZES, Settings

from window_helpers import MINI, press
from window_tour import tour

WINDOWS = ((1280, 720), (1920, 1080))
THEMES = ("calm", "high_contrast")
FONTS = ("atkinson", "opendyslexic")

# every text size with each theme, font and window at least once, and the extremes with all of them
SAMPLE = [
    (1.0, "calm", "atkinson", (1280, 720)),
    (1.25, "high_contrast", "opendyslexic", (1920, 1080)),
    (1.5, "calm", "opendyslexic", (1280, 720)),
    (1.75, "high_contrast", "atkinson", (1280, 720)),
    (2.0, "calm", "opendyslexic", (1920, 1080)),
    (2.0, "high_contrast", "atkinson", (1280, 720)),
    (2.0, "calm", "opendyslexic", (1280, 720)),
]
EVERY = list(itertools.product(TEXT_SIZES, THEMES, FONTS, WINDOWS))


def overlap(a, b) -> float:
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return w * h if w > 0.5 and h > 0.5 else 0.0


def inside(inner, outer, slack: float = 0.5) -> bool:
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack
            and inner[0] + inner[2] <= outer[0] + outer[2] + slack and inner[1] + inner[3] <= outer[1] + outer[3] + slack)


def problems(canvas) -> list[str]:
    """What is wrong with the frame just drawn."""
    found = list(canvas.overflows)
    texts = [(layer, where, r) for layer, where, r in canvas.text_rects if where != "chart halo"]
    for layer, where, r in texts:
        if not inside(r, (0, 0, 1280, 720)):
            found.append(f"{where}: text at {fmt(r)} is off the screen")
        for player, p in canvas.panels:
            if player == layer and overlap(r, p) and not inside(r, p):
                found.append(f"{where}: text at {fmt(r)} crosses the edge of the panel at {fmt(p)}")
    for (la, wa, a), (lb, wb, b) in itertools.combinations(texts, 2):
        if la == lb and overlap(a, b) > 4:
            found.append(f"{wa} at {fmt(a)} overlaps {wb} at {fmt(b)}")
    return found


def fmt(r) -> str:
    return "({:.0f}, {:.0f}, {:.0f}x{:.0f})".format(*r)


def sweep(make_app, size, theme, font, window, story_dir=MINI) -> dict[str, list[str]]:
    app = make_app(story_dir=story_dir, settings=Settings(text_size=size, theme=theme, font=font,
                                                           text_speed="instant"))
    pygame.display.set_mode(window)
    app.on_resize()
    found = {}
    real_draw = app.draw

    def checked_draw():
        real_draw()
        top = app.stack.top.shot_key() or app.stack.top.name if app.stack.top else "?"
        bad = problems(app.canvas)
        if bad:
            found.setdefault(top, []).extend(bad)

    app.draw = checked_draw
    tour(app)
    return found


@pytest.mark.parametrize("size, theme, font, window", SAMPLE,
                         ids=[f"{s:.0%}-{t}-{f}-{w[0]}" for s, t, f, w in SAMPLE])
def test_every_screen_lays_out_cleanly(make_app, size, theme, font, window):
    assert sweep(make_app, size, theme, font, window) == {}


@pytest.mark.slow
@pytest.mark.parametrize("size, theme, font, window", EVERY,
                         ids=[f"{s:.0%}-{t}-{f}-{w[0]}" for s, t, f, w in EVERY])
def test_every_screen_lays_out_cleanly_at_every_setting(make_app, size, theme, font, window):
    assert sweep(make_app, size, theme, font, window) == {}


def test_the_sample_covers_every_value():
    for i, values in enumerate((TEXT_SIZES, THEMES, FONTS, WINDOWS)):
        assert set(values) <= {case[i] for case in SAMPLE}


def test_a_drawn_overlap_is_found():
    """The checker itself: two texts on one spot, and a text across a panel's edge, are reported."""
    pygame.font.init()
    from game.window.canvas import Canvas
    from game.window.text import TextSystem
    from game.window.theme import CALM
    from game.window.widgets import panel

    canvas = Canvas(pygame.Surface((1280, 720)), TextSystem("atkinson", 1.0, 1.0))
    canvas.begin_frame()
    panel(canvas, CALM, (100, 100, 200, 100))
    canvas.text_in("Inside the panel", "body", (110, 110, 180, 40), (0, 0, 0), where="a")
    canvas.text_in("Over it", "body", (120, 112, 180, 40), (0, 0, 0), where="b")
    canvas.text_in("Half out", "body", (250, 150, 200, 40), (0, 0, 0), where="c")
    found = problems(canvas)
    assert any(p.startswith("a at") and "overlaps b" in p for p in found), found
    assert any(p.startswith("c:") and "crosses the edge" in p for p in found), found


@pytest.mark.parametrize("size, theme, font, window", SAMPLE,
                         ids=[f"{s:.0%}-{t}-{f}-{w[0]}" for s, t, f, w in SAMPLE])
def test_the_title_disclaimer_shows_whole_without_scrolling(make_app, size, theme, font, window):
    from window_helpers import SHIPPED
    app = make_app(story_dir=SHIPPED, settings=Settings(text_size=size, theme=theme, font=font, text_speed="instant"))
    pygame.display.set_mode(window)
    app.on_resize()
    app.draw()
    title = app.stack.top
    assert title.name == "title"
    assert title.notice.track is None, "the disclaimer needs scrolling"
    assert title.notice.content_h <= title.notice.view[3] + 0.5
    assert problems(app.canvas) == []
    if title.notice_first:  # on its own page first: going on shows the menu, laid out cleanly
        press(app, pygame.K_RETURN)
        assert not title.notice_first and app.disclaimer_seen
        app.draw()
        assert title.menu.rects and problems(app.canvas) == []


def shipped_menus():
    from game.engine.loader import load_story
    from window_helpers import SHIPPED
    story = load_story(SHIPPED)
    return [(node.id, [c.text for c in node.choices]) for node in story.all_nodes() if node.choices]


@pytest.mark.parametrize("font", FONTS)
def test_every_menu_of_the_shipped_story_fits_or_scrolls_with_a_cue(make_app, font):
    """Each menu at 200 % text beside its node's longest line: all choices show, or a scrollbar says there is more."""
    from game.engine.runner import ShownLine
    from game.window.widgets import Item, ItemList
    from window_helpers import SHIPPED

    app = make_app(story_dir=SHIPPED, settings=Settings(text_size=2.0, font=font, text_speed="instant"))
    app.open_new_game(role="anxious")
    app.stack.top.start()
    play = app.stack.top
    runner = app.session.runner
    menus = shipped_menus()
    assert len(menus) > 40
    longest = max((line for node in runner.story.all_nodes() for line in node.lines), key=lambda ln: len(ln.text))
    scrolled = 0
    for node_id, texts in menus:
        play.line = ShownLine("x.y.1", "partner", "Sam", runner.render(longest.text), "hurt")
        play.line_read = True  # the player has read the line: the choices may take its room
        play.face.show("partner_room", "hurt", animate=False)
        play.choices = ItemList([Item(str(i), runner.render(t), number=i + 1) for i, t in enumerate(texts)], focus=0)
        app.draw()
        choices = play.choices
        assert problems(app.canvas) == [], node_id
        view = choices.view
        assert view[1] >= 0 and view[1] + view[3] <= 720 + 8, node_id
        if choices.content_h > view[3] - 16 + 0.5:
            scrolled += 1
            assert choices.track is not None, f"{node_id}: choices are cut off with no scrollbar"
        # the focused choice is always in view
        r = choices.rects[choices.focused.id]
        assert r[1] >= view[1] and r[1] + r[3] <= view[1] + view[3], (node_id, r, view, choices.content_h, choices.scroll, choices.rects)
