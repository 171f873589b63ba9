"""Every diagnostic code Tether can report, with its default severity and a one-line title.

E00xx: reading files. E01xx: structure and types. E02xx: references.
E03xx: conditions, text and ids. E04xx: play (soft-locks, unreachable
endings). E05xx: the JSON Schema. W01xx: advice from the linter.
docs/diagnostics.md documents each one with a bad example and the fix.
"""

from __future__ import annotations

CODES: dict[str, tuple[str, str]] = {
    "E0001": ("error", "file cannot be read, is too large, or is not a story"),
    "E0002": ("error", "file is not UTF-8"),
    "E0003": ("error", "file is empty"),
    "E0004": ("error", "YAML syntax error"),
    "E0005": ("error", "YAML tag not allowed"),
    "E0006": ("error", "duplicate key"),
    "E0007": ("error", "anchors and aliases are not allowed"),
    "E0008": ("error", "nesting too deep"),
    "E0101": ("error", "expected a mapping"),
    "E0102": ("error", "unknown key"),
    "E0103": ("error", "required key missing"),
    "E0104": ("error", "value of the wrong type"),
    "E0105": ("error", "invalid id"),
    "E0106": ("error", "empty text"),
    "E0108": ("error", "unsupported story format version"),
    "E0201": ("error", "missing goto, start or visits() target"),
    "E0202": ("error", "undeclared meter"),
    "E0203": ("error", "undeclared flag"),
    "E0204": ("error", "unknown ending in early_endings"),
    "E0205": ("error", "unknown speaker"),
    "E0206": ("error", "scene listed in the manifest has no file"),
    "E0301": ("error", "condition does not parse"),
    "E0302": ("error", "unknown or broken substitution placeholder"),
    "E0303": ("error", "no way forward"),
    "E0304": ("error", "more than one way forward"),
    "E0305": ("error", "duplicate id"),
    "E0306": ("error", "unknown ending kind"),
    "E0307": ("error", "meter start outside its bounds"),
    "E0308": ("error", "loop with no choice and no way out"),
    "E0309": ("error", "placeholder in a field that is shown as written"),
    "E0401": ("error", "soft-lock: every choice (or branch) can be closed at once"),
    "E0402": ("error", "declared ending can never be reached"),
    "E0403": ("error", "no way out of the scene from this node"),
    "E0501": ("error", "file does not match the story schema"),
    "W0101": ("warning", "node can never be reached"),
    "W0102": ("warning", "meter is never used"),
    "W0103": ("warning", "flag is never used"),
    "W0104": ("warning", "flag is read but never set"),
    "W0105": ("warning", "ending can never be chosen"),
    "W0106": ("warning", "empty node"),
    "W0107": ("warning", "choice has no behaviour tag"),
    "W0108": ("warning", "choice has no why"),
    "W0109": ("warning", "unknown behaviour tag"),
    "W0110": ("warning", "scene file not listed in the manifest"),
    "W0111": ("warning", "scene offers the role no secure move"),
    "W0112": ("warning", "the secure move is always in the same place"),
    "W0113": ("warning", "meter only ever moves one way"),
    "W0114": ("warning", "text too long for one screen"),
    "W0115": ("warning", "no fallback ending"),
    "W0116": ("warning", "exploration could not decide"),
    "W0117": ("warning", "choice is never offered"),
    "W0118": ("warning", "line is never shown"),
    "W0119": ("warning", "lint setting has no effect"),
    "W0120": ("warning", "control character in story text"),
    "W0131": ("warning", "one reply answers moves of different families"),
    "W0132": ("warning", "node ignores a flag that tells its paths apart"),
    "W0133": ("warning", "growth depends on one choice"),
    "W0140": ("warning", "mirror is not in the other role's part of the scene"),
    "W0141": ("warning", "mirrored moment has no inner line"),
    "W0121": ("warning", "text cut short by a YAML comment"),
    "W0122": ("warning", "a role can never reach a growth ending"),
    "W0123": ("warning", "early ending can never happen"),
    "W0124": ("warning", "effect larger than the meter's whole range"),
    "W0125": ("warning", "location has no background"),
}

# Codes whose severity the manifest's `lint:` mapping may change: everything the
# linter decides. Errors from reading and building cannot be switched off, since
# the story cannot be built with them.
ADJUSTABLE = {code for code in CODES if code.startswith(("W", "E04"))}
