"""A parsed story file: plain data plus where each value came from.

It lives apart from the YAML reader so that the builder, and a story compiled to
JSON for the browser, need no YAML library at all.

Positions are kept compactly, because a story may hold a million values: no object per
value, only unsigned ints in one array. Every container's children sit side by side in
`at`, STRIDE ints each: line, column (with flags), and two more. For a scalar those are the
character offsets where it starts and ends in the source; for a list or mapping the first is
the place of its first child (0 when it has none). A mapping's entry takes two places, its
key then its value, and place 0 is the whole document. A path is found by walking the data.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
import re
from typing import NamedTuple

from game.engine.diagnostics import Pos

Path_ = tuple  # a path into the document: keys and list indexes

STRIDE = 4  # ints per place: line, col << FLAG_BITS | flags, start offset (or CHILDREN), end offset
CHILDREN = 2  # in a list's or mapping's place: the place of its first child
FLAG_BITS = 3
QUOTED = 1  # a quoted or block scalar: its text starts one column after its position
NUMBER = 2  # a plain number that became a float: its digits are read back from the source (1.10 is not 1.1)
COMMENT = 4  # a plain scalar followed on its line by ` # ...`, which YAML dropped
LINEAR_KEYS = 8  # a mapping this small is searched for a key in order; a larger one gets an index
WALKS_KEPT = 4096  # parent paths remembered between lookups (then forgotten all at once)

_NUMBER_TEXT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
TRAILING_COMMENT = re.compile(r"[ \t]+(#[^\n\r\x85\u2028\u2029]*)")


class Scalar(NamedTuple):
    """What one lookup tells about the value at a path (see `Doc.scalar`)."""

    pos: Pos  # where the value starts (or its nearest known ancestor)
    quoted: bool  # a quoted or block scalar: its text starts one column after `pos`
    number: str | None  # the digits of a plain number as written (`1.10`), or None
    comment: str | None  # the ` # ...` that ended a plain value on its line (YAML dropped it), or None


def new_places() -> array:
    places = array("I")
    assert places.itemsize >= 4  # lines, columns and offsets of a 4 MB file fit in 32 bits
    return places


@dataclass(eq=False)
class Doc:
    """A YAML document as plain data plus the source position of every value and key."""

    file: str
    data: object
    source: str = ""  # the file's text (empty for a compiled story, which has no positions)
    at: array = field(default_factory=new_places)
    numbers: dict[tuple, str] = field(default_factory=dict)  # a compiled story's number texts (it has no source)
    _index: dict[int, dict] = field(default_factory=dict, init=False, repr=False)  # id(large mapping) -> key -> order
    _walked: dict[tuple, tuple] = field(default_factory=dict, init=False, repr=False)  # recent parent paths, walked

    def pos(self, path: tuple) -> Pos:
        """Where the value at `path` starts (or its nearest known ancestor)."""
        place, _key, _whole = self._find(path)
        return self._pos_at(place)

    def kpos(self, path: tuple) -> Pos:
        """Where the key of the mapping entry at `path` starts."""
        place, key, whole = self._find(path)
        return self._pos_at(key if whole and key is not None else place)

    def scalar(self, path: tuple) -> Scalar:
        """Everything a field check asks about the value at `path`, found with one walk.

        `number`, `quoted` and `comment` are only known for a path found whole; `pos` falls back to the
        nearest ancestor like `pos()`.
        """
        place, _key, whole = self._find(path)
        pos = self._pos_at(place)
        if not whole:
            return Scalar(pos, False, self.numbers.get(path) if self.numbers else None, None)
        flags = self.at[place * STRIDE + 1]
        if self.numbers:
            number = self.numbers.get(path)
        else:
            number = self._number_at(place) if flags & NUMBER else None
        return Scalar(pos, bool(flags & QUOTED), number, self._comment_at(place) if flags & COMMENT else None)

    def is_quoted(self, path: tuple) -> bool:
        """A quoted or block scalar: its text starts one column after its position."""
        return self.scalar(path).quoted

    def number_text(self, path: tuple) -> str | None:
        """The digits of a plain number as written (`1.10`), or None when the value is no such number."""
        return self.scalar(path).number

    def number_texts(self) -> dict[tuple, str]:
        """Every plain number's text by path: what a compiled story carries in place of the source."""
        if self.numbers or not self.at:
            return dict(self.numbers)
        out: dict[tuple, str] = {}
        if self.at[1] & NUMBER:
            out[()] = self._number_at(0) or ""
        # Containers still to look into (the data is at most MAX_DEPTH deep); a document that is one
        # value has none, and its place holds where that value starts, not a first child.
        todo = [(self.data, (), 0)] if isinstance(self.data, (dict, list)) else []
        while todo:
            node, path, place = todo.pop()
            start = self.at[place * STRIDE + CHILDREN]
            if not start:
                continue
            pairs = enumerate(node) if isinstance(node, list) else enumerate(node.items())
            for order, child in pairs:
                step, value = (order, child) if isinstance(node, list) else child
                at = start + order if isinstance(node, list) else start + 2 * order + 1
                if isinstance(value, (dict, list)):
                    todo.append((value, path + (step,), at))
                elif self.at[at * STRIDE + 1] & NUMBER:
                    out[path + (step,)] = self._number_at(at) or str(value)
        return out

    def comment_after(self, path: tuple) -> str | None:
        """The ` # ...` that ended a plain value on its line (YAML dropped it; the writer may have meant it as text)."""
        return self.scalar(path).comment

    # ---- inside ---------------------------------------------------------------------------
    def _number_at(self, place: int) -> str | None:
        found = _NUMBER_TEXT.match(self.source, self.at[place * STRIDE + 2])
        return found.group() if found else None

    def _comment_at(self, place: int) -> str | None:
        found = TRAILING_COMMENT.match(self.source, self.at[place * STRIDE + 3])
        return found.group(1).rstrip() if found else None

    def _pos_at(self, place: int | None) -> Pos:
        if place is None:
            return Pos(self.file)
        line, col = self.at[place * STRIDE], self.at[place * STRIDE + 1] >> FLAG_BITS
        return Pos(self.file, line, col)

    def _find(self, path: tuple) -> tuple[int | None, int | None, bool]:
        """(place of the value, place of its key, whether the whole path was found); the nearest
        ancestor's place when it was not."""
        if not self.at:
            return None, None, False
        if not path:
            return 0, None, True
        parent = path[:-1]
        node, place, key, whole = self._walked.get(parent) or self._reach(parent)
        if not whole:
            return place, key, False
        _node, place, key, whole = self._step(node, place, path[-1])
        return place, key, whole

    def _reach(self, path: tuple) -> tuple:
        """(node, place, key place, whole) at the end of `path` from the root, remembered: the builder asks for
        one field after another of the same mapping, and for one mapping after another of the same list, so
        a walk is mostly one step on from a remembered one (the recursion is as deep as the path, at most the
        depth of the data)."""
        walked = self._walked.get(path)
        if walked is None:
            if not path:
                walked = (self.data, 0, None, True)
            else:
                node, place, key, whole = self._reach(path[:-1])
                walked = self._step(node, place, path[-1]) if whole else (node, place, key, False)
            if len(self._walked) >= WALKS_KEPT:
                self._walked.clear()
            self._walked[path] = walked
        return walked

    def _step(self, node, place: int, step) -> tuple:
        """(child, its place, its key's place, True) one step down from `node` at `place`; (node, place, None,
        False) when `node` has no such child."""
        if isinstance(node, dict):
            start = self.at[place * STRIDE + CHILDREN]
            if not start or step not in node:
                return node, place, None, False
            key = start + 2 * (tuple(node).index(step) if len(node) <= LINEAR_KEYS else self._order(node, step))
            return node[step], key + 1, key, True
        if isinstance(node, list):
            start = self.at[place * STRIDE + CHILDREN]
            if not start or isinstance(step, bool) or not isinstance(step, int) or not 0 <= step < len(node):
                return node, place, None, False
            return node[step], start + step, None, True
        return node, place, None, False

    def _order(self, mapping: dict, key) -> int:
        """The position of `key`, one of a large mapping's keys, among them (insertion order)."""
        index = self._index.get(id(mapping))
        if index is None:
            index = self._index[id(mapping)] = {each: order for order, each in enumerate(mapping)}
        return index[key]
