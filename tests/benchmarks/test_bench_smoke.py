"""Smoke run of `python -m benchmarks` on a tiny synthetic story: every figure is there, in the right shape.

Not a timed test: nothing here asserts how long anything took.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

EXPECTED = {
    "load": ["bare_parse_s", "check_story_s", "ratio", "nodes_per_s", "bare_peak_mib", "peak_mib"],
    "step": ["us_per_choice", "create_us", "choices", "playthroughs", "choose_us", "advance_us", "peak_mib"],
    "explore": ["shipped_s", "shipped_states", "shipped_states_per_s", "synthetic_endings_percent",
                "synthetic_nodes_percent", "synthetic_lines_percent", "synthetic_s", "peak_mib"],
    "frames": ["p50_ms", "p99_ms", "max_ms", "mean_ms", "peak_mib"],
    "startup": ["python_s", "import_pygame_s", "python_rss_mib", "import_pygame_rss_mib", "text_s", "text_ratio",
                "text_rss_mib"],
}
WITH_TARGET = {"load": ["ratio"], "step": ["us_per_choice"], "frames": ["p99_ms"],
               "explore": ["shipped_s", "synthetic_endings_percent", "synthetic_nodes_percent"]}


def _exists(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ImportError:
        return False


def _shipped_loads() -> bool:
    from game.engine import check_story

    story, diagnostics = check_story(ROOT / "story")
    return story is not None and not any(d.is_error for d in diagnostics)


@pytest.fixture(scope="module")
def report():
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "benchmarks", "--json", "--quick", "--nodes", "50", "--scenes", "5"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def test_machine_and_story_are_described(report):
    m = report["machine"]
    assert m["cpu"] and m["cores"] >= 1 and m["python"].count(".") == 2
    assert report["command"].startswith("python -m benchmarks")
    story = report["synthetic_story"]
    assert story["nodes"] == 50 and story["scenes"] == 5
    assert story["choices"] > 0 and story["conditions"] > 0 and story["effects"] > 0
    assert report["quick"] is True


def test_every_section_has_every_figure(report):
    sections = report["sections"]
    assert set(sections) == set(EXPECTED)
    shipped = _shipped_loads()
    expected = {k: list(v) for k, v in EXPECTED.items()}
    if _exists("game.tools.lint"):
        expected["load"] += ["lint_s", "lint_ratio", "lint_peak_mib"]
    if shipped:
        expected["step"].append("shipped_us_per_choice")
    window = _exists("game.window.app")
    if window and shipped:
        expected["startup"] += ["window_s", "window_ratio", "window_rss_mib"]
    must_run = {"load": True, "step": True, "startup": True,
                "explore": _exists("game.tools.explore") and shipped, "frames": window and shipped}
    for name, keys in expected.items():
        section = sections[name]
        assert section["title"]
        if not section["available"]:
            assert not must_run[name], f"{name}: {section['reason']}"
            assert section["reason"], name
            continue
        for key in keys:
            assert key in section["figures"], f"{name}.{key} missing"
        for key, fig in section["figures"].items():
            assert isinstance(fig["value"], (int, float)) and math.isfinite(fig["value"]), f"{name}.{key}"
            assert fig["value"] > 0, f"{name}.{key} = {fig['value']}"
            assert fig["unit"] and fig["label"]
            if fig["target"] is None:
                assert fig["met"] is None
            else:
                assert fig["target"] > 0 and fig["op"] in ("<=", "<", ">=") and isinstance(fig["met"], bool)
        for key in WITH_TARGET.get(name, []):
            assert section["figures"][key]["target"] is not None, f"{name}.{key} has no target"


def test_table_prints_every_section(report):
    from benchmarks.__main__ import table

    text = table(report)
    assert text.startswith("Machine: ")
    for section in report["sections"].values():
        assert section["title"] in text
    assert "Targets met:" in text


def test_synthetic_story_is_deterministic_and_loads(tmp_path):
    from benchmarks.synth import write_story

    a = write_story(tmp_path / "a", nodes=40, scenes=4, seed=3)  # asserts check_story finds no error
    b = write_story(tmp_path / "b", nodes=40, scenes=4, seed=3, check=False)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.yaml"))
    assert len(files) == 5 and a.nodes == b.nodes == 40
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()
    text = "".join((tmp_path / "a" / rel).read_text() for rel in files)
    for feature in ("if: ", "adjust:", "branch:", "effects: {", "set: [", "visits(", "role == ", "end: scene",
                    "when: ", "early_endings:", "mood: ", "avoidant: n001"):
        assert feature in text, feature
