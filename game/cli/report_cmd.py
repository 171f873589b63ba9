"""`tether report LOG...`: session logs summed up as an offline HTML page (or JSON) with no names."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from game.cli.paths import default_story_dir
from game.engine.files import atomic_write_text
from game.engine.printable import printable
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
    if args.html and (args.html.is_symlink() or args.html.exists() and not args.html.is_file()):
        print(f"{printable(args.html)}: not written: it is not a regular file (a folder, pipe or link)", file=sys.stderr)
        return 2
    report = read_logs(args.logs, story)
    for problem in report.problems:
        print(printable(problem), file=sys.stderr)
    if report.problems:
        k = len(report.problems)
        print(f"{k} log{'s' * (k != 1)} not counted (left as they are).", file=sys.stderr)
    if not report.sessions:
        print("No log could be read, so no report was written.", file=sys.stderr)
        return 1
    summary = summarise(report, story)
    if args.json:
        print(json.dumps(summary, indent=1, ensure_ascii=True))
    elif args.html:
        try:
            atomic_write_text(args.html, render(summary))
        except OSError as exc:
            print(f"{printable(args.html)}: not written: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"Wrote {printable(args.html)}: {summary['sessions']} session(s); open it in any browser, no network needed.")
    else:
        for role, data in summary["roles"].items():
            kinds = ", ".join(f"{k} {v}" for k, v in data["kinds"].items())
            print(f"{role}: {data['sessions']} session(s); endings: {kinds}")
    return 0
