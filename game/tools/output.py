"""Printing diagnostics for people (with the source line and a caret) and for programs (JSON)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from game.engine.codes import CODES
from game.engine.diagnostics import Diagnostic
from game.engine.files import UnsafeFile, read_untrusted
from game.engine.loader import find_root
from game.engine.printable import printable
from game.engine.yamlsafe import MAX_FILE_BYTES

BY_CODE_MIN = 10  # findings from which the summary also counts them by code (when there is more than one code)


class SourceCache:
    """Lines of the files diagnostics point at, read once each.

    Only files inside a story folder are shown, read the same guarded way the loader reads
    them: an excerpt never prints a line of a linked-in file from outside the pack.
    """

    def __init__(self):
        self.files: dict[str, list[str] | None] = {}

    def lines(self, file: str) -> list[str] | None:
        if file not in self.files:
            self.files[file] = _story_lines(Path(file))
        return self.files[file]

    def line(self, file: str, number: int) -> str | None:
        lines = self.lines(file)
        if lines is None or not 1 <= number <= len(lines):
            return None
        return lines[number - 1]


def _story_lines(path: Path) -> list[str] | None:
    root = find_root(path) if path.suffix == ".yaml" else None
    if root is None:
        return None
    try:
        return read_untrusted(path, MAX_FILE_BYTES, root).decode("utf-8", errors="replace").splitlines()
    except UnsafeFile:
        return None


def format_text(diagnostics: list[Diagnostic], source: bool = True) -> str:
    """`path:line:col: severity CODE: message`, then the source line and a caret under the column."""
    cache = SourceCache()
    out = []
    for d in diagnostics:
        out.append(str(d))
        text = cache.line(d.file, d.line) if source else None
        if text is not None:
            shown = printable(text.expandtabs(1)[:200])
            out.append(f"    {shown}")
            out.append("    " + " " * max(0, min(d.col - 1, len(shown))) + "^")
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    if diagnostics:
        out.append(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
        out += by_code(diagnostics)
    return "\n".join(out)


def by_code(diagnostics: list[Diagnostic]) -> list[str]:
    """The findings counted by code, the most first, each with its title: where a long report starts. Nothing for
    a short report or one code."""
    counts = Counter(d.code for d in diagnostics)
    if len(diagnostics) < BY_CODE_MIN or len(counts) < 2:
        return []
    width = len(f"{max(counts.values()):,}")
    return [f"  {code} {count:>{width},}  {CODES[code][1] if code in CODES else ''}".rstrip()
            for code, count in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))]


def format_json(diagnostics: list[Diagnostic]) -> str:
    return json.dumps([d.to_dict() for d in diagnostics], indent=1, ensure_ascii=False)
