"""How the story's flow shows in the window: an early ending's debrief, and choices in the history."""

from __future__ import annotations

import shutil

import pygame

from game.window.settings import Settings

from window_helpers import MINI, go_on, press


def early_story(tmp_path):
    """The mini story, with an early ending that the anxious role's first choice sets off."""
    story = tmp_path / "early_story"
    shutil.copytree(MINI, story)
    path = story / "story.yaml"
    text = path.read_text()
    assert "when: safety <= 0" in text
    path.write_text(text.replace("when: safety <= 0", "when: safety <= 3"))
    return story


def play_to_choices(app):
    play = app.stack.top
    for _ in range(40):
        if play.choices is not None:
            return play
        press(app, pygame.K_RETURN)
    raise AssertionError("no choices appeared")


def test_an_early_ending_shows_the_scene_debrief_then_the_ending(make_app, tmp_path):
    app = make_app(story_dir=early_story(tmp_path), role="anxious")
    app.open_new_game(role="anxious")
    app.stack.top.start()
    play_to_choices(app)
    press(app, pygame.K_1, "1")  # "Send another": safety 5 -> 3, the early ending
    runner = app.session.runner
    assert runner.phase == "ended" and runner.state.ended_early
    top = app.stack.top
    assert top.name == "debrief", top.name
    assert top.scene.id == "text"
    assert any("Send another" in b.text for b in top.column.blocks + top.side.blocks if b.kind == "text")
    assert top.buttons.items[0].label == "Continue to the ending"
    go_on(app)
    assert app.stack.top.name == "ending"
    assert app.stack.top.ending.id == "again"


def test_an_early_ending_in_autoplay_has_a_debrief_picture(tmp_path):
    from types import SimpleNamespace

    from game.window.app import run

    shots = tmp_path / "shots"
    code = run(SimpleNamespace(story_dir=early_story(tmp_path), role="anxious", auto=[1], screenshots=shots, dev=False,
                               continue_game=False, partner_name=None, pronouns=None))
    assert code == 0
    names = sorted(p.name for p in shots.iterdir())
    assert names[-2].endswith("_debrief_text.png") and names[-1].endswith("_ending.png"), names


def test_a_normal_ending_goes_straight_to_the_ending(make_app):
    app = make_app(settings=Settings(text_speed="instant"))
    app.open_new_game(role="avoidant")
    app.stack.top.start()
    seen = []
    for _ in range(200):
        top = app.stack.top
        if top.name == "ending":
            break
        if not seen or seen[-1] != top.name:
            seen.append(top.name)
        if top.name == "play" and top.choices is not None:
            press(app, pygame.K_1, "1")
        else:
            go_on(app)
    assert app.stack.top.name == "ending"
    assert not app.session.runner.state.ended_early
    assert seen.count("debrief") == 2  # one per scene, none extra before the ending


def history_texts(app):
    from game.window.screens.backlog import BacklogScreen

    screen = BacklogScreen(app)
    return [b for b in screen.column.blocks if b.kind == "text"], screen


def test_history_shows_each_choice_between_the_lines_around_it(make_app):
    app = make_app()
    app.open_new_game(role="anxious")
    app.stack.top.start()
    play_to_choices(app)
    runner = app.session.runner
    before = [line.text for line in runner.backlog]
    press(app, pygame.K_2, "2")  # "Put the phone down and watch the film with Priya."; the reply shows at once
    after = [line.text for line in runner.backlog][len(before):]
    assert before and after
    assert runner.moves[-1].at_line == len(before)

    press(app, pygame.K_l, "l")
    assert app.stack.top.name == "backlog"
    blocks, screen = history_texts(app)
    texts = [b.text for b in blocks]
    chosen = [i for i, t in enumerate(texts) if t.startswith("You chose:")]
    assert len(chosen) == 1
    i = chosen[0]
    assert texts[i] == "You chose: “Put the phone down and watch the film with Priya.”"
    assert blocks[i].marker  # a shape beside it, not only a colour
    assert texts.index(before[-1]) < i < texts.index(after[0])
    assert "You chose" in screen.speech() or after[-1] in screen.speech()
    app.draw()
    assert app.canvas.overflows == []


def test_history_of_an_old_save_without_line_counts_keeps_choices_in_order(make_app):
    from game.engine import Move

    app = make_app()
    app.open_new_game(role="anxious")
    app.stack.top.start()
    play_to_choices(app)
    press(app, pygame.K_1, "1")
    runner = app.session.runner
    for move in runner.state.moves:
        move.pop("at_line", None)  # as saved before moves counted the lines
    assert Move.from_dict(runner.state.moves[0]).at_line is None
    texts = [b.text for b in history_texts(app)[0]]
    chosen = [i for i, t in enumerate(texts) if t.startswith("You chose:")]
    assert len(chosen) == 1
    assert chosen[0] > texts.index(runner.backlog[0].text)


def test_log_option_and_the_ending_export_write_nameless_session_logs(make_app, tmp_path, user_data):
    import json
    from types import SimpleNamespace

    from game.window.app import run

    log = tmp_path / "session.json"
    code = run(SimpleNamespace(story_dir=MINI, role="avoidant", auto=[1, 1], screenshots=None, dev=False,
                               continue_game=False, partner_name="Zanzibar", pronouns=None, log=log))
    assert code == 0
    data = json.loads(log.read_text())
    assert data["ending"]["kind"] == "growth" and data["role"] == "avoidant"
    assert [e["choice"] for e in data["events"] if "choice" in e] == ["text.v_phone.reply_now", "talk.start.name_it"]
    assert "Zanzibar" not in log.read_text()

    app = make_app(settings=Settings(text_speed="instant"))
    app.open_new_game(role="avoidant")
    app.stack.top.start()
    for _ in range(200):
        top = app.stack.top
        if top.name == "ending":
            break
        press(app, pygame.K_1, "1") if top.name == "play" and top.choices is not None else go_on(app)
    app.stack.top.on_button("export")
    exported = list((user_data / "exports").glob("tether-session-avoidant-*.json"))
    assert len(exported) == 1 and json.loads(exported[0].read_text())["ending"] is not None
    assert "Session log saved" in app.toast_text


def test_every_shown_meter_is_in_the_debrief_text_and_chart(make_app, tmp_path):
    """A story's own visible meter (here: pursuit, made visible) appears with closeness and safety."""
    from game.window.screens.debrief import shown

    story = tmp_path / "three_meters"
    shutil.copytree(MINI, story)
    path = story / "story.yaml"
    path.write_text(path.read_text().replace("label: Pursuit, hidden: true", "label: Pursuit"))
    app = make_app(story_dir=story, role="anxious")
    app.open_new_game(role="anxious")
    app.stack.top.start()
    play_to_choices(app)
    press(app, pygame.K_1, "1")  # "Send another": pursuit 0 -> 1
    for _ in range(40):
        if app.stack.top.name == "debrief":
            break
        press(app, pygame.K_RETURN)
    top = app.stack.top
    assert top.name == "debrief"
    texts = [b.text for b in top.column.blocks + top.side.blocks + top.head if b.kind == "text"]
    assert any(t.startswith("How closeness, safety and pursuit moved") for t in texts)
    assert any("Pursuit 0 to 1 (+1)" in t for t in texts)
    assert [s[0] for s in shown(app.session.story)] == ["closeness", "safety", "pursuit"]
    assert len({s[1:] for s in shown(app.session.story)}) == 3  # each line looks different
