"""Writing an assignment file (documented YAML) and its JSON Schema for editors."""

from __future__ import annotations

import json
from pathlib import Path

from game.engine.assignment import (ASSIGNMENT_FORMAT, CODE_ALPHABET, CODE_LENGTH, LIKERT_LABELS, MAX_CODES,
                                    MAX_OPTIONS, MAX_QUESTIONS, QUESTION_KINDS, Assignment, Question)

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "assignment.schema.json"


def _q(text) -> str:
    """A YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(str(text), ensure_ascii=False)


def _questions(name: str, questions: tuple[Question, ...]) -> list[str]:
    if not questions:
        return [f"{name}: []"]
    out = [f"{name}:"]
    for q in questions:
        out.append(f"  - id: {_q(q.id)}")
        out.append(f"    kind: {q.kind}")
        out.append(f"    text: {_q(q.text)}")
        data = q.to_dict()
        if "options" in data:
            out.append("    options: [" + ", ".join(_q(o) for o in q.options) + "]")
        if q.answer is not None:
            out.append(f"    answer: {q.answer}  # " + " ".join(str(q.options[q.answer]).split()))
    return out


def to_yaml(a: Assignment, schema_ref: str | None = None) -> str:
    ref = schema_ref or str(SCHEMA_FILE)
    lines = [
        f"# yaml-language-server: $schema={ref}",
        "# A Tether assignment. Students start it with: tether play --assignment THIS_FILE --code CODE",
        "# Check it after editing with: tether assign lint THIS_FILE",
        f"assignment: {ASSIGNMENT_FORMAT}  # file format version",
        f"id: {_q(a.id)}  # names this assignment in logs, hand-in codes and xAPI statements",
        f"title: {_q(a.title)}",
        "# The story version is checked: hand-in codes from another version are refused.",
        f"story: {{id: {_q(a.story_id)}, version: {_q(a.story_version)}}}",
        "roles: [" + ", ".join(a.roles) + "]  # which partner students may play",
        "# Scenes in story order. A subset ends with a debrief of these scenes, not a year-end ending.",
        "scenes: [" + ", ".join(a.scenes) + "]",
        "settings:",
        f"  training: {str(a.training).lower()}  # true: the meters are shown while playing",
        f"  skip_allowed: {str(a.skip_allowed).lower()}  # scenes can be skipped after reading their content notes",
        "# Pseudonymous codes: hand one to each student; keep the list of who has which yourself, off this file.",
        "codes: [" + ", ".join(_q(c) for c in a.codes) + "]",
        "# Questions before and after play. kind: likert (1-5), choice (options, answer = right option's index),",
        "# or text (kept on the student's machine unless they choose to share it).",
        *_questions("before", a.before),
        *_questions("after", a.after),
    ]
    lines.append("# Optional: where `tether report --lrs` sends xAPI statements; homepage is your LMS's address.")
    if a.lrs.endpoint:
        lines.append(f"lrs: {{endpoint: {_q(a.lrs.endpoint)}, homepage: {_q(a.lrs.homepage)}}}")
    else:
        lines.append(f"lrs: {{homepage: {_q(a.lrs.homepage)}}}")
    return "\n".join(lines) + "\n"


def schema() -> dict:
    question = {
        "type": "object", "required": ["id", "kind", "text"], "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]{0,63}$"},
            "kind": {"enum": list(QUESTION_KINDS),
                     "description": "likert: 1-5 agreement; choice: options with a right answer; text: short free text"},
            "text": {"type": ["string", "number"]},
            "options": {"type": "array", "items": {"type": ["string", "number"]}, "maxItems": MAX_OPTIONS,
                        "description": "choice options; for likert, the scale labels (default: "
                        + ", ".join(LIKERT_LABELS) + ")"},
            "answer": {"type": ["integer", "string"], "description": "choice only: the right option or its index"},
        },
    }
    questions = {"type": ["array", "null"], "items": {"$ref": "#/definitions/question"}, "maxItems": MAX_QUESTIONS}
    url = {"type": "string", "pattern": "^https?://"}
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://tether.invalid/assignment.schema.json",
        "title": f"Tether assignment (format {ASSIGNMENT_FORMAT})",
        "description": "Written by `tether assign new`; checked by `tether assign lint`.",
        "definitions": {"question": question},
        "type": "object",
        "required": ["assignment", "id", "title", "story", "roles", "scenes"],
        "additionalProperties": False,
        "properties": {
            "assignment": {"const": ASSIGNMENT_FORMAT},
            "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]{0,63}$"},
            "title": {"type": ["string", "number"]},
            "story": {"type": "object", "required": ["id", "version"], "additionalProperties": False,
                      "properties": {"id": {"type": "string"}, "version": {"type": ["string", "number"]}}},
            "roles": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
                      "description": "roles of the story (its manifest's roles:)"},
            "scenes": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"type": "string"}},
            "settings": {"type": ["object", "null"], "additionalProperties": False,
                         "properties": {"training": {"type": "boolean"}, "skip_allowed": {"type": "boolean"}}},
            "codes": {"type": ["array", "null"], "uniqueItems": True, "maxItems": MAX_CODES,
                      "items": {"type": "string", "pattern": f"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$"}},
            "before": questions,
            "after": questions,
            "lrs": {"type": ["object", "null"], "additionalProperties": False,
                    "properties": {"endpoint": url, "homepage": url}},
        },
    }


def schema_text() -> str:
    return json.dumps(schema(), indent=2) + "\n"
