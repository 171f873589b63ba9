"""Printing diagnostics for people (with the source line and a caret) and for programs (JSON)."""

from __future__ import annotations

import json
from pathlib import Path

from game.engine.diagnostics import Diagnostic


class SourceCache:
    """Lines of the files diagnostics point at, read once each."""

    def __init__(self):
        self.files: dict[str, list[str] | None] = {}

    def line(self, file: str, number: int) -> str | None:
        if file not in self.files:
            try:
                path = Path(file)
                if path.is_file() and path.stat().st_size <= 8 * 1024 * 1024:
                    self.files[file] = path.read_text(encoding="utf-8", errors="replace").splitlines()
                else:
                    self.files[file] = None
            except OSError:
                self.files[file] = None
        lines = self.files[file]
        if lines is None or not 1 <= number <= len(lines):
            return None
        return lines[number - 1]


def format_text(diagnostics: list[Diagnostic], source: bool = True) -> str:
    """`path:line:col: severity CODE: message`, then the source line and a caret under the column."""
    cache = SourceCache()
    out = []
    for d in diagnostics:
        out.append(str(d))
        text = cache.line(d.file, d.line) if source else None
        if text is not None:
            shown = text.expandtabs(1)[:200]
            out.append(f"    {shown}")
            out.append("    " + " " * max(0, min(d.col - 1, len(shown))) + "^")
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    if diagnostics:
        out.append(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
    return "\n".join(out)


def format_json(diagnostics: list[Diagnostic]) -> str:
    return json.dumps([d.to_dict() for d in diagnostics], indent=1, ensure_ascii=False)
