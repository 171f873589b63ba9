"""Layout that must hold whatever the data: chart numbers clear of markers, paragraphs kept apart."""

from __future__ import annotations

import pygame
import pytest

from game.window.canvas import Canvas
from game.window.chart import Series, chart_height, draw_chart, overlaps
from game.window.settings import Settings
from game.window.text import TextSystem
from game.window.theme import theme_for

from window_helpers import SHIPPED

CASES = {
    "start 5 and 7": ((5, 5, 4, 4, 4), (7, 8, 6, 5, 5)),
    "level and crossing": ((5, 6, 6, 7, 7, 8), (5, 5, 6, 6, 7, 8)),
    "down to the floor": ((5, 4, 3, 2, 1, 0, 0), (7, 6, 5, 4, 3, 2, 1)),
    "top and bottom": ((5, 10, 10, 0, 0, 5), (7, 9, 10, 1, 0, 4)),
    "one apart all the way": ((5, 6, 5, 6, 5, 6, 5), (6, 5, 6, 5, 6, 5, 6)),
    "a long story": ((5, 5, 4, 4, 3, 3, 4, 5, 6, 6, 5, 4, 4, 3, 3, 2, 2, 2, 3, 3, 4),
                     (7, 8, 6, 5, 5, 4, 4, 5, 5, 6, 6, 5, 4, 3, 3, 3, 2, 1, 1, 2, 3)),
}


def chart(text_size: float, values, width: float):
    pygame.font.init()
    surface = pygame.Surface((1280, 720))
    canvas = Canvas(surface, TextSystem("atkinson", text_size, 1.0))
    closeness, safety = values
    series = [Series("Closeness", closeness, "closeness", False, "circle"),
              Series("Safety", safety, "safety", True, "square")]
    x_labels = ["Start"] + [str(i) for i in range(1, len(closeness))]
    layout = draw_chart(canvas, theme_for("default"), (20, 20, width, chart_height(canvas)), series, 0, 10, x_labels)
    assert canvas.overflows == []
    return layout


def assert_clear(layout) -> None:
    rects = [r for _, r in layout.labels]
    for i, r in enumerate(rects):
        bx, by, bw, bh = layout.bounds
        assert bx <= r[0] and r[0] + r[2] <= bx + bw and by <= r[1] and r[1] + r[3] <= by + bh, r
        for m in layout.markers:
            assert not overlaps(r, m), f"label {layout.labels[i][0]!r} at {r} covers the marker at {m}"
        for j, other in enumerate(rects[i + 1:], i + 1):
            assert not overlaps(r, other), f"labels {layout.labels[i][0]!r} and {layout.labels[j][0]!r} overlap"


@pytest.mark.parametrize("text_size", [1.0, 2.0])
@pytest.mark.parametrize("width", [420, 1150])
@pytest.mark.parametrize("case", sorted(CASES))
def test_chart_numbers_never_cover_a_marker_or_each_other(case, width, text_size):
    assert_clear(chart(text_size, CASES[case], width))


@pytest.mark.parametrize("text_size", [1.0, 2.0])
def test_chart_labels_both_start_values_on_their_own_sides(text_size):
    layout = chart(text_size, CASES["start 5 and 7"], 420)
    closeness_marker, safety_marker = layout.markers[0], layout.markers[5]  # the "Start" points
    at_start = {}
    for text, rect in layout.labels:
        for name, m in (("closeness", closeness_marker), ("safety", safety_marker)):
            if abs((rect[0] + rect[2] / 2) - (m[0] + m[2] / 2)) < 1:
                at_start.setdefault(name, []).append((text, rect, m))
    (s_text, s_rect, s_marker), = [t for t in at_start["safety"] if t[0] == "7"]
    (c_text, c_rect, c_marker), = [t for t in at_start["closeness"] if t[0] == "5"]
    assert s_rect[1] + s_rect[3] <= s_marker[1]  # safety's number above its marker
    assert c_rect[1] >= c_marker[1] + c_marker[3]  # closeness's number below its marker
    assert_clear(layout)


def test_every_point_gets_its_number_when_there_is_room():
    layout = chart(1.0, CASES["start 5 and 7"], 420)
    assert sorted(t for t, _ in layout.labels) == sorted(str(v) for s in CASES["start 5 and 7"] for v in s)


def test_debrief_and_ending_charts_keep_numbers_clear(make_app, monkeypatch):
    """The charts the player sees, in the shipped story, at 100% and 200% text."""
    from game.window.screens import debrief

    layouts = []
    real = debrief.draw_chart

    def recording(*args, **kw):
        layouts.append(real(*args, **kw))
        return layouts[-1]

    monkeypatch.setattr(debrief, "draw_chart", recording)
    for size in (1.0, 2.0):
        app = make_app(story_dir=SHIPPED, settings=Settings(text_size=size, text_speed="instant"))
        app.open_new_game(role="anxious")
        app.stack.top.start()
        play = app.stack.top
        for _ in range(200):
            if app.stack.top.name != "play":
                break
            if play.choices is not None:
                play.choose(len(play.choices.items) - 1)
            else:
                play.advance()
            app.step(1 / 60, intents=[])
        assert app.stack.top.name == "debrief"
        app.draw()
    assert layouts
    for layout in layouts:
        assert layout.labels
        assert_clear(layout)


# paragraphs ------------------------------------------------------------------------------

def ink_rows(surface: pygame.Surface, background) -> list[int]:
    w, h = surface.get_size()
    return [y for y in range(h) if any(surface.get_at((x, y))[:3] != background for x in range(0, w, 2))]


def runs(rows: list[int]) -> list[tuple[int, int]]:
    out = []
    for y in rows:
        if out and y == out[-1][1] + 1:
            out[-1] = (out[-1][0], y)
        else:
            out.append((y, y))
    return out


@pytest.mark.parametrize("text_size", [1.0, 2.0])
def test_a_newline_starts_a_new_paragraph_after_a_gap(text_size):
    pygame.font.init()
    text = TextSystem("atkinson", text_size, 1.0)
    width = 300
    one = text.wrap("Line one. Line one again and again.", "body", width)
    two = text.wrap("Line one. Line one again and again.\nLine two.", "body", width)
    folded = text.wrap("Line one. Line one again and again.\n\nLine two.", "body", width)
    assert len(one.lines) >= 2
    assert two.lines == one.lines + ("Line two.",)
    assert folded.lines == two.lines and folded.height == two.height  # a blank line is one break, not two
    # the new paragraph sits lower than a wrapped line would
    assert two.top(len(one.lines)) > one.top(len(one.lines) - 1) + one.line_height * 1.3
    assert two.height > (len(two.lines) + 0.3) * two.line_height

    # and that is what is drawn: the gap between paragraphs is wider than between lines
    surface = pygame.Surface((1280, 720))  # the logical size, so the canvas scale is 1 like the text's
    surface.fill((255, 255, 255))
    canvas = Canvas(surface, text)
    drawn = "ONE TWO THREE FOUR FIVE SEVEN\nEIGHT"  # capitals: no dots or descenders to split a line's ink
    block = canvas.text_in(drawn, "body", (0, 0, width, 700), (0, 0, 0))
    lines = runs(ink_rows(surface, (255, 255, 255)))
    assert len(block.lines) >= 3 and len(lines) == len(block.lines)
    gaps = [b[0] - a[1] for a, b in zip(lines, lines[1:])]
    assert gaps[-1] > max(gaps[:-1]) + one.line_height * 0.3


def shown_text(screen) -> list[str]:
    return [b.text for b in screen.column.blocks if b.kind == "text"]


def test_about_learn_more_and_ending_keep_their_paragraphs(make_app):
    from game.window.screens.info import about_screen

    app = make_app(story_dir=SHIPPED, settings=Settings(text_speed="instant"))
    story = app.session.story
    about = about_screen(app)
    texts = shown_text(about)
    for source in (story.about, story.learn_more):
        paras = [p for p in source.split("\n") if p.strip()]
        assert len(paras) >= 2
        for para in paras:
            assert " ".join(para.split()) in texts  # each paragraph on its own
    kinds = [b.kind for b in about.column.blocks]
    first = texts.index(" ".join(story.about.split("\n")[0].split()))
    assert kinds[kinds.index("text") + 1] == "gap" and first == 0

    from game.window.screens.ending import EndingScreen
    app.open_new_game(role="anxious")
    app.stack.top.start()
    runner = app.session.runner
    runner.state.ending = story.endings[0].id
    runner.state.phase = "ended"
    ending = EndingScreen(app)
    texts = shown_text(ending)
    shown = [p for p in runner.ending_text.split("\n") if p.strip()]
    assert len(shown) >= 2
    for para in shown:  # the paragraphs this game earns, each on its own
        assert " ".join(para.split()) in texts


def test_dialogue_and_whys_with_newlines_are_drawn_as_paragraphs():
    """Any text laid out by wrap (dialogue, debrief whys) gets the paragraph gap."""
    pygame.font.init()
    text = TextSystem("atkinson", 1.0, 1.0)
    block = text.wrap("She says nothing.\nThen: fine.", "body", 1000)
    assert block.lines == ("She says nothing.", "Then: fine.")
    assert block.top(1) > block.line_height * 1.3


@pytest.mark.parametrize("text, shown", [
    ("Put the phone down.", "“Put the phone down.”"),
    ('"Are we okay though? Really?"', "“Are we okay though? Really?”"),
    ('"Nine days?" Across the kitchen. "You told Marcus?"', "“Nine days?” Across the kitchen. “You told Marcus?”"),
    ('Type "no worries", and send it.', "Type “no worries”, and send it."),
    ("“Already curly.”", "“Already curly.”"),
])
def test_a_quoted_choice_gets_one_pair_of_marks(text, shown):
    from game.window.text import quoted
    assert quoted(text) == shown


def test_the_debrief_never_nests_quotation_marks(make_app):
    app = make_app(story_dir=SHIPPED, settings=Settings(text_speed="instant"))
    app.open_new_game(role="anxious")
    app.stack.top.start()
    play = app.stack.top
    for _ in range(200):
        if app.stack.top.name != "play":
            break
        if play.choices is not None:
            labels = [i.label for i in play.choices.items]
            quoted_one = next((i for i, t in enumerate(labels) if t.startswith('"')), 0)
            play.choose(quoted_one)  # a choice that is speech, when there is one
        else:
            play.advance()
    debrief = app.stack.top
    assert debrief.name == "debrief"
    texts = [b.text for b in debrief.column.blocks + getattr(debrief, "side", debrief.column).blocks
             if b.kind == "text"]
    assert any("“" in t for t in texts)
    for t in texts:
        assert "““" not in t and '“"' not in t and '"”' not in t, t


def test_a_long_path_breaks_after_a_slash_not_mid_word(make_app):
    app = make_app()
    text = app.text
    path = "/tmp/tmp.v0XiFXxG2H/tests/data/mini_story/and/some/more/folders"
    block = text.wrap(f"The story in {path} has 0 problems.", "body", 260)
    assert not block.too_wide
    assert all(not line.endswith("-") for line in block.lines)
    assert "".join(block.lines).replace(" ", "") == f"Thestoryin{path}has0problems."
