"""StoryState: everything that changes during play, as plain data that round-trips through JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from game.engine import state_check as check
from game.engine.model import Story
from game.engine.state_check import PHASES, StateError
from game.engine.text import PRONOUNS

__all__ = ["PHASES", "STATE_VERSION", "StateError", "StoryState", "UndoPoint"]

STATE_VERSION = 1


class UndoPoint(NamedTuple):
    """Where play stood just before a choice: what undo puts back.

    Visit counts are not copied: `entered` marks how long the state's journal of entered nodes was, and
    undo takes back every entry after the mark. Only a point read from a save carries its full `visits`.
    """

    scene: str
    node: str
    cursor: int
    phase: str
    meters: dict
    flags: frozenset
    backlog_len: int
    moves_len: int
    skipped: tuple
    ending: str | None
    ended_early: bool
    reply: str | None
    entered: int | None  # length of StoryState.entered when taken (None: a point read from a save)
    visits: dict | None = None  # full visit counts, for a point read from a save

    @classmethod
    def from_dict(cls, snap: dict) -> "UndoPoint":
        return cls(snap["scene"], snap["node"], snap["cursor"], snap["phase"], dict(snap["meters"]),
                   frozenset(snap["flags"]), snap["backlog_len"], snap["moves_len"], tuple(snap["skipped"]),
                   snap["ending"], snap.get("ended_early", False), snap.get("reply"), None, dict(snap["visits"]))

    def to_dict(self, visits: dict) -> dict:
        return {
            "scene": self.scene, "node": self.node, "cursor": self.cursor, "phase": self.phase,
            "meters": dict(self.meters), "flags": sorted(self.flags), "visits": visits,
            "backlog_len": self.backlog_len, "moves_len": self.moves_len, "skipped": list(self.skipped),
            "ending": self.ending, "ended_early": self.ended_early, "reply": self.reply,
        }


@dataclass(slots=True)
class StoryState:
    role: str
    partner_name: str
    partner_pronouns: str
    scene: str
    node: str  # local node id within the scene
    cursor: int = 0  # index of the next line of the node to consider
    phase: str = "delivering"
    meters: dict = field(default_factory=dict)
    flags: set = field(default_factory=set)
    visits: dict = field(default_factory=dict)  # full node id -> times entered
    backlog: list = field(default_factory=list)  # ids of lines shown, in order
    moves: list = field(default_factory=list)  # one dict per choice made (see runner.Move)
    undo: list = field(default_factory=list)  # an UndoPoint taken before each choice, oldest first
    skipped: list = field(default_factory=list)  # scenes the player skipped
    ending: str | None = None
    ended_early: bool = False  # the ending came from an early_endings trigger
    reply: str | None = None  # local id of the choice whose reply lines are being delivered (cursor counts them)
    seed: int = 0  # this playthrough's chance(N) rolls: saved, so a loaded or replayed game rolls the same
    chance: bool | None = None  # tools only, never saved: every chance(N) with 0 < N < 100 comes out this way
    # scene id -> the state as that scene began (see StoryRunner._note_entry): a finished game's scenes can be
    # played again from there. Tools that read no text keep none.
    entries: dict = field(default_factory=dict)
    entered: list = field(default_factory=list)  # journal for undo: full ids of nodes entered while an undo point exists

    def enter(self, node_id: str) -> None:
        """Count a visit to a node (and note it in the undo journal while there is something to undo)."""
        visits = self.visits
        visits[node_id] = visits.get(node_id, 0) + 1
        if self.undo:
            self.entered.append(node_id)

    def fork(self) -> "StoryState":
        """A light, independent copy for tools that branch play: no backlog, moves or undo history."""
        return StoryState(self.role, self.partner_name, self.partner_pronouns, self.scene, self.node, self.cursor,
                          self.phase, dict(self.meters), set(self.flags), dict(self.visits), [], [], [],
                          list(self.skipped), self.ending, self.ended_early, self.reply, self.seed, self.chance)

    def snapshot(self) -> UndoPoint:
        """An undo point for now. The backlog and moves are truncated on undo, and visits are journalled: not copied."""
        # tuple.__new__ with every field: one C call instead of the generated __new__ (taken at every choice)
        return tuple.__new__(UndoPoint, (self.scene, self.node, self.cursor, self.phase, dict(self.meters),
                                         frozenset(self.flags), len(self.backlog), len(self.moves),
                                         tuple(self.skipped), self.ending, self.ended_early, self.reply,
                                         len(self.entered), None))

    def restore(self, point) -> None:
        """Go back to an undo point: the newest of `undo`, or any point in the save format (a dict with visits)."""
        if isinstance(point, dict):
            point = UndoPoint.from_dict(point)
        self.scene, self.node, self.cursor, self.phase = point.scene, point.node, point.cursor, point.phase
        self.meters = dict(point.meters)
        self.flags = set(point.flags)
        if point.visits is not None:
            self.visits = dict(point.visits)
            self.entered.clear()  # a point with full counts is older than every journal entry
        else:
            _unvisit(self.visits, self.entered, point.entered)
        del self.backlog[point.backlog_len:]
        del self.moves[point.moves_len:]
        self.skipped = list(point.skipped)
        self.ending = point.ending
        self.ended_early = point.ended_early
        self.reply = point.reply
        # scenes begun after the undo point was taken were begun on a path that is now taken back
        self.entries = {k: v for k, v in self.entries.items() if v["moves_len"] <= point.moves_len}

    def undo_dicts(self) -> list[dict]:
        """Every undo point in the save format, oldest first: each one's visit counts rebuilt by taking the
        journal back from the current counts."""
        visits, entered, out = dict(self.visits), list(self.entered), []
        for point in reversed(self.undo):
            if point.visits is not None:
                visits = dict(point.visits)
            else:
                _unvisit(visits, entered, point.entered)
            out.append(point.to_dict(dict(visits)))
        out.reverse()
        return out

    def to_dict(self) -> dict:
        return {
            "state_version": STATE_VERSION,
            "role": self.role,
            "partner": {"name": self.partner_name, "pronouns": self.partner_pronouns},
            "scene": self.scene, "node": self.node, "cursor": self.cursor, "phase": self.phase,
            "meters": dict(self.meters), "flags": sorted(self.flags), "visits": dict(self.visits),
            "backlog": list(self.backlog), "moves": [dict(m) for m in self.moves],
            "undo": self.undo_dicts(), "skipped": list(self.skipped), "ending": self.ending,
            "ended_early": self.ended_early, "reply": self.reply, "seed": self.seed,
            "entries": {scene: dict(entry) for scene, entry in self.entries.items()},
        }

    @classmethod
    def from_dict(cls, data, story: Story, settled: bool = True) -> "StoryState":
        """Rebuild a state for `story`: the story's declared defaults first, saved values on top.

        Every field is checked (state_check.py); anything that does not fit raises StateError with
        a reason a player can read. `settled=False` skips the check that the phase agrees with the
        cursor, for a caller that moves the state to a fresh place and settles it itself.
        """
        try:
            return cls._from_dict(data, story, settled)
        except StateError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError, RecursionError) as exc:
            raise StateError(f"the saved game is damaged ({type(exc).__name__})") from None

    @classmethod
    def _from_dict(cls, data, story: Story, settled: bool) -> "StoryState":
        check.of_type(data, dict, "the saved game")
        if data.get("state_version") != STATE_VERSION:
            raise StateError(f"the saved game has state version {check._short(data.get('state_version'))!r}; "
                             f"this Tether reads {STATE_VERSION}")
        role = check.field(data, "role", str)
        if role not in story.roles:
            raise StateError(f"unknown role {check._short(role)!r}")
        partner = check.field(data, "partner", dict)
        name = check.field(partner, "name", str, "the partner")
        pronouns = check.field(partner, "pronouns", str, "the partner")
        if len(name) > check.MAX_NAME:
            raise StateError(f"the partner's name is longer than {check.MAX_NAME} characters")
        if pronouns not in PRONOUNS:
            raise StateError(f"unknown pronouns {check._short(pronouns)!r}")
        scene, node = check.field(data, "scene", str), check.field(data, "node", str)
        phase = check.field(data, "phase", str)
        cursor = check.count(check.field(data, "cursor", int), "the line position")
        ending = check.field(data, "ending", (str, type(None)))
        reply = check.field(data, "reply", (str, type(None)))
        if settled:
            check.check_position(story, scene, node, cursor, phase, ending, "the saved game", reply)
        else:  # the caller moves the state and settles it; the ids and the phase name must still hold
            check.check_position(story, scene, node, 0, "scene_end", None, "the saved game", reply)
            if phase not in PHASES:
                raise StateError(f"unknown phase {check._short(phase)!r}")
        meters = {m.name: m.start for m in story.meters.values()}
        for key, value in check.number_map(check.field(data, "meters", dict), "the meters").items():
            if key in meters:
                meter = story.meters[key]
                meters[key] = max(meter.min, min(meter.max, value))
        flags = {f for f in check.text_list(check.field(data, "flags", list), "the flags") if f in story.flags}
        visits = {k: check.count(v, f"visits of {check._short(k)!r}") for k, v in check.field(data, "visits", dict).items()}
        backlog = check.text_list(check.field(data, "backlog", list), "the history")
        moves = [check.checked_move(m, i) for i, m in enumerate(check.field(data, "moves", list))]
        skipped = check.text_list(check.field(data, "skipped", list), "the skipped scenes")
        undo = []
        for i, snap in enumerate(check.field(data, "undo", list)):
            checked = check.checked_snapshot(snap, i, story, len(backlog), len(moves))
            if checked is None:
                undo = []  # an undo point in a node that no longer exists cannot be restored
                break
            undo.append(UndoPoint.from_dict(checked))
        ended_early = check.field(data, "ended_early", bool)
        seed = check.field(data, "seed", int) if "seed" in data else 0  # saves from before chance(N) roll as seed 0
        entries = check.checked_entries(check.field(data, "entries", dict), story, len(backlog), len(moves))
        return cls(role, name, pronouns, scene, node, cursor, phase, meters, flags, visits, backlog, moves, undo,
                   skipped, ending, ended_early, reply, seed, entries=entries)


def _unvisit(visits: dict, entered: list, mark: int) -> None:
    """Take back the visits journalled after `mark`, newest first, and shorten the journal to it."""
    for node_id in reversed(entered[mark:]):
        count = visits[node_id] - 1
        if count:
            visits[node_id] = count
        else:
            del visits[node_id]
    del entered[mark:]
