"""Load a story for a tool, printing diagnostics (never a traceback) when it cannot be built."""

from __future__ import annotations

import sys
from pathlib import Path

from game.engine.loader import check_story
from game.engine.model import Story
from game.tools.output import format_text


def load_or_report(path: Path, stream=None) -> Story | None:
    story, diagnostics = check_story(Path(path))
    if story is None:
        stream = stream or sys.stderr
        print(f"{path}: the story cannot be built; fix these first (tether lint shows the same):", file=stream)
        print(format_text(diagnostics), file=stream)
    return story
