"""Tether's benchmarks: `python -m benchmarks` (or `make bench`) measures, in one run, each job against its floor.

- `synth`   synthetic stories of any size in the real format
- `load`    load + build (and the full lint) against the bare C YAML parse
- `step`    the runner's cost per choice, conditions and effects included
- `explore` explorer throughput and the time to explore the shipped story
- `frames`  window frame time, p50/p99, headless
- `startup` launch to first prompt / first frame, against `python -c "import pygame"`
- `hostile` hostile story packs (the one at the value limit, aliases, nesting, a 60 MB file): time and
            peak memory of each, in a fresh process; only with `--only hostile`

Results and how to read them: docs/performance.md.
"""
