"""Partner name and pronoun substitution: `{partner}`, `{they}`, `{are}`, `{s}` …"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

PRONOUNS = ("they", "she", "he")
_WORDS = {
    "they": {"they": "they", "them": "them", "their": "their", "theirs": "theirs", "themself": "themself",
             "are": "are", "were": "were", "have": "have", "do": "do", "s": "", "es": "", "ies": "y"},
    "she": {"they": "she", "them": "her", "their": "her", "theirs": "hers", "themself": "herself",
            "are": "is", "were": "was", "have": "has", "do": "does", "s": "s", "es": "es", "ies": "ies"},
    "he": {"they": "he", "them": "him", "their": "his", "theirs": "his", "themself": "himself",
           "are": "is", "were": "was", "have": "has", "do": "does", "s": "s", "es": "es", "ies": "ies"},
}
PLACEHOLDERS = frozenset({"partner", *_WORDS["they"]})
_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


@dataclass(frozen=True)
class Partner:
    """The partner as the player chose them."""

    name: str = "Sam"
    pronouns: str = "they"

    def __post_init__(self):
        if self.pronouns not in PRONOUNS:
            raise ValueError(f"pronouns must be one of {', '.join(PRONOUNS)}")


def placeholder_problems(text: str) -> list[tuple[int, str]]:
    """(offset, message) for each unknown or broken placeholder in a text."""
    if "{" not in text and "}" not in text:
        return []
    problems = []
    for m in _FIELD.finditer(text):
        name = m.group(1)
        if name is None:
            continue
        if name.lower() not in PLACEHOLDERS:
            known = ", ".join("{" + p + "}" for p in sorted(PLACEHOLDERS))
            problems.append((m.start(), f"unknown placeholder {{{name}}}; known: {known}"))
        elif name not in (name.lower(), name.capitalize()):
            problems.append((m.start(), f"write {{{name.lower()}}} or {{{name.capitalize()}}}"))
    covered = [False] * len(text)
    for m in _FIELD.finditer(text):
        covered[m.start() : m.end()] = [True] * (m.end() - m.start())
    for offset, ch in enumerate(text):
        if ch in "{}" and not covered[offset]:
            problems.append((offset, f"stray '{ch}': write '{ch * 2}' for a literal brace"))
            break
    return problems


def placeholders_in(text: str) -> list[tuple[int, str]]:
    """(offset, name) of each known placeholder written in a text, for fields that are shown as written."""
    if "{" not in text:
        return []
    return [(m.start(), m.group(1)) for m in _FIELD.finditer(text) if m.group(1) and m.group(1).lower() in PLACEHOLDERS]


@lru_cache(maxsize=8192)
def substitute(text: str, partner: Partner) -> str:
    """The text with the partner's name and pronouns in place (cached: story text never changes)."""
    if "{" not in text and "}" not in text:
        return text
    words = _WORDS[partner.pronouns]

    def repl(m: re.Match) -> str:
        token = m.group(0)
        if token in ("{{", "}}"):
            return token[0]
        name = m.group(1)
        value = partner.name if name.lower() == "partner" else words.get(name.lower(), token)
        return value[:1].upper() + value[1:] if name[:1].isupper() else value

    return _FIELD.sub(repl, text)
