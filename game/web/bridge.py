"""The browser's view of a PlaySession: every call returns plain data (JSON text) for the page to draw.

This module runs inside Pyodide next to game/engine, so it imports neither
PyYAML nor pygame. The page calls it through `WebGame`; the session does the
play, the saves and the session log exactly as it does for the terminal and the
window. Saves and the log are files in Pyodide's in-memory file system; the page
copies them to and from localStorage (`files()` / `restore()`), so a game
survives a reload of the page.

A site built with an assignment starts straight into it: the page asks for the student's code,
then follows the engine's AssignmentFlow (questions, role, the assigned scenes, questions after,
consent for written answers, the hand-in code) exactly as the terminal does. Each code keeps its
own save and log, so a student can stop and come back with the same code.
"""

from __future__ import annotations

import json
from pathlib import Path

from game.engine.ambience import loop_for
from game.engine.assignment import Assignment, assignment_from_json
from game.engine.assignment_flow import AssignmentFlow
from game.engine.assignment_play import AssignmentPlay
from game.engine.debrief import SceneDebrief, ending_reasons, family_counts
from game.engine.files import SAVE_LIMIT, LOG_LIMIT, atomic_write_text
from game.engine.loader import story_from_json_text
from game.engine.runner import ShownLine
from game.engine.saves import AUTOSAVE, SaveStore
from game.engine.session import PlaySession, SessionError
from game.engine.model import MOODS
from game.engine.tags import TAGS
from game.engine.vocabulary import FAMILY_WORDS, KIND_WORDS, MOVE_FAMILIES, partner_portrait

LOG_NAME = "session-log.json"
ANSWERS_LIMIT = 100_000  # characters of one page of answers (each text answer is cut to 500)
ASSIGNMENT_LIMIT = 1_000_000  # bytes of assignment.json: a thousand codes and fifty questions fit many times over


class WebError(ValueError):
    """The compiled story could not be read."""


class WebGame:
    def __init__(self, story_json: str | bytes, home: str | Path = "/home/pyodide/tether",
                 assignment_json: str | bytes | None = None):
        story, diagnostics = story_from_json_text(story_json)
        if story is None:
            raise WebError("; ".join(str(d) for d in diagnostics[:5]) or "the story could not be read")
        self.home = Path(home)
        self.story = story
        self.store = SaveStore(self.home / "saves")
        self.log_path = self.home / LOG_NAME
        self.session = PlaySession(story, self.store, log_path=self.log_path)
        self._shown = 0  # lines of the current scene the page has been sent
        self.assignment = _read_assignment(assignment_json, story)
        self.flow: AssignmentFlow | None = None  # set when a student's code is accepted

    # ---- the page calls these; each returns JSON text --------------------------------------
    def title(self) -> str:
        story = self.story
        roles = self._title_roles()
        notes = sorted({note for s in story.scenes.values() for note in s.content_notes})
        return _dump({"title": story.title, "version": story.version, "disclaimer": story.disclaimer or "",
                      "about": story.about or "", "learn_more": story.learn_more or "", "roles": roles,
                      "content_notes": notes, "saved": None if self.assignment else self._saved_summary(),
                      "replay": [] if self.assignment else self._replayable(),
                      "assignment": self._assignment_info(), "notices": self.session.take_notices()})

    def new_game(self, role: str, partner_name: str = "") -> str:
        self.session.to_title()
        self.session.new_game(role, partner_name or None)
        self._shown = 0
        return self._view()

    def continue_game(self) -> str:
        ok, message = self.session.continue_latest()
        if not ok:
            return _dump({"phase": "title", "notices": [message] if message else []})
        return self._resumed(message)

    def choose(self, index: int) -> str:
        self.session.choose(int(index))
        return self._view()

    def undo(self) -> str:
        done = self.session.undo()
        self._shown = 0
        view = self._view_data()
        view["undone"] = done
        return _dump(view)

    def skip_scene(self) -> str:
        summary = self.session.skip_scene()
        view = self._view_data()
        view["skipped_summary"] = summary
        return _dump(view)

    def next_scene(self) -> str:
        """From a debrief: the next scene or the ending; in an assignment whose play is over, its questions after
        (the debrief of a part of the story's last scene closes play; an ending reached is shown first)."""
        flow = self.flow
        if flow is not None and flow.play_over and self.session.runner.phase != "ended":
            return self.end_play()
        self.session.next_scene()
        self._shown = 0
        return self._view()

    def replay_scene(self, scene_id: str, role: str = "") -> str:
        """Play a scene of a finished game again (from its ending, or from the title); its debrief compares
        the two tries, and Continue there goes back where it was started."""
        try:
            self.session.replay_scene(str(scene_id), role or None)
        except SessionError as exc:
            if self.session.phase == "title":
                return _dump({"phase": "title", "notices": [str(exc)]})
            view = self._view_data()
            view["notices"].append(str(exc))
            return _dump(view)
        self._shown = 0
        return self._view()

    def save(self) -> str:
        path = self.session.save(AUTOSAVE)
        return _dump({"saved": path is not None, "notices": self.session.take_notices()})

    def history(self) -> str:
        runner = self.session.runner
        lines = runner.backlog if runner is not None else []
        return _dump([self._line(line) for line in lines])

    def log_text(self) -> str:
        """The session log as the terminal writes it (no names in it)."""
        self.session.write_log()
        try:
            return self.log_path.read_text(encoding="utf-8")
        except OSError:
            return ""

    def files(self) -> str:
        """The save, the log and each role's finished game as text, for the page to keep in localStorage.

        A page has no reliable moment of quitting, so the game in progress is saved here, as the
        terminal and the window save it when they quit; a reload then continues where the player was.
        """
        runner = self.session.runner
        if runner is not None and runner.phase != "ended" and not self.session.replaying:
            self.session.autosave()
        out = {key: _read_text(path) for key, path, _limit in self._kept_files()}
        return _dump(out)

    def restore(self, files_json: str) -> str:
        """Put back what the page kept in localStorage; over-large or non-text entries are dropped."""
        try:
            files = json.loads(files_json) if files_json else {}
        except ValueError:
            files = {}
        if not isinstance(files, dict):
            files = {}
        for key, path, limit in self._kept_files():
            text = files.get(key)
            if isinstance(text, str) and 0 < len(text.encode("utf-8")) <= limit:
                atomic_write_text(path, text)
        self.session.forget_finished()  # what the page kept may hold finished games read as missing before
        return self.title()

    # ---- assignments -----------------------------------------------------------------------------
    def enter_code(self, code: str) -> str:
        """The student's code: {"ok", "code" (as the assignment writes it), "key" (where the page keeps its
        files), "problem"}. The page then hands back what it kept for that code with `assignment_start`."""
        if self.assignment is None:
            return _dump({"ok": False, "problem": "this site has no assignment"})
        problem = AssignmentPlay.code_problem(self.assignment, str(code)[:40])
        if problem is not None:
            return _dump({"ok": False, "problem": problem})
        play = AssignmentPlay(self.assignment, self.story, str(code)[:40])
        folder = self.home / "assignments" / play.code
        self.flow = flow = AssignmentFlow(play, SaveStore(folder / "saves"), folder / LOG_NAME)
        self.session, self.store, self.log_path = flow.session, flow.session.store, flow.log_path
        self._shown = 0
        return _dump({"ok": True, "code": flow.play.code, "key": f"{self.assignment.id}.{flow.play.code}"})

    def assignment_start(self, files_json: str = "") -> str:
        """Put back this code's kept files; an earlier sitting with a saved game goes on where it stopped."""
        flow = self._need_flow()
        self.restore(files_json)
        if self.store.exists(AUTOSAVE) and flow.stage != "playing":
            ok, message = flow.resume()
            if ok:
                return self._resumed(message)
        return self._view()

    def answer_questions(self, answers_json: str) -> str:
        """The answers to this stage's questions ({id: value}; unanswered ones left out), then the next stage.
        An answer that does not fit keeps the stage and says why in `problem`."""
        flow = self._need_flow()
        try:
            if len(answers_json or "") > ANSWERS_LIMIT:
                raise ValueError("the answers are too long")
            answers = json.loads(answers_json) if answers_json else {}
            if not isinstance(answers, dict):
                raise ValueError("answers must be a mapping of question ids to values")
            asked = {q.id for q in flow.questions}
            for qid, value in answers.items():
                if qid in asked and value not in (None, ""):
                    flow.answer(qid, value)
        except ValueError as exc:
            view = self._view_data()
            view["problem"] = str(exc)
            return _dump(view)
        flow.answers_done()
        return self._view()

    def begin(self, role: str, partner_name: str = "") -> str:
        flow = self._need_flow()
        flow.begin(role, partner_name or None)
        self._shown = 0
        return self._view()

    def end_play(self) -> str:
        """After the last assigned scene's debrief, or the ending: on to the questions after and the hand-in."""
        self._need_flow().end_play()
        return self._view()

    def share(self, yes: bool) -> str:
        self._need_flow().share(bool(yes))
        return self._view()

    def stop(self) -> str:
        """The student stops part way: the hand-in code of the play so far (the game stays saved)."""
        flow = self._need_flow()
        return _dump({"phase": "assignment", "stage": "handin", "finished": False,
                      "handin": flow.handin() if flow.can_hand_in() else None, "notices": self.session.take_notices()})

    def current(self) -> str:
        """The view of where the sitting stands (back to the story after a look at the code so far)."""
        self._shown = 0
        return self._view()

    # ---- inside ------------------------------------------------------------------------------
    def _need_flow(self) -> AssignmentFlow:
        if self.flow is None:
            raise WebError("no assignment code has been entered yet")
        return self.flow

    def _resumed(self, message: str) -> str:
        self._shown = 0
        view = self._view_data()
        if view["phase"] == "assignment":  # a finished sitting: its hand-in code again, no recap of play
            if message:
                view["notices"].insert(0, message)
            return _dump(view)
        recap = self.session.recap()
        view["recap"] = {"scene_title": recap.scene_title, "role_title": recap.role_title, "partner": recap.partner,
                         "choices_made": recap.choices_made}
        if message:
            view["notices"].insert(0, message)
        return _dump(view)

    def _kept_files(self) -> list[tuple[str, Path, int]]:
        """(key in the page's storage, file, size limit): the autosave, the log, the finished games of each role
        (in an assignment, the finished game gives a student who comes back the same hand-in code)."""
        finished = self.store.finished_store()
        return [("autosave", self.store.path(AUTOSAVE), SAVE_LIMIT), ("log", self.log_path, LOG_LIMIT),
                *((f"finished.{role}", finished.path(role), SAVE_LIMIT) for role in self.story.roles)]

    def _replayable(self) -> list[dict]:
        """The scenes of each role's finished game that can be played again: [{role, role_title, scenes}]."""
        out = []
        for role, scenes in self.session.replayable().items():
            record = self.session.finished_game(role)
            out.append({"role": role, "role_title": self.story.roles[role].title,
                        "scenes": [{"id": s, "title": record.render(self.story.scenes[s].title)} for s in scenes]})
        return out

    def _assignment_info(self) -> dict | None:
        a = self.assignment
        if a is None:
            return None
        return {"id": a.id, "title": a.title, "roles": list(a.roles), "scenes": len(a.scenes),
                "partial": a.is_partial(self.story), "any_code": not a.codes, "skip_allowed": a.skip_allowed,
                "training": a.training, "questions": len(a.questions)}

    def _stage_view(self) -> dict:
        flow = self.flow
        view = {"phase": "assignment", "stage": flow.stage, "finished": flow.finished, "notices": self.session.take_notices()}
        if flow.stage in ("before", "after"):
            view["questions"] = [_question(q, flow.play.answers.get(q.id)) for q in flow.questions]
        elif flow.stage == "role":
            view["roles"] = [r for r in self._title_roles() if r["name"] in flow.roles]
        elif flow.stage == "handin":
            view["handin"] = flow.handin()
        return view

    def _title_roles(self) -> list:
        return [{"name": r.name, "title": r.title, "blurb": r.blurb, "partner_name": r.partner_name,
                 "pronouns": r.partner_pronouns} for r in self.story.roles.values()]

    def _saved_summary(self) -> dict | None:
        info = self.session.slots().get(AUTOSAVE)
        if info is None:
            return None
        role = self.story.roles.get(info.role)
        return {"scene_title": info.scene_title, "role_title": role.title if role else info.role, "saved_at": info.saved_at}

    def _view(self) -> str:
        return _dump(self._view_data())

    def _view_data(self) -> dict:
        if self.flow is not None and self.flow.stage != "playing":
            return self._stage_view()
        session = self.session
        if session.phase == "title" or session.runner is None:  # back from a scene played again from the title
            return {"phase": "title", "notices": session.take_notices()}
        session.continue_to_choice()
        runner = session.runner
        scene = runner.scene
        transcript = [line for line in runner.backlog if line.id.startswith(scene.id + ".")]
        new = max(0, len(transcript) - self._shown) if self._shown <= len(transcript) else len(transcript)
        self._shown = len(transcript)
        role = self.story.roles[runner.role]
        place = scene.location_for(runner.role, runner.state.node)  # the node's place, else the role's, the scene's
        view = {
            "phase": session.phase,
            "role": runner.role,
            "role_title": role.title,
            "partner": runner.partner.name,
            "scene": {"id": scene.id, "title": runner.render(scene.title), "location": scene.location, "place": place,
                      "content_notes": list(scene.content_notes), "number": session.story.scene_order.index(scene.id) + 1,
                      "of": len(session.story.scene_order)},
            "transcript": [self._line(line) for line in transcript],
            "new_lines": new,
            "choices": [{"index": c.index, "id": c.id, "text": c.text} for c in session.choices]
            if session.phase == "playing" else [],
            "can_undo": runner.can_undo,
            "replaying": session.replaying,
            "replay_back_to": session.replay.back_to if session.replay is not None else None,
            "ambient": loop_for(place),  # the loop the page plays here (None: quiet), as in the window
            "notices": session.take_notices(),
        }
        if self.flow is not None:
            flow = self.flow
            view["assignment"] = {"skip_allowed": flow.may_skip, "play_over": flow.play_over,
                                  "meters": [{"label": self.story.meters[n].label, "value": runner.meters[n]}
                                             for n in self.story.shown_meters] if flow.training else []}
        if session.phase == "scene_debrief":
            view["debrief"] = self._debrief(session.debrief())
        elif session.phase == "ending":
            view["ending"] = self._ending()
        return view

    def _line(self, line: ShownLine) -> dict:
        runner = self.session.runner
        portrait = None
        if line.speaker == "partner":
            portrait = partner_portrait(runner.story, runner.role)
        elif line.speaker not in ("narrator", "you"):
            portrait = line.speaker
        return {"id": line.id, "speaker": line.speaker, "name": line.speaker_name, "text": line.text,
                "mood": line.mood if line.mood in MOODS else "neutral", "portrait": portrait}

    def _debrief(self, debrief: SceneDebrief) -> dict:
        notes = []
        for item in debrief.notes:
            move = item.move
            notes.append({"text": move.text, "labels": list(item.labels), "families": list(item.families),
                          "changes": [{"label": t.label, "delta": item.changes[t.name]}
                                      for t in debrief.meters if t.name in item.changes],
                          "why": move.why, "missed_secure": list(move.missed_secure[:1]),
                          "other_side": item.other_side})
        return {"title": debrief.title, "skipped": debrief.skipped, "summary": debrief.summary, "notes": notes,
                "meters": [_track(t) for t in debrief.meters], "cut_short": debrief.cut_short,
                "comparison": _comparison(debrief.comparison) if debrief.comparison is not None else None}

    def _ending(self) -> dict:
        runner = self.session.runner
        story = self.story
        ending = runner.ending
        point = self.session.turning_point
        counts = family_counts(runner.moves)
        tracks = []
        for name in story.shown_meters:
            meter = story.meters[name]
            values = [runner.moves[0].before.get(name, meter.start)] if runner.moves else [runner.meters.get(name, meter.start)]
            values += [m.after.get(name, values[-1]) for m in runner.moves]
            tracks.append({"name": name, "label": meter.label, "low": meter.min, "high": meter.max, "values": values,
                           "sentence": f"{meter.label} ended at {runner.meters[name]} of {meter.max}."})
        other = self.session.other_role(runner.role)
        scenes = []
        for scene in story.scenes.values():
            moves = [m for m in runner.moves if m.scene_id == scene.id]
            if moves:
                scenes.append({"title": runner.render(scene.title), "moves": [
                    {"text": m.text, "labels": [TAGS[t].label if t in TAGS else t for t in m.tags], "why": m.why}
                    for m in moves]})
        return {"id": ending.id if ending else None, "kind": ending.kind if ending else None,
                "kind_title": KIND_WORDS.get(ending.kind, ending.kind) if ending else "",
                "title": ending.title if ending else "The end", "text": runner.ending_text,
                "reasons": ending_reasons(runner),
                "families": [{"family": f, "label": FAMILY_WORDS[f], "count": counts.get(f, 0)} for f in MOVE_FAMILIES],
                "meters": tracks, "scenes": scenes, "early": runner.state.ended_early,
                "turning_point": point.sentences() if point is not None else [],
                "other_role": other, "other_role_title": story.roles[other].title if other in story.roles else other,
                "replay": [] if self.flow is not None else [r for r in self._replayable() if r["role"] == runner.role]}


def _read_assignment(text: str | bytes | None, story) -> Assignment | None:
    """The site's assignment (assignment.json, written by `tether build-web --assignment`), or None."""
    if text in (None, "", b""):
        return None
    raw = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    if len(raw) > ASSIGNMENT_LIMIT:
        raise WebError(f"assignment.json is larger than {ASSIGNMENT_LIMIT // 1000} kB")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise WebError(f"assignment.json is not valid JSON: {exc}") from None
    if data is None:
        return None
    assignment, diagnostics = assignment_from_json(data, story)
    if assignment is None:
        raise WebError("; ".join(str(d) for d in diagnostics[:5]) or "the assignment could not be read")
    return assignment


def _question(q, answer) -> dict:
    """A question as the page draws it: each option with the value the engine keeps for it."""
    first = 1 if q.kind == "likert" else 0
    return {"id": q.id, "kind": q.kind, "text": q.text, "answer": answer,
            "options": [{"value": i + first, "label": label} for i, label in enumerate(q.options)]}


def _comparison(comparison) -> dict:
    """A scene played again beside its first try: the sentences every front end shows, and each try's moves."""
    def attempt(t) -> dict:
        return {"label": t.label, "skipped": t.skipped, "ending": t.ending, "changes": t.changes(),
                "secure": t.secure_sentence(),
                "moves": [{"text": n.move.text, "labels": list(n.labels)} for n in t.notes]}
    return {"title": comparison.title, "sentences": comparison.sentences(),
            "tries": [attempt(comparison.first), attempt(comparison.second)]}


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8") if path.is_file() else None
    except OSError:
        return None


def _track(track) -> dict:
    return {"name": track.name, "label": track.label, "low": track.low, "high": track.high,
            "values": list(track.values), "sentence": track.sentence()}


def _dump(data) -> str:
    return json.dumps(data, ensure_ascii=False)
