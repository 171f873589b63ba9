"""Every diagnostic code Tether can report, defined once: a name for the source, a code and title for writers.

E00xx: reading files. E01xx: structure and types. E02xx: references.
E03xx: conditions, text and ids. E04xx: play (soft-locks, unreachable
endings). E05xx: the JSON Schema. W01xx: advice from the linter.
docs/diagnostics.md documents each one with a bad example and the fix.
The engine and the tools import the names below; none writes a code as text.
"""

from __future__ import annotations

CODES: dict[str, tuple[str, str]] = {}  # code -> (default severity, one-line title)


def _code(code: str, title: str) -> str:
    assert code not in CODES, code
    CODES[code] = ("error" if code.startswith("E") else "warning", title)
    return code


# Reading files
UNREADABLE = _code("E0001", "file cannot be read, is too large, or is not a story")
NOT_UTF8 = _code("E0002", "file is not UTF-8")
EMPTY_FILE = _code("E0003", "file is empty")
YAML_SYNTAX = _code("E0004", "YAML syntax error")
YAML_TAG = _code("E0005", "YAML tag not allowed")
DUPLICATE_KEY = _code("E0006", "duplicate key")
ALIAS = _code("E0007", "anchors and aliases are not allowed")
TOO_DEEP = _code("E0008", "nesting too deep")
# Structure and types
NOT_A_MAPPING = _code("E0101", "expected a mapping")
UNKNOWN_KEY = _code("E0102", "unknown key")
MISSING_KEY = _code("E0103", "required key missing")
WRONG_TYPE = _code("E0104", "value of the wrong type")
BAD_ID = _code("E0105", "invalid id")
EMPTY_TEXT = _code("E0106", "empty text")
BAD_FORMAT = _code("E0108", "unsupported story format version")
# References
NO_SUCH_NODE = _code("E0201", "missing goto, start or visits() target")
UNKNOWN_METER = _code("E0202", "undeclared meter")
UNKNOWN_FLAG = _code("E0203", "undeclared flag")
UNKNOWN_ENDING = _code("E0204", "unknown ending in early_endings")
UNKNOWN_SPEAKER = _code("E0205", "unknown speaker")
NO_SCENE_FILE = _code("E0206", "scene listed in the manifest has no file")
UNKNOWN_ROLE = _code("E0207", "unknown role")
# Conditions, text and ids
BAD_CONDITION = _code("E0301", "condition does not parse")
BAD_PLACEHOLDER = _code("E0302", "unknown or broken substitution placeholder")
NO_WAY_FORWARD = _code("E0303", "no way forward")
TWO_WAYS_FORWARD = _code("E0304", "more than one way forward")
DUPLICATE_ID = _code("E0305", "duplicate id")
UNKNOWN_ENDING_KIND = _code("E0306", "unknown ending kind")
OUT_OF_BOUNDS = _code("E0307", "meter start outside its bounds")
ENDLESS_LOOP = _code("E0308", "loop with no choice and no way out")
PLACEHOLDER_NOT_SHOWN = _code("E0309", "placeholder in a field that is shown as written")
# Play
SOFT_LOCK = _code("E0401", "soft-lock: every choice (or branch) can be closed at once")
UNREACHABLE_ENDING = _code("E0402", "declared ending can never be reached")
NO_WAY_OUT = _code("E0403", "no way out of the scene from this node")
# The JSON Schema
SCHEMA = _code("E0501", "file does not match the story schema")
# Advice from the linter
UNREACHABLE_NODE = _code("W0101", "node can never be reached")
UNUSED_METER = _code("W0102", "meter is never used")
UNUSED_FLAG = _code("W0103", "flag is never used")
FLAG_NEVER_SET = _code("W0104", "flag is read but never set")
ENDING_NEVER_CHOSEN = _code("W0105", "ending can never be chosen")
EMPTY_NODE = _code("W0106", "empty node")
NO_TAG = _code("W0107", "choice has no behaviour tag")
NO_WHY = _code("W0108", "choice has no why")
UNKNOWN_TAG = _code("W0109", "unknown behaviour tag")
UNLISTED_SCENE = _code("W0110", "scene file not listed in the manifest")
NO_SECURE_MOVE = _code("W0111", "scene offers the role no secure move")
SECURE_SAME_PLACE = _code("W0112", "the secure move is always in the same place")
ONE_WAY_METER = _code("W0113", "meter only ever moves one way")
TEXT_TOO_LONG = _code("W0114", "text too long for one screen")
NO_FALLBACK_ENDING = _code("W0115", "no fallback ending")
UNDECIDED = _code("W0116", "exploration could not decide")
CHOICE_NEVER_OFFERED = _code("W0117", "choice is never offered")
LINE_NEVER_SHOWN = _code("W0118", "line is never shown")
LINT_SETTING_NO_EFFECT = _code("W0119", "lint setting has no effect")
CONTROL_CHARACTER = _code("W0120", "control character in story text")
TEXT_CUT_BY_COMMENT = _code("W0121", "text cut short by a YAML comment")
NO_GROWTH_ENDING = _code("W0122", "a role can never reach a growth ending")
EARLY_ENDING_NEVER = _code("W0123", "early ending can never happen")
EFFECT_TOO_LARGE = _code("W0124", "effect larger than the meter's whole range")
NO_BACKGROUND = _code("W0125", "location has no background")
NO_PORTRAIT = _code("W0126", "character has no portrait")
SHARED_REPLY = _code("W0131", "one reply answers moves of different families")
IGNORED_FLAG = _code("W0132", "node ignores a flag that tells its paths apart")
GROWTH_ON_ONE_CHOICE = _code("W0133", "growth depends on one choice")
MIRROR_ELSEWHERE = _code("W0140", "mirror is not in the other role's part of the scene")
MIRROR_NO_INNER = _code("W0141", "mirrored moment has no inner line")

# Errors from reading and building cannot be switched off, since the story cannot be built with them;
# the manifest's `lint:` mapping may change the severity of everything else, which the linter decides.
FIXED_GROUPS = ("E00", "E01", "E02", "E03", "E05")
ADJUSTABLE = {code for code in CODES if not code.startswith(FIXED_GROUPS)}
