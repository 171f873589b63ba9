"""A large story's scene files read in two processes: the later ones in a forked child while this one reads the rest.

Reading (the YAML parse into positioned plain data, `yamlsafe`) is about half of loading a big story, and each
file reads on its own. Where the platform forks and two cores can be used, a story of SPLIT_MIN_BYTES or more
has its scene files cut in two by size; a child reads the later part and sends back the documents (plain data:
lists, strings and arrays, quick to send) with the bytes it read, and this process feeds the content hash with
those bytes in file order, as if it had read them itself.

Only when no other work keeps a core busy (`_free_cores`, by Linux's count of running tasks, looked at a few
times): with another process at a full core of a 2-core machine, two readers took longer than one (3.9 s against
3.65 s for the whole load of the 10,000-node story; 3.1 s against 3.65 s with the core free).

The result is exactly what reading in one process gives, or the child's work is dropped and its files are read
here after all: whenever the child reports anything at all (a syntax error, an unreadable file), when the two
parts together go over a pack-wide limit (which one process would have reported at a given file), when the
child fails, dies or takes longer than CHILD_TIMEOUT. So diagnostics never depend on the split.
"""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass
from pathlib import Path

from game.engine.diagnostics import DiagnosticBag
from game.engine.files import MB
from game.engine.forking import MIN_FREE_CORES, can_fork, cores, free_share, machine_stat

SPLIT_MIN_BYTES = 2 * MB  # below this (the shipped story is 0.3 MB) a child would cost more than it saves
CHILD_TIMEOUT = 120.0  # seconds: a child reads at most 16 MB, in about a second per 5 MB on a slow machine


@dataclass
class Part:
    """What the child read: one document per file in order, the bytes hashed for each, and what it used up."""

    docs: list
    chunks: list  # the bytes fed to the content hash, in order
    bytes_used: int
    nodes_used: int


class _Chunks:
    """Stands in for the content hash while the child reads: the parent feeds the real one, in file order."""

    def __init__(self):
        self.chunks: list[bytes] = []

    def update(self, data: bytes) -> None:
        self.chunks.append(data)


def _free_cores(samples: int = 5, pause: float = 0.002) -> float:
    """Of this process's cores, how many no other task is running on now (by the median of a few looks at how
    many tasks the machine runs); all of them where that cannot be read."""
    import time

    seen = []
    for _ in range(samples):  # bounded: a few looks, a few milliseconds apart
        stat = machine_stat()
        if stat is None:
            return float(cores())
        seen.append(free_share(stat.running - 1, stat.cpus))
        time.sleep(pause)
    return sorted(seen)[len(seen) // 2]


def split_at(files: list[Path]) -> int:
    """Where to cut the scene files so that each part holds about half the bytes; 0: read them all here."""
    sizes = []
    for path in files:
        try:
            sizes.append(os.lstat(path).st_size)
        except OSError:
            sizes.append(0)
    total = sum(sizes)
    if total < SPLIT_MIN_BYTES or len(files) < 2 or cores() < 2 or not can_fork():
        return 0
    if _free_cores() < MIN_FREE_CORES:  # both readers need a core of their own to gain anything
        return 0
    running = 0
    for index, size in enumerate(sizes):
        running += size
        if running * 2 >= total:
            return max(1, min(index + 1, len(files) - 1))
    return len(files) - 1


class Reading:
    """The later part of the scene files, being read in a child process."""

    def __init__(self, files: list[Path], read, budget):
        """`read(path, bag, digest, budget)` reads one file into a Doc (or None), as the parent would."""
        import multiprocessing

        self.files = files
        context = multiprocessing.get_context("fork")
        self.receive, send = context.Pipe(duplex=False)
        start_bytes, start_nodes = budget.bytes_left, budget.nodes_left
        own = type(budget)(bytes_left=start_bytes, nodes_left=start_nodes)

        def child() -> None:
            try:
                bag = DiagnosticBag()
                chunks = _Chunks()
                docs = []
                for path in files:
                    doc = read(path, bag, chunks, own)
                    if doc is None or bag.items or own.exhausted:
                        send.send(("reported", None))
                        return
                    docs.append(doc)
                send.send(("read", Part(docs, chunks.chunks, start_bytes - own.bytes_left,
                                        start_nodes - own.nodes_left)))
            except BaseException:  # the parent reads these files itself, and meets the same problem there
                send.send(("error", traceback.format_exc()))
            finally:
                send.close()

        self.process = context.Process(target=child, name="read-scenes", daemon=True)
        try:
            self.process.start()
        except OSError:  # no process to be had: the parent reads everything
            self.process = None
        send.close()

    def result(self) -> Part | None:
        """What the child read, or None when the parent must read these files itself."""
        if self.process is None:
            self.receive.close()
            return None
        try:
            if not self.receive.poll(CHILD_TIMEOUT):
                return None
            kind, payload = self.receive.recv()
        except (EOFError, OSError):
            return None
        finally:
            self.close()
        return payload if kind == "read" else None

    def close(self) -> None:
        if self.process is not None:
            if self.process.is_alive():
                self.process.terminate()
            self.process.join(5.0)
            self.process = None
        self.receive.close()


__all__ = ["CHILD_TIMEOUT", "SPLIT_MIN_BYTES", "Part", "Reading", "split_at"]
