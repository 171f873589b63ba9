"""The report as one self-contained HTML page: inline CSS and SVG, no scripts, nothing fetched.

It opens offline in any browser and prints cleanly. Every number in a chart is
also written as text, and bars carry a pattern word, so nothing relies on colour.
"""

from __future__ import annotations

from html import escape

KIND_COLOURS = {"growth": "#3f7d6e", "escalation": "#b5523b", "breakup": "#6b5b8c"}
FAMILY_COLOURS = {"secure": "#3f7d6e", "pursue": "#c9803a", "withdraw": "#4f6f9a", "corrosive": "#9c3b4a",
                  "neutral": "#8a8a8a"}
ROLE_TITLES = {"anxious": "Played as the one who reaches", "avoidant": "Played as the one who needs room"}

CSS = """
body { font-family: "Atkinson Hyperlegible", Verdana, sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; color: #22222c; background: #faf7f1; line-height: 1.5; }
h1 { margin-bottom: 0.2rem; } h2 { margin-top: 2.2rem; border-bottom: 2px solid #d6cab9; }
.note { color: #555; } table { border-collapse: collapse; margin: 0.8rem 0; }
th, td { text-align: left; padding: 0.3rem 0.8rem 0.3rem 0; vertical-align: top; }
th { border-bottom: 1px solid #d6cab9; } .bar text { font-size: 13px; fill: #22222c; }
.problems { background: #fff3e8; border-left: 4px solid #c9803a; padding: 0.5rem 1rem; }
@media print { body { background: white; } }
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


def render(summary: dict) -> str:
    story = summary["story"]
    n = summary["sessions"]
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{escape(story['title'])}: report on {n} session{'s' * (n != 1)}</title>",
           f"<style>{CSS}</style></head><body>",
           f"<h1>{escape(story['title'])}: what happened in {n} session{'s' * (n != 1)}</h1>",
           f'<p class="note">Story version {escape(str(story["version"]))}. This report holds no names: '
           "sessions are counted, never identified. Tether is education, not therapy or diagnosis; "
           "these numbers describe moves in a story, not the people who played it.</p>"]
    if summary["unreadable"]:
        # File names can carry a student's name, so the page only counts them; the command lists them.
        k = summary["unreadable"]
        left = "were left as they are" if k != 1 else "was left as it is"
        out.append(f'<div class="problems"><p>{k} log{"s" * (k != 1)} could not be counted and {left}; '
                   "the command that made this report listed which and why.</p></div>")
    if not summary["roles"]:
        out.append("<p>No session could be read.</p>")
    for role, data in summary["roles"].items():
        out.append(f"<h2>{escape(ROLE_TITLES.get(role, role))}: {data['sessions']} session"
                   f"{'s' * (data['sessions'] != 1)}</h2>")
        finished = data["finished"]
        out.append(f"<h3>Endings ({finished} reached an ending)</h3>")
        out.append(bars([(k, data["kinds"][k], KIND_COLOURS[k]) for k in ("growth", "escalation", "breakup")], finished))
        if data["endings"]:
            out.append("<table><tr><th>Ending</th><th>Kind</th><th>Sessions</th></tr>")
            out.extend(f"<tr><td>{escape(e['title'])}</td><td>{escape(e['kind'])}</td><td>{e['count']}</td></tr>"
                       for e in data["endings"])
            out.append("</table>")
        if data["final_meters"]:
            meters = ", ".join(f"{escape(m)} {v:g} of 10" for m, v in data["final_meters"].items())
            out.append(f"<p>Median meters at the end: {meters}.</p>")
        total_moves = sum(data["families"].values())
        out.append(f"<h3>Kinds of move ({total_moves} choices)</h3>")
        out.append(bars([(f, c, FAMILY_COLOURS.get(f, "#888")) for f, c in data["families"].items()], total_moves))
        out.append("<h3>Scene by scene</h3><table><tr><th>Scene</th><th>Moves by kind</th>"
                   "<th>Most chosen</th></tr>")
        for scene in data["scenes"]:
            kinds = ", ".join(f"{escape(f)} {c}" for f, c in scene["families"].items())
            top = "".join(f"<li><i>{escape(c['text'])}</i> ({escape(', '.join(c['labels']))}): {c['count']}</li>"
                          for c in scene["top_choices"])
            out.append(f"<tr><td>{escape(scene['title'])}</td><td>{kinds}</td><td><ul>{top}</ul></td></tr>")
        out.append("</table>")
        if data["skipped"]:
            out.append(f"<p>Scenes skipped (content notes): {data['skipped']}.</p>")
    out.append('<h2>Talking about it</h2><p>The facilitator guide (docs/facilitator-guide.md) has prompts for '
               "each scene. Ask about moves, not people: “what did that stonewall do to the other side?”, "
               "not “who is avoidant?”.</p></body></html>")
    return "\n".join(out) + "\n"
