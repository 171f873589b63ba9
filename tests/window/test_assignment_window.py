"""An assignment in the window, played with real key presses and clicks: the code, the questions, the assigned
scenes, the questions after, sharing, and a hand-in code that replays to the same session as the terminal's."""

from __future__ import annotations

import io
from pathlib import Path
from types import SimpleNamespace

import pygame
import pytest

from game.engine import load_story
from game.engine.assignment import read_assignment
from game.engine.assignment_play import AssignmentPlay
from game.engine.diagnostics import DiagnosticBag
from game.engine.handin import FOUND, Handin, replay
from game.text.assignment import AssignmentTextGame
from window_helpers import MINI, click_at, press, pump

PART = """\
assignment: 1
id: wk-test
title: Week 1
story: {id: mini, version: 0.1.0}
roles: [avoidant]
scenes: [talk]
settings: {training: false, skip_allowed: true}
codes: ["K7Q2", "ABCD"]
before:
  - {id: pre_loop, kind: choice, text: Which is naming the loop?, options: [You always, This is our loop again], answer: 1}
  - {id: pre_sure, kind: likert, text: I can spot the loop.}
  - {id: pre_note, kind: text, text: One word for how you feel?}
after:
  - {id: post_sure, kind: likert, text: I can spot the loop.}
"""
WHOLE = PART.replace("roles: [avoidant]", "roles: [anxious, avoidant]").replace("scenes: [talk]", "scenes: [text, talk]")
ANSWERS = {"pre_loop": 2, "pre_sure": 4, "pre_note": "calm now", "post_sure": 5}  # menu numbers, as typed


def write(tmp_path, text, name="wk.tether.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def type_text(app, text):
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    pump(app)


def answer_questions(app, answers):
    """Answer the questions on screen as a keyboard player would: a number, or typing and Enter."""
    for _ in range(20):
        top = app.stack.top
        if top.name != "assignment_questions":
            return
        q = top.question
        if q.kind == "text":
            type_text(app, answers[q.id])
            press(app, pygame.K_RETURN)
        else:
            n = answers[q.id]
            press(app, pygame.K_0 + n, str(n))


def play_scenes(app, picks, stop_after=None):
    """Play with number keys until play is over (or `stop_after` choices); Tab and Enter on debriefs."""
    made = 0
    for _ in range(300):
        top = app.stack.top
        if top.name not in ("play", "debrief", "ending"):
            return
        if top.name == "ending":
            press(app, pygame.K_RIGHT)  # from "The whole year" to "Finish the assignment"
            press(app, pygame.K_RETURN)
        elif top.name == "play" and top.choices is not None:
            if stop_after is not None and made >= stop_after:
                return
            n = picks.pop(0) if picks else 1
            press(app, pygame.K_0 + n, str(n))
            made += 1
        elif top.name == "debrief":
            press(app, pygame.K_TAB)
            press(app, pygame.K_RETURN)
        else:
            press(app, pygame.K_RETURN)


def by_terminal(path, code, keys, monkeypatch, tmp_path):
    """The terminal's hand-in code for the same answers and choices (its own data folder)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "terminal-data"))
    story = load_story(MINI)
    assignment = read_assignment(path, DiagnosticBag(), story)
    args = SimpleNamespace(role=None, partner_name=None, pronouns=None, continue_game=False, log=None, story=None,
                           choices=None, assignment=path, dev=False)
    out = io.StringIO()
    game = AssignmentTextGame(story, args, AssignmentPlay(assignment, story, code), out=out,
                              inp=io.StringIO("\n".join(keys) + "\n"))
    assert game.run() == 0
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "window-data"))
    codes = FOUND.findall(out.getvalue())
    assert len(codes) == 1, out.getvalue()
    return codes[0]


def replayed(code) -> dict:
    log = replay(Handin.from_text(code), load_story(MINI)).log.to_dict()
    return {k: v for k, v in log.items() if k not in ("written_at", "started_at", "finished_at")}


def test_a_part_of_the_story_from_code_to_hand_in_code_replays_like_the_terminal(make_app, tmp_path, monkeypatch):
    path = write(tmp_path, PART)
    terminal = by_terminal(path, "K7Q2", ["2", "4", "calm now", "1", "5", "y"], monkeypatch, tmp_path)
    app = make_app(assignment=path, code=None, log=None)
    assert app.stack.top.name == "assignment_code"
    type_text(app, "zz99")
    press(app, pygame.K_RETURN)
    assert app.stack.top.name == "assignment_code"
    assert app.stack.top.problems == ["ZZ99 is not one of this assignment's codes; check it with your teacher."]
    assert app.toast_time > 0 and app.toast_text.startswith("ZZ99 is not")  # said where any text size shows it
    for _ in range(4):
        press(app, pygame.K_BACKSPACE)
    type_text(app, "k7q2")
    press(app, pygame.K_RETURN)
    assert app.toast_time == 0  # the old problem does not follow onto the questions
    answer_questions(app, ANSWERS)
    assert app.stack.top.name == "play"  # one role: no role to pick
    assert app.session.runner.scene.id == "talk" and app.session.runner.role == "avoidant"
    play_scenes(app, [1])
    answer_questions(app, ANSWERS)
    top = app.stack.top
    assert top.name == "assignment_share"
    assert top.buttons.focused is None  # nothing chosen for the student
    press(app, pygame.K_RETURN)
    assert app.stack.top.name == "assignment_share"
    click_at(app, top.buttons.rects["share"])
    pump(app)
    top = app.stack.top
    assert top.name == "handin" and top.final
    assert replayed(top.code) == replayed(terminal)
    handin = Handin.from_text(top.code)
    assert handin.code == "K7Q2" and handin.answers == {"pre_loop": 1, "pre_sure": 4, "pre_note": "calm now",
                                                         "post_sure": 5}
    assert app.assignment.flow.handin_file.read_text().strip() == top.code
    press(app, pygame.K_c, "c")
    assert pygame.scrap.get_text() == top.code and top.status.startswith("Copied.")
    for _ in range(3):  # Enter mashed on the hand-in page does not leave it
        press(app, pygame.K_RETURN)
    assert app.stack.top is top
    click_at(app, top.buttons.rects["title"])
    pump(app)
    assert app.stack.top.name == "title" and app.assignment is None
    assert app.session.story.scene_order == ("text", "talk")  # the whole story again


def test_the_whole_story_ends_with_the_ending_then_the_questions_after(make_app, tmp_path, monkeypatch):
    path = write(tmp_path, WHOLE)
    keys = ["2", "4", "", "1", "1", "2", "5"]  # answers, the role, two choices, the answer after
    terminal = by_terminal(path, "ABCD", keys, monkeypatch, tmp_path)
    app = make_app(assignment=path, code="abcd", log=None)
    assert app.stack.top.name == "assignment_questions"  # a code that fits starts straight away
    answer_questions(app, {**ANSWERS, "pre_note": ""})
    assert app.stack.top.name == "assignment_questions"  # an empty answer is not taken by Enter ...
    assert "Skip this question" in app.stack.top.message
    press(app, pygame.K_TAB)
    press(app, pygame.K_RIGHT)
    press(app, pygame.K_RETURN)  # ... but Skip is
    new_game = app.stack.top
    assert new_game.name == "new_game" and [i.id for i in new_game.roles.items] == ["anxious", "avoidant"]
    assert [i.id for i in new_game.options.items] == ["pronouns"]  # training mode is the teacher's setting
    new_game.start()
    play_scenes(app, [1, 2])
    answer_questions(app, ANSWERS)
    assert app.stack.top.name == "handin"  # no written answer, so nothing to share
    assert replayed(app.stack.top.code) == replayed(terminal)
    assert replayed(terminal)["ending"] is not None
    first = app.stack.top.code
    click_at(app, app.stack.top.buttons.rects["title"])
    pump(app)
    # the same code another day: the hand-in code again, no questions asked twice
    app.open("open_assignment", path=str(path))
    press(app, pygame.K_RETURN)
    type_text(app, "ABCD")
    press(app, pygame.K_RETURN)
    resume = app.stack.top
    assert resume.name == "assignment_resume"
    click_at(app, resume.buttons.rects["continue"])
    pump(app)
    top = app.stack.top
    assert top.name == "handin" and top.final and top.code == first
    assert "finished this assignment earlier" in app.toast_text


def test_stopping_part_way_shows_the_hand_in_code_so_far(make_app, tmp_path, monkeypatch):
    path = write(tmp_path, WHOLE.split("before:")[0] + "after:" + WHOLE.split("after:")[1], "short.tether.yaml")
    terminal = by_terminal(path, "K7Q2", ["1", "2", "q"], monkeypatch, tmp_path)
    app = make_app(assignment=path, code="K7Q2", role="anxious", log=None)
    play_scenes(app, [2], stop_after=1)
    assert app.stack.top.name == "play" and len(app.session.runner.moves) == 1
    pygame.event.post(pygame.event.Event(pygame.QUIT))  # the window's close button
    pump(app)
    top = app.stack.top
    assert app.running and top.name == "handin" and not top.final and top.closing
    assert replayed(top.code) == replayed(terminal)
    assert [i.id for i in top.buttons.items] == ["copy", "play", "quit"]
    click_at(app, top.buttons.rects["play"])  # keep playing after all
    pump(app)
    assert app.stack.top.name == "play"
    press(app, pygame.K_ESCAPE)
    pause = app.stack.top
    click_at(app, pause.menu.rects["title"])  # Quit to title: the hand-in code so far, then the title
    pump(app)
    assert app.stack.top.name == "handin" and not app.stack.top.closing
    click_at(app, app.stack.top.buttons.rects["title"])
    pump(app)
    assert app.stack.top.name == "title"
    # the same code again continues the saved game, when the student says so
    app.open("open_assignment", path=str(path))
    press(app, pygame.K_RETURN)
    assert app.stack.top.name == "assignment_code"
    type_text(app, "K7Q2")
    press(app, pygame.K_RETURN)
    resume = app.stack.top
    assert resume.name == "assignment_resume" and resume.buttons.focused is None
    click_at(app, resume.buttons.rects["continue"])
    pump(app)
    assert app.stack.top.name == "play" and len(app.session.runner.moves) == 1


def test_closing_the_window_at_the_questions_after_gives_the_code_so_far(make_app, tmp_path):
    path = write(tmp_path, PART)
    app = make_app(assignment=path, code="K7Q2", log=None)
    answer_questions(app, ANSWERS)
    play_scenes(app, [1])
    assert app.stack.top.name == "assignment_questions" and app.stack.top.which == "after"
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    pump(app)
    top = app.stack.top
    assert app.running and top.name == "handin" and not top.final
    assert Handin.from_text(top.code).steps  # the play is in it
    click_at(app, top.buttons.rects["back"])  # back to the questions
    pump(app)
    assert app.stack.top.name == "assignment_questions"
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    pump(app)
    pygame.event.post(pygame.event.Event(pygame.QUIT))  # the second press closes the window
    pump(app)
    assert not app.running


def test_skipping_and_training_mode_follow_the_assignment(make_app, tmp_path):
    path = write(tmp_path, WHOLE.replace("skip_allowed: true", "skip_allowed: false").replace("training: false",
                                                                                             "training: true"))
    app = make_app(assignment=path, code="K7Q2", log=None)
    assert not app.settings.show_meters
    answer_questions(app, ANSWERS)
    app.stack.top.start()
    assert app.stack.top.name == "play"
    assert app.show_meters and not app.settings.show_meters  # shown, and the player's own setting is left alone
    app.draw()
    assert any(where == "meter" for _, where, _ in app.canvas.text_rects)
    press(app, pygame.K_ESCAPE)
    skip = next(i for i in app.stack.top.menu.items if i.id == "skip")
    assert not skip.enabled and skip.detail == "Turned off for this assignment"
    app.skip_scene()  # not even by a direct call
    assert app.session.runner.state.skipped == []
    app.open("settings", overlay=True)
    meters = next(i for i in app.stack.top.rows.items if i.id == "show_meters")
    assert not meters.enabled and "on in this assignment" in meters.label


def test_the_title_opens_an_assignment_from_a_list_or_a_typed_path(make_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, PART)
    broken = write(tmp_path, PART.replace("scenes: [talk]", "scenes: [tlak]"), "broken.tether.yaml")
    app = make_app()
    title = app.stack.top
    click_at(app, title.menu.rects["assignment"])
    pump(app)
    chooser = app.stack.top
    assert chooser.name == "open_assignment"
    names = [i.label for i in chooser.list.items]
    assert sorted(names) == ["broken.tether.yaml", "wk.tether.yaml"]
    assert chooser.list.focused is None
    for _ in range(3):
        press(app, pygame.K_RETURN)  # nothing is opened by Enter alone
    assert app.stack.top is chooser
    type_text(app, broken.name)  # typing goes to the path field
    assert chooser.field.text == "broken.tether.yaml"
    press(app, pygame.K_RETURN)
    assert app.stack.top is chooser
    assert any("broken.tether.yaml:6:" in p and "A0015" in p for p in chooser.problems), chooser.problems
    click_at(app, chooser.list.rects[str(names.index("wk.tether.yaml"))])
    pump(app)
    assert app.stack.top.name == "assignment_code"
    press(app, pygame.K_ESCAPE)
    assert app.stack.top.name == "title" and app.assignment is None


def test_tether_play_gui_opens_an_assignment_in_the_window(tmp_path, monkeypatch):
    from game.cli.main import main
    from game.window import app as window

    seen = {}

    def run(args):
        seen.update(vars(args))
        return 0

    monkeypatch.setattr(window, "run", run)
    path = write(tmp_path, PART)
    assert main(["play", "--gui", "--story", str(MINI), "--assignment", str(path), "--code", "K7Q2"]) == 0
    assert seen["assignment"] == path and seen["code"] == "K7Q2"
    bad = write(tmp_path, PART.replace("roles: [avoidant]", "roles: [nobody]"), "bad.tether.yaml")
    assert main(["play", "--gui", "--story", str(MINI), "--assignment", str(bad)]) == 1


@pytest.mark.parametrize("size", [1.0, 2.0])
def test_the_assignment_pages_fit_at_every_text_size(make_app, tmp_path, size):
    from game.window.settings import Settings

    path = write(tmp_path, PART)
    app = make_app(assignment=path, code=None, log=None, settings=Settings(text_size=size, text_speed="instant"))
    seen = {}

    def look():
        app.draw()
        seen[app.stack.top.shot_key()] = list(app.canvas.overflows)

    look()
    type_text(app, "K7Q2")
    press(app, pygame.K_RETURN)
    for _ in range(3):
        look()
        q = app.stack.top.question
        if q.kind == "text":
            type_text(app, "a longer answer " * 8)
            look()
            press(app, pygame.K_RETURN)
        else:
            press(app, pygame.K_1, "1")
    play_scenes(app, [1, 1])
    look()
    press(app, pygame.K_1, "1")
    look()
    app.stack.top.on_button("share")
    look()
    assert {"assignment_code", "assignment_before_choice", "assignment_before_likert", "assignment_before_text",
            "assignment_after_likert", "assignment_share", "handin"} <= set(seen)
    assert all(not found for found in seen.values()), {k: v for k, v in seen.items() if v}


def test_every_assignment_screen_lays_out_cleanly(make_app):
    """The assignment's screens, checked like every other screen: at each sampled setting, no text overlaps,
    crosses its panel's edge or is cut."""
    from test_layout_sweep import SAMPLE, problems

    from game.window.settings import Settings
    from game.window.tour_assignment import assignment_tour

    for size, theme, font, window in SAMPLE:
        app = make_app(settings=Settings(text_size=size, theme=theme, font=font, text_speed="instant"))
        pygame.display.set_mode(window)
        app.on_resize()
        found = {}
        real_draw = app.draw

        def checked_draw(app=app, real_draw=real_draw, found=found):
            real_draw()
            bad = problems(app.canvas)
            if bad:
                found.setdefault(app.stack.top.shot_key() or app.stack.top.name, []).extend(bad)

        app.draw = checked_draw
        seen = assignment_tour(app)
        assert {"assignment_open", "assignment_code", "assignment_before_text", "assignment_role", "handin_so_far",
                "assignment_share", "handin", "assignment_resume"} <= set(seen)
        assert found == {}, (size, theme, font, window, found)


def test_the_list_of_assignment_files_looks_into_subfolders_within_bounds(tmp_path, monkeypatch):
    from game.window import assignment as chooser

    root = tmp_path / "Documents"
    for rel in ("a.tether.yaml", "Psychology/b.tether.yaml", "Psychology/Week 5/c.TETHER.yaml",
                "Psychology/Week 5/deep/d.tether.yaml", ".hidden/e.tether.yaml", "notes.yaml"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("assignment: 1\n")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "f.tether.yaml").write_text("assignment: 1\n")
    (root / "link").symlink_to(outside, target_is_directory=True)
    found = chooser.find_assignment_files([root, root / "Psychology"])  # overlapping folders: each file once
    assert sorted(p.name for p in found) == ["a.tether.yaml", "b.tether.yaml", "c.TETHER.yaml", "d.tether.yaml"]
    assert sorted(p.name for p in chooser.find_assignment_files([root])) == ["a.tether.yaml", "b.tether.yaml",
                                                                           "c.TETHER.yaml"]  # two levels down
    monkeypatch.setattr(chooser, "MAX_SCANNED", 3)  # the budget of entries read stops a huge tree early
    assert len(chooser.find_assignment_files([root])) <= 1
