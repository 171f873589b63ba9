"""Bring up every screen of an assignment once: for the layout tests, and for `make screenshots`.

It writes a small assignment for the app's story (two scenes, both roles, a question of each kind
before and after) into a throwaway folder, opens it from the chooser and goes through to the hand-in
code, part way and at the end.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from .tour import _draw as _draw_with_toast


def _draw(app, name, shots):
    """A picture of the page itself: a toast from the page before (it lasts seconds in play) is not kept."""
    if name not in ("assignment_code", "assignment_open_problem", "handin"):
        app.toast_time = 0.0
    return _draw_with_toast(app, name, shots)

QUESTIONS_BEFORE = """\
before:
  - id: pre_break
    kind: choice
    text: Which of these is a time-bounded break?
    options: ["I'm done with this.", "I need twenty minutes; I'll be back at nine.", "Whatever you want."]
    answer: 1
  - {id: pre_spot, kind: likert, text: I can tell when a conversation turns into a pursue-withdraw loop.}
  - {id: pre_hope, kind: text, text: What do you hope to learn from this?}
after:
  - {id: post_spot, kind: likert, text: I can tell when a conversation turns into a pursue-withdraw loop.}
  - {id: post_note, kind: text, text: One move you would like to try.}
"""
ANSWER = "To notice sooner when I start chasing, and to say what I need instead of sending another message."


def write_assignment(story, folder: Path) -> Path:
    scenes = ", ".join(story.scene_order[:2])
    roles = ", ".join(story.roles)
    path = Path(folder) / "week-5.tether.yaml"
    path.write_text(f"assignment: 1\nid: week-5\ntitle: \"Week 5: the first message\"\n"
                    f"story: {{id: {story.id}, version: \"{story.version}\"}}\nroles: [{roles}]\nscenes: [{scenes}]\n"
                    f"settings: {{training: true, skip_allowed: true}}\ncodes: [\"K7Q2\", \"M4TX\"]\n"
                    + QUESTIONS_BEFORE, encoding="utf-8")
    (Path(folder) / "week-6.tether.yaml").write_text(path.read_text(encoding="utf-8").replace("week-5", "week-6"),
                                                     encoding="utf-8")
    return path


def assignment_tour(app, shots: str | None = None) -> dict[str, list[str]]:
    """Visit each assignment screen; returns overflow reports per screen name."""
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
    out: dict[str, list[str]] = {}
    stack = app.stack
    with tempfile.TemporaryDirectory(prefix="tether-tour-") as folder:
        path = write_assignment(app.session.story, Path(folder))
        app.go_title()
        app.open("open_assignment", folders=[Path(folder)])
        stack.top.list.set_focus(0)
        stack.top.focus(0)
        out["assignment_open"] = _draw(app, "assignment_open", shots)
        stack.top.field.text = str(Path(folder) / "week-7.tether.yaml")
        stack.top.submit()
        out["assignment_open_problem"] = _draw(app, "assignment_open_problem", shots)
        stack.top.open_path(path)
        code_page = stack.top
        code_page.field.text = "K7Q9"
        code_page.submit()
        out["assignment_code"] = _draw(app, "assignment_code", shots)
        code_page.field.text = "K7Q2"
        code_page.submit()
        if stack.top.name == "assignment_resume":  # played before in this data folder: start again
            stack.top.on_button("again")
        questions = stack.top
        out["assignment_before_choice"] = _draw(app, "assignment_before_choice", shots)
        questions.pick(1)
        out["assignment_before_likert"] = _draw(app, "assignment_before_likert", shots)
        questions.pick(3)
        questions.field.text = ANSWER
        out["assignment_before_text"] = _draw(app, "assignment_before_text", shots)
        questions.submit_text(allow_empty=False)
        out["assignment_role"] = _draw(app, "assignment_role", shots)
        stack.top.start()
        play = stack.top
        while play.choices is None and app.session.runner.phase != "ended":
            play.advance()
        play.choose(0)
        app.go_title()  # stopping part way: the hand-in code so far
        out["handin_so_far"] = _draw(app, "handin_so_far", shots)
        stack.top.on_button("play")
        sitting = app.assignment
        session = app.session
        for _ in range(len(session.story.scene_order) * 2 + 2):  # skip on to the end of the assigned scenes
            if sitting.flow.play_over:
                break
            if session.phase == "scene_debrief":
                session.next_scene()
            elif session.phase == "playing":
                session.skip_scene()
        sitting.finish()
        questions = stack.top
        out["assignment_after_likert"] = _draw(app, "assignment_after_likert", shots)
        questions.pick(4)
        questions.field.text = "Saying \"I need twenty minutes\" and coming back when I said I would."
        questions.submit_text(allow_empty=False)
        out["assignment_share"] = _draw(app, "assignment_share", shots)
        stack.top.on_button("share")
        stack.top.copy()
        out["handin"] = _draw(app, "handin", shots)
        stack.top.on_button("title")
        # the same code again: continue or start again
        app.open("open_assignment", folders=[Path(folder)])
        stack.top.open_path(path)
        stack.top.field.text = "K7Q2"
        stack.top.submit()
        out["assignment_resume"] = _draw(app, "assignment_resume", shots)
        app.assignment.leave()
        app.go_title()
    return out
