"""Diagnostics are values: collected, sorted and printed, never raised one by one."""

from __future__ import annotations

from dataclasses import dataclass, field
import os
from pathlib import Path

from game.engine.printable import printable

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in a story, pointing at the place a writer can fix it."""

    file: str
    line: int  # 1-based
    col: int  # 1-based
    severity: str
    code: str
    message: str

    def __str__(self) -> str:
        # One printed line, whatever a file name or a quoted value holds (see printable.py).
        return printable(f"{self.file}:{self.line}:{self.col}: {self.severity} {self.code}: {self.message}")

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def to_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


@dataclass(frozen=True)
class Pos:
    """A place in a source file (1-based line and column)."""

    file: str
    line: int = 1
    col: int = 1


@dataclass
class DiagnosticBag:
    """Collects diagnostics while a story is read and checked."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, pos: Pos, code: str, message: str, severity: str = ERROR) -> None:
        self.items.append(Diagnostic(pos.file, pos.line, pos.col, severity, code, message))

    def error(self, pos: Pos, code: str, message: str) -> None:
        self.add(pos, code, message, ERROR)

    def warning(self, pos: Pos, code: str, message: str) -> None:
        self.add(pos, code, message, WARNING)

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.items))


class StoryLoadError(Exception):
    """A story could not be loaded; `diagnostics` says exactly where and why."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.is_error]
        first = str(errors[0]) if errors else "unknown problem"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(first + more)


def display_path(path: Path) -> str:
    """A path as a writer would type it: relative to the working folder when possible.

    Control characters and bytes that are not UTF-8 come out escaped; a link loop is no error here.
    """
    try:  # not resolved: a link is shown by its own name, never by where it leads
        shown = str(Path(os.path.abspath(path)).relative_to(Path.cwd()))
    except (ValueError, OSError):
        shown = str(path)
    return printable(shown)
