"""Whether work can be split over child processes here: the cores this process may use, and whether it can fork.

Shared by the loader (`split_read`: a big story's scene files read in two processes) and the explorer
(`game.tools.explore_parallel`: the roles side by side).
"""

from __future__ import annotations

import os
import sys
import threading


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


__all__ = ["can_fork", "cores"]
