"""Read one YAML file into plain data, keeping the position of every value.

The file is read from the parser's event stream in one pass. That gives us,
without ever constructing a Python object from a tag:
- duplicate keys rejected (PyYAML silently keeps the last one);
- YAML 1.1 words such as `No`, `yes`, `on` kept as strings;
- no tags that build objects, no aliases (so no alias-expansion bombs);
- bounded nesting and file size, so hostile input answers in bounded time;
- a file:line:col for every key and value.
"""

from __future__ import annotations

import os
import re
from array import array
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from game.engine import codes
from game.engine.diagnostics import DiagnosticBag, Pos
from game.engine.doc import CHILDREN, COMMENT, FLAG_BITS, NUMBER, QUOTED, STRIDE, TRAILING_COMMENT, Doc, new_places
from game.engine.yamlhints import syntax_error_mark, syntax_hint
from game.engine.files import MB, TooLarge, UnsafeFile, read_untrusted

try:  # libyaml's parser is several times faster; fall back when it is absent.
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 4 * MB  # one story file
MAX_PACK_BYTES = 16 * MB  # all files of a story together (the shipped story is 0.3 MB)
MAX_PACK_NODES = 1_000_000  # YAML values in all files together (shipped story: 13,000; the benchmark's 10,000-node story: 651,770)
MAX_DEPTH = 64


@dataclass
class PackBudget:
    """What is left of a story pack's size and value limits while its files are read."""

    bytes_left: int = field(default_factory=lambda: MAX_PACK_BYTES)
    nodes_left: int = field(default_factory=lambda: MAX_PACK_NODES)
    exhausted: bool = False  # a pack-wide limit was reported

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {None, "!", *(_CORE + t for t in ("str", "int", "bool", "null", "float", "map", "seq"))}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}

def _resolve_plain(text: str, tag: str | None):
    if tag == _CORE + "str":
        return text
    if text in _NULL and tag is None:
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text) and any(ch.isdigit() for ch in text):
        return float(text)
    return text


def _mark_pos(file: str, mark) -> Pos:
    if mark is None:
        return Pos(file)
    return Pos(file, mark.line + 1, mark.column + 1)


def decode_source(raw: bytes, file: str, bag: DiagnosticBag) -> str | None:
    """UTF-8 text of a file, or a diagnostic pointing at the first bad byte."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        bag.error(Pos(file, line, col), codes.NOT_UTF8, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")
        return None
    return text.removeprefix("\ufeff")


def read_yaml_file(path: Path, file: str, bag: DiagnosticBag, digest=None, root: Path | None = None,
                   budget: PackBudget | None = None, limit: int = MAX_FILE_BYTES,
                   what: str = "story files") -> Doc | None:
    """Read and parse one story file; problems go into `bag` and give None.

    The file is read with read_untrusted: no links, regular files only, inside `root` (the
    story folder) when given, at most `limit` bytes (MAX_FILE_BYTES for a story file; `what` names
    the kind of file in the message). `budget` carries the pack-wide limits.
    `digest` (a hashlib object), when given, is fed the file's name and bytes so
    that a story's content hash comes from the same single read.
    """
    budget = budget if budget is not None else PackBudget()
    try:
        raw = read_untrusted(path, min(limit, budget.bytes_left), root)
    except TooLarge as exc:
        shown = f"{exc.size / 1e6:.1f} MB{' or more' if exc.size > limit else ''}"
        if exc.limit == limit:
            bag.error(Pos(file), codes.UNREADABLE, f"file is {exc.size / 1e6:.1f} MB; {what} are limited to {limit // MB} MB")
        else:
            budget.exhausted = True
            bag.error(Pos(file), codes.UNREADABLE, f"file is {shown}, more than is left of the {MAX_PACK_BYTES // MB} MB "
                      "a whole story may hold")
        return None
    except UnsafeFile as exc:
        bag.error(Pos(file), codes.UNREADABLE, f"file not read: {exc}")
        return None
    budget.bytes_left -= len(raw)
    if digest is not None:
        digest.update(os.fsencode(path.name) + b"\0" + raw + b"\0")
    text = decode_source(raw, file, bag)
    if text is None:
        return None
    return parse_yaml_text(text, file, bag, budget)


# A line with something on it other than a comment (line breaks as str.splitlines sees them).
_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_CONTENT_LINE = re.compile(rf"(?:\A|(?<=[{_BREAKS}]))[^\S{_BREAKS}]*[^\s#]")


def parse_yaml_text(text: str, file: str, bag: DiagnosticBag, budget: PackBudget | None = None) -> Doc | None:
    if not _CONTENT_LINE.search(text):
        bag.error(Pos(file), codes.EMPTY_FILE, "file is empty")
        return None
    builder = _Builder(file, bag, budget if budget is not None else PackBudget(), text)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if not builder.feed(event):
                return None
    except yaml.MarkedYAMLError as exc:
        lines = text.splitlines()  # only on the way out with a syntax error: a hint needs the lines
        mark = syntax_error_mark(exc, lines)
        problem = exc.problem or "invalid YAML"
        if mark is not None and "\t" in (lines[mark.line : mark.line + 1] or [""])[0]:
            problem += " (a tab: YAML is indented with spaces only)"
        context = f"{exc.context}: " if exc.context and exc.problem else ""
        bag.error(_mark_pos(file, mark), codes.YAML_SYNTAX, f"YAML syntax: {context}{problem}{syntax_hint(exc, lines)}")
        return None
    except yaml.YAMLError as exc:  # e.g. a reader error on a control character
        position = getattr(exc, "position", None)
        line, col = 1, 1
        if isinstance(position, int):
            line = text.count("\n", 0, position) + 1
            col = position - (text.rfind("\n", 0, position) + 1) + 1
        bag.error(Pos(file, line, col), codes.YAML_SYNTAX, f"YAML syntax: {exc}".splitlines()[0])
        return None
    return builder.doc


class _Frame:
    """An open mapping or list: its children's positions wait here until it ends."""

    __slots__ = ("container", "key", "places", "key_order", "entry", "entry_at")

    def __init__(self, container, entry: array, entry_at: int):
        self.container = container
        self.entry, self.entry_at = entry, entry_at  # where the container's own place is, to note its first child
        self.key = _NO_KEY  # in a mapping: the key whose value comes next
        self.places = new_places()
        self.key_order: dict | None = None  # key -> order, kept once a key has been repeated


class _Builder:
    """Turns parser events into plain data with positions; refuses what stories never need.

    Positions go into the Doc's packed array (see game/engine/doc.py), never one object per
    value, and the source text is looked at only where a value ends: the reader's memory and
    time grow with the number of values alone."""

    def __init__(self, file: str, bag: DiagnosticBag, budget: PackBudget, text: str = ""):
        self.file = file
        self.bag = bag
        self.budget = budget
        self.text = text  # the source, to see the comments YAML drops
        self.doc = Doc(file, None, source=text)
        self.stack: list[_Frame] = []
        self.documents = 0

    def _fail(self, event, code: str, message: str) -> bool:
        self.bag.error(_mark_pos(self.file, event.start_mark), code, message)
        return False

    def _check_tag(self, event) -> bool:
        tag = getattr(event, "tag", None)
        if tag not in _ALLOWED_TAGS:
            shown = tag.replace(_CORE, "!!") if tag else tag
            return self._fail(event, codes.YAML_TAG, f"tag {shown} is not allowed: story files hold plain text, numbers and lists only")
        return True

    def _place(self, event, value, flags: int = 0) -> tuple[array, int] | None:
        """Put a finished value (or a mapping's key) into its parent, and its position beside it.
        Returns where the value's place is (array, index), None for a key or a value left out."""
        start, end = event.start_mark, event.end_mark
        entry = (start.line + 1, (start.column + 1) << FLAG_BITS | flags, start.index, end.index)
        if not self.stack:
            self.doc.data = value
            self.doc.at.extend(entry)
            return self.doc.at, 0
        frame = self.stack[-1]
        container = frame.container
        if isinstance(container, list):
            container.append(value)
            frame.places.extend(entry)
            return frame.places, len(frame.places) - STRIDE
        if frame.key is _NO_KEY:  # this value is a key
            if isinstance(value, (dict, list)):
                self._fail(event, codes.YAML_SYNTAX, "a key must be a plain word, not a list or mapping")
                return None
            key = "" if value is None else str(value) if not isinstance(value, bool) else str(value).lower()
            if key in container:
                first_line = frame.places[2 * self._key_order(frame, key) * STRIDE]
                self._fail(event, codes.DUPLICATE_KEY, f"duplicate key '{key}' (first defined at line {first_line}); later value would silently replace it")
                frame.key = _DUPLICATE
                return None
            if frame.key_order is not None:
                frame.key_order[key] = len(container)
            frame.key = key
            frame.places.extend(entry)
            return None
        key = frame.key
        frame.key = _NO_KEY
        if key is _DUPLICATE:
            return None
        container[key] = value
        frame.places.extend(entry)
        return frame.places, len(frame.places) - STRIDE

    @staticmethod
    def _key_order(frame: _Frame, key: str) -> int:
        """Where `key` stands among its mapping's keys; an index is kept from the first repeat on,
        so a mapping full of repeated keys costs no more than one pass."""
        if frame.key_order is None:
            frame.key_order = {each: order for order, each in enumerate(frame.container)}
        return frame.key_order[key]

    def feed(self, event) -> bool:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                return self._fail(event, codes.YAML_SYNTAX, "a story file holds one YAML document; remove the extra '---'")
            return True
        if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
            return True
        if isinstance(event, yaml.AliasEvent):
            return self._fail(event, codes.ALIAS, "anchors and aliases (&name / *name) are not supported in story files")
        if not self._check_tag(event):
            return False
        if isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self.budget.nodes_left -= 1
            if self.budget.nodes_left < 0:
                self.budget.exhausted = True
                return self._fail(event, codes.UNREADABLE, f"the story holds more than {MAX_PACK_NODES} values; "
                                  "a story is limited to that many")
        if isinstance(event, yaml.ScalarEvent):
            plain = not event.style and event.implicit[0]  # a plain scalar (the C parser reports style '')
            flags = 0
            if plain:
                value = _resolve_plain(event.value, event.tag)
                if isinstance(value, float):
                    flags |= NUMBER
                if TRAILING_COMMENT.match(self.text, event.end_mark.index):
                    flags |= COMMENT
            elif event.tag in (_CORE + "int", _CORE + "float", _CORE + "bool", _CORE + "null"):
                value = _resolve_plain(event.value, None)
            else:
                value = event.value
            if event.style in ('"', "'"):
                flags |= QUOTED
            self._place(event, value, flags)
            return True
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if len(self.stack) >= MAX_DEPTH:
                return self._fail(event, codes.TOO_DEEP, f"nesting deeper than {MAX_DEPTH} levels; story files never need this")
            container = {} if isinstance(event, yaml.MappingStartEvent) else []
            in_key = bool(self.stack) and isinstance(self.stack[-1].container, dict) and self.stack[-1].key is _NO_KEY
            if in_key:
                return self._fail(event, codes.YAML_SYNTAX, "a key must be a plain word, not a list or mapping")
            where = self._place(event, container)
            entry, entry_at = where if where is not None else (array("I", [0] * STRIDE), 0)  # left out: no one asks
            entry[entry_at + CHILDREN] = 0  # no children yet (a scalar keeps its start offset here)
            self.stack.append(_Frame(container, entry, entry_at))
            return True
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = self.stack.pop()
            if frame.places:
                frame.entry[frame.entry_at + CHILDREN] = len(self.doc.at) // STRIDE
                self.doc.at.extend(frame.places)
            return True
        return True  # pragma: no cover - no other event kinds exist


class _Marker:
    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return self.name


_NO_KEY = _Marker("NO_KEY")
_DUPLICATE = _Marker("DUPLICATE")
