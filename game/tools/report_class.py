"""What a teacher asks of a class report, beyond the counts: who got how far, which move was chosen
instead of the secure one and what each did to safety, what the move names mean, what to discuss,
and how the answers to the assignment's questions changed from before play to after it.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from pathlib import Path

from game.engine.files import KB, read_untrusted
from game.engine.model import Story
from game.engine.tags import TAGS, is_secure
from game.engine.text import substitute

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "facilitator-guide.md"
GUIDE_LIMIT = 256 * KB


def discussion_prompts(story: Story, guide: Path = GUIDE) -> dict[str, str]:
    """scene id -> the guide's prompts for it (the '- **Scene title.** …' items of its prompts section)."""
    try:
        text = read_untrusted(guide, GUIDE_LIMIT).decode("utf-8", errors="replace")
    except ValueError:
        return {}
    section = text.split("## Discussion prompts by scene", 1)[-1].split("\n## ", 1)[0] if "## Discussion prompts" in text else ""
    by_title = {}
    for item in re.split(r"\n- ", "\n" + section):
        m = re.match(r"\*\*(.+?)\.?\*\*\s*(.*)", item.strip(), re.S)
        if m:
            by_title[m.group(1).strip().rstrip(".")] = " ".join(m.group(2).split())
    return {s.id: by_title[s.title] for s in story.scenes.values() if s.title in by_title}


def _safety_change(moves: list[dict]) -> float | None:
    changes = [m["after"].get("safety", 0) - m["before"].get("safety", 0) for m in moves if "safety" in m["after"]]
    return round(statistics.fmean(changes), 1) if changes else None


def _written_safety(choice) -> int:
    return sum(delta for meter, delta in choice.effects.deltas if meter == "safety")


def contrasts(sessions, story: Story, partner) -> list[dict]:
    """Per scene: the most chosen non-secure move and the secure move offered beside it."""
    choices = {c.id: c for c in story.all_choices()}
    nodes = {n.id: n for n in story.all_nodes()}
    chosen: dict[str, list[dict]] = {}
    for session in sessions:
        for move in session.moves:
            chosen.setdefault(move["choice"], []).append(move)
    out = []
    for scene_id in story.scene_order:
        picks = Counter({cid: len(moves) for cid, moves in chosen.items()
                         if cid.split(".", 1)[0] == scene_id and cid in choices and not is_secure(choices[cid].tags)})
        if not picks:
            continue
        worst, count = picks.most_common(1)[0]
        node = nodes[worst.rsplit(".", 1)[0]]
        secure = [c for c in node.choices if is_secure(c.tags)]
        row = {"scene": scene_id, "title": story.scenes[scene_id].title,
               "chosen": _describe(choices[worst], chosen[worst], partner)}
        if secure:
            best = max(secure, key=lambda c: len(chosen.get(c.id, [])))
            row["secure"] = _describe(best, chosen.get(best.id, []), partner)
        out.append(row)
    return out


def _describe(choice, moves: list[dict], partner) -> dict:
    change = _safety_change(moves)
    return {"id": choice.id, "text": substitute(choice.text, partner), "count": len(moves),
            "labels": [TAGS[t].label for t in choice.tags if t in TAGS],
            "safety": change if change is not None else _written_safety(choice), "measured": change is not None}


def glossary(sessions) -> list[dict]:
    seen = {t for s in sessions for m in s.moves for t in m["tags"] if t in TAGS}
    return [{"label": TAGS[t].label, "family": TAGS[t].family, "summary": TAGS[t].summary}
            for t in TAGS if t in seen]


def progress(sessions, story: Story) -> list[dict]:
    titles = {s.id: s.title for s in story.scenes.values()}
    rows = []
    for number, s in enumerate(sessions, 1):
        assigned = s.assigned or list(story.scene_order)
        reached = [x for x in s.scenes if x in assigned]
        rows.append({"code": s.code or f"log {number}", "role": s.role, "reached": len(reached),
                     "of": len(assigned), "finished": s.done,
                     "stopped": "" if s.done or not s.scenes else titles.get(s.scenes[-1], s.scenes[-1]),
                     "ending": s.ending_kind or ("debrief" if s.done else "")})
    return sorted(rows, key=lambda r: (r["finished"], r["code"]))


def questions(sessions, assignment) -> dict:
    """Answers summed up per question, and concept-check scores before and after play."""
    if assignment is None:
        return {}
    out = {"before": [], "after": [], "scores": {}}
    for when, qs in (("before", assignment.before), ("after", assignment.after)):
        right = []
        for q in qs:
            answers = [s.answers[q.id] for s in sessions if q.id in s.answers]
            row = {"id": q.id, "kind": q.kind, "text": q.text, "answered": len(answers)}
            if q.kind == "likert":
                numbers = [a for a in answers if isinstance(a, int)]
                row["mean"] = round(statistics.fmean(numbers), 1) if numbers else None
                row["scale"] = len(q.options)
            elif q.kind == "choice":
                counts = Counter(a for a in answers if isinstance(a, int))
                row["options"] = [{"text": str(o), "count": counts[i], "right": i == q.answer}
                                  for i, o in enumerate(q.options)]
                if q.answer is not None:
                    row["right"] = counts[q.answer]
                    right.append(q)
            out[when].append(row)
        scores = []
        for s in sessions:
            asked = [q for q in right if q.id in s.answers]
            if asked:
                scores.append(100 * sum(s.answers[q.id] == q.answer for q in asked) / len(asked))
        if scores:
            out["scores"][when] = {"mean": round(statistics.fmean(scores)), "sessions": len(scores)}
    return out
