"""Control characters in a built story's text (W0120): where they are, each with the nearest known place.

Two steps. A quick look reads every text field of the model straight from the
classes it knows and runs one regex search per string; a story without any
control character (nearly every story) stops there. Only when the quick look
finds one, or the model has fields it does not know, does the full walk go
through every dataclass, dict value and sequence of the story to give each
string its place: the nearest object with a `pos`.
"""

from __future__ import annotations

import dataclasses
from itertools import chain
from operator import attrgetter

from game.engine.model import (
    Adjustment, Branch, Character, Choice, EarlyEnding, Effects, Ending, EndingPart, FlagDef, Guard, Line, MeterDef,
    Node, RoleDef, Scene, Story, Target,
)
from game.engine.conditions import Cond
from game.engine.diagnostics import Pos
from game.engine.printable import UNSAFE_IN_TEXT

MAX_OBJECTS = 2_000_000  # objects the full walk visits at most
MAX_DEPTH = 100  # nesting the quick look follows in a condition's tree; deeper, the full walk answers


def control_texts(story: Story, limit: int = MAX_OBJECTS):
    """(nearest known position or None, string) for every string of the story holding a control character,
    each (position, string) once."""
    if quick_look(story) is False:
        return []
    return list(_walk(story, limit))


# ---- the quick look ---------------------------------------------------------------------------------
# Every field of every model class, as the quick look reads them. When a class's fields differ from these
# (the model grew a field), the quick look steps aside and every story gets the full walk, so no text is
# missed; tests/tools/test_lint.py says when this table needs bringing up to date.
KNOWN_FIELDS = {
    Story: ("id", "title", "version", "disclaimer", "about", "learn_more", "roles", "characters", "scene_order",
            "scenes", "meters", "flags", "endings", "early_endings", "scene_guards", "uses_chance", "flag_resets",
            "drift", "lint_levels", "content_hash", "root", "files", "lines", "rendered"),
    RoleDef: ("name", "title", "blurb", "partner_name", "partner_pronouns", "habit"),
    Character: ("id", "name", "pronouns", "pos"),
    MeterDef: ("name", "min", "max", "start", "label", "hidden", "pos"),
    FlagDef: ("name", "description", "start", "pos"),
    Ending: ("id", "kind", "title", "text", "guard", "pos", "parts"),
    EndingPart: ("text", "guard", "pos"),
    EarlyEnding: ("guard", "ending", "pos"),
    Guard: ("cond", "test", "pos"),
    Cond: ("source", "tree"),
    Scene: ("id", "title", "location", "content_notes", "summary", "starts", "nodes", "file", "pos", "role_locations"),
    Node: ("id", "local_id", "scene_id", "lines", "effects", "choices", "branches", "goto", "pos", "mirror", "inner",
           "location", "line_tests", "opens", "follows", "choice_at", "menu", "early"),
    Line: ("id", "speaker", "text", "guard", "mood", "pos"),
    Choice: ("id", "local_id", "text", "tags", "why", "guard", "effects", "adjust", "target", "pos", "lines",
             "line_tests", "opens", "follows", "secure", "early"),
    Adjustment: ("guard", "effects"),
    Branch: ("guard", "target"),
    Target: ("node", "end", "pos"),
    Effects: ("deltas", "set_flags", "clear_flags", "values", "apply", "empty"),
    Pos: ("file", "line", "col"),
}
_model_known: bool | None = None


def model_known() -> bool:
    """Whether the model's classes have exactly the fields the quick look reads."""
    global _model_known
    if _model_known is None:
        _model_known = all(tuple(f.name for f in dataclasses.fields(cls)) == names for cls, names in KNOWN_FIELDS.items())
    return _model_known


def quick_look(story: Story) -> bool | None:
    """False when no text of the story holds a control character; True when one may; None when the quick
    look cannot tell (a model it does not know, or a value of a type it does not expect)."""
    if not model_known():
        return None
    search = UNSAFE_IN_TEXT.search
    try:
        for texts in _text_batches(story):
            if search("\n".join(filter(None, texts))):  # a newline is allowed text: it cannot make a match
                return True
    except (AttributeError, TypeError, _Unsure):
        return None
    return False


class _Unsure(Exception):
    """The story holds something the quick look does not read."""


_ROLE = attrgetter("name", "title", "blurb", "partner_name", "partner_pronouns", "habit")
_CHARACTER = attrgetter("id", "name", "pronouns")
_METER = attrgetter("name", "label")
_FLAG = attrgetter("name", "description")
_ENDING = attrgetter("id", "kind", "title", "text")
_NODE = attrgetter("id", "local_id", "scene_id", "mirror", "inner", "location")
_LINE = attrgetter("id", "speaker", "text", "mood")
_CHOICE = attrgetter("id", "local_id", "text", "why")
_TARGET = attrgetter("node", "end")
_EFFECTS = attrgetter("set_flags", "clear_flags")
_NAMED = attrgetter("deltas", "values")  # (name, number) pairs
_BATCH = 5_000  # lines of story.lines looked at in one search


def _text_batches(story: Story):
    """Lists of the strings (and Nones) the full walk meets: the story's own, then per scene, then its lines.

    The fields the full walk leaves out are left out here too (positions, files, guards, rendered text), and
    those worked out from the others hold no text: compiled tests and effects (line_tests, apply), a node's
    choices again (choice_at, menu), flags (opens, secure, empty), line positions (follows) and early-ending
    positions (early).
    """
    out = [story.id, story.title, story.version, story.disclaimer, story.about, story.learn_more,
           *story.scene_order, *story.flag_resets, *story.lint_levels.values(), *_plain(story.drift)]
    out += chain.from_iterable(map(_ROLE, story.roles.values()))
    out += chain.from_iterable(map(_CHARACTER, story.characters.values()))
    out += chain.from_iterable(map(_METER, story.meters.values()))
    out += chain.from_iterable(map(_FLAG, story.flags.values()))
    out += chain.from_iterable(map(_ENDING, story.endings))
    out += (part.text for ending in story.endings for part in ending.parts)
    out += (early.ending for early in story.early_endings)
    for guard in story.scene_guards.values():  # a scene's `if`, reached as a dict value (not a `guard` field)
        if guard.cond is not None:
            out += (guard.cond.source, *_plain(guard.cond.tree))
    yield out
    for scene in story.scenes.values():
        nodes = list(scene.nodes.values())
        choices = list(chain.from_iterable(node.choices for node in nodes))
        lines = chain(chain.from_iterable(node.lines for node in nodes), chain.from_iterable(c.lines for c in choices))
        targets = chain((node.goto for node in nodes if node.goto is not None),
                        (branch.target for node in nodes for branch in node.branches), (c.target for c in choices))
        effects = [e for e in chain((node.effects for node in nodes), (c.effects for c in choices),
                                    (a.effects for c in choices for a in c.adjust)) if not e.empty]
        out = [scene.id, scene.title, scene.location, scene.summary, *scene.content_notes, *scene.starts.values(),
               *scene.role_locations.values()]
        out += chain.from_iterable(map(_NODE, nodes))
        out += chain.from_iterable(map(_LINE, lines))
        out += chain.from_iterable(map(_CHOICE, choices))
        out += chain.from_iterable(c.tags for c in choices)
        out += chain.from_iterable(map(_TARGET, targets))
        out += chain.from_iterable(chain.from_iterable(map(_EFFECTS, effects)))
        out += (pair[0] for pairs in chain.from_iterable(map(_NAMED, effects)) for pair in pairs)
        yield out
    lines = list(story.lines.values())
    for start in range(0, len(lines), _BATCH):
        yield list(chain.from_iterable(map(_LINE, lines[start:start + _BATCH])))


def _plain(value, depth: int = 0) -> list:
    """The strings inside plain nested tuples and lists (a condition's tree, the drift settings)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, (tuple, list)):
        if depth >= MAX_DEPTH:
            raise _Unsure("nested deeper than the quick look goes")
        return [text for item in value for text in _plain(item, depth + 1)]
    return []


# ---- the full walk ------------------------------------------------------------------------------------
def _walk(story: Story, limit: int):
    """Every dataclass, dict value and sequence, depth first, each object once (bounded by `limit` objects).

    A string's place is the `pos` of the nearest object on the way to it that has one, so a text field added
    to the model is checked without being named here.
    """
    unsafe = UNSAFE_IN_TEXT.search
    seen: set[int] = set()
    stack: list = [(story, None)]
    found: set = set()
    while stack and len(seen) < limit:
        value, pos = stack.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        names = _follow(type(value))
        if names is _MAPPING:
            children = value.values()
        elif names is _SEQUENCE:
            children = value
        else:
            pos = getattr(value, "pos", None) or pos
            children = [getattr(value, name) for name in names]
        for child in children:
            if isinstance(child, str):
                if unsafe(child) and (pos, child) not in found:
                    found.add((pos, child))
                    yield pos, child
            elif _follow(type(child)) is not None:
                stack.append((child, pos))


_NOT_TEXT = {"pos", "file", "root", "files", "content_hash", "guard", "rendered"}
_MAPPING, _SEQUENCE = "mapping", "sequence"
_FOLLOW: dict[type, object] = {}


def _follow(cls: type):
    """How the walk goes into a value of this class: the names of its fields to read (a dataclass),
    _MAPPING (its values), _SEQUENCE (its items), or None (nothing to follow)."""
    how = _FOLLOW.get(cls, _FOLLOW)
    if how is not _FOLLOW:
        return how
    if issubclass(cls, str):
        how = None
    elif dataclasses.is_dataclass(cls):
        how = tuple(f.name for f in dataclasses.fields(cls) if f.name not in _NOT_TEXT)
    elif issubclass(cls, dict):
        how = _MAPPING
    elif issubclass(cls, (list, tuple, set, frozenset)):
        how = _SEQUENCE
    else:
        how = None
    _FOLLOW[cls] = how
    return how


__all__ = ["KNOWN_FIELDS", "control_texts", "model_known", "quick_look"]
