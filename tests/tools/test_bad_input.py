"""Hostile or broken input: diagnostics in bounded time, never a traceback."""

import time

import pytest

from tests.tools.helpers import copy_mini, tether

COMMANDS = [("lint",), ("explore",), ("stats",), ("graph",)]


def _assert_refused(result, code: str, started: float):
    assert time.perf_counter() - started < 30
    assert result.returncode == 1
    assert "Traceback" not in result.stderr, result.stderr
    assert code in result.stdout + result.stderr


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_sixty_megabyte_file_is_refused(tmp_path, command):
    root = copy_mini(tmp_path)
    with open(root / "scenes" / "huge.yaml", "wb") as handle:
        handle.truncate(60 * 1024 * 1024)  # sparse: the size check must refuse it without reading
    started = time.perf_counter()
    result = tether(*command, root)
    _assert_refused(result, "E0001", started)
    assert "62.9 MB; story files are limited to 4 MB" in result.stdout + result.stderr


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_five_thousand_levels_of_nesting_are_refused(tmp_path, command):
    root = copy_mini(tmp_path)
    (root / "scenes" / "deep.yaml").write_text("id: deep\nx: " + "[" * 5000 + "]" * 5000 + "\n")
    started = time.perf_counter()
    result = tether(*command, root)
    _assert_refused(result, "deep.yaml:2:", started)
    # libyaml's own depth guard answers first (E0004); deeper than 64 levels within its limit is E0008
    assert "nesting depth" in result.stdout + result.stderr


def test_alias_bomb_is_refused(tmp_path):
    root = copy_mini(tmp_path)
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    (root / "scenes" / "bomb.yaml").write_text("\n".join(lines) + "\n")
    started = time.perf_counter()
    _assert_refused(tether("lint", root), "E0007", started)


def test_scene_that_loops_forever_is_reported(tmp_path):
    root = copy_mini(tmp_path)
    scene = root / "scenes" / "talk.yaml"
    scene.write_text(scene.read_text().replace("    end: scene", "    goto: start"))
    result = tether("lint", root)
    assert result.returncode == 1 and "E0403" in result.stdout
