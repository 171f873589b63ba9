"""`tether assign new|lint|schema`: write an assignment file for a class, check one, print its schema."""

from __future__ import annotations

import sys
from pathlib import Path

from game.cli.paths import default_story_dir
from game.engine.assignment import Assignment, LrsSettings, lint_assignment, new_codes, new_id, read_questions
from game.engine.diagnostics import DiagnosticBag
from game.engine.files import atomic_write_text
from game.tools.assignment_file import schema_text, to_yaml
from game.tools.load import load_or_report
from game.tools.output import format_text


def register(sub) -> None:
    p = sub.add_parser("assign", help="write or check an assignment file for a class",
                       description="Assignments say which roles and scenes a class plays, with pseudonymous "
                       "codes and optional questions before and after play.")
    commands = p.add_subparsers(dest="assign_command", metavar="ACTION", required=True)
    new = commands.add_parser("new", help="write a new assignment file")
    new.add_argument("--title", required=True)
    new.add_argument("--roles", help="comma-separated roles (default: every role)")
    new.add_argument("--scenes", help="comma-separated scene ids (default: every scene); played in story order")
    new.add_argument("--codes", type=int, default=30, metavar="N", help="how many student codes (default 30)")
    new.add_argument("--before", type=Path, metavar="FILE", help="YAML list of questions asked before play")
    new.add_argument("--after", type=Path, metavar="FILE", help="YAML list of questions asked after play")
    new.add_argument("--training", action="store_true", help="show the meters while playing")
    new.add_argument("--no-skip", action="store_true", help="do not offer skipping scenes")
    new.add_argument("--lrs", metavar="URL", help="the xAPI endpoint of your learning-record store")
    new.add_argument("--homepage", metavar="URL", help="your LMS's address (the xAPI account homePage of codes)")
    new.add_argument("--story", type=Path, help="story folder (default: the shipped story)")
    new.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    new.set_defaults(run=run_new)
    lint = commands.add_parser("lint", help="check an assignment file")
    lint.add_argument("file", type=Path, metavar="FILE")
    lint.add_argument("--story", type=Path, help="story folder (default: the shipped story)")
    lint.set_defaults(run=run_lint)
    schema = commands.add_parser("schema", help="print the JSON Schema of assignment files")
    schema.set_defaults(run=lambda args: sys.stdout.write(schema_text()) and 0)


def _list(text: str | None) -> list[str] | None:
    return None if text is None else [part.strip() for part in text.split(",") if part.strip()]


def run_new(args) -> int:
    story = load_or_report(args.story or default_story_dir())
    if story is None:
        return 1
    roles = _list(args.roles) or list(story.roles)
    scenes = _list(args.scenes) or list(story.scene_order)
    problems = [f"unknown role '{r}'; the story has {', '.join(story.roles)}" for r in roles if r not in story.roles]
    problems += [f"unknown scene '{s}'; the story has {', '.join(story.scene_order)}" for s in scenes
                 if s not in story.scenes]
    try:
        codes = new_codes(args.codes)
    except ValueError as exc:
        problems.append(str(exc))
    bag = DiagnosticBag()
    taken: set = set()
    before = read_questions(args.before, bag, taken) if args.before else ()
    after = read_questions(args.after, bag, taken) if args.after else ()
    if bag.items:
        print(format_text(bag.sorted()), file=sys.stderr)
    for problem in problems:
        print(f"tether assign new: {problem}", file=sys.stderr)
    if problems or bag.has_errors:
        return 1
    lrs = LrsSettings(args.lrs, args.homepage) if args.homepage else LrsSettings(args.lrs)
    assignment = Assignment(new_id(args.title), args.title, story.id, str(story.version),
                            tuple(r for r in story.roles if r in roles),
                            tuple(s for s in story.scene_order if s in scenes), tuple(codes),
                            args.training, not args.no_skip, before, after, lrs)
    atomic_write_text(args.output, to_yaml(assignment))
    print(f"Wrote {args.output}: {len(codes)} codes, {len(assignment.scenes)} scene(s), "
          f"{len(before) + len(after)} question(s). Share the file; give each student one code.")
    return 0


def run_lint(args) -> int:
    story = load_or_report(args.story or default_story_dir())
    if story is None:
        return 1
    diagnostics = lint_assignment(args.file, story)
    if diagnostics:
        print(format_text(diagnostics))
    if any(d.is_error for d in diagnostics):
        return 1
    print(f"{args.file}: a valid assignment for {story.title} {story.version}")
    return 0
