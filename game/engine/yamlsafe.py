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
import stat
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
# YAML values in all files together, a list or mapping counting twice: the parser reads its start and its end,
# and reading time follows those steps (a pack of a million empty lists takes as long as two million words).
# The shipped story counts 17,191; the benchmark's 10,000-node story (9.7 MB), the largest the project
# promises to load, 783,041. The limit leaves it a quarter more.
MAX_PACK_NODES = 1_000_000
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
        if exc.limit == limit:
            bag.error(Pos(file), codes.UNREADABLE, _over_file_limit(exc.size, limit, what))
        else:
            budget.exhausted = True
            bag.error(Pos(file), codes.UNREADABLE, _over_pack_limit(exc.size, or_more=exc.grew))
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


def _over_file_limit(size: int, limit: int = MAX_FILE_BYTES, what: str = "story files") -> str:
    return f"file is {size / 1e6:.1f} MB; {what} are limited to {limit // MB} MB"


def _over_pack_limit(size: int, or_more: bool = False) -> str:
    return (f"file is {size / 1e6:.1f} MB{' or more' if or_more else ''}, more than is left of the "
            f"{MAX_PACK_BYTES // MB} MB a whole story may hold")


def pack_sizes_fit(files: list[tuple[Path, str]], bag: DiagnosticBag) -> bool:
    """Whether a pack's files (path, name shown) keep to the size limits, by the sizes the file system
    gives, before any of them is parsed: a pack over its limits is refused at once, not after up to
    16 MB of it were read. A file over its own limit gets the diagnostic reading would give; the
    total is reported at the file that takes it over, and nothing after that one is looked at.

    A file is measured again on its open handle when it is read (read_untrusted), so one that grows
    in between is still refused; links, pipes and folders count nothing here, reading refuses them."""
    total, fits = 0, True
    for path, name in files:
        try:
            info = os.lstat(path)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        if info.st_size > MAX_FILE_BYTES:  # refused unread, so it takes nothing from the pack's size
            bag.error(Pos(name), codes.UNREADABLE, _over_file_limit(info.st_size))
            fits = False
            continue
        total += info.st_size
        if total > MAX_PACK_BYTES:
            bag.error(Pos(name), codes.UNREADABLE, f"with this file the story's files hold {total:,} bytes, more than "
                      f"the {MAX_PACK_BYTES // MB} MB ({MAX_PACK_BYTES:,} bytes) a whole story may hold")
            return False
    return fits


# A line with something on it other than a comment (line breaks as str.splitlines sees them).
_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_CONTENT_LINE = re.compile(rf"(?:\A|(?<=[{_BREAKS}]))[^\S{_BREAKS}]*[^\s#]")


def parse_yaml_text(text: str, file: str, bag: DiagnosticBag, budget: PackBudget | None = None) -> Doc | None:
    if not _CONTENT_LINE.search(text):
        bag.error(Pos(file), codes.EMPTY_FILE, "file is empty")
        return None
    builder = _Builder(file, bag, budget if budget is not None else PackBudget(), text)
    loader = _Loader(text)
    try:
        if not builder.build(loader.get_event):
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
    finally:
        loader.dispose()
    return builder.doc


# The first characters a plain scalar can have when it is not text: a number, null (`~`, `null`) or a boolean.
# Any other plain scalar is its own text, and most story text is decided by this one look.
_MAYBE_NOT_TEXT = frozenset("0123456789+-.~nNtTfF")
_TYPED_TAGS = frozenset(_CORE + t for t in ("int", "float", "bool", "null"))
_SPACE_OR_TAB = frozenset(" \t")


class _Builder:
    """Turns parser events into plain data with positions; refuses what stories never need.

    Positions go into the Doc's packed array (see game/engine/doc.py), never one object per
    value, and the source text is looked at only where a value ends: the reader's memory and
    time grow with the number of values alone. A pack may hold a million values, so the loop
    over events (`build`) keeps what it needs in local names and decides each event with as
    few steps as it can; the limit on values is counted on every value."""

    def __init__(self, file: str, bag: DiagnosticBag, budget: PackBudget, text: str = ""):
        self.file = file
        self.bag = bag
        self.budget = budget
        self.text = text  # the source, to see the comments YAML drops
        self.doc = Doc(file, None, source=text)
        self.pending = new_places()  # the places of the open containers' children, the innermost's last

    def _fail(self, event, code: str, message: str) -> bool:
        self.bag.error(_mark_pos(self.file, event.start_mark), code, message)
        return False

    def build(self, next_event) -> bool:
        """Read every event from `next_event` (the parser's get_event); False once one is refused
        (its diagnostic is in the bag). Parser errors propagate as yaml.YAMLError.

        The open container the next value goes into is kept in local names, as is the key whose
        value comes next in a mapping; each container around it waits on `outer` with where its
        own place is and where its children's places start in `pending`."""
        text, pending, doc = self.text, self.pending, self.doc
        doc_at = doc.at
        text_end = len(text)
        trailing_comment = TRAILING_COMMENT.match
        container, in_list, key, key_order = None, False, _NO_KEY, None  # None: the document's value comes next
        own, own_at, first = doc_at, 0, 0  # the open container's place (array, index); its children's start in pending
        outer: list[tuple] = []
        documents = 0
        nodes_left = self.budget.nodes_left  # counted in a local name, written back however reading ends
        try:
            while True:
                event = next_event()
                kind = event.__class__
                if kind is _ScalarEvent or kind is _MappingStartEvent or kind is _SequenceStartEvent:
                    tag = event.tag
                    if tag is not None and tag not in _ALLOWED_TAGS:
                        shown = tag.replace(_CORE, "!!")
                        return self._fail(event, codes.YAML_TAG, f"tag {shown} is not allowed: story files hold plain "
                                          "text, numbers and lists only")
                    nodes_left -= 1
                    if nodes_left < 0:
                        return self._over_limit(event)
                    start = event.start_mark
                    if kind is _ScalarEvent:
                        value, style, flags = event.value, event.style, 0
                        end = event.end_mark.index
                        if not style and event.implicit[0]:  # a plain scalar (the C parser reports style '')
                            if not value or value[0] in _MAYBE_NOT_TEXT:
                                value = _resolve_plain(value, tag)
                                if value.__class__ is float:
                                    flags = NUMBER
                            if end < text_end and text[end] in _SPACE_OR_TAB and trailing_comment(text, end):
                                flags |= COMMENT
                        else:
                            if tag in _TYPED_TAGS:
                                value = _resolve_plain(value, None)
                            if style == '"' or style == "'":
                                flags = QUOTED
                        entry = (start.line + 1, (start.column + 1) << FLAG_BITS | flags, start.index, end)
                        if in_list:
                            container.append(value)
                            pending.extend(entry)
                        elif key is _NO_KEY:
                            if container is None:  # the whole document is this one value
                                doc.data = value
                                doc_at.extend(entry)
                            elif value.__class__ is str and key_order is None and value not in container:
                                key = value
                                pending.extend(entry)
                            else:
                                key, key_order = self._key(container, key_order, first, event, value, entry)
                        elif key is _DUPLICATE:  # the value of a repeated key (reported) is left out
                            key = _NO_KEY
                        else:
                            container[key] = value
                            key = _NO_KEY
                            pending.extend(entry)
                        continue
                    nodes_left -= 1  # a list or mapping counts twice: its end is read too
                    if nodes_left < 0:
                        return self._over_limit(event)
                    if len(outer) >= MAX_DEPTH:
                        return self._fail(event, codes.TOO_DEEP, f"nesting deeper than {MAX_DEPTH} levels; story files "
                                          "never need this")
                    if key is _NO_KEY and not in_list and container is not None:
                        return self._fail(event, codes.YAML_SYNTAX, "a key must be a plain word, not a list or mapping")
                    new_list = kind is _SequenceStartEvent
                    new = [] if new_list else {}
                    entry = (start.line + 1, (start.column + 1) << FLAG_BITS, 0, event.end_mark.index)  # 0: no child yet
                    if in_list:
                        container.append(new)
                        place, place_at = pending, len(pending)
                    elif container is None:
                        doc.data = new
                        place, place_at = doc_at, 0
                    elif key is _DUPLICATE:  # built, then left out with its key: no one asks for its place
                        place, place_at = array("I"), 0
                    else:
                        container[key] = new
                        place, place_at = pending, len(pending)
                    place.extend(entry)
                    outer.append((container, in_list, key_order, own, own_at, first))
                    container, in_list, key, key_order = new, new_list, _NO_KEY, None
                    own, own_at, first = place, place_at, len(pending)
                elif kind is _MappingEndEvent or kind is _SequenceEndEvent:
                    if len(pending) > first:  # its children's places, side by side, after everything written so far
                        own[own_at + CHILDREN] = len(doc_at) // STRIDE
                        if len(pending) - first < _LONG:
                            doc_at.extend(pending[first:])
                        else:
                            _append_from(doc_at, pending, first)
                        del pending[first:]
                    container, in_list, key_order, own, own_at, first = outer.pop()
                    key = _NO_KEY  # the container just closed was the value of its parent's key
                elif kind is _AliasEvent:
                    return self._fail(event, codes.ALIAS, "anchors and aliases (&name / *name) are not supported in story "
                                      "files")
                elif kind is _DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        return self._fail(event, codes.YAML_SYNTAX, "a story file holds one YAML document; remove the "
                                          "extra '---'")
                elif kind is _StreamEndEvent or event is None:
                    return True
                # StreamStartEvent, DocumentEndEvent: nothing to do
        finally:
            self.budget.nodes_left = nodes_left

    def _over_limit(self, event) -> bool:
        self.budget.exhausted = True
        return self._fail(event, codes.UNREADABLE, f"the story holds more than {MAX_PACK_NODES:,} values (a list or "
                          "mapping counts as two); a story is limited to that many")

    def _key(self, mapping: dict, key_order: dict | None, first: int, event, value, entry: tuple):
        """A mapping's key that is not new plain text: (the key, the mapping's key order). A repeated
        key is reported, and gives _DUPLICATE so that its value is left out and reading goes on (every
        repeated key is named). The key order is made at the first repeat and kept up from then on, so a
        mapping full of repeated keys costs no more than one pass."""
        key = value if value.__class__ is str else "" if value is None else str(value).lower() \
            if isinstance(value, bool) else str(value)
        if key in mapping:
            if key_order is None:
                key_order = {each: order for order, each in enumerate(mapping)}
            first_line = self.pending[first + 2 * key_order[key] * STRIDE]
            self._fail(event, codes.DUPLICATE_KEY, f"duplicate key '{key}' (first defined at line {first_line}); later "
                       "value would silently replace it")
            return _DUPLICATE, key_order
        if key_order is not None:
            key_order[key] = len(mapping)
        self.pending.extend(entry)
        return key, key_order


_LONG = 4096  # places: a run this long is moved without a temporary copy (a million-item list would take 16 MB more)


def _append_from(into: array, source: array, first: int) -> None:
    """Append source[first:] to `into`, straight from source's memory."""
    with memoryview(source) as view, view.cast("B") as raw, raw[first * source.itemsize:] as tail:
        into.frombytes(tail)


_ScalarEvent, _AliasEvent = yaml.ScalarEvent, yaml.AliasEvent
_MappingStartEvent, _MappingEndEvent = yaml.MappingStartEvent, yaml.MappingEndEvent
_SequenceStartEvent, _SequenceEndEvent = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_DocumentStartEvent, _StreamEndEvent = yaml.DocumentStartEvent, yaml.StreamEndEvent


class _Marker:
    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return self.name


_NO_KEY = _Marker("NO_KEY")
_DUPLICATE = _Marker("DUPLICATE")
