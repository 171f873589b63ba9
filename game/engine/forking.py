"""Whether work can be split over child processes here: the cores this process may use, and whether it can fork.

Shared by the loader (`split_read`: a big story's scene files read in two processes) and the explorer
(`game.tools.explore_parallel`: the roles side by side).
"""

from __future__ import annotations

import os
import sys
import threading
from typing import NamedTuple

MIN_FREE_CORES = 1.5  # cores other work must leave free before work is split over two processes: on a 2-core
# machine, both (give or take). With another process at 100 % of one core, the explorer's roles side by side took
# 10-26 % longer than one after the other in three runs of four, and two readers of a big story 3.9 s against one
# reader's 3.65 s (docs/performance.md)


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not every platform can tell which cores this process may use
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether child processes can be forked here: not in a browser's Python, nor where only spawn exists, nor
    while another thread runs in this process (the window's picture loader, say): a lock that thread holds at
    the fork would stay held in the child, which could then wait for it for ever."""
    if not hasattr(os, "fork") or sys.platform in ("emscripten", "wasi") or threading.active_count() > 1:
        return False
    import multiprocessing  # only here: a browser's Python has no use for it

    return "fork" in multiprocessing.get_all_start_methods()


class MachineStat(NamedTuple):
    """One look at what the whole machine is doing (Linux's /proc/stat)."""

    busy: float  # CPU seconds all its cores have spent working since boot
    cpus: int  # the cores it counts: in a container, maybe the host's, more than `cores()`
    running: int  # tasks running or ready to run now, this process's included


def machine_stat() -> MachineStat | None:
    """What the whole machine is doing now; None where that cannot be read (not Linux)."""
    try:
        with open("/proc/stat", "rb") as stat:
            lines = stat.read(1 << 16).splitlines()  # bounded: a few KiB on any machine
        ticks = [int(field) for field in lines[0].split()[1:9]]  # "cpu user nice system idle iowait irq softirq steal"
        cpus = sum(1 for line in lines if line[:3] == b"cpu" and line[3:4].isdigit())
        running = next(int(line.split()[1]) for line in lines if line.startswith(b"procs_running "))
        return MachineStat((sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK"), max(1, cpus), running)
    except (OSError, ValueError, IndexError, StopIteration, AttributeError):
        return None


def free_share(others: float, cpus: int) -> float:
    """Of this process's cores, how many other work leaves free, when other work keeps `others` of the machine's
    `cpus` cores busy (spread evenly: in a container /proc/stat counts the whole host)."""
    return cores() * max(0.0, 1.0 - others / cpus)


__all__ = ["MIN_FREE_CORES", "MachineStat", "can_fork", "cores", "free_share", "machine_stat"]
