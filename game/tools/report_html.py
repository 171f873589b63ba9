"""The report as one self-contained HTML page: inline CSS and SVG, no scripts, nothing fetched.

It opens offline in any browser and prints cleanly. Every number in a chart is
also written as text, and bars carry a pattern word, so nothing relies on colour.
"""

from __future__ import annotations

from html import escape

from game.engine.tags import CORROSIVE, NEUTRAL, PURSUE, SECURE, WITHDRAW
from game.engine.vocabulary import BREAKUP, ENDING_KINDS, ESCALATION, GROWTH, MOVE_FAMILIES

KIND_COLOURS = {GROWTH: "#3f7d6e", ESCALATION: "#b5523b", BREAKUP: "#6b5b8c"}
FAMILY_COLOURS = {SECURE: "#3f7d6e", PURSUE: "#c9803a", WITHDRAW: "#4f6f9a", CORROSIVE: "#9c3b4a", NEUTRAL: "#8a8a8a"}

CSS = """
body { font-family: "Atkinson Hyperlegible", Verdana, sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; color: #22222c; background: #faf7f1; line-height: 1.5; }
h1 { margin-bottom: 0.2rem; } h2 { margin-top: 2.2rem; border-bottom: 2px solid #d6cab9; }
.note { color: #555; } table { border-collapse: collapse; margin: 0.8rem 0; }
th, td { text-align: left; padding: 0.3rem 0.8rem 0.3rem 0; vertical-align: top; }
th { border-bottom: 1px solid #d6cab9; } .bar text { font-size: 13px; fill: #22222c; }
.problems { background: #fff3e8; border-left: 4px solid #c9803a; padding: 0.5rem 1rem; }
.side td, .side th { padding-right: 2rem; } dl dt { font-weight: bold; } dl dd { margin: 0 0 0.5rem 1rem; }
.secure { color: #2d5f53; } .instead { color: #8a3b2d; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
tr, li, dd, svg, .problems { break-inside: avoid; page-break-inside: avoid; }
@media print { body { background: white; margin: 0; max-width: none; font-size: 11pt; } h2 { margin-top: 1.2rem; } }
"""


def bars(rows: list[tuple[str, int, str]], total: int, width: int = 520) -> str:
    """A horizontal bar chart: (label, count, colour) rows; counts and shares are written beside bars."""
    height = 28 * len(rows) + 8
    parts = [f'<svg class="bar" role="img" width="{width + 230}" height="{height}" '
             f'aria-label="{escape(", ".join(f"{label}: {count}" for label, count, _ in rows))}">']
    for i, (label, count, colour) in enumerate(rows):
        y = 4 + i * 28
        w = 0 if not total else max(2, round(width * count / total)) if count else 0
        share = f"{100 * count / total:.0f}%" if total else "0%"
        parts.append(f'<text x="0" y="{y + 17}">{escape(label)}</text>')
        parts.append(f'<rect x="150" y="{y + 3}" width="{w}" height="18" fill="{colour}" rx="3"/>')
        parts.append(f'<text x="{158 + w}" y="{y + 17}">{count} ({share})</text>')
    parts.append("</svg>")
    return "".join(parts)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def _change(value: float) -> str:
    return f"{value:+g}" if value else "0"


def render(summary: dict) -> str:
    story = summary["story"]
    n = summary["sessions"]
    assignment = summary.get("assignment")
    heading = f"{escape(assignment['title'])} ({escape(story['title'])})" if assignment else escape(story["title"])
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{heading}: report on {_plural(n, 'session')}</title>",
           f"<style>{CSS}</style></head><body>",
           f"<h1>{heading}: what happened in {_plural(n, 'session')}</h1>",
           f'<p class="note">Story version {escape(str(story["version"]))}. This report holds no names: '
           "students appear only by the codes you gave them. Tether is education, not therapy or diagnosis; "
           "these numbers describe moves in a story, not the people who played it.</p>"]
    if summary["unreadable"]:
        # File names can carry a student's name, so the page only counts them; the command lists them.
        k = summary["unreadable"]
        left = "were left as they are" if k != 1 else "was left as it is"
        out.append(f'<div class="problems"><p>{_plural(k, "log")} could not be counted and {left} (a hand-in '
                   "code counts as a log); the command that made this report listed which and why.</p></div>")
    if not summary["roles"]:
        out.append("<p>No session could be read.</p>")
    out.extend(_progress(summary.get("progress", [])))
    out.extend(_side_by_side(summary["roles"]))
    for role, data in summary["roles"].items():
        out.extend(_role(role, data))
    out.extend(_questions(summary.get("questions") or {}))
    out.extend(_glossary(summary.get("glossary", [])))
    out.extend(_prompts(summary))
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _progress(rows: list[dict]) -> list[str]:
    if not rows:
        return []
    done = sum(r["finished"] for r in rows)
    out = [f"<h2>Who got how far</h2><p>{done} of {len(rows)} finished. Unfinished sessions come first.</p>",
           "<table><tr><th>Code</th><th>Role</th><th>Scenes reached</th><th>Finished</th><th>Stopped in</th>"
           "<th>Ending</th></tr>"]
    out.extend(f"<tr><td>{escape(r['code'])}</td><td>{escape(r['role'])}</td><td>{r['reached']} of {r['of']}</td>"
               f"<td>{'yes' if r['finished'] else 'no'}</td><td>{escape(r['stopped'])}</td>"
               f"<td>{escape(r['ending'])}</td></tr>" for r in rows)
    out.append("</table>")
    return out


def _side_by_side(roles: dict) -> list[str]:
    if len(roles) < 2:
        return []
    names = list(roles)
    head = "".join(f"<th>{escape(_played_as(r, roles[r]))}</th>" for r in names)
    rows = [("Sessions", [str(roles[r]["sessions"]) for r in names]),
            ("Finished", [str(roles[r]["finished"]) for r in names])]
    for kind in ENDING_KINDS:
        rows.append((f"Ending: {kind}", [str(roles[r]["kinds"][kind]) for r in names]))
    for family in MOVE_FAMILIES:
        cells = []
        for r in names:
            total = sum(roles[r]["families"].values())
            count = roles[r]["families"].get(family, 0)
            cells.append(f"{count} ({100 * count / total:.0f}%)" if total else "0")
        rows.append((f"Moves: {family}", cells))
    out = ['<h2>The two sides</h2><table class="side"><tr><th></th>' + head + "</tr>"]
    out.extend(f"<tr><th>{escape(label)}</th>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"
               for label, cells in rows)
    out.append("</table>")
    return out


def _played_as(role: str, data: dict) -> str:
    """'Played as the one who reaches': the role's title from the story's manifest."""
    title = data.get("title") or role
    return f"Played as {title[:1].lower()}{title[1:]}"


def _role(role: str, data: dict) -> list[str]:
    out = [f"<h2>{escape(_played_as(role, data))}: {_plural(data['sessions'], 'session')}</h2>"]
    ended = sum(data["kinds"].values())
    out.append(f"<h3>Endings ({ended} reached a year-end ending)</h3>")
    out.append(bars([(k, data["kinds"][k], KIND_COLOURS[k]) for k in ENDING_KINDS], ended))
    if data["endings"]:
        out.append("<table><tr><th>Ending</th><th>Kind</th><th>Sessions</th></tr>")
        out.extend(f"<tr><td>{escape(e['title'])}</td><td>{escape(e['kind'])}</td><td>{e['count']}</td></tr>"
                   for e in data["endings"])
        out.append("</table>")
    if data["final_meters"]:
        meters = " and ".join(f"{escape(m)} {v:g} of 10" for m, v in data["final_meters"].items())
        out.append(f"<p>Where the meters stood at the end: {meters}. These are medians: half of the sessions "
                   "that reached an ending finished at or above each value, half at or below.</p>")
    total_moves = sum(data["families"].values())
    out.append(f"<h3>Kinds of move ({total_moves} choices)</h3>")
    out.append(bars([(f, c, FAMILY_COLOURS.get(f, "#888")) for f, c in data["families"].items()], total_moves))
    if data.get("contrasts"):
        out.append("<h3>Instead of the secure move</h3><p>For each scene, the move most often chosen that was not "
                   "a secure one, beside the secure move offered at the same moment, and how much each changed "
                   "safety on average (out of 10).</p><table><tr><th>Scene</th><th>Most chosen instead</th>"
                   "<th>The secure move on offer</th></tr>")
        for row in data["contrasts"]:
            out.append(f"<tr><td>{escape(row['title'])}</td><td class=\"instead\">{_move(row['chosen'])}</td>"
                       f"<td class=\"secure\">{_move(row['secure']) if 'secure' in row else 'none offered'}</td></tr>")
        out.append("</table>")
    out.append("<h3>Scene by scene</h3><table><tr><th>Scene</th><th>Moves by kind</th><th>Most chosen</th></tr>")
    for scene in data["scenes"]:
        kinds = ", ".join(f"{escape(f)} {c}" for f, c in scene["families"].items())
        top = "".join(f"<li><i>{escape(c['text'])}</i> ({escape(', '.join(c['labels']))}): {c['count']}</li>"
                      for c in scene["top_choices"])
        out.append(f"<tr><td>{escape(scene['title'])}</td><td>{kinds}</td><td><ul>{top}</ul></td></tr>")
    out.append("</table>")
    if data["skipped"]:
        out.append(f"<p>Scenes skipped (content notes): {data['skipped']}.</p>")
    return out


def _move(move: dict) -> str:
    labels = escape(", ".join(move["labels"]))
    if move["measured"]:
        effect = f"chosen {move['count']}×, safety {_change(move['safety'])} on average"
    else:
        effect = f"not chosen; as written, safety {_change(move['safety'])}"
    return f"<i>{escape(move['text'])}</i> ({labels}): {effect}"


def _questions(data: dict) -> list[str]:
    if not data or not (data["before"] or data["after"]):
        return []
    out = ["<h2>Questions before and after play</h2>"]
    scores = data.get("scores", {})
    if scores:
        parts = [f"{when} play {s['mean']}% right ({_plural(s['sessions'], 'session')})" for when, s in scores.items()]
        out.append(f"<p>Concept checks: {'; '.join(parts)}.</p>")
    for when in ("before", "after"):
        if not data[when]:
            continue
        out.append(f"<h3>Asked {when} play</h3><table><tr><th>Question</th><th>Answers</th></tr>")
        for q in data[when]:
            if q["kind"] == "likert":
                mean = "no answers" if q.get("mean") is None else f"mean {q['mean']:g} on a 1–{q['scale']} scale"
                summary = f"{mean} ({q['answered']} answered)"
            elif q["kind"] == "choice":
                summary = "; ".join(f"{escape(o['text'])}{' (right)' if o['right'] else ''}: {o['count']}"
                                    for o in q["options"])
            else:
                summary = (f"{q['answered']} shared by students who chose to; the CSV export holds them "
                           "(free text is not shown here, as it may name people)")
            out.append(f"<tr><td>{escape(str(q['text']))}</td><td>{summary}</td></tr>")
        out.append("</table>")
    return out


def _glossary(items: list[dict]) -> list[str]:
    if not items:
        return []
    out = ["<h2>What the move names mean</h2><dl>"]
    out.extend(f"<dt>{escape(i['label'])} <span class=\"note\">({escape(i['family'])})</span></dt>"
               f"<dd>{escape(i['summary'])}</dd>" for i in items)
    out.append("</dl>")
    return out


def _prompts(summary: dict) -> list[str]:
    out = ["<h2>Talking about it</h2><p>Ask about moves, not people: “what did that stonewall do to the other "
           "side?”, not “who is avoidant?”. Prompts from the facilitator guide for the scenes played:</p>"]
    played = [s for data in summary["roles"].values() for s in data["scenes"]]
    seen, items = set(), []
    for scene in played:
        prompt = summary.get("prompts", {}).get(scene["id"])
        if prompt and scene["id"] not in seen:
            seen.add(scene["id"])
            items.append(f"<dt>{escape(scene['title'])}</dt><dd>{escape(prompt)}</dd>")
    if items:
        out.append("<dl>" + "".join(items) + "</dl>")
    return out
