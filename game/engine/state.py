"""StoryState: everything that changes during play, as plain data that round-trips through JSON."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.conditions import ROLES
from game.engine.model import Story
from game.engine.text import PRONOUNS

PHASES = ("delivering", "awaiting_choice", "scene_end", "ended")
STATE_VERSION = 1


class StateError(ValueError):
    """Saved data that does not fit this story (or is not a save at all)."""


@dataclass
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
    undo: list = field(default_factory=list)  # snapshots taken before each choice
    skipped: list = field(default_factory=list)  # scenes the player skipped
    ending: str | None = None
    ended_early: bool = False  # the ending came from an early_endings trigger
    reply: str | None = None  # local id of the choice whose reply lines are being delivered (cursor counts them)

    def fork(self) -> "StoryState":
        """A light, independent copy for tools that branch play: no backlog, moves or undo history."""
        return StoryState(self.role, self.partner_name, self.partner_pronouns, self.scene, self.node, self.cursor,
                          self.phase, dict(self.meters), set(self.flags), dict(self.visits), [], [], [],
                          list(self.skipped), self.ending, self.ended_early, self.reply)

    # The fields a snapshot restores; the backlog and moves are truncated, not copied.
    def snapshot(self) -> dict:
        return {
            "scene": self.scene, "node": self.node, "cursor": self.cursor, "phase": self.phase,
            "meters": dict(self.meters), "flags": sorted(self.flags), "visits": dict(self.visits),
            "backlog_len": len(self.backlog), "moves_len": len(self.moves), "skipped": list(self.skipped),
            "ending": self.ending, "ended_early": self.ended_early, "reply": self.reply,
        }

    def restore(self, snap: dict) -> None:
        self.scene, self.node, self.cursor, self.phase = snap["scene"], snap["node"], snap["cursor"], snap["phase"]
        self.meters = dict(snap["meters"])
        self.flags = set(snap["flags"])
        self.visits = dict(snap["visits"])
        del self.backlog[snap["backlog_len"]:]
        del self.moves[snap["moves_len"]:]
        self.skipped = list(snap["skipped"])
        self.ending = snap["ending"]
        self.ended_early = snap.get("ended_early", False)
        self.reply = snap.get("reply")

    def to_dict(self) -> dict:
        return {
            "state_version": STATE_VERSION,
            "role": self.role,
            "partner": {"name": self.partner_name, "pronouns": self.partner_pronouns},
            "scene": self.scene, "node": self.node, "cursor": self.cursor, "phase": self.phase,
            "meters": dict(self.meters), "flags": sorted(self.flags), "visits": dict(self.visits),
            "backlog": list(self.backlog), "moves": [dict(m) for m in self.moves],
            "undo": [dict(u) for u in self.undo], "skipped": list(self.skipped), "ending": self.ending,
            "ended_early": self.ended_early, "reply": self.reply,
        }

    @classmethod
    def from_dict(cls, data, story: Story) -> "StoryState":
        """Rebuild a state for `story`: the story's declared defaults first, saved values on top.

        Anything that does not fit raises StateError with a reason a player can read.
        """
        try:
            return cls._from_dict(data, story)
        except StateError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise StateError(f"the saved game is damaged ({type(exc).__name__}: {exc})") from None

    @classmethod
    def _from_dict(cls, data, story: Story) -> "StoryState":
        if not isinstance(data, dict):
            raise StateError("the saved game is not a mapping")
        if data.get("state_version") != STATE_VERSION:
            raise StateError(f"the saved game has state version {data.get('state_version')!r}; this Tether reads {STATE_VERSION}")
        role = data["role"]
        if role not in ROLES:
            raise StateError(f"unknown role {role!r}")
        partner = data["partner"]
        name, pronouns = str(partner["name"]), partner["pronouns"]
        if pronouns not in PRONOUNS:
            raise StateError(f"unknown pronouns {pronouns!r}")
        phase = data["phase"]
        if phase not in PHASES:
            raise StateError(f"unknown phase {phase!r}")
        scene, node = data["scene"], data["node"]
        if scene not in story.scenes:
            raise StateError(f"the story has no scene {scene!r} any more")
        if node not in story.scenes[scene].nodes:
            raise StateError(f"scene {scene!r} has no node {node!r} any more")
        cursor = int(data["cursor"])
        reply = data.get("reply")  # older saves have none
        lines = story.scenes[scene].nodes[node].lines
        if reply is not None:
            choice = next((c for c in story.scenes[scene].nodes[node].choices if c.local_id == reply), None)
            if choice is None:
                raise StateError(f"node {node!r} has no choice {reply!r} any more")
            lines = choice.lines
        if not 0 <= cursor <= len(lines):
            raise StateError("the saved line position is outside its node")
        meters = {m.name: m.start for m in story.meters.values()}
        for key, value in dict(data["meters"]).items():
            if key in meters:
                meter = story.meters[key]
                meters[key] = max(meter.min, min(meter.max, int(value)))
        flags = {str(f) for f in data["flags"] if f in story.flags}
        visits = {str(k): int(v) for k, v in dict(data["visits"]).items()}
        backlog = [str(x) for x in data["backlog"]]
        moves = [dict(m) for m in data["moves"]]
        undo = [dict(u) for u in data.get("undo", [])]
        for snap in undo:
            if snap.get("scene") not in story.scenes or snap.get("node") not in story.scenes[snap["scene"]].nodes:
                undo = []  # an undo point in a node that no longer exists cannot be restored
                break
        ending = data.get("ending")
        if ending is not None and ending not in {e.id for e in story.endings}:
            raise StateError(f"unknown ending {ending!r}")
        return cls(role, name, pronouns, scene, node, cursor, phase, meters, flags, visits, backlog, moves, undo,
                   [str(s) for s in data.get("skipped", [])], ending, bool(data.get("ended_early", False)), reply)
