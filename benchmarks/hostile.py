"""Hostile story packs: how long the reader takes to answer each, and the memory it peaks at.

The tests assert that each pack is refused with its diagnostic (tests/security,
tests/engine/test_yamlsafe.py, tests/tools/test_bad_input.py); how long that
takes and how much memory it costs are figures, measured here, each in a fresh
process. Targets, from the security audit: every attack answered within 5 s and
200 MB of resident memory for the whole process (interpreter included). The
heaviest pack is the one right at the 1,000,000-value limit, which is read in
full because it is allowed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import MINI_STORY, ROOT, Section

TARGET_S = 5.0
TARGET_MIB = 200.0


def _used(root: Path) -> tuple[int, int]:
    """(YAML values, bytes) the mini story's own files hold: what is left of each limit goes to the attack."""
    from game.engine import yamlsafe
    from game.engine.diagnostics import DiagnosticBag

    budget = yamlsafe.PackBudget()
    for path in [root / "story.yaml", *sorted((root / "scenes").glob("*.yaml"))]:
        yamlsafe.read_yaml_file(path, path.name, DiagnosticBag(), budget=budget)
    return yamlsafe.MAX_PACK_NODES - budget.nodes_left, yamlsafe.MAX_PACK_BYTES - budget.bytes_left


def _flow_list(path: Path, values: int, size: int) -> None:
    """`x: [aaa, aaa, ...]` holding exactly `values` YAML values in exactly `size` bytes."""
    items = values - 5  # the mapping (two), its key and the list (two) hold the items
    head, tail = "x: [", "]\n"
    letters = size - len(head) - len(tail) - 2 * (items - 1)
    width, longer = divmod(letters, items)
    path.write_text(head + ", ".join(["a" * (width + 1)] * longer + ["a" * width] * (items - longer)) + tail)


def make_packs(where: Path) -> dict[str, tuple[str, Path]]:
    """key -> (label, pack folder): the mini story with one hostile scene file added."""
    from game.engine.files import MB
    from game.engine.yamlsafe import MAX_PACK_BYTES, MAX_PACK_NODES

    packs: dict[str, tuple[str, Path]] = {}

    def pack(key: str, label: str, name: str, write) -> None:
        root = where / key
        shutil.copytree(MINI_STORY, root)
        write(root / "scenes" / name)
        packs[key] = (label, root)

    used_values, used_bytes = _used(MINI_STORY)
    left = MAX_PACK_NODES - used_values - 5  # `x: [...]`: a mapping and a list count two each, the key one
    pack("at_limit", f"{MAX_PACK_NODES:,} values, the limit (one flow list, 3 MB)", "many.yaml",
         lambda p: p.write_text("x: [" + "a, " * (left - 1) + "a]\n"))
    pack("over_limit", "one value over the limit", "many.yaml",
         lambda p: p.write_text("x: [" + "a, " * left + "a]\n"))
    pack("block_list", f"{MAX_PACK_NODES:,} values as a block list of mappings", "many.yaml",
         lambda p: p.write_text("x:\n" + "- {k: v}\n" * (left // 4)))
    pack("empty_lists", f"{MAX_PACK_NODES:,} values as empty lists (the most parser steps per byte)", "many.yaml",
         lambda p: p.write_text("x: [" + "[], " * (left // 2 - 1) + "[]]\n"))

    def both_limits(extra_byte: int):
        """Five files that bring the pack to its size limit (plus `extra_byte`) and its value limit at once."""
        def write(first: Path) -> None:
            values, size, files = MAX_PACK_NODES - used_values, MAX_PACK_BYTES - used_bytes + extra_byte, 5
            for i in range(files):
                _flow_list(first.with_name(f"many{i}.yaml"), values // files + (i < values % files),
                           size // files + (i < size % files))
        return write

    pack("both_limits", f"{MAX_PACK_BYTES // MB} MB and {MAX_PACK_NODES:,} values, both limits (5 flow lists)",
         "many0.yaml", both_limits(0))
    pack("over_bytes", "one byte over the pack's size", "many0.yaml", both_limits(1))

    def bomb(p: Path) -> None:
        lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
        p.write_text("\n".join(lines) + "\n")

    pack("alias_bomb", "alias bomb (9^10 values if expanded)", "bomb.yaml", bomb)
    pack("deep", "5,000 levels of nesting", "deep.yaml", lambda p: p.write_text("x: " + "[" * 5000 + "]" * 5000 + "\n"))

    def sparse(p: Path) -> None:
        with open(p, "wb") as handle:
            handle.truncate(60 * 1024 * 1024)

    pack("huge_file", "a 60 MB scene file", "huge.yaml", sparse)
    return packs


def child(root: Path) -> dict:
    """In this fresh process: read and build the pack as `tether lint` would before exploring."""
    from game.engine.loader import check_story

    start = time.perf_counter()
    cpu = time.process_time()
    story, diagnostics = check_story(root)
    out = {"seconds": time.perf_counter() - start, "cpu_seconds": time.process_time() - cpu,
           "loaded": story is not None, "errors": sum(1 for d in diagnostics if d.is_error),
           "first_error": next((f"{d.code}: {d.message}" for d in diagnostics if d.is_error), "")}
    with open("/proc/self/status", "rb") as status:
        for line in status:
            if line.startswith(b"VmHWM:"):
                out["peak_mib"] = int(line.split()[1]) / 1024
    return out


def _spawn(root: Path) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    done = subprocess.run([sys.executable, "-m", "benchmarks.hostile", "--child", str(root)], capture_output=True,
                          text=True, env=env, cwd=str(ROOT), stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        raise RuntimeError(f"hostile pack child failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run() -> Section:
    section = Section("hostile", "Hostile story packs: read or refused (whole process, fresh each time)")
    if not Path("/proc/self/status").exists():
        return section.unavailable("peak memory is read from /proc/self/status (Linux only)")
    where = Path(tempfile.mkdtemp(prefix="tether-bench-hostile-"))
    try:
        for key, (label, root) in make_packs(where).items():
            result = _spawn(root)
            note = result["first_error"][:90] if result["errors"] else "read and built"
            section.add(f"{key}_s", f"{label}: time", result["seconds"], "s", TARGET_S,
                        note=f"CPU {result['cpu_seconds']:.1f} s; {note}")
            section.add(f"{key}_mib", f"{label}: peak memory", result.get("peak_mib", 0.0), "MiB", TARGET_MIB)
            section.details[key] = result
    finally:
        shutil.rmtree(where, ignore_errors=True)
    return section


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.hostile")
    p.add_argument("--child", type=Path, required=True, help="the pack to read in this process")
    args = p.parse_args(argv)
    print(json.dumps(child(args.child)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
