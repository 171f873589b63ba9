"""What every measurement shares: figures with targets, timing helpers, memory peaks, the machine."""

from __future__ import annotations

import gc
import os
import platform
import statistics
import sys
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
SHIPPED_STORY = ROOT / "story"
MINI_STORY = ROOT / "tests" / "data" / "mini_story"


@dataclass
class Figure:
    """One measured number, with its unit and, when it has one, its target."""

    label: str
    value: float
    unit: str
    target: float | None = None  # the bound the value must meet
    op: str = "<="  # how value compares with target: <=, < or >= (a share that must reach the target)
    note: str = ""
    failed: bool = False  # the measurement itself fell short (e.g. an exploration that did not finish)

    @property
    def met(self) -> bool | None:
        if self.target is None:
            return None
        if self.failed:
            return False
        if self.op == ">=":
            return self.value >= self.target
        return self.value <= self.target if self.op == "<=" else self.value < self.target

    def target_text(self) -> str:
        if self.target is None:
            return ""
        return f"{SIGN[self.op]} {_num(self.target)} {self.unit}".strip()

    def to_dict(self) -> dict:
        return {"label": self.label, "value": self.value, "unit": self.unit, "target": self.target,
                "op": self.op if self.target is not None else None, "met": self.met, "note": self.note}


SIGN = {"<=": "≤", "<": "<", ">=": "≥"}


@dataclass
class Section:
    """The figures of one measurement, or why it could not be taken."""

    name: str
    title: str
    available: bool = True
    reason: str = ""  # why not available
    figures: dict = field(default_factory=dict)  # key -> Figure, in table order
    details: dict = field(default_factory=dict)  # plain data for the JSON report

    def add(self, key: str, label: str, value: float, unit: str, target: float | None = None, op: str = "<=",
            note: str = "") -> Figure:
        fig = Figure(label, float(value), unit, target, op, note)
        self.figures[key] = fig
        return fig

    def unavailable(self, reason: str) -> "Section":
        self.available = False
        self.reason = reason
        return self

    def to_dict(self) -> dict:
        return {"title": self.title, "available": self.available, "reason": self.reason or None,
                "figures": {k: f.to_dict() for k, f in self.figures.items()}, "details": self.details}


def _num(value: float) -> str:
    if value == 0:
        return "0"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def fmt(value: float) -> str:
    return _num(value)


# ---- timing ---------------------------------------------------------------------------------
def median(values) -> float:
    return statistics.median(values)


def percentile(values, q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation between order statistics."""
    data = sorted(values)
    if not data:
        raise ValueError("no values")
    k = (len(data) - 1) * q / 100.0
    lo = int(k)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (k - lo)


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    """(seconds, result) of one call, with the garbage collector settled first."""
    gc.collect()
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def peak_memory(fn: Callable[[], object]) -> tuple[float, object]:
    """(peak MiB allocated by Python during the call, result), measured with tracemalloc.

    tracemalloc slows Python down several times, so this is a separate pass,
    never the one that is timed.
    """
    gc.collect()
    was_tracing = tracemalloc.is_tracing()
    if not was_tracing:
        tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    try:
        result = fn()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        if not was_tracing:
            tracemalloc.stop()
    return max(0, peak - base) / (1024 * 1024), result


# ---- the machine -------------------------------------------------------------------------------
def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        usable = os.cpu_count() or 1
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:  # pragma: no cover
        load = []
    mem_total = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_total = round(int(line.split()[1]) / (1024 * 1024), 1)
                break
    except OSError:
        pass
    import yaml

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "memory_gib": mem_total,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "os": f"{platform.system()} {platform.release()}",
        "pyyaml": yaml.__version__,
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
        "load_average": load,
        "executable": sys.executable,
    }
