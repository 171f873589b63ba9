"""Start-up: from launching the process to the first choice menu (text) and the first frame (window).

Each is compared with `python -c "import pygame"` on the same machine, run
the same way, so the ratio says how much Tether adds to the unavoidable
cost of starting Python and loading pygame. Every process runs with SDL's
dummy drivers, a private XDG_DATA_HOME (no real saves or settings are
touched) and stdin closed.

- text: `python -m game play --text --role anxious`; the clock stops when
  the first numbered choice ("1. ...") is printed (the game then reads
  end-of-input, saves and exits on its own);
- window: `python -m game play --gui --auto 1 --role anxious --screenshots DIR`;
  the clock stops when the first PNG appears in DIR (the first frame drawn,
  plus writing it as PNG), and the process is then stopped.

Peak memory is the child's own VmHWM from /proc/<pid>/status, sampled every
millisecond in a separate, untimed run (ru_maxrss from wait4 cannot be used:
Linux carries the parent's high-water mark across fork and exec, so every
child would report the benchmark's own size).
"""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import ROOT, Section, median

MENU = re.compile(rb"(?m)^1\. ")
TIMEOUT_S = 60.0


class Launch:
    """One measured process: seconds to the mark (or to exit), whether the mark was seen, peak RSS."""

    def __init__(self, seconds: float, marked: bool, rss_mib: float, code: int | None, tail: str):
        self.seconds, self.marked, self.rss_mib, self.code, self.tail = seconds, marked, rss_mib, code, tail


def _env(data_dir: str) -> dict:
    env = dict(os.environ)
    env.update({"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "XDG_DATA_HOME": data_dir,
                "PYGAME_HIDE_SUPPORT_PROMPT": "1", "PYTHONDONTWRITEBYTECODE": "1"})
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def _hwm_mib(pid: int) -> float | None:
    """The process's peak resident set so far (VmHWM), or None once it has exited."""
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def launch(cmd: list[str], mark=None, shots: Path | None = None, watch_memory: bool = False) -> Launch:
    """Run `cmd`; stop the clock at `mark` on stdout, at the first file in `shots`, or at exit."""
    with tempfile.TemporaryDirectory(prefix="tether-bench-data-") as data:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                env=_env(data), cwd=str(ROOT))
        out = b""
        marked = False
        seconds = None
        fd = proc.stdout.fileno()
        deadline = start + TIMEOUT_S
        open_ = True
        peak = 0.0
        while open_ and time.perf_counter() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.001 if shots or watch_memory else 0.5)
            if watch_memory:
                peak = max(peak, _hwm_mib(proc.pid) or 0.0)
            if ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    open_ = False
                out += chunk
                if mark is not None and not marked and mark.search(out):
                    seconds, marked = time.perf_counter() - start, True
            if shots is not None and not marked and shots.is_dir() and any(shots.iterdir()):
                seconds, marked = time.perf_counter() - start, True
            if marked and shots is not None:
                break
        if seconds is None:
            seconds = time.perf_counter() - start
        if shots is not None or time.perf_counter() >= deadline:
            if watch_memory:
                peak = max(peak, _hwm_mib(proc.pid) or 0.0)
            proc.kill()
        proc.stdout.close()
        code = proc.wait()
        tail = out.decode("utf-8", "replace")[-400:]
    return Launch(seconds, marked, peak, code, tail)


def _repeat(repeats: int, make) -> tuple[list[Launch], float]:
    """`repeats` timed launches (memory not watched, so the parent stays out of the way), then one
    untimed launch that samples memory; in a one-repeat (quick) run, that launch does both."""
    if repeats <= 1:
        one = make(True)
        return [one], one.rss_mib
    timed_runs = [make(False) for _ in range(repeats)]
    return timed_runs, make(True).rss_mib


def run(story_dir: Path | None, repeats: int, window_available: bool) -> Section:
    section = Section("startup", "Start-up, against python -c \"import pygame\"")
    py = sys.executable
    floor, floor_mib = _repeat(repeats, lambda w: launch([py, "-c", "pass"], watch_memory=w))
    base, base_mib = _repeat(repeats, lambda w: launch([py, "-c", "import pygame"], watch_memory=w))
    base_s = median([r.seconds for r in base])
    section.add("python_s", "python -c pass (interpreter floor)", median([r.seconds for r in floor]), "s")
    section.add("import_pygame_s", "python -c \"import pygame\" (reference)", base_s, "s")
    section.add("python_rss_mib", "peak RSS, python -c pass", floor_mib, "MiB")
    section.add("import_pygame_rss_mib", "peak RSS, import pygame", base_mib, "MiB")
    section.details["repeats"] = repeats
    if story_dir is None:
        section.details["text"] = section.details["window"] = "the shipped story does not load"
        return section
    story = ["--story", str(story_dir)]

    text, text_mib = _repeat(repeats, lambda w: launch(
        [py, "-m", "game", "play", "--text", "--role", "anxious", *story], mark=MENU, watch_memory=w))
    text_s = median([r.seconds for r in text])
    fig = section.add("text_s", "text mode: launch to first choice menu", text_s, "s")
    section.add("text_ratio", "text start-up / import pygame", text_s / base_s, "×")
    section.add("text_rss_mib", "peak RSS, text mode (whole run)", text_mib, "MiB")
    if not all(r.marked for r in text):
        fig.note = "no choice menu was printed; timed to exit"
        section.details["text_output"] = text[-1].tail
    section.details["text_exit_codes"] = [r.code for r in text]

    if not window_available:
        section.details["window"] = "not available yet"
        return section

    def window_once(watch: bool) -> Launch:
        with tempfile.TemporaryDirectory(prefix="tether-bench-shots-") as shots:
            return launch([py, "-m", "game", "play", "--gui", "--auto", "1", "--role", "anxious", *story,
                           "--screenshots", shots], shots=Path(shots), watch_memory=watch)

    win, win_mib = _repeat(repeats, window_once)
    if not any(r.marked for r in win):
        section.details["window"] = "no frame was saved: " + win[-1].tail
        return section
    win_s = median([r.seconds for r in win if r.marked])
    section.add("window_s", "window: launch to first frame (first --auto screenshot)", win_s, "s")
    section.add("window_ratio", "window start-up / import pygame", win_s / base_s, "×")
    section.add("window_rss_mib", "peak RSS, window up to its first frame", win_mib, "MiB")
    return section
