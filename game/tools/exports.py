"""Spreadsheet exports: one row per session, or one row per move. No names, only codes."""

from __future__ import annotations

import csv
import io

from game.engine.model import Story
from game.engine.tags import NEUTRAL, family_of
from game.tools.report import FAMILIES, Session

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value) -> str:
    """A value for a spreadsheet cell; text that a spreadsheet would run as a formula is quoted with '."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = " ".join(str(v) for v in value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) and not _number(text) else text


def _number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def _write(header: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([cell(v) for v in row] for row in rows)
    return out.getvalue()


def sessions_csv(sessions: list[Session], story: Story) -> str:
    questions: list[str] = []
    for session in sessions:
        questions.extend(q for q in session.answers if q not in questions)
    header = ["code", "role", "assignment", "started", "finished", "completed", "ending_kind", "ending",
              "scenes_reached", "stopped_in", *(f"moves_{f}" for f in FAMILIES), *(f"answer_{q}" for q in questions)]
    rows = []
    for s in sessions:
        counts = {f: 0 for f in FAMILIES}
        for move in s.moves:
            for family in family_of(move["tags"]) or {NEUTRAL}:
                counts[family] += 1
        stopped = "" if s.done or not s.scenes else s.scenes[-1]
        rows.append([s.code, s.role, s.assignment_id, s.started, s.finished_at, "yes" if s.done else "no",
                     s.ending_kind, s.ending_id, s.scenes, stopped, *(counts[f] for f in FAMILIES),
                     *(s.answers.get(q) for q in questions)])
    return _write(header, rows)


def moves_csv(sessions: list[Session], story: Story) -> str:
    meters = list(story.meters)
    header = ["code", "role", "assignment", "session", "scene", "choice", "tags", "family",
              *(f"{m}_before" for m in meters), *(f"{m}_after" for m in meters)]
    rows = []
    for number, s in enumerate(sessions, 1):
        for move in s.moves:
            rows.append([s.code, s.role, s.assignment_id, number, move["choice"].split(".", 1)[0], move["choice"],
                         move["tags"], sorted(family_of(move["tags"])) or [NEUTRAL],
                         *(move["before"].get(m) for m in meters), *(move["after"].get(m) for m in meters)])
    return _write(header, rows)
