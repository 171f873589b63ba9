"""`tether build-web [--story DIR] -o SITE`: the game as a folder of static files for a browser (no install)."""

from __future__ import annotations

import sys
from pathlib import Path

from game.cli.paths import default_story_dir
from game.tools.lint import LINT_MAX_STATES
from game.tools.output import format_text


def register(sub) -> None:
    p = sub.add_parser("build-web", help="build the browser version: a folder any static web server can serve",
                       description="Build Tether for the browser: the story (lint must pass), the engine and the "
                       "Pyodide runtime in one folder that plays offline. See docs/web.md.")
    p.add_argument("--story", type=Path, help="story folder (default: the shipped story)")
    p.add_argument("--assignment", type=Path, metavar="FILE",
                   help="an assignment file (tether assign new): it is linted, and the site starts straight into it")
    p.add_argument("-o", "--out", type=Path, required=True, metavar="DIR", help="folder to write the site to")
    p.add_argument("--pyodide", type=Path, metavar="DIR",
                   help="an unpacked npm package pyodide (default: build/web-deps, filled by `make web-deps`)")
    p.add_argument("--max-states", type=int, default=LINT_MAX_STATES, metavar="N", help="lint's exploration budget per role")
    p.set_defaults(run=run)


def run(args) -> int:
    from game.web.build import BuildError, build_site

    story_dir = args.story or default_story_dir()
    try:
        result = build_site(story_dir, args.out, args.pyodide, max_states=args.max_states, assignment=args.assignment)
    except BuildError as exc:
        print(f"tether build-web: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"tether build-web: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    if result.diagnostics:
        print(format_text(result.diagnostics), file=sys.stderr)
    if not result.files:
        what, hint = (f"the assignment {args.assignment}", "tether assign lint") if result.assignment_failed else \
            (story_dir, "tether lint")
        print(f"tether build-web: {what} has errors; fix them (see `{hint}`) and build again.", file=sys.stderr)
        return 1
    print(f"Built {result.out}: {result.files} files, {result.bytes / 1e6:.1f} MB. "
          f"Serve it with: python -m http.server -d {result.out}")
    return 0

