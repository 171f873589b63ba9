"""The roles of a story explored side by side: one child process per role, forked once the story is loaded.

The roles share the story and nothing of their search, so each can run on its
own core; the answers are the same as one after the other (each role's search
reads only the story and what is worked out from it). The story-wide tables
both searches read are worked out before the fork, so that the children share
them instead of each working them out again.

Only where the platform forks (a child then starts with the story already in
memory), with two or more cores, both of them nearly free of other work
(MIN_FREE_CORES: when other work keeps a core busy, two children took longer
than one process), and a story large enough to pay for the start
(PARALLEL_MIN_NODES); elsewhere the roles run one after the other. How busy
the other cores are is measured while the story-wide tables are worked out
(`Idle`): the machine's CPU time in that while less this process's own. The
load average cannot tell: it counts this process, and for a minute after, the
work that just ended (the build of the story being explored, the previous
command).

A child sends back plain data (witness paths as a table of links); progress
comes back through the same pipe. A child that fails or dies gives a clear
error, and no child is waited for without a bound (CHILD_TIMEOUT).
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.connection
import os
import time
import traceback

from game.engine.forking import MIN_FREE_CORES, can_fork, cores, free_share, machine_stat
from game.engine.model import Story
from game.tools.analysis import flag_use, meter_abstraction, visit_caps
from game.tools.bounds import Bounds
from game.tools.explore_graph import ChoicePath, owners
from game.tools.explore_results import KINDS, RoleResult
from game.tools.liveness import prepare as prepare_liveness

PARALLEL_MIN_NODES = 1_000  # below this a whole exploration takes well under a second: forking would not pay
MIN_SAMPLE_S = 0.05  # a shorter while says nothing about the other cores: the load average decides instead
CHILD_TIMEOUT = 3_600.0  # seconds a child may take when the exploration has no time limit of its own
CHILD_GRACE = 120.0  # seconds beyond the exploration's own time limit before a child counts as hung
_POLL = 1.0  # seconds a wait for the children lasts at most before the clock is looked at again


class ExplorationFailed(RuntimeError):
    """A role's child process failed or did not finish in time."""


def _own_busy() -> float:
    times = os.times()
    return times.user + times.system


class Idle:
    """How many cores other work leaves free, measured from now until `free_cores()` is asked: the CPU time the
    whole machine spent in that while, less this process's own, over the time that passed."""

    def __init__(self):
        self.wall = time.monotonic()
        self.machine = machine_stat()
        self.own = _own_busy()

    def free_cores(self) -> float:
        wall = time.monotonic() - self.wall
        machine = machine_stat()
        if self.machine is None or machine is None or wall < MIN_SAMPLE_S:
            return free_cores()
        others = max(0.0, (machine.busy - self.machine.busy) - (_own_busy() - self.own)) / wall
        return free_share(others, machine.cpus)


def free_cores() -> float:
    """Cores no other work keeps busy, by the load average of the last minute: the cores this process may use
    less that load (which counts this process too, and for a while what ended lately). Only where no CPU time
    can be read for `Idle`."""
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # no load average on this platform: every core counts as free
        load = 0.0
    return cores() - load


def could_pay(story: Story, roles: list) -> bool:
    """Whether the roles of this exploration could run side by side here, if the cores are free."""
    nodes = sum(len(scene.nodes) for scene in story.scenes.values())
    return len(roles) >= 2 and nodes >= PARALLEL_MIN_NODES and can_fork() and cores() >= 2


def worth_it(story: Story, roles: list) -> bool:
    """Whether the roles of this exploration should run side by side here. When they could, the story-wide
    tables are worked out now (both ways need them), and how free the cores are is measured meanwhile."""
    if not could_pay(story, roles):
        return False
    idle = Idle()
    prepare(story)
    return idle.free_cores() >= MIN_FREE_CORES


def prepare(story: Story) -> None:
    """Work out the story-wide tables every role's search reads, once, before the children are forked."""
    flag_use(story)
    meter_abstraction(story)
    visit_caps(story)
    owners(story)
    prepare_liveness(story)


class RoleChildren:
    """The roles' child processes, started: `results()` waits for them (within a bound) and cleans up."""

    def __init__(self, explorer, roles: list, children: dict):
        self.explorer = explorer
        self.roles = roles
        self.children = children  # role -> (process, receiving end of its pipe)

    def results(self) -> dict:
        """role -> RoleResult; ExplorationFailed when a child fails, dies or does not finish in time."""
        explorer = self.explorer
        limit = CHILD_TIMEOUT if explorer.max_seconds is None else explorer.max_seconds + CHILD_GRACE
        try:
            packed = _gather(explorer, self.children, time.monotonic() + limit, limit)
        finally:
            self.close()
        return {role: unpack(explorer.story, packed[role]) for role in self.roles}

    def close(self) -> None:
        """Stop what still runs (the answers are no longer wanted, or came already) and reap it."""
        for child, receive in self.children.values():
            if child.is_alive():
                child.terminate()
            child.join(5.0)
            receive.close()
        self.children = {}


def start_roles(explorer, roles: list) -> RoleChildren | None:
    """One child process per role, started: its exploration runs while this process does other work (lint's
    rules that need no answers). None when no child could be started (the roles then run one after the other)."""
    story = explorer.story
    prepare(story)
    context = multiprocessing.get_context("fork")
    started = RoleChildren(explorer, roles, {})
    # What is alive now (the story-wide tables, besides the story the loader froze) stays out of the
    # collector's sight in the children, whose collections would otherwise walk it for nothing, and here.
    # Not unfrozen afterwards: that would also hand the loaded story back to the collector (loader.py).
    gc.freeze()
    try:
        for role in roles:
            receive, send = context.Pipe(duplex=False)
            child = context.Process(target=_child, args=(explorer, role, send), name=f"explore-{role}",
                                    daemon=True)
            try:
                child.start()
            except OSError:  # no process to be had (limits, memory): one after the other instead
                send.close()
                receive.close()
                started.close()
                return None
            send.close()  # the child holds the sending end: when it dies, the pipe says so
            started.children[role] = (child, receive)
    except BaseException:
        started.close()
        raise
    return started


def _gather(explorer, children: dict, deadline: float, limit: float) -> dict:
    """Each child's packed result, with its progress passed on as it comes."""
    waiting = {receive: role for role, (_child, receive) in children.items()}
    out = {}
    while waiting:  # bounded by the clock: no round goes past the deadline
        left = deadline - time.monotonic()
        if left <= 0:
            break
        for receive in multiprocessing.connection.wait(list(waiting), timeout=min(_POLL, left)):
            role = waiting[receive]
            try:
                message = receive.recv()
            except (EOFError, OSError):
                child = children[role][0]
                child.join(5.0)  # it closed the pipe by ending: its exit code comes once it is reaped
                code = child.exitcode
                raise ExplorationFailed(f"exploring the {role} role in a child process failed: the process ended "
                                        f"without an answer (exit code {code})") from None
            if message[0] == "progress":
                if explorer.progress is not None:
                    explorer.progress(*message[1:])
            elif message[0] == "error":
                raise ExplorationFailed(f"exploring the {role} role in a child process failed:\n{message[1]}")
            else:
                out[role] = message[1]
                del waiting[receive]
    if not waiting:
        return out
    late = ", ".join(sorted(waiting.values()))
    raise ExplorationFailed(f"exploring the {late} role in a child process did not finish within {limit:g} s")


def _child(explorer, role: str, send) -> None:
    try:
        if explorer.progress is not None:
            explorer.progress = lambda r, decided, total: send.send(("progress", r, decided, total))
        send.send(("result", pack(explorer.explore_role(role))))
    except BaseException:  # everything goes back to the parent as text: it raises ExplorationFailed with it
        send.send(("error", traceback.format_exc()))
    finally:
        send.close()


# ---- plain data ------------------------------------------------------------------------------------

def pack(result: RoleResult) -> dict:
    """A RoleResult as plain data: witness paths as a table of links (they share their beginnings: as tuples,
    a 10,000-node story's would take gigabytes), the bounds without the story."""
    index: dict = {}  # id of a link -> its row
    links: list = []  # row -> (row of the shorter link or -1, last choice)

    def row(link, length: int) -> int:
        chain = []
        for _ in range(length + 1):  # bounded: each step goes one link shorter
            if link is None or id(link) in index:
                break
            chain.append(link)
            link = link[0]
        number = -1 if link is None else index[id(link)]
        for below in reversed(chain):
            links.append((number, below[1]))
            number = index[id(below)] = len(links) - 1
        return number

    reached = {}
    for kind in KINDS:
        reached[kind] = {item: (row(path._link, len(path)), len(path)) if isinstance(path, ChoicePath)
                         else (None, tuple(path)) for item, path in result.reached[kind].items()}
    bounds = result.bounds
    return {
        "role": result.role, "states": result.states, "moves": result.moves, "pruned": result.pruned,
        "exhausted": result.exhausted, "limit_reason": result.limit_reason, "links": links, "reached": reached,
        "questions": result.questions, "softlocks": result.softlocks, "loops": result.loops,
        "disputed": result.disputed, "proved": result.proved, "seeds": result.seeds, "rolls": result.rolls,
        "chance_cut": result.chance_cut, "seconds": result.seconds,
        "bounds": None if bounds is None else {"boxes": bounds.boxes, "endings": bounds.endings,
                                               "choices": bounds.choices, "lines": bounds.lines},
    }


def unpack(story: Story, data: dict) -> RoleResult:
    links: list = []
    for shorter, choice in data["links"]:
        links.append((None if shorter < 0 else links[shorter], choice))
    reached = {}
    for kind in KINDS:
        reached[kind] = {item: path if row is None else ChoicePath(None if row < 0 else links[row], path)
                         for item, (row, path) in data["reached"][kind].items()}
    bounds = None
    if data["bounds"] is not None:
        bounds = Bounds.restored(story, data["role"], **data["bounds"])
    return RoleResult(data["role"], states=data["states"], moves=data["moves"], pruned=data["pruned"],
                      exhausted=data["exhausted"], limit_reason=data["limit_reason"], reached=reached,
                      questions=data["questions"], softlocks=data["softlocks"], loops=data["loops"],
                      disputed=data["disputed"], proved=data["proved"], seeds=data["seeds"], rolls=data["rolls"],
                      chance_cut=data["chance_cut"], bounds=bounds, seconds=data["seconds"])


__all__ = ["CHILD_TIMEOUT", "ExplorationFailed", "Idle", "MIN_FREE_CORES", "PARALLEL_MIN_NODES", "can_fork",
           "RoleChildren", "could_pay", "cores", "free_cores", "pack", "prepare", "start_roles",
           "unpack", "worth_it"]
