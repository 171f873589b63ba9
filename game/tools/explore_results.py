"""The explorer's answers: per role, each ending, node, choice and line reached (with a path), unreachable or
undecided, and the soft-locks found (see explore.py for how they are decided)."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.model import Story
from game.tools.bounds import Bounds

KINDS = ("ending", "node", "choice", "line")


@dataclass
class SoftLock:
    node: str  # full node id where play got stuck
    message: str
    path: tuple[str, ...]  # choice ids that lead there
    seed: int = 0  # the seed that makes its chance(N) rolls come out this way (`tether play --seed`)


@dataclass
class RoleResult:
    role: str
    states: int = 0  # choice menus expanded
    moves: int = 0  # choices tried
    pruned: int = 0  # menus not expanded: no open question can be reached from them
    exhausted: bool = False  # the first pass went through every state that could lead to an open question
    limit_reason: str = ""  # why the search stopped with questions open
    reached: dict = field(default_factory=lambda: {k: {} for k in KINDS})  # kind -> id -> path
    questions: dict = field(default_factory=lambda: {k: set() for k in KINDS})  # kind -> ids the bounds allow
    softlocks: list = field(default_factory=list)
    loops: list = field(default_factory=list)  # full node ids from which no way leaves the scene
    disputed: dict = field(default_factory=dict)  # (kind, id) -> what the runner did instead
    proved: set = field(default_factory=set)  # (kind, id) the search proved unreachable
    ruled_out: set = field(default_factory=set)  # (kind, id) of those, proved by the ways into them (explore_ways)
    seeds: dict = field(default_factory=dict)  # (kind, id) -> seed its path needs, for a path through chance(N) rolls
    rolls: dict = field(default_factory=dict)  # (kind, id) -> the chance(N) rolls its path takes
    chance_cut: bool = False  # some step met more chance(N) rolls than were tried: no proof by search
    bounds: Bounds | None = None
    seconds: float = 0.0
    _stuck: dict | None = field(default=None, repr=False)

    # the sets the earlier explorer exposed, kept for the linter and the tests
    @property
    def endings(self) -> dict:
        return self.reached["ending"]

    @property
    def nodes(self) -> dict:
        return self.reached["node"]

    @property
    def offered(self) -> dict:
        return self.reached["choice"]

    @property
    def lines(self) -> dict:
        return self.reached["line"]

    @property
    def complete(self) -> bool:
        """Every question decided, soft-locks included."""
        return not any(self.open(kind) for kind in KINDS) and not self.possible_softlocks()

    def open(self, kind: str) -> set:
        return {i for i in self.questions[kind] if self.status(kind, i) == "undecided"}

    def status(self, kind: str, item: str) -> str:
        """reached | unreachable | undecided for an ending, node, choice or line id."""
        if item in self.reached[kind]:
            return "reached" if (kind, item) not in self.disputed else "undecided"
        if item not in self.questions[kind] or (kind, item) in self.ruled_out or \
                ((kind, item) in self.proved and not self.chance_cut):
            return "unreachable"
        return "undecided"

    def reason(self, kind: str, item: str) -> str:
        status = self.status(kind, item)
        if status == "reached":
            return f"reached in {len(self.reached[kind][item])} choices"
        if (kind, item) in self.disputed:
            return f"the explorer and the runner disagree ({self.disputed[kind, item]}); please report this"
        if item not in self.questions[kind]:
            return "proved by the interval bounds: no playthrough can get there"
        if (kind, item) in self.ruled_out:
            return ("proved by the ways into it: each needs a condition that cannot hold where it leaves from "
                    "(meters and flags from the bounds, visit counts from the scene's paths)")
        if status == "unreachable":
            return "proved by the search: every state that could lead there was explored"
        return f"not reached and not proved unreachable: {self.limit_reason or 'the search stopped'}"

    def possible_softlocks(self) -> list[tuple[str, dict]]:
        """Menus the bounds could not clear and the search did not settle: (node id, example values)."""
        if self.bounds is None or (self.exhausted and not self.pruned):
            return []
        if self._stuck is None:  # the bounds' answer does not change: work it out once
            story = self.bounds.story
            self._stuck = {}
            for full in self.bounds.boxes:
                example = self.bounds.stuck_example(story.node(full))
                if example is not None:
                    self._stuck[full] = example
        found = {s.node for s in self.softlocks}
        return [(full, example) for full, example in self._stuck.items() if full not in found]


@dataclass
class Exploration:
    story: Story
    roles: dict  # role -> RoleResult

    @property
    def complete(self) -> bool:
        return all(r.complete for r in self.roles.values())

    def status(self, kind: str, item: str) -> str:
        """Over all roles: reached if any role reaches it, unreachable if every role provably cannot."""
        answer = "unreachable"
        for r in self.roles.values():
            status = r.status(kind, item)
            if status == "reached":
                return status  # the first reaching role settles it: the others are not asked
            if status == "undecided":
                answer = status
        return answer

    def softlocks(self) -> list[SoftLock]:
        seen, out = set(), []
        for result in self.roles.values():
            for lock in result.softlocks:
                if lock.node not in seen:
                    seen.add(lock.node)
                    out.append(lock)
        return out

    def items(self, kind: str) -> list[str]:
        story = self.story
        if kind == "ending":
            return [e.id for e in story.endings]
        if kind == "node":
            return [n.id for n in story.all_nodes()]
        if kind == "choice":
            return [c.id for c in story.all_choices()]
        return list(story.lines)

    def problems(self) -> list[str]:
        """What makes `tether explore` fail: soft-locks, loops with no exit, endings or ending kinds a role can never reach."""
        out = []
        kinds = {}
        for e in self.story.endings:
            kinds.setdefault(e.kind, []).append(e.id)
        for role, r in self.roles.items():
            for lock in r.softlocks:
                out.append(f"{role}: soft-lock at {lock.node}")
            for full, _example in r.possible_softlocks():
                out.append(f"{role}: possible soft-lock at {full}")
            for full in r.loops:
                out.append(f"{role}: no way out of the scene from {full}")
            for kind, ids in kinds.items():
                if all(r.status("ending", e) == "unreachable" for e in ids):
                    out.append(f"{role}: can never reach a {kind} ending")
        for ending in self.items("ending"):
            if self.status("ending", ending) == "unreachable":
                out.append(f"ending {ending} can never be reached")
        return out

    def to_dict(self) -> dict:
        story = self.story
        kinds = {e.id: e.kind for e in story.endings}
        out = {"story": story.id, "complete": self.complete, "roles": {}}
        for role, r in self.roles.items():
            entry = {
                "complete": r.complete,
                "limit": r.limit_reason or None,
                "states": r.states,
                "moves": r.moves,
                "pruned": r.pruned,
                "seconds": round(r.seconds, 3),
                "endings": {e.id: {"kind": e.kind, "path": list(r.endings[e.id]),
                                   "seed": r.seeds.get(("ending", e.id), 0)} for e in story.endings
                            if r.status("ending", e.id) == "reached"},
                "ending_kinds": sorted({kinds[e] for e in r.endings}),
                "unreached_endings": {e.id: r.status("ending", e.id) for e in story.endings
                                      if r.status("ending", e.id) != "reached"},
                "softlocks": [{"node": s.node, "message": s.message, "path": list(s.path), "seed": s.seed}
                              for s in r.softlocks],
                "possible_softlocks": [{"node": n, "example": ex} for n, ex in r.possible_softlocks()],
                "loops": list(r.loops),
                "disputed": [{"kind": k, "id": i, "runner": why} for (k, i), why in r.disputed.items()],
            }
            entry["counts"] = {}
            for kind in KINDS:
                items = self.items(kind)
                counts = {"reached": 0, "unreachable": 0, "undecided": 0}
                undecided = {}
                for item in items:
                    status = r.status(kind, item)
                    counts[status] += 1
                    if status == "undecided":
                        undecided[item] = r.reason(kind, item)
                entry["counts"][f"{kind}s"] = {**counts, "total": len(items), "decided_percent": _percent(
                    counts["reached"] + counts["unreachable"], len(items)), "undecided_ids": undecided}
            entry["paths"] = {kind: {i: list(p) for i, p in r.reached[kind].items()} for kind in ("node", "choice", "line")}
            out["roles"][role] = entry
        out["unreached_endings"] = {e: self.status("ending", e) for e in self.items("ending")
                                    if self.status("ending", e) != "reached"}
        for kind in ("node", "choice", "line"):
            statuses = {i: self.status(kind, i) for i in self.items(kind)}
            out[f"{kind}s_unreachable"] = [i for i, s in statuses.items() if s == "unreachable"]
            out[f"{kind}s_undecided"] = [i for i, s in statuses.items() if s == "undecided"]
        out["problems"] = self.problems()
        return out


def _percent(got: int, total: int) -> float:
    return round(100 * got / total, 2) if total else 100.0
