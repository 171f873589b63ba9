"""`tether schema [--check PATH]`: print the JSON Schema of story files, or check a story against it."""

from __future__ import annotations

import sys
from pathlib import Path

from game.tools.output import format_text
from game.tools.schema import schema_text, validate_story_files


def register(sub) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema for story files",
                       description="Print the JSON Schema (draft 7) for story.yaml and scenes/*.yaml; story/schema.json "
                       "holds the same text. With --check, validate a story against it.")
    p.add_argument("--check", type=Path, metavar="PATH", help="validate a story folder's files against the schema")
    p.set_defaults(run=run)


def run(args) -> int:
    if args.check is None:
        sys.stdout.write(schema_text())
        return 0
    diagnostics = validate_story_files(args.check)
    if diagnostics:
        print(format_text(diagnostics))
        return 1
    print(f"{args.check}: every file matches the schema")
    return 0
