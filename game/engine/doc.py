"""A parsed story file: plain data plus where each value came from.

It lives apart from the YAML reader so that the builder, and a story compiled to
JSON for the browser, need no YAML library at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.diagnostics import Pos

Path_ = tuple  # a path into the document: keys and list indexes


@dataclass
class Doc:
    """A YAML document as plain data plus the source position of every value and key."""

    file: str
    data: object
    value_pos: dict[tuple, tuple] = field(default_factory=dict)  # path -> (line, col); Pos made on demand
    key_pos: dict[tuple, tuple] = field(default_factory=dict)
    quoted: set = field(default_factory=set)  # paths of quoted or block scalars
    cut: dict[tuple, str] = field(default_factory=dict)  # path -> the ` # ...` comment that ended a plain value
    raw: dict[tuple, str] = field(default_factory=dict)  # path -> source text of a plain number (1.10 stays "1.10")

    def pos(self, path: tuple) -> Pos:
        """Where the value at `path` starts (or its nearest known ancestor)."""
        while path not in self.value_pos and path:
            path = path[:-1]
        where = self.value_pos.get(path)
        return Pos(self.file, *where) if where else Pos(self.file)

    def kpos(self, path: tuple) -> Pos:
        """Where the key of the mapping entry at `path` starts."""
        where = self.key_pos.get(path)
        return Pos(self.file, *where) if where else self.pos(path)
