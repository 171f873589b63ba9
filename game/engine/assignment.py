"""Assignments: what a teacher sets a class — which roles and scenes, settings, codes and questions.

An assignment file is YAML (see docs/facilitator-guide.md, "Running an assignment"). It is read
with the same safe reader as story files, so a mistake gets a diagnostic at file:line:col.
Students are known only by pseudonymous codes, never by name.
"""

from __future__ import annotations

import dataclasses
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from game.engine.diagnostics import DiagnosticBag, Pos, display_path
from game.engine.doc import Doc
from game.engine.files import ASSIGNMENT_LIMIT
from game.engine.model import Story

ASSIGNMENT_FORMAT = 1
# No 0/O, 1/I/L or U: a code read aloud or copied by hand cannot be mistaken for another.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 4
MAX_CODES = 1000
MAX_ROLES = 16  # roles an assignment may list: the story names its roles, and each is checked against it
MAX_QUESTIONS = 50
MAX_OPTIONS = 10
LIKERT_LABELS = ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree")
QUESTION_KINDS = ("likert", "choice", "text")
MAX_TEXT_ANSWER = 500
DEFAULT_HOMEPAGE = "https://example.org/tether"
ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}\Z")
CODE = re.compile(f"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}\\Z")
TOP_KEYS = ("assignment", "id", "title", "story", "roles", "scenes", "settings", "codes", "before", "after", "lrs")


@dataclass(frozen=True)
class Question:
    """A question before or after play. Likert answers are 1..len(options); choice answers an option index."""

    id: str
    kind: str
    text: str
    options: tuple[str, ...] = ()
    answer: int | None = None  # the correct option's index (choice questions), for concept-check scores

    def check(self, value):
        """The answer as stored (int or str), or ValueError saying why it does not fit."""
        if self.kind == "text":
            if not isinstance(value, str):
                raise ValueError(f"question {self.id} takes text")
            return value.strip()[:MAX_TEXT_ANSWER]
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"question {self.id} takes a number")
        low, high = (1, len(self.options)) if self.kind == "likert" else (0, len(self.options) - 1)
        if not low <= value <= high:
            raise ValueError(f"question {self.id} takes {low} to {high}, not {value}")
        return value

    def to_dict(self) -> dict:
        out = {"id": self.id, "kind": self.kind, "text": self.text}
        if self.options and not (self.kind == "likert" and self.options == LIKERT_LABELS):
            out["options"] = list(self.options)
        if self.answer is not None:
            out["answer"] = self.answer
        return out


@dataclass(frozen=True)
class LrsSettings:
    endpoint: str | None = None  # the LRS's xAPI endpoint; statements can also be written to a file offline
    homepage: str = DEFAULT_HOMEPAGE  # the account homePage the codes belong to (your LMS's address)


@dataclass(frozen=True)
class Assignment:
    id: str
    title: str
    story_id: str
    story_version: str
    roles: tuple[str, ...]
    scenes: tuple[str, ...]
    codes: tuple[str, ...]
    training: bool = False  # meters shown while playing
    skip_allowed: bool = True  # scenes may be skipped (content notes)
    before: tuple[Question, ...] = ()
    after: tuple[Question, ...] = ()
    lrs: LrsSettings = LrsSettings()
    file: str = ""

    @property
    def questions(self) -> tuple[Question, ...]:
        return self.before + self.after

    def to_dict(self) -> dict:
        """The assignment as the data of its file: `assignment_from_json` reads it back with the same checks."""
        out = {"assignment": ASSIGNMENT_FORMAT, "id": self.id, "title": self.title,
               "story": {"id": self.story_id, "version": self.story_version}, "roles": list(self.roles),
               "scenes": list(self.scenes), "settings": {"training": self.training, "skip_allowed": self.skip_allowed},
               "codes": list(self.codes), "before": [q.to_dict() for q in self.before],
               "after": [q.to_dict() for q in self.after]}
        if self.lrs.endpoint or self.lrs.homepage != DEFAULT_HOMEPAGE:
            out["lrs"] = {key: value for key, value in (("endpoint", self.lrs.endpoint), ("homepage", self.lrs.homepage))
                          if value}
        return out

    def is_partial(self, story: Story) -> bool:
        """A subset of the story's scenes ends with a debrief of those scenes, not a year-end ending."""
        return tuple(self.scenes) != tuple(story.scene_order)

    def story_for(self, story: Story) -> Story:
        """The story as the assignment plays it: only the assigned scenes, in story order."""
        order = tuple(s for s in story.scene_order if s in self.scenes)
        return dataclasses.replace(story, scene_order=order, scenes={s: story.scenes[s] for s in order})

    def check_answers(self, answers: dict) -> dict:
        """Answers that fit their questions (unknown ids dropped); ValueError for one that does not fit."""
        by_id = {q.id: q for q in self.questions}
        return {qid: by_id[qid].check(value) for qid, value in answers.items() if qid in by_id}


def new_codes(count: int, taken=()) -> list[str]:
    """`count` distinct random codes from the unambiguous alphabet."""
    if not 0 <= count <= MAX_CODES:
        raise ValueError(f"between 0 and {MAX_CODES} codes, please (asked for {count})")
    seen = set(taken)
    out: list[str] = []
    while len(out) < count:  # 30**4 = 810,000 codes: a clash is rare, and at most MAX_CODES are drawn
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in seen:
            seen.add(code)
            out.append(code)
    return out


def new_id(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "assignment"
    return f"{slug}-{''.join(secrets.choice('23456789abcdefghjkmnpqrstvwxyz') for _ in range(4))}"


def normal_code(text: str) -> str:
    """A code as typed by a student: case and stray spaces or dashes do not matter."""
    return re.sub(r"[\s-]+", "", str(text)).upper()


# ---- reading ---------------------------------------------------------------------------------------
class _Reader:
    def __init__(self, doc: Doc, bag: DiagnosticBag):
        self.doc, self.bag = doc, bag

    def error(self, path: tuple, code: str, message: str, key: bool = False) -> None:
        self.bag.error(self.doc.kpos(path) if key else self.doc.pos(path), code, message)

    def mapping(self, path: tuple, keys: tuple[str, ...], what: str) -> dict | None:
        value = self._get(path)
        if value is None and path:
            return {}
        if not isinstance(value, dict):
            self.error(path, "A0002", f"{what} must be a mapping of keys and values")
            return None
        for key in value:
            if key not in keys:
                self.error(path + (key,), "A0003", f"unknown key '{key}' in {what}; known: {', '.join(keys)}", key=True)
        return value

    def _get(self, path: tuple):
        value = self.doc.data
        for part in path:
            value = value.get(part) if isinstance(value, dict) else value[part] if isinstance(value, list) and isinstance(part, int) and part < len(value) else None
        return value

    def text(self, path: tuple, required: bool = True, limit: int = 500) -> str | None:
        value = self._get(path)
        if value is None:
            if required:
                self.error(path[:-1], "A0004", f"'{path[-1]}' is missing")
            return None
        if isinstance(value, (dict, list, bool)):
            self.error(path, "A0005", f"'{path[-1]}' must be text")
            return None
        value = str(value)
        if len(value) > limit:
            self.error(path, "A0005", f"'{path[-1]}' is longer than {limit} characters")
            return None
        return value

    def flag(self, path: tuple, default: bool) -> bool:
        value = self._get(path)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.error(path, "A0005", f"'{path[-1]}' must be true or false")
            return default
        return value

    def words(self, path: tuple, what: str, limit: int) -> list[str] | None:
        value = self._get(path)
        if value is None:
            self.error(path[:-1], "A0004", f"'{path[-1]}' is missing")
            return None
        if not isinstance(value, list) or not value:
            self.error(path, "A0005", f"'{path[-1]}' must be a non-empty list of {what}")
            return None
        if len(value) > limit:
            self.error(path, "A0005", f"'{path[-1]}' holds {len(value)} items; at most {limit}")
            return None
        out = []
        for i, item in enumerate(value):
            if isinstance(item, (dict, list, bool)) or item is None:
                self.error(path + (i,), "A0005", f"each of '{path[-1]}' must be one of {what}")
                return None
            if str(item) in out:
                self.error(path + (i,), "A0006", f"'{item}' is listed twice")
            out.append(str(item))
        return out


def parse_questions(doc: Doc, path: tuple, bag: DiagnosticBag, taken: set) -> tuple[Question, ...]:
    """Questions from a list in `doc` at `path` (the whole file for a --before/--after file)."""
    reader = _Reader(doc, bag)
    items = reader._get(path)
    if items is None:
        return ()
    if not isinstance(items, list):
        reader.error(path, "A0005", "questions must be a list")
        return ()
    if len(items) > MAX_QUESTIONS:
        reader.error(path, "A0005", f"{len(items)} questions; at most {MAX_QUESTIONS}")
        return ()
    out = []
    for i, _ in enumerate(items):
        at = path + (i,)
        item = reader.mapping(at, ("id", "kind", "text", "options", "answer"), "a question")
        if item is None:
            continue
        qid, kind, text = reader.text(at + ("id",)), reader.text(at + ("kind",)), reader.text(at + ("text",))
        if None in (qid, kind, text):
            continue
        if not ID.match(qid):
            reader.error(at + ("id",), "A0007", f"question id '{qid}': use lower-case letters, digits, - and _")
            continue
        if qid in taken:
            reader.error(at + ("id",), "A0006", f"question id '{qid}' is used twice")
            continue
        taken.add(qid)
        if kind not in QUESTION_KINDS:
            reader.error(at + ("kind",), "A0008", f"kind '{kind}': use {', '.join(QUESTION_KINDS)}")
            continue
        options: tuple[str, ...] = ()
        if "options" in item:
            words = reader.words(at + ("options",), "answer options", MAX_OPTIONS)
            if words is None:
                continue
            options = tuple(words)
        if kind == "likert":
            options = options or LIKERT_LABELS
        if kind == "choice" and len(options) < 2:
            reader.error(at, "A0009", f"choice question '{qid}' needs at least two options")
            continue
        if kind == "text" and options:
            reader.error(at + ("options",), "A0009", "a text question has no options", key=True)
            continue
        answer = item.get("answer")
        if answer is not None:
            if kind != "choice":
                reader.error(at + ("answer",), "A0009", "only choice questions have a right answer", key=True)
                continue
            if answer in options and not isinstance(answer, int):
                answer = options.index(answer)
            if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer < len(options):
                reader.error(at + ("answer",), "A0009",
                             f"answer must be one of the options or its index 0 to {len(options) - 1}")
                continue
        out.append(Question(qid, kind, text, options, answer))
    return tuple(out)


def _read(path: Path, bag: DiagnosticBag, what: str) -> Doc | None:
    """An assignment or question file: the safe YAML reader, with the assignment's own size limit."""
    from game.engine.yamlsafe import read_yaml_file  # here: the browser reads assignments from JSON, without PyYAML

    return read_yaml_file(Path(path), display_path(Path(path)), bag, limit=ASSIGNMENT_LIMIT, what=what)


def read_questions(path: Path, bag: DiagnosticBag, taken: set | None = None) -> tuple[Question, ...]:
    """A --before/--after file: a YAML list of questions."""
    doc = _read(path, bag, "question files")
    if doc is None:
        return ()
    return parse_questions(doc, (), bag, set() if taken is None else taken)


def read_assignment(path: Path, bag: DiagnosticBag, story: Story | None = None) -> Assignment | None:
    """The assignment in `path`, checked against `story` when given; problems go into `bag`."""
    doc = _read(path, bag, "assignment files")
    if doc is None:
        return None
    return read_assignment_doc(doc, bag, story)


def assignment_from_json(data, story: Story | None = None, file: str = "assignment.json") -> tuple[Assignment | None, list]:
    """An assignment from `Assignment.to_dict()`'s data (the browser build's assignment.json), read and checked
    by the same reader as the YAML file; (assignment or None, diagnostics)."""
    bag = DiagnosticBag()
    assignment = read_assignment_doc(Doc(file, data), bag, story)
    return assignment, bag.sorted()


def read_assignment_doc(doc: Doc, bag: DiagnosticBag, story: Story | None = None) -> Assignment | None:
    """The assignment in a parsed document (YAML or JSON data); problems go into `bag`."""
    file = doc.file
    errors_before = sum(d.is_error for d in bag.items)
    r = _Reader(doc, bag)
    top = doc.data
    if not isinstance(top, dict) or top.get("assignment") != ASSIGNMENT_FORMAT:
        where = ("assignment",) if isinstance(top, dict) and "assignment" in top else ()
        r.error(where, "A0001",
                f"not a Tether assignment (format {ASSIGNMENT_FORMAT}): the file starts with 'assignment: {ASSIGNMENT_FORMAT}'")
        return None
    r.mapping((), TOP_KEYS, "an assignment file")
    aid, title = r.text(("id",)), r.text(("title",))
    if aid is not None and not ID.match(aid):
        r.error(("id",), "A0007", f"id '{aid}': use lower-case letters, digits, - and _ (at most 64)")
    r.mapping(("story",), ("id", "version"), "story")
    story_id, version = r.text(("story", "id")), r.text(("story", "version"))
    roles = r.words(("roles",), "the story's role names", MAX_ROLES)
    scenes = r.words(("scenes",), "scene ids", 500)
    r.mapping(("settings",), ("training", "skip_allowed"), "settings")
    training, skip = r.flag(("settings", "training"), False), r.flag(("settings", "skip_allowed"), True)
    codes = r.words(("codes",), "codes", MAX_CODES) if top.get("codes") not in (None, []) else []  # none: any code
    for i, code in enumerate(codes or []):
        if not isinstance(r._get(("codes", i)), str):
            r.error(("codes", i), "A0010", f"code {code}: write codes in quotes, \"{code}\", so YAML keeps them as text")
        elif not CODE.match(code):
            r.error(("codes", i), "A0010", f"code '{code}': {CODE_LENGTH} characters from {CODE_ALPHABET}")
    taken: set = set()
    before = parse_questions(doc, ("before",), bag, taken)
    after = parse_questions(doc, ("after",), bag, taken)
    lrs = LrsSettings()
    if "lrs" in top and r.mapping(("lrs",), ("endpoint", "homepage"), "lrs") is not None:
        endpoint = r.text(("lrs", "endpoint"), required=False)
        homepage = r.text(("lrs", "homepage"), required=False) or DEFAULT_HOMEPAGE
        for key, url in (("endpoint", endpoint), ("homepage", homepage)):
            if url is not None and not re.match(r"https?://[^\s/]+", url):
                r.error(("lrs", key), "A0011", f"lrs {key} must be an http:// or https:// address")
        lrs = LrsSettings(endpoint, homepage)
    if story is not None and story_id is not None and roles is not None and scenes is not None:
        _check_against(r, story, story_id, version, roles, scenes)
    if sum(d.is_error for d in bag.items) > errors_before or None in (aid, title, story_id, version, roles, scenes):
        return None
    order = {s: i for i, s in enumerate(story.scene_order)} if story else {}
    return Assignment(aid, title, story_id, version, tuple(roles), tuple(sorted(scenes, key=lambda s: order.get(s, 0))),
                      tuple(codes or ()), training, skip, before, after, lrs, file)


def _check_against(r: _Reader, story: Story, story_id: str, version: str | None, roles, scenes) -> None:
    if story_id != story.id:
        r.error(("story", "id"), "A0012", f"this assignment is for the story '{story_id}', not '{story.id}'")
        return
    if version is not None and version != str(story.version):
        r.error(("story", "version"), "A0013",
                f"this assignment was written for story version {version}; this Tether has version {story.version}")
    for i, role in enumerate(roles):
        if role not in story.roles:
            r.error(("roles", i), "A0014", f"unknown role '{role}'; the story has {', '.join(story.roles)}")
    last = -1
    for i, scene in enumerate(scenes):
        if scene not in story.scenes:
            r.error(("scenes", i), "A0015", f"unknown scene '{scene}'; the story has {', '.join(story.scene_order)}")
            continue
        at = story.scene_order.index(scene)
        if at < last:
            r.error(("scenes", i), "A0016", f"scene '{scene}' comes earlier in the story; list scenes in story order")
        last = max(last, at)


def lint_assignment(path: Path, story: Story | None) -> list:
    bag = DiagnosticBag()
    read_assignment(path, bag, story)
    return bag.sorted()


__all__ = ["Assignment", "LrsSettings", "Pos", "Question", "assignment_from_json", "lint_assignment", "new_codes", "new_id", "normal_code",
           "read_assignment", "read_assignment_doc", "read_questions"]
