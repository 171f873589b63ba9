"""Hostile or broken input: a diagnostic at its file:line:col and exit 1, never a traceback.

How long a refusal takes is a figure for the benchmark (`python -m benchmarks --only hostile`), not a test."""

import pytest

from tests.tools.helpers import copy_mini, tether

COMMANDS = [("lint",), ("explore",), ("stats",), ("graph",)]


def _assert_refused(result, diagnostic: str):
    """Exit 1, no traceback, and `diagnostic` (file:line:col: error CODE: message) as one line of the output."""
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    lines = (result.stdout + result.stderr).splitlines()
    assert any(line.endswith(diagnostic) for line in lines), lines


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_sixty_megabyte_file_is_refused(tmp_path, command):
    root = copy_mini(tmp_path)
    with open(root / "scenes" / "huge.yaml", "wb") as handle:
        handle.truncate(60 * 1024 * 1024)  # sparse: the size check must refuse it without reading
    _assert_refused(tether(*command, root), "scenes/huge.yaml:1:1: error E0001: file is 62.9 MB; story files are limited to 4 MB")


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_five_thousand_levels_of_nesting_are_refused(tmp_path, command):
    root = copy_mini(tmp_path)
    (root / "scenes" / "deep.yaml").write_text("id: deep\nx: " + "[" * 5000 + "]" * 5000 + "\n")
    # libyaml's own depth guard answers first (E0004); deeper than 64 levels within its limit is E0008
    _assert_refused(tether(*command, root), "scenes/deep.yaml:2:1003: error E0004: YAML syntax: while increasing flow level: "
                    "exceeded maximum nesting depth")


def test_alias_bomb_is_refused(tmp_path):
    root = copy_mini(tmp_path)
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    (root / "scenes" / "bomb.yaml").write_text("\n".join(lines) + "\n")
    _assert_refused(tether("lint", root), "scenes/bomb.yaml:2:10: error E0007: anchors and aliases (&name / *name) are not "
                    "supported in story files")


def test_scene_that_loops_forever_is_reported(tmp_path):
    root = copy_mini(tmp_path)
    scene = root / "scenes" / "talk.yaml"
    scene.write_text(scene.read_text().replace("    end: scene", "    goto: start"))
    result = tether("lint", root)
    assert result.returncode == 1 and "E0403" in result.stdout
