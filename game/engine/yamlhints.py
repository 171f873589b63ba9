"""What a writer most likely meant when ordinary text trips YAML up.

YAML gives a text a meaning of its own when it starts with `{`, `[` or a
quote, or holds `: `; and a line that lost its `- ` is only noticed a line
later. These hints turn the parser's words into the fix.
"""

from __future__ import annotations

import re

_KEY_VALUE = re.compile(r"\s*(?:-\s+)?[A-Za-z_]\w*:\s+(?P<value>\S.*)")


def syntax_error_mark(exc, lines: list[str]):
    """Where to point: the line that lacks its ':' or '- ' (or lost its end to a comment), not the one after it."""
    if exc.context == "while scanning a simple key" and exc.context_mark is not None:
        return exc.context_mark
    if _comment_in_flow(exc, lines):
        return exc.context_mark
    return exc.problem_mark or exc.context_mark


def _comment_in_flow(exc, lines: list[str]) -> bool:
    mark = exc.context_mark
    if mark is None or not exc.context or "flow" not in exc.context or mark.line >= len(lines):
        return False
    return " #" in lines[mark.line]


def syntax_hint(exc, lines: list[str]) -> str:
    """A '; ...' sentence to add to a YAML syntax error, or ''."""
    for mark in (m for m in (exc.context_mark, exc.problem_mark) if m is not None):
        value = _KEY_VALUE.match(lines[mark.line] if mark.line < len(lines) else "")
        if value is None:
            continue
        text = value.group("value").split(" #")[0].rstrip()
        if text[:1] in "{[" and text[-1:] not in "}]":
            return f"; a text that starts with '{text[0]}' must be in quotes: \"{text}\""
        if text[:1] in "\"'" and not text.endswith(text[0]):
            return "; a text that starts with a quote must end with it (or put the whole text in the other kind of quotes)"
        if ": " in text and text[:1] not in "{[\"'":
            return f"; a text containing ': ' must be in quotes: \"{text}\""
    if _comment_in_flow(exc, lines):
        return "; ' #' starts a comment even inside { } or [ ], so the rest of the line was dropped: put the text in quotes"
    if exc.problem and "expected '-' indicator" in exc.problem and exc.problem_mark is not None:
        line = lines[exc.problem_mark.line] if exc.problem_mark.line < len(lines) else ""
        if not line.lstrip().startswith("-"):
            return "; this line is not a list item: start it with '- ' like the items above"
    if exc.context == "while scanning a simple key":
        return "; a list item starts with '- ', and a key needs ': ' after it"
    return ""
