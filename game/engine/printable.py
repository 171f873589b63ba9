"""Text that is safe to print: control characters shown as escapes, never sent to a terminal.

Story text, file names, partner names and diagnostic excerpts all come from outside
the program. An escape sequence in any of them could set the terminal's title, clear
the screen, or (a newline in a file name) forge a line that looks like a diagnostic.
Everything Tether prints goes through `printable` (one line) or `printable_text`
(text whose own line breaks and tabs are kept).
"""

from __future__ import annotations

import re

# C0 and C1 controls and DEL, the bidirectional overrides that reorder what a reader sees,
# and lone surrogates (a file name that is not UTF-8 arrives with them).
_UNSAFE = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_ONE_LINE = re.compile(f"[{_UNSAFE}]")
_KEEP_BREAKS = re.compile(f"[{_UNSAFE.replace(chr(0) + '-' + chr(0x1f), chr(0) + '-' + chr(8) + chr(11) + '-' + chr(0x1f))}]")
UNSAFE_IN_TEXT = _KEEP_BREAKS  # what `control_characters` looks for: `UNSAFE_IN_TEXT.search(text)` is a quick yes/no


def _escape(match: re.Match) -> str:
    ch = match.group()
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    if ch == "\n":
        return "\\n"
    if ch == "\t":
        return "\\t"
    if ch == "\r":
        return "\\r"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text) -> str:
    """`text` on one line with every control character escaped (newlines too)."""
    return _ONE_LINE.sub(_escape, str(text))


def printable_text(text) -> str:
    """`text` with control characters escaped, its newlines and tabs kept."""
    return _KEEP_BREAKS.sub(_escape, str(text))


def control_characters(text: str) -> list[str]:
    """The control characters in story text, as escapes (newlines and tabs are allowed)."""
    return sorted({_escape(m) for m in _KEEP_BREAKS.finditer(text)})
