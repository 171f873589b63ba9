"""The JSON Schema (draft 7) of story files, and validation with errors at file:line:col.

One schema covers both kinds of file: a mapping with `nodes` is a scene,
anything else a manifest (`if`/`then`/`else`), so editors that read the
`# yaml-language-server: $schema=...` line give completion in both.
"""

from __future__ import annotations

import json
from pathlib import Path

from game.engine import codes
from game.engine.diagnostics import Diagnostic, DiagnosticBag, Pos, display_path
from game.engine.loader import find_root, story_files
from game.engine.model import ENDING_KINDS, MOODS
from game.engine.tags import TAGS
from game.engine.text import PRONOUNS
from game.engine.vocabulary import ROLE_HABITS
from game.engine.yamlsafe import PackBudget, pack_sizes_fit, read_yaml_file

ID = "^[a-z][a-z0-9_]*$"
PLACE = "^[a-z0-9_]+$"
METER_KEY = "^(?!(set|clear|if|set_meter)$)[a-z][a-z0-9_]*$"  # in effects, any id but set, clear (and if) is a meter
LEVELS = ["off", "warning", "error"]


def _ref(name: str) -> dict:
    return {"$ref": f"#/definitions/{name}"}


def _text(description: str) -> dict:
    return {"type": ["string", "number"], "description": description}


def schema() -> dict:
    condition = {"type": ["string", "boolean"], "minLength": 1,
                 "description": "a condition: safety >= 7 and cycle_named, not flag, role == anxious, visits(node) > 0"}
    target = {"goto": {"$ref": "#/definitions/id", "description": "next node of this scene"},
              "end": {"enum": ["scene", "story"], "description": "end the scene or the whole story"}}
    one_way = {"oneOf": [{"required": ["goto"]}, {"required": ["end"]}]}
    effects = {
        "type": "object",
        "description": "meter deltas (safety: -2) and flag changes (set: [flag], clear: [flag])",
        "properties": {"set": _ref("flag_list"), "clear": _ref("flag_list"),
                       "set_meter": {"type": "object", "description": "meters put at a value: {safety: 5}",
                                     "patternProperties": {METER_KEY: {"type": "integer"}}, "additionalProperties": False}},
        "patternProperties": {METER_KEY: {"type": "integer"}},
        "additionalProperties": False,
    }
    definitions = {
        "id": {"type": "string", "pattern": ID},
        "place": {"type": "string", "pattern": PLACE,
                  "description": "a place: the name of a background picture in assets/backgrounds"},
        "flag_list": {"oneOf": [_ref("id"), {"type": "array", "items": _ref("id")}]},
        "condition": condition,
        "effects": effects,
        "flags": {
            "type": ["object", "null"],
            "propertyNames": _ref("id"),
            "additionalProperties": {
                "type": ["object", "null"],
                "properties": {"description": {"type": "string"}, "start": {"type": "boolean"},
                               "scope": {"enum": ["story", "scene"],
                                         "description": "scene: back to its start when a scene ends"}},
                "additionalProperties": False,
            },
        },
        "characters": {
            "type": ["object", "null"],
            "propertyNames": _ref("id"),
            "additionalProperties": {"type": "object", "required": ["name"],
                                     "properties": {"name": {"type": "string"},
                                                    "pronouns": {"enum": ["they", "she", "he"],
                                                                 "description": "for {id.they}, {id.their} ..."}},
                                     "additionalProperties": False},
        },
        "line": {
            "oneOf": [
                {"type": "string"},
                {"type": "object", "required": ["text"], "additionalProperties": False,
                 "properties": {"text": _text("the words"),
                                "speaker": {"type": "string", "description": "narrator, you, partner or a character id"},
                                "if": _ref("condition"), "mood": {"enum": list(MOODS)}}},
            ]
        },
        "choice": {
            "type": "object",
            "required": ["id", "text"],
            "additionalProperties": False,
            "properties": {
                "id": _ref("id"),
                "text": _text("what the player picks"),
                "if": _ref("condition"),
                "tags": {"oneOf": [{"enum": sorted(TAGS)}, {"type": "array", "items": {"type": "string", "examples": sorted(TAGS)}}],
                         "description": "behaviour tags: " + ", ".join(sorted(TAGS))},
                "why": _text("what the debrief says about this move"),
                "lines": {"type": "array", "minItems": 1, "items": _ref("line"),
                          "description": "the reply to this move: lines shown after it is taken, before its goto or end"},
                "effects": _ref("effects"),
                "adjust": {"type": "array", "items": {
                    "type": "object", "required": ["if"],
                    "properties": {"if": _ref("condition"), "set": _ref("flag_list"), "clear": _ref("flag_list")},
                    "patternProperties": {METER_KEY: {"type": "integer"}},
                    "additionalProperties": False}},
                **target,
            },
            **one_way,
        },
        "branch": {"type": "object", "additionalProperties": False,
                   "properties": {"if": _ref("condition"), **target}, **one_way},
        "node": {
            "type": ["object", "null"],
            "additionalProperties": False,
            "properties": {
                "lines": {"type": "array", "items": _ref("line")},
                "effects": _ref("effects"),
                "mirror": _ref("id"),
                "inner": _text("what this node's speaker feels here; the other role's player reads it in their debrief"),
                "choices": {"type": "array", "minItems": 1, "items": _ref("choice")},
                "branch": {"type": "array", "minItems": 1, "items": _ref("branch")},
                "location": {**_ref("place"), "description": "the place while play is at this node, instead of the scene's"},
                **target,
            },
            "oneOf": [{"required": ["choices"]}, {"required": ["branch"]}, {"required": ["goto"]}, {"required": ["end"]}],
        },
        "scene": {
            "type": "object",
            "required": ["id", "title", "start", "nodes"],
            "additionalProperties": False,
            "properties": {
                "id": _ref("id"),
                "title": {"type": "string"},
                "location": {"description": "where the scene happens: one place, or one per role",
                             "oneOf": [_ref("place"),
                                       {"type": "object", "minProperties": 1, "propertyNames": _ref("id"),
                                        "additionalProperties": _ref("place"),
                                        "description": "one place per role of the manifest"}]},
                "content_notes": {"type": "array", "items": {"type": "string"}},
                "summary": {"type": "string", "description": "shown instead of the scene when it is skipped"},
                "flags": _ref("flags"),
                "characters": _ref("characters"),
                "start": {"type": "object", "minProperties": 1, "propertyNames": _ref("id"),
                          "additionalProperties": _ref("id"), "description": "the first node for each role of the manifest"},
                "nodes": {"type": "object", "minProperties": 1, "propertyNames": _ref("id"),
                          "additionalProperties": _ref("node")},
            },
        },
        "role": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "title": {"type": "string"}, "blurb": {"type": "string"},
                "habit": {"enum": list(ROLE_HABITS),
                          "description": "the insecure family this role's moves pull toward (playtest policies, portraits)"},
                "partner": {"type": "object", "additionalProperties": False,
                            "properties": {"name": {"type": "string"}, "pronouns": {"enum": list(PRONOUNS)}}},
            },
        },
        "meter": {
            "type": "object",
            "required": ["min", "max", "start"],
            "additionalProperties": False,
            "properties": {"min": {"type": "integer"}, "max": {"type": "integer"}, "start": {"type": "integer"},
                           "label": {"type": "string"}, "hidden": {"type": "boolean"}},
        },
        "ending": {
            "type": "object",
            "required": ["id", "kind", "title", "text"],
            "additionalProperties": False,
            "properties": {"id": _ref("id"), "kind": {"enum": list(ENDING_KINDS)}, "title": {"type": "string"},
                           "text": {"oneOf": [
                               {"type": "string"},
                               {"type": "array", "minItems": 1, "description": "paragraphs, each shown when its `if` holds",
                                "items": {"oneOf": [
                                    {"type": "string"},
                                    {"type": "object", "required": ["text"], "additionalProperties": False,
                                     "properties": {"text": {"type": "string"}, "if": _ref("condition")}}]}}]},
                           "when": _ref("condition")},
        },
        "manifest": {
            "type": "object",
            "required": ["id", "title", "version", "roles", "scenes", "meters", "endings"],
            "additionalProperties": False,
            "properties": {
                "format": {"const": 1, "description": "story format version"},
                "id": _ref("id"),
                "title": {"type": "string"},
                "version": {"type": ["string", "number"]},
                "disclaimer": {"type": "string"}, "about": {"type": "string"}, "learn_more": {"type": "string"},
                "roles": {"type": "object", "minProperties": 1, "propertyNames": _ref("id"),
                          "additionalProperties": _ref("role"), "description": "the sides a player can live, by name"},
                "characters": _ref("characters"),
                "scenes": {"type": "array", "minItems": 1, "items": {"oneOf": [
                    _ref("id"),
                    {"type": "object", "required": ["id"], "additionalProperties": False,
                     "description": "a scene that plays only when `if` holds as the scene before it ends",
                     "properties": {"id": _ref("id"), "if": _ref("condition")}}]}},
                "meters": {"type": "object", "required": ["closeness", "safety"], "propertyNames": _ref("id"),
                           "additionalProperties": _ref("meter")},
                "flags": _ref("flags"),
                "endings": {"type": "array", "minItems": 1, "items": _ref("ending")},
                "early_endings": {"type": ["array", "null"], "items": {
                    "type": "object", "required": ["when", "ending"], "additionalProperties": False,
                    "properties": {"when": _ref("condition"), "ending": _ref("id")}}},
                "between_scenes": {"type": ["object", "null"], "additionalProperties": False, "properties": {
                    "recover": {"type": "object", "propertyNames": _ref("id"),
                                "additionalProperties": {"type": "integer", "minimum": 0},
                                "description": "between scenes a meter below its start rises by up to this many points"},
                    "reset": {"type": "array", "items": _ref("id"),
                              "description": "meters that go back to their start between scenes"}}},
                "lint": {"type": ["object", "null"], "propertyNames": {"pattern": "^[EW][0-9]{4}$"},
                         "additionalProperties": {"enum": LEVELS + [False]}},
            },
        },
    }
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://tether.invalid/story.schema.json",
        "title": "Tether story file (format 1)",
        "description": "A story manifest (story.yaml) or a scene file (scenes/*.yaml); see docs/story-format.md.",
        "definitions": definitions,
        "if": {"type": "object", "required": ["nodes"]},
        "then": _ref("scene"),
        "else": _ref("manifest"),
    }


def schema_text() -> str:
    return json.dumps(schema(), indent=2, sort_keys=False) + "\n"


def _message(error) -> str:
    where = "/".join(str(p) for p in error.absolute_path)
    text = error.message
    if len(text) > 200:
        text = text[:200] + "..."
    return f"schema: {text}" + (f" (at {where})" if where else "")


def validate_doc(doc, bag: DiagnosticBag) -> None:
    import jsonschema

    validator = jsonschema.Draft7Validator(schema())
    for error in sorted(validator.iter_errors(doc.data), key=lambda e: [str(p) for p in e.absolute_path]):
        path = tuple(error.absolute_path)
        pos = doc.pos(path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            extra = [k for k in error.instance if k not in error.schema.get("properties", {})]
            if extra:
                pos = doc.kpos(path + (extra[0],))
        bag.error(pos, codes.SCHEMA, _message(error))


def validate_story_files(path: Path) -> list[Diagnostic]:
    """Schema errors for the manifest and every scene file of the story at `path`."""
    root = find_root(Path(path))
    bag = DiagnosticBag()
    if root is None:
        return []
    budget = PackBudget()
    files = story_files(root)
    if not pack_sizes_fit([(file, display_path(file)) for file in files], DiagnosticBag()):
        return []  # the loader says which limit the pack is over
    for file in files:
        doc = read_yaml_file(file, display_path(file), DiagnosticBag(), root=root, budget=budget)  # errors: the loader's
        if budget.exhausted:
            break
        if doc is not None:
            validate_doc(doc, bag)
    return bag.sorted()


__all__ = ["Pos", "schema", "schema_text", "validate_doc", "validate_story_files"]
