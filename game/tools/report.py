"""Session logs summed up for an educator (or for one player): what happened, with no names.

A log is what `tether play --log FILE` writes. Reading is forgiving: a log that
cannot be used is left where it is and named in `problems`; the rest still count.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from game.engine.files import LOG_LIMIT, read_json
from game.engine.model import Story
from game.engine.session_log import LOG_VERSION
from game.engine.tags import TAGS, family_of
from game.engine.text import Partner, substitute

# Choice texts in a report speak of the partner without any player's chosen name.
NAMELESS = Partner("your partner", "they")

ROLES = ("anxious", "avoidant")
FAMILIES = ("secure", "pursue", "withdraw", "corrosive", "neutral")


@dataclass
class Session:
    """One playthrough as the report sees it: no file name, no partner name."""

    role: str
    moves: list[dict]  # {"choice", "tags", "before", "after"} after undos are taken back
    skipped: list[str]
    ending_id: str | None
    ending_kind: str | None
    final_meters: dict


@dataclass
class Report:
    story_id: str
    sessions: list[Session] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # logs that could not be read, and why


def read_session(data) -> Session:
    """A Session from a parsed log; ValueError says why a log cannot be used."""
    if not isinstance(data, dict) or data.get("log_version") != LOG_VERSION or not isinstance(data.get("events"), list):
        raise ValueError("it is not a Tether session log")
    role = data.get("role")
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    moves, skipped = [], []
    for event in data["events"]:
        if not isinstance(event, dict):
            raise ValueError("an event is not a mapping")
        if "choice" in event:
            moves.append({"choice": str(event["choice"]), "tags": [str(t) for t in event.get("tags", [])],
                          "before": dict(event.get("before", {})), "after": dict(event.get("after", {}))})
        elif event.get("undo") and moves:
            moves.pop()
        elif "skipped_scene" in event:
            skipped.append(str(event["skipped_scene"]))
    ending = data.get("ending") or {}
    return Session(role, moves, skipped, ending.get("id"), ending.get("kind"), dict(data.get("final_meters") or {}))


def read_logs(paths: list[Path], story: Story) -> Report:
    report = Report(story.id)
    for number, path in enumerate(paths, 1):
        try:
            data = read_json(path, LOG_LIMIT)
            if isinstance(data, dict) and (data.get("story") or {}).get("id") not in (None, story.id):
                raise ValueError(f"it is a log of another story ({data['story']['id']!r})")
            report.sessions.append(read_session(data))
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            report.problems.append(f"{path}: not counted: {exc}")
    return report


def summarise(report: Report, story: Story) -> dict:
    """Plain numbers for the HTML page (and for tests)."""
    out: dict = {"story": {"id": story.id, "title": story.title, "version": story.version},
                 "sessions": len(report.sessions), "unreadable": len(report.problems), "roles": {}}
    choice_text = {c.id: substitute(c.text, NAMELESS) for c in story.all_choices()}
    choice_labels = {c.id: [TAGS[t].label if t in TAGS else t for t in c.tags] for c in story.all_choices()}
    scene_titles = {s.id: s.title for s in story.scenes.values()}
    for role in ROLES:
        sessions = [s for s in report.sessions if s.role == role]
        if not sessions:
            continue
        finished = [s for s in sessions if s.ending_kind]
        families: Counter = Counter()
        per_scene: dict[str, Counter] = {}
        picks: dict[str, Counter] = {}
        for session in sessions:
            for move in session.moves:
                scene = move["choice"].split(".", 1)[0]
                fams = family_of(move["tags"]) or {"neutral"}
                for fam in fams:
                    families[fam] += 1
                    per_scene.setdefault(scene, Counter())[fam] += 1
                picks.setdefault(scene, Counter())[move["choice"]] += 1
        endings = Counter(s.ending_id for s in finished)
        out["roles"][role] = {
            "sessions": len(sessions),
            "finished": len(finished),
            "kinds": {k: sum(1 for s in finished if s.ending_kind == k) for k in ("growth", "escalation", "breakup")},
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
            "final_meters": {m: statistics.median(s.final_meters[m] for s in finished if m in s.final_meters)
                             for m in ("closeness", "safety") if any(m in s.final_meters for s in finished)},
            "skipped": sum(len(s.skipped) for s in sessions),
        }
    return out

