"""Name and pronoun substitution: `{partner}`, `{they}`, `{are}`, `{s}` … and, for the story's other
characters, `{priya}` (the name) and `{priya.they}`, `{Priya.their}`, `{priya.are}` … (their pronouns)."""

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
PRONOUN_WORDS = frozenset(_WORDS["they"])
PLACEHOLDERS = frozenset({"partner", *_WORDS["they"]})
_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")
# {partner}, {they}, ... written in lower case or with a capital: placeholders that are surely right
_KNOWN_FIELD = re.compile("|".join(sorted(f"\\{{[{w[0]}{w[0].upper()}]{w[1:]}\\}}" for w in PLACEHOLDERS)))


@dataclass(frozen=True)
class Partner:
    """The partner as the player chose them."""

    name: str = "Sam"
    pronouns: str = "they"

    def __post_init__(self):
        if self.pronouns not in PRONOUNS:
            raise ValueError(f"pronouns must be one of {', '.join(PRONOUNS)}")


def placeholder_problems(text: str, characters=()) -> list[tuple[int, str]]:
    """(offset, message) for each unknown or broken placeholder in a text; `characters` are the story's ids."""
    if "{" not in text and "}" not in text:
        return []
    rest = _KNOWN_FIELD.sub("", text)
    if "{" not in rest and "}" not in rest:
        return []  # every brace is in a {partner}, {they}, {Their} ...: the common case, without the scan below
    problems = []
    stray, covered_to = None, 0  # the first brace outside every {...}, {{ and }}; where the last of them ended
    for m in _FIELD.finditer(text):
        if stray is None:
            stray = _first_brace(text, covered_to, m.start())
            covered_to = m.end()
        name = m.group(1)
        if name is None:
            continue
        who, dot, word = name.partition(".")
        if dot and who.lower() in characters:
            if word.lower() not in PRONOUN_WORDS:
                hint = closest_word(word.lower(), PRONOUN_WORDS)
                problems.append((m.start(), f"unknown pronoun word in {{{name}}}" + (f"; did you mean {{{who}.{hint}}}?" if hint
                                else f"; known: {', '.join(sorted(PRONOUN_WORDS))}")))
            elif name not in (name.lower(), name[:1].upper() + name[1:].lower()):
                problems.append((m.start(), f"write {{{name.lower()}}} or {{{name[:1].upper() + name[1:].lower()}}}"))
        elif name.lower() not in PLACEHOLDERS and name.lower() not in characters:
            known = ", ".join("{" + p + "}" for p in sorted(PLACEHOLDERS))
            hint = closest_word(name.lower(), [*PLACEHOLDERS, *characters])
            problems.append((m.start(), f"unknown placeholder {{{name}}}" + (f"; did you mean {{{hint}}}?" if hint else
                                                                              f"; known: {known} and character ids")))
        elif name not in (name.lower(), name.capitalize()):
            problems.append((m.start(), f"write {{{name.lower()}}} or {{{name.capitalize()}}}"))
    if stray is None:
        stray = _first_brace(text, covered_to, len(text))
    if stray is not None:
        problems.append((stray, f"stray '{text[stray]}': write '{text[stray] * 2}' for a literal brace"))
    return problems


def _first_brace(text: str, start: int, end: int) -> int | None:
    """The offset of the first { or } in text[start:end], or None."""
    found = [at for at in (text.find("{", start, end), text.find("}", start, end)) if at >= 0]
    return min(found) if found else None


def placeholders_in(text: str, characters=()) -> list[tuple[int, str]]:
    """(offset, name) of each known placeholder written in a text, for fields that are shown as written."""
    if "{" not in text:
        return []
    return [(m.start(), m.group(1)) for m in _FIELD.finditer(text)
            if m.group(1) and (m.group(1).lower() in PLACEHOLDERS or m.group(1).lower().partition(".")[0] in characters)]


def closest_word(word: str, options) -> str | None:
    import difflib

    found = difflib.get_close_matches(word, list(options), n=1, cutoff=0.75)
    return found[0] if found else None


@lru_cache(maxsize=8192)
def substitute(text: str, partner: Partner, cast: tuple = ()) -> str:
    """The text with names and pronouns in place (cached: story text never changes).

    `cast` holds (id, name, pronouns) for the story's other characters.
    """
    if "{" not in text and "}" not in text:
        return text
    words = _WORDS[partner.pronouns]
    people = {cid: (name, pronouns) for cid, name, pronouns in cast}

    def repl(m: re.Match) -> str:
        token = m.group(0)
        if token in ("{{", "}}"):
            return token[0]
        name = m.group(1)
        who, dot, word = name.lower().partition(".")
        if who in people:
            person, pronouns = people[who]
            value = _WORDS[pronouns].get(word, token) if dot else person
        else:
            value = partner.name if name.lower() == "partner" else words.get(name.lower(), token)
        if name[:1].isupper() or _SENTENCE_START.search(text, 0, m.start()) is not None and value != token:
            return value[:1].upper() + value[1:]
        return value

    return _FIELD.sub(repl, text)


# A placeholder at the start of a text or of a sentence (after . ! ? or … and any opening quote)
# starts with a capital, whatever was typed: "your partner", a name typed in lower case, "they".
_SENTENCE_START = re.compile(r"(?:\A|[.!?…]\s+)[\"“‘'(\[]*\Z")
