"""`python -m benchmarks [--json] [--nodes N] [--scenes N] [--quick]`: every figure in one run, with its target."""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

# Before anything imports pygame: no screen, no sound card, no banner.
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from benchmarks import synth  # noqa: E402
from benchmarks.common import SHIPPED_STORY, SIGN, Section, fmt, machine  # noqa: E402

SECTIONS = ("load", "step", "explore", "frames", "startup", "hostile")
DEFAULT = SECTIONS[:-1]  # hostile packs take minutes and measure attacks, not speed: --only hostile


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    p.add_argument("--json", action="store_true", help="print the full report as JSON instead of a table")
    p.add_argument("--nodes", type=int, default=synth.DEFAULT_NODES, help="nodes in the synthetic story (default 10000)")
    p.add_argument("--scenes", type=int, default=synth.DEFAULT_SCENES, help="scenes in the synthetic story (default 100)")
    p.add_argument("--seed", type=int, default=synth.DEFAULT_SEED, help="seed of the synthetic story")
    p.add_argument("--quick", action="store_true", help="fewer repeats and shorter budgets: a smoke run, not figures")
    p.add_argument("--only", help=f"comma-separated sections to run ({', '.join(SECTIONS)}; all but hostile by default)")
    p.add_argument("--frames", type=int, help="window frames to time (default 600; 60 with --quick)")
    return p


def _shipped():
    """The shipped story, or (None, why) while it does not load."""
    from game.engine.loader import check_story

    story, diagnostics = check_story(SHIPPED_STORY)
    errors = [str(d) for d in diagnostics if d.is_error]
    if story is None or errors:
        return None, "; ".join(errors[:3]) or "does not load"
    return story, ""


def run(args) -> dict:
    started = time.perf_counter()
    only = set(DEFAULT if not args.only else [s.strip() for s in args.only.split(",") if s.strip()])
    unknown = only - set(SECTIONS)
    if unknown:
        raise SystemExit(f"unknown section(s): {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}")
    quick = args.quick
    repeats = 2 if quick else 3
    data_dir = tempfile.mkdtemp(prefix="tether-bench-xdg-")
    os.environ["XDG_DATA_HOME"] = data_dir  # saves and settings made while measuring never reach the real ones
    info = synth.temp_story(args.nodes, args.scenes, args.seed)
    root = Path(info.root)
    report = {"machine": machine(), "command": "python -m benchmarks " + " ".join(sys.argv[1:] if args.argv is None
                                                                                   else args.argv),
              "quick": quick, "synthetic_story": asdict(info), "sections": {}}
    try:
        from game.engine.loader import load_story

        shipped, why = _shipped()
        report["shipped_story"] = {"path": str(SHIPPED_STORY), "loads": shipped is not None, "problem": why or None}
        if shipped is not None:
            report["shipped_story"]["nodes"] = sum(len(s.nodes) for s in shipped.scenes.values())
        built: dict[str, Section] = {}
        if "load" in only:  # in child processes, before this one holds any story
            from benchmarks import load

            built["load"] = load.run(root, repeats, lint_seconds=0.3 if quick else None)
        # The synthetic story stays in memory only while it is measured: a 10,000-node story makes every
        # garbage collection slower and would tilt the figures of the shipped story and the window.
        synthetic = load_story(root) if only & {"step", "explore"} else None
        synth_explore = None
        if "step" in only:
            from benchmarks import step

            built["step"] = step.run(synthetic, budget_s=0.4 if quick else 4.0, min_runs=4 if quick else 20)
        if "explore" in only:
            from benchmarks import explore

            synth_explore = explore.synthetic_throughput(synthetic, 0.2 if quick else 30.0)
        del synthetic
        gc.collect()
        if "step" in only:
            step.add_shipped(built["step"], shipped, budget_s=0.2 if quick else 1.5, min_runs=4 if quick else 20)
        if "explore" in only:
            built["explore"] = explore.run(shipped, synth_explore, repeats=1 if quick else 3,
                                           shipped_limit_s=0.5 if quick else 60.0)
        if "frames" in only:
            from benchmarks import frames

            built["frames"] = frames.run(SHIPPED_STORY if shipped is not None else None,
                                         args.frames or (60 if quick else 600))
        if "startup" in only:
            from benchmarks import frames, startup

            window = frames.unavailable_reason(SHIPPED_STORY) is None
            built["startup"] = startup.run(SHIPPED_STORY if shipped is not None else None, 1 if quick else 5, window)
        if "hostile" in only:  # each pack in its own fresh process
            from benchmarks import hostile

            built["hostile"] = hostile.run()
        sections = [built[name] for name in SECTIONS if name in built]
        for section in sections:
            report["sections"][section.name] = section.to_dict()
    finally:
        shutil.rmtree(Path(info.root).parent, ignore_errors=True)
        shutil.rmtree(data_dir, ignore_errors=True)
    report["seconds"] = round(time.perf_counter() - started, 2)
    return report


def table(report: dict) -> str:
    m = report["machine"]
    s = report["synthetic_story"]
    out = [
        f"Machine: {m['cpu']}, {m['cores']} cores ({m['usable_cores']} usable), {m['memory_gib']} GiB; "
        f"Python {m['python']} ({m['implementation']}), {m['os']}; PyYAML {m['pyyaml']} "
        f"{'with' if m['libyaml'] else 'without'} libyaml; load average {m['load_average']}",
        f"Command: {report['command']}",
        f"Synthetic story: {s['nodes']:,} nodes, {s['scenes']} scenes, {s['lines']:,} lines, {s['choices']:,} choices, "
        f"{s['conditions']:,} conditions, {s['bytes'] / 1e6:.1f} MB (seed {s['seed']})",
    ]
    shipped = report.get("shipped_story", {})
    out.append(f"Shipped story: {shipped.get('nodes', '?')} nodes" if shipped.get("loads")
               else f"Shipped story: does not load ({shipped.get('problem')})")
    if report["quick"]:
        out.append("QUICK RUN: fewer repeats and shorter budgets; a smoke test, not figures to quote.")
    rows = [("measurement", "value", "target", "met")]
    for section in report["sections"].values():
        rows.append((f"[{section['title']}]", "", "", ""))
        if not section["available"]:
            rows.append(("  not available yet", "", "", ""))
            rows.append((f"  ({section['reason']})", "", "", ""))
            continue
        for fig in section["figures"].values():
            target = ""
            if fig["target"] is not None:
                target = f"{SIGN[fig['op']]} {fmt(fig['target'])} {fig['unit']}"
            met = {True: "yes", False: "NO", None: ""}[fig["met"]]
            rows.append((f"  {fig['label']}", f"{fmt(fig['value'])} {fig['unit']}", target, met))
            if fig["note"]:
                rows.append((f"    ({fig['note']})", "", "", ""))
    widths = [max(len(r[i]) for r in rows if not (r[0].startswith("  (") or r[0].startswith("    ("))) for i in range(4)]
    for r in rows:
        if r[1] == r[2] == r[3] == "":
            out.append(r[0])
        else:
            out.append(f"{r[0]:<{widths[0]}}  {r[1]:>{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}".rstrip())
    targets = [f for sec in report["sections"].values() for f in sec["figures"].values() if f["met"] is not None]
    out.append(f"Targets met: {sum(1 for f in targets if f['met'])} of {len(targets)}. "
               f"Whole run: {report['seconds']} s.")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.argv = argv
    report = run(args)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(table(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
