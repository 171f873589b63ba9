"""`tether report LOG...`: session logs summed up as an offline HTML page (or JSON) with no names."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from game.cli.paths import default_story_dir
from game.engine.files import atomic_write_text
from game.tools.load import load_or_report
from game.tools.report import read_logs, summarise
from game.tools.report_html import render


def register(sub) -> None:
    p = sub.add_parser("report", help="sum up session logs for a class (or one player) as HTML",
                       description="Read logs written by `tether play --text --log FILE` and write one "
                       "self-contained HTML page (opens offline) or JSON. Logs that cannot be read are "
                       "named and left as they are. The report holds no names.")
    p.add_argument("logs", nargs="+", type=Path, metavar="LOG", help="session log files")
    p.add_argument("--story", type=Path, help="the story the logs come from (default: the shipped story)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--html", type=Path, metavar="FILE", help="write the report as an HTML page")
    out.add_argument("--json", action="store_true", help="print the numbers as JSON")
    p.set_defaults(run=run)


def run(args) -> int:
    story = load_or_report(args.story or default_story_dir())
    if story is None:
        return 1
    report = read_logs(args.logs, story)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    summary = summarise(report, story)
    if args.json:
        print(json.dumps(summary, indent=1, ensure_ascii=False))
    elif args.html:
        atomic_write_text(args.html, render(summary))
        print(f"Wrote {args.html}: {summary['sessions']} session(s); open it in any browser, no network needed.")
    else:
        for role, data in summary["roles"].items():
            kinds = ", ".join(f"{k} {v}" for k, v in data["kinds"].items())
            print(f"{role}: {data['sessions']} session(s); endings: {kinds}")
    return 0 if report.sessions else 1
