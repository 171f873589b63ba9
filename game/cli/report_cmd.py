"""`tether report LOG...`: session logs summed up as an offline HTML page (or JSON) with no names."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from game.cli.paths import default_story_dir
from game.engine.assignment import read_assignment
from game.engine.diagnostics import DiagnosticBag
from game.engine.files import atomic_write_text
from game.engine.printable import printable
from game.tools.load import load_or_report
from game.tools.report import read_codes, read_logs, summarise
from game.tools.exports import moves_csv, sessions_csv
from game.tools.lrs import send
from game.tools.output import format_text
from game.tools.report_html import render
from game.tools.xapi import all_statements


def register(sub) -> None:
    p = sub.add_parser("report", help="sum up session logs for a class (or one player) as HTML",
                       description="Read logs written by `tether play --text --log FILE` and write one "
                       "self-contained HTML page (opens offline) or JSON. Logs that cannot be read are "
                       "named and left as they are. The report holds no names.")
    p.add_argument("logs", nargs="*", type=Path, metavar="LOG", help="session log files")
    p.add_argument("--codes", type=Path, action="append", default=[], metavar="FILE",
                   help="a text file of pasted hand-in codes (TETHER1-…); each is replayed to rebuild its session")
    p.add_argument("--story", type=Path, help="the story the logs come from (default: the shipped story)")
    p.add_argument("--assignment", type=Path, metavar="FILE",
                   help="the assignment file: question texts and right answers, the LRS account homePage")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--html", type=Path, metavar="FILE", help="write the report as an HTML page")
    out.add_argument("--json", action="store_true", help="print the numbers as JSON")
    p.add_argument("--csv", type=Path, metavar="FILE", help="write one row per session (codes, never names)")
    p.add_argument("--csv-moves", type=Path, metavar="FILE", help="write one row per move")
    p.add_argument("--xapi", type=Path, metavar="FILE", help="write xAPI 1.0.3 statements, one JSON object a line")
    p.add_argument("--lrs", metavar="URL", help="send the xAPI statements to this LRS endpoint (e.g. .../xAPI)")
    p.add_argument("--lrs-auth", metavar="KEY:SECRET", help="the LRS's basic-auth key and secret "
                   "(or set TETHER_LRS_AUTH, which keeps it out of your shell history)")
    p.add_argument("--lrs-queue", type=Path, default=Path("tether-xapi-queue.jsonl"), metavar="FILE",
                   help="where statements the LRS has not accepted yet wait (default: %(default)s)")
    p.add_argument("--lrs-retries", type=int, default=4, metavar="N",
                   help="retries per batch when the LRS cannot be reached, pausing 1, 2, 4… s (default 4)")
    p.set_defaults(run=run)


def _write(path: Path, text: str, what: str) -> bool:
    if path.is_symlink() or path.exists() and not path.is_file():
        print(f"{printable(path)}: not written: it is not a regular file (a folder, pipe or link)", file=sys.stderr)
        return False
    try:
        atomic_write_text(path, text)
    except OSError as exc:
        print(f"{printable(path)}: not written: {exc.strerror or exc}", file=sys.stderr)
        return False
    print(f"Wrote {printable(path)}: {what}.")
    return True


def _assignment(args, story):
    if args.assignment is None:
        return None, True
    bag = DiagnosticBag()
    assignment = read_assignment(args.assignment, bag, story)
    if bag.items:
        print(format_text(bag.sorted()), file=sys.stderr)
    return assignment, assignment is not None


def _exports(args, story, sessions, assignment) -> int:
    """CSV, xAPI file and LRS; 0 when every one asked for worked."""
    ok = True
    if args.csv:
        ok &= _write(args.csv, sessions_csv(sessions, story), f"{len(sessions)} session row(s)")
    if args.csv_moves:
        ok &= _write(args.csv_moves, moves_csv(sessions, story), f"{sum(len(s.moves) for s in sessions)} move row(s)")
    if not (args.xapi or args.lrs):
        return 0 if ok else 1
    statements = all_statements(sessions, story, assignment)
    if args.xapi:
        text = "".join(json.dumps(st, ensure_ascii=False) + "\n" for st in statements)
        ok &= _write(args.xapi, text, f"{len(statements)} xAPI statement(s)")
    if args.lrs:
        auth = args.lrs_auth or os.environ.get("TETHER_LRS_AUTH", "")
        if ":" not in auth:
            print("tether report: --lrs needs --lrs-auth KEY:SECRET (or TETHER_LRS_AUTH)", file=sys.stderr)
            return 2
        sent = send(statements, args.lrs, auth, args.lrs_queue, retries=max(0, min(args.lrs_retries, 10)))
        for message in sent.messages:
            print(f"LRS: {printable(message)}", file=sys.stderr)
        print(f"Sent {sent.sent} statement(s) to {printable(args.lrs)}; {sent.queued} still queued.")
        ok &= sent.ok
    return 0 if ok else 1


def run(args) -> int:
    story = load_or_report(args.story or default_story_dir())
    if story is None:
        return 1
    if args.html and (args.html.is_symlink() or args.html.exists() and not args.html.is_file()):
        print(f"{printable(args.html)}: not written: it is not a regular file (a folder, pipe or link)", file=sys.stderr)
        return 2
    assignment, fine = _assignment(args, story)
    if not fine:
        return 1
    if not args.logs and not args.codes:
        print("tether report: give session logs, or --codes FILE with pasted hand-in codes", file=sys.stderr)
        return 2
    report = read_logs(args.logs, story, assignment)
    for codes in args.codes:
        read_codes(codes, story, report, assignment)
    for problem in report.problems:
        print(printable(problem), file=sys.stderr)
    if report.problems:
        k = len(report.problems)
        print(f"{k} log{'s' * (k != 1)} not counted (left as they are).", file=sys.stderr)
    if not report.sessions:
        print("No log could be read, so no report was written.", file=sys.stderr)
        return 1
    summary = summarise(report, story, assignment)
    if args.json:
        print(json.dumps(summary, indent=1, ensure_ascii=True))
    elif args.html:
        try:
            atomic_write_text(args.html, render(summary))
        except OSError as exc:
            print(f"{printable(args.html)}: not written: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"Wrote {printable(args.html)}: {summary['sessions']} session(s); open it in any browser, no network needed.")
    elif not (args.csv or args.csv_moves or args.xapi or args.lrs):
        for role, data in summary["roles"].items():
            kinds = ", ".join(f"{k} {v}" for k, v in data["kinds"].items())
            print(f"{role}: {data['sessions']} session(s); endings: {kinds}")
    return _exports(args, story, report.sessions, assignment)
