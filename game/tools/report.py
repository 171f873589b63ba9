"""Session logs summed up for an educator (or for one player): what happened, with no names.

A log is what `tether play --log FILE` writes. Reading is forgiving: a log that
cannot be used is left where it is and named in `problems`; the rest still count.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from game.engine.files import LOG_LIMIT, MB, read_json, read_untrusted
from game.engine.handin import Handin, find_codes, replay
from game.engine.model import Story
from game.engine.printable import printable
from game.engine.session_log import LOG_VERSION
from game.engine.tags import FAMILIES, NEUTRAL, TAGS, family_of
from game.engine.text import Partner, substitute
from game.engine.vocabulary import ENDING_KINDS
from game.tools.report_class import contrasts, discussion_prompts, glossary, progress, questions

# Choice texts in a report speak of the partner without any player's chosen name.
NAMELESS = Partner("your partner", "they")

CODES_LIMIT = 8 * MB


@dataclass
class Session:
    """One playthrough as the report sees it: no file name, no partner name."""

    role: str
    moves: list[dict]  # {"choice", "tags", "before", "after"} after undos are taken back
    skipped: list[str]
    ending_id: str | None
    ending_kind: str | None
    final_meters: dict
    # Assignment sessions (and replayed hand-in codes) also carry these; plain logs leave them empty.
    code: str | None = None
    assignment_id: str | None = None
    started: str | None = None
    finished_at: str | None = None
    finished: bool | None = None  # None: not an assignment session (then an ending means finished)
    scenes: list[str] = field(default_factory=list)  # scenes reached, in play order
    answers: dict = field(default_factory=dict)
    assigned: list[str] = field(default_factory=list)  # the assignment's scenes (empty: the whole story)

    @property
    def done(self) -> bool:
        return bool(self.ending_kind) if self.finished is None else self.finished


@dataclass
class Report:
    story_id: str
    sessions: list[Session] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # logs that could not be read, and why


MAX_EVENTS = 200_000  # far more than any playthrough shows (the shipped story: under 1,000)


def read_session(data, story: Story) -> Session:
    """A Session from a parsed log, every value checked against `story`; ValueError says why not.

    A log is written by a player's machine and may be forged: only choices, scenes and endings the
    story has are counted, an ending's kind comes from the story (never from the log), and every
    meter value must be a whole number within its meter's bounds.
    """
    if not isinstance(data, dict) or data.get("log_version") != LOG_VERSION or not isinstance(data.get("events"), list):
        raise ValueError("it is not a Tether session log")
    saved_story = data.get("story")
    if saved_story is not None and not isinstance(saved_story, dict):
        raise ValueError("its story is not a mapping")
    if saved_story and saved_story.get("id") != story.id:
        raise ValueError(f"it is a log of another story ({_short(saved_story.get('id'))!r})")
    role = data.get("role")
    if not isinstance(role, str) or role not in story.roles:
        raise ValueError(f"unknown role {_short(role)!r}")
    if len(data["events"]) > MAX_EVENTS:
        raise ValueError(f"it holds more than {MAX_EVENTS} events")
    choices = {c.id: c for c in story.all_choices()}
    moves, skipped, scenes = [], [], []
    for number, event in enumerate(data["events"], 1):
        if not isinstance(event, dict):
            raise ValueError(f"event {number} is not a mapping")
        where = event.get("line") or event.get("choice") or event.get("skipped_scene")
        if isinstance(where, str) and where.split(".", 1)[0] in story.scenes and where.split(".", 1)[0] not in scenes:
            scenes.append(where.split(".", 1)[0])
        if "choice" in event:
            choice = choices.get(event["choice"]) if isinstance(event["choice"], str) else None
            if choice is None:
                raise ValueError(f"event {number} is a choice the story does not have ({_short(event['choice'])!r})")
            moves.append({"choice": choice.id, "tags": list(choice.tags),
                          "before": _meters(event.get("before", {}), story, f"event {number}"),
                          "after": _meters(event.get("after", {}), story, f"event {number}")})
        elif "undo" in event:
            if event["undo"] is True and moves:
                moves.pop()
        elif "skipped_scene" in event:
            if event["skipped_scene"] not in story.scenes:
                raise ValueError(f"event {number} skips a scene the story does not have ({_short(event['skipped_scene'])!r})")
            skipped.append(event["skipped_scene"])
    ending = data.get("ending")
    ending_id = ending_kind = None
    if ending is not None:
        if not isinstance(ending, dict):
            raise ValueError("its ending is not a mapping")
        known = {e.id: e for e in story.endings}
        if ending.get("id") not in known:
            raise ValueError(f"its ending is one the story does not have ({_short(ending.get('id'))!r})")
        ending_id, ending_kind = ending["id"], known[ending["id"]].kind
        if ending.get("kind") != ending_kind:
            raise ValueError(f"its ending '{ending_id}' is a {ending_kind} ending, not {_short(ending.get('kind'))!r}")
    session = Session(role, moves, skipped, ending_id, ending_kind,
                      _meters(data.get("final_meters", {}), story, "its final meters"), scenes=scenes)
    assignment = data.get("assignment")
    if isinstance(assignment, dict):
        session.assignment_id = _text(assignment.get("id"))
        session.finished = bool(assignment.get("finished"))
        assigned = assignment.get("scenes")
        session.assigned = [str(x) for x in assigned if x in story.scenes][:500] if isinstance(assigned, list) else []
        session.code = _text(data.get("code"))
        session.started, session.finished_at = _text(data.get("started_at")), _text(data.get("finished_at"))
        answers = data.get("answers")
        session.answers = {str(k)[:64]: v for k, v in answers.items()
                           if isinstance(v, (int, str)) and not isinstance(v, bool)} if isinstance(answers, dict) else {}
    return session


def _text(value) -> str | None:
    return str(value)[:100] if isinstance(value, (str, int)) and not isinstance(value, bool) else None


def _meters(value, story: Story, what: str) -> dict:
    """Meter values from a log: a mapping of the story's meters to whole numbers within their bounds."""
    if not isinstance(value, dict):
        raise ValueError(f"{what}: meters are not a mapping")
    out = {}
    for name, number in value.items():
        meter = story.meters.get(name)
        if meter is None:
            raise ValueError(f"{what}: the story has no meter {_short(name)!r}")
        if isinstance(number, bool) or not isinstance(number, int) or not meter.min <= number <= meter.max:
            raise ValueError(f"{what}: {name} is {_short(number)!r}, not a whole number from {meter.min} to {meter.max}")
        out[name] = number
    return out


def _short(value) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**30:
        return "a huge number"
    text = str(value) if isinstance(value, (str, int, float)) or value is None else type(value).__name__
    return printable(text if len(text) <= 40 else text[:37] + "...")


def read_codes(path: Path, story: Story, report: "Report", assignment=None) -> None:
    """Add the sessions of every hand-in code pasted into the file at `path` (replayed through the engine)."""
    try:
        text = read_untrusted(path, CODES_LIMIT).decode("utf-8", errors="replace")
    except ValueError as exc:
        report.problems.append(f"{printable(path)}: not read: {exc}")
        return
    codes = find_codes(text)
    if not codes:
        report.problems.append(f"{printable(path)}: no hand-in code found (they start with TETHER1-)")
    for number, code in enumerate(codes, 1):
        try:
            replayed = replay(Handin.from_text(code), story)
            report.sessions.append(belongs(read_session(replayed.log.to_dict(), story), assignment))
        except ValueError as exc:
            report.problems.append(f"{printable(path)}: hand-in code {number} ({code[:16]}…): not counted: {exc}")


def belongs(session: Session, assignment) -> Session:
    """The session, or ValueError when it comes from another assignment or carries a code not handed out."""
    if assignment is None:
        return session
    if session.assignment_id != assignment.id:
        where = f"assignment {session.assignment_id!r}" if session.assignment_id else "no assignment"
        raise ValueError(f"it belongs to {where}, not {assignment.id!r}")
    if assignment.codes and session.code not in assignment.codes:
        raise ValueError(f"its code {session.code!r} is not one of the assignment's codes")
    return session


def read_logs(paths: list[Path], story: Story, assignment=None) -> Report:
    """Every log that passes read_session; the rest named in `problems` with the reason (bounded memory:
    one log is read at a time and only its summary is kept)."""
    report = Report(story.id)
    for path in paths:
        try:
            report.sessions.append(belongs(read_session(read_json(path, LOG_LIMIT), story), assignment))
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
            report.problems.append(f"{printable(path)}: not counted: {exc}")
    return report


def summarise(report: Report, story: Story, assignment=None) -> dict:
    """Plain numbers for the HTML page (and for tests)."""
    out: dict = {"story": {"id": story.id, "title": story.title, "version": story.version},
                 "sessions": len(report.sessions), "unreadable": len(report.problems), "roles": {}}
    choice_text = {c.id: substitute(c.text, NAMELESS) for c in story.all_choices()}
    choice_labels = {c.id: [TAGS[t].label if t in TAGS else t for t in c.tags] for c in story.all_choices()}
    scene_titles = {s.id: s.title for s in story.scenes.values()}
    for role in story.roles:
        sessions = [s for s in report.sessions if s.role == role]
        if not sessions:
            continue
        finished = [s for s in sessions if s.done]
        ended = [s for s in sessions if s.ending_kind]
        families: Counter = Counter()
        per_scene: dict[str, Counter] = {}
        picks: dict[str, Counter] = {}
        for session in sessions:
            for move in session.moves:
                scene = move["choice"].split(".", 1)[0]
                fams = family_of(move["tags"]) or {NEUTRAL}
                for fam in fams:
                    families[fam] += 1
                    per_scene.setdefault(scene, Counter())[fam] += 1
                picks.setdefault(scene, Counter())[move["choice"]] += 1
        endings = Counter(s.ending_id for s in finished)
        out["roles"][role] = {
            "title": story.roles[role].title,
            "sessions": len(sessions),
            "finished": len(finished),
            "kinds": {k: sum(1 for s in ended if s.ending_kind == k) for k in ENDING_KINDS},
            "endings": [{"id": e.id, "title": e.title, "kind": e.kind, "count": endings[e.id]}
                        for e in story.endings if endings[e.id]],
            "families": {f: families[f] for f in FAMILIES if families[f]},
            "scenes": [
                {"id": sid, "title": scene_titles.get(sid, sid),
                 "families": {f: per_scene[sid][f] for f in FAMILIES if per_scene[sid][f]},
                 "top_choices": [{"id": cid, "text": choice_text.get(cid, cid), "count": n,
                                  "labels": choice_labels.get(cid, [])}
                                 for cid, n in picks[sid].most_common(3)]}
                for sid in story.scene_order if sid in per_scene
            ],
            "final_meters": {m: statistics.median(s.final_meters[m] for s in ended if m in s.final_meters)
                             for m in ("closeness", "safety") if any(m in s.final_meters for s in ended)},
            "contrasts": contrasts(sessions, story, NAMELESS),
            "skipped": sum(len(s.skipped) for s in sessions),
        }
    out["progress"] = progress(report.sessions, story)
    out["glossary"] = glossary(report.sessions)
    out["prompts"] = discussion_prompts(story)
    out["questions"] = questions(report.sessions, assignment)
    out["assignment"] = {"id": assignment.id, "title": assignment.title} if assignment else None
    return out

