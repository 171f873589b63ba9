"""Checked reading of YAML values: each reader returns a usable value or reports why not.

Every problem becomes a diagnostic at the value's file:line:col; nothing raises.
"""

from __future__ import annotations

import difflib
import re

from game.engine import codes
from game.engine.diagnostics import DiagnosticBag, Pos
from game.engine.doc import Doc
from game.engine.text import placeholder_problems, placeholders_in

ID = re.compile(r"[a-z][a-z0-9_]*\Z")
_SENTENCE_END = (".", "!", "?", "…", '"', "”", "'", "’", ")")


class FieldReader:
    """Typed readers over a Doc, reporting into a DiagnosticBag."""

    def __init__(self, bag: DiagnosticBag):
        self.bag = bag
        self.cast: dict = {}  # character id -> Character, for `{priya}` and `{priya.they}` placeholders

    def mapping(self, doc: Doc, path: tuple, value, what: str, allowed: set | None = None, required=()) -> dict | None:
        if not isinstance(value, dict):
            self.bag.error(doc.pos(path), codes.NOT_A_MAPPING, f"{what} must be a mapping (key: value), not {kind_of(value)}")
            return None
        if allowed is not None and not value.keys() <= allowed:
            for key in value:
                if key not in allowed:
                    hint = closest(key, allowed)
                    self.bag.error(doc.kpos(path + (key,)), codes.UNKNOWN_KEY, f"unknown key '{key}' in {what}" + (f"; did you mean '{hint}'?" if hint else f"; allowed: {', '.join(sorted(allowed))}"))
        for key in required:
            if key not in value:
                self.bag.error(doc.pos(path), codes.MISSING_KEY, f"{what} needs '{key}'")
        return value

    def text(self, doc: Doc, path: tuple, value, what: str, required=True, placeholders=True) -> str:
        """A text field. `placeholders=False` marks a field shown as written: `{partner}` there is an error."""
        if value is None and not required:
            return ""
        if isinstance(value, dict) and len(value) == 1 and None in value.values():
            name = next(iter(value))  # `text: {partner}` unquoted is a YAML mapping
            self.bag.error(doc.pos(path), codes.WRONG_TYPE, f"{what} must be text, not a mapping: a text that starts with "
                           f"'{{' must be in quotes, e.g. \"{{{name}}} ...\"")
            return ""
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.bag.error(doc.pos(path), codes.WRONG_TYPE, f"{what} must be text, not {kind_of(value)}")
            return ""
        # Only a float can have been written with other digits (1.10 is not 1.1), and only a problem, or a text
        # that may have lost the end of it to a ` #`, needs the place: most texts are checked with no lookup.
        found = doc.scalar(path) if isinstance(value, float) else None
        text = (found.number if found else None) or str(value)
        empty = required and not text.strip()
        if placeholders:
            problems = [(offset, codes.BAD_PLACEHOLDER, message) for offset, message in placeholder_problems(text, self.cast)]
        else:
            problems = [(offset, codes.PLACEHOLDER_NOT_SHOWN, f"{{{name}}} is not filled in here: {what} is shown as written; "
                         "write the words themselves (placeholders work in lines, choices, why, summaries and ending texts)")
                        for offset, name in placeholders_in(text, self.cast)]
        cut_short = not text.rstrip().endswith(_SENTENCE_END)
        if not (empty or problems or cut_short):
            return text
        found = found or doc.scalar(path)  # one walk for the place, the quoting and a trailing comment
        base, shift = found.pos, 1 if found.quoted else 0

        def at(offset: int) -> Pos:
            return Pos(base.file, base.line, base.col + shift + offset if "\n" not in text[:offset] else base.col)

        if empty:
            self.bag.error(base, codes.EMPTY_TEXT, f"{what} is empty: the player would see nothing there")
        for offset, code, message in problems:
            self.bag.error(at(offset), code, message)
        if found.comment is not None and cut_short:
            self.bag.warning(at(len(text)), codes.TEXT_CUT_BY_COMMENT, f"{what} stops at ' {found.comment[:30]}': in YAML ' #' "
                             "starts a comment, so the rest was dropped; put the whole text in quotes (or the comment on its own line)")
        return text

    def integer(self, doc: Doc, path: tuple, value, what: str) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            shown = (doc.number_text(path) or str(value)) if isinstance(value, float) else kind_of(value)
            self.bag.error(doc.pos(path), codes.WRONG_TYPE, f"{what} must be a whole number, not {shown}")
            return None
        return value

    def boolean(self, doc: Doc, path: tuple, value, what: str) -> bool:
        if not isinstance(value, bool):
            self.bag.error(doc.pos(path), codes.WRONG_TYPE, f"{what} must be true or false, not {kind_of(value)}")
            return False
        return value

    def ident(self, doc: Doc, path: tuple, value, what: str) -> str | None:
        if not isinstance(value, str) or not ID.match(value):
            self.bag.error(doc.pos(path), codes.BAD_ID, f"{what} must be an id of lowercase letters, digits and _ starting with a letter, not {value!r}")
            return None
        return value

    def string_list(self, doc: Doc, path: tuple, value, what: str) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.bag.error(doc.pos(path), codes.WRONG_TYPE, f"{what} must be a list, not {kind_of(value)}")
            return []
        out = []
        for i, item in enumerate(value):
            if isinstance(item, str):
                out.append(item)
            else:
                self.bag.error(doc.pos(path + (i,)), codes.WRONG_TYPE, f"{what} must hold text items, not {kind_of(item)}")
        return out


def kind_of(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    return {dict: "a mapping", list: "a list", str: "text", int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def closest(word: str, options) -> str | None:
    found = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=0.75)
    return found[0] if found else None


def did_you_mean(name: str, same: dict, other: dict, other_kind: str) -> str:
    if name in other:
        return f" ('{name}' is a {other_kind})"
    hint = closest(name, same)
    return f"; did you mean '{hint}'?" if hint else ""
