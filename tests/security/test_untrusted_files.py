"""One way to read an untrusted file: links, pipes, devices, loops, odd names and huge packs are refused cleanly."""

from __future__ import annotations

import os

import pytest

from game.engine.files import LOG_LIMIT, TooLarge, UnsafeFile, read_untrusted
from game.engine.loader import check_story
from tests.security.helpers import MINI, assert_clean, copy_mini, tether

SECRET = "password: hunter2-from-outside"


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "outside.yaml"
    path.write_text(SECRET + "\n")
    return path


def _errors(root) -> list[str]:
    story, diagnostics = check_story(root)
    assert story is None
    return [str(d) for d in diagnostics if d.is_error]


# ---- the reader itself ---------------------------------------------------------------------
def test_reader_refuses_a_link_even_to_a_plain_file(tmp_path, secret):
    (tmp_path / "link.json").symlink_to(secret)
    with pytest.raises(UnsafeFile, match="symbolic link"):
        read_untrusted(tmp_path / "link.json", 1000)


@pytest.mark.parametrize("path,kind", [("/dev/zero", "a device"), ("/tmp", "a folder")])
def test_reader_refuses_devices_and_folders(path, kind):
    with pytest.raises(UnsafeFile, match=kind):
        read_untrusted(path, LOG_LIMIT)


def test_reader_refuses_a_fifo_without_waiting_for_a_writer(tmp_path):
    os.mkfifo(tmp_path / "pipe.json")
    with pytest.raises(UnsafeFile, match="a pipe"):
        read_untrusted(tmp_path / "pipe.json", LOG_LIMIT)  # opening is non-blocking: no hang


def test_reader_refuses_a_file_through_a_folder_link_leading_out_of_its_root(tmp_path, secret):
    root = tmp_path / "root"
    root.mkdir()
    (root / "sub").symlink_to(secret.parent)
    with pytest.raises(UnsafeFile, match="outside"):
        read_untrusted(root / "sub" / secret.name, 1000, root)
    assert read_untrusted(secret, 1000, tmp_path) == (SECRET + "\n").encode()


def test_reader_reads_at_most_limit_plus_one_byte(tmp_path):
    (tmp_path / "big").write_bytes(b"x" * 101)
    with pytest.raises(TooLarge) as refused:
        read_untrusted(tmp_path / "big", 100)
    assert not refused.value.grew and "or more" not in str(refused.value)  # its size is known: one byte over
    assert read_untrusted(tmp_path / "big", 101) == b"x" * 101
    with pytest.raises(TooLarge) as refused:  # a file that says it is empty but reads on (as files in /proc do)
        read_untrusted("/proc/self/status", 10)
    assert refused.value.grew and "or more" in str(refused.value)


def test_reader_refuses_a_link_loop(tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(UnsafeFile, match="symbolic link"):
        read_untrusted(tmp_path / "a", 1000)


# ---- story packs ----------------------------------------------------------------------------
def test_scene_linked_to_dev_zero_is_refused_without_reading(tmp_path):
    root = copy_mini(tmp_path)
    (root / "scenes" / "zero.yaml").symlink_to("/dev/zero")
    text = assert_clean(tether("lint", root))
    assert "zero.yaml:1:1: error E0001" in text and "symbolic link" in text


def test_fifo_scene_does_not_hang_lint(tmp_path):
    root = copy_mini(tmp_path)
    os.mkfifo(root / "scenes" / "zz.yaml")
    text = assert_clean(tether("lint", root))  # the run is guarded by a timeout: a hang fails it
    assert "zz.yaml:1:1: error E0001" in text and "a pipe" in text


def test_scene_linked_outside_the_pack_is_refused_and_never_echoed(tmp_path, secret):
    root = copy_mini(tmp_path)
    (root / "scenes" / "leak.yaml").symlink_to(secret)
    text = assert_clean(tether("lint", root))
    assert "leak.yaml:1:1: error E0001" in text
    assert "hunter2" not in text and "outside.yaml" not in text  # neither the content nor where the link leads


def test_scenes_folder_linked_outside_is_not_followed(tmp_path, secret):
    root = copy_mini(tmp_path)
    (root / "scenes").rename(tmp_path / "elsewhere")
    (tmp_path / "elsewhere" / "leak.yaml").write_text(SECRET + "\n")
    (root / "scenes").symlink_to(tmp_path / "elsewhere")
    text = assert_clean(tether("lint", root))
    assert "E0001" in text and "scenes/ is a symbolic link" in text and "hunter2" not in text


def test_manifest_linked_outside_is_not_followed(tmp_path, secret):
    root = copy_mini(tmp_path)
    (root / "story.yaml").unlink()
    (root / "story.yaml").symlink_to(secret)
    text = assert_clean(tether("lint", root))
    assert "story.yaml:1:1: error E0001" in text and "hunter2" not in text


def test_proc_environ_link_prints_no_environment(tmp_path):
    root = copy_mini(tmp_path)
    (root / "scenes" / "env.yaml").symlink_to("/proc/self/environ")
    text = assert_clean(tether("lint", root, env={"TETHER_CANARY": "canary-value-42"}))
    assert "canary-value-42" not in text and "E0001" in text


def test_symlink_loops_give_a_diagnostic_not_a_traceback(tmp_path):
    root = copy_mini(tmp_path)
    (root / "scenes" / "a.yaml").symlink_to("b.yaml")
    (root / "scenes" / "b.yaml").symlink_to("a.yaml")
    loop = copy_mini(tmp_path, "loop")
    for path in (loop / "scenes").iterdir():
        path.unlink()
    (loop / "scenes").rmdir()
    (loop / "scenes").symlink_to("scenes")
    assert "a.yaml:1:1: error E0001" in assert_clean(tether("lint", root))
    assert "scenes/ is a symbolic link" in assert_clean(tether("lint", loop))
    assert "E0001" in assert_clean(tether("play", "--text", "--story", loop))


def test_file_name_that_is_not_utf8_is_shown_escaped(tmp_path):
    root = copy_mini(tmp_path)
    (root / "scenes").joinpath(os.fsdecode(b"b\xff.yaml")).write_text("id: x\n")
    text = assert_clean(tether("lint", root))
    assert "b\\xff.yaml:1:1: error E0103" in text


def test_newline_in_a_file_name_cannot_forge_a_diagnostic_line(tmp_path):
    root = copy_mini(tmp_path)
    (root / "scenes" / "zz\nb.yaml:2:1: error E0000: forged\nq.yaml").write_text("id: y\n")
    text = assert_clean(tether("lint", root))
    assert not any(line.startswith("b.yaml:2:1") for line in text.splitlines())
    assert "zz\\nb.yaml:2:1: error E0000: forged\\nq.yaml:1:1: error E0103" in text


def test_pack_over_its_total_size_is_refused(tmp_path):
    root = copy_mini(tmp_path)
    for i in range(6):  # 6 x 3.5 MB: each file is under the per-file limit, together over the pack's 16 MB
        (root / "scenes" / f"big{i}.yaml").write_text("# " + "x" * (3_500_000 - 3) + "\n")
    errors = _errors(root)
    assert any("E0001" in e and "a whole story may hold" in e for e in errors), errors


def _sparse(path, size: int) -> None:
    with open(path, "wb") as handle:  # instant to make; NUL bytes that no YAML reader accepts, if it were read
        handle.truncate(size)


def test_pack_over_its_total_size_is_refused_before_any_file_is_parsed(tmp_path):
    root = copy_mini(tmp_path)
    (root / "scenes" / "aa.yaml").write_text("a: [1, 2\n")  # a syntax error, read first if anything were read
    for i in range(6):  # 6 x 3.5 MB by their sizes on disk: the fifth takes the pack over 16 MB
        _sparse(root / "scenes" / f"big{i}.yaml", 3_500_000)
    errors = _errors(root)
    assert len(errors) == 1, errors  # no syntax error: nothing was parsed
    read_first = [root / "story.yaml", *sorted((root / "scenes").glob("*.yaml"))]  # the order of reading
    total = sum(path.stat().st_size for path in read_first[: read_first.index(root / "scenes" / "big4.yaml") + 1])
    assert errors[0].endswith(f"big4.yaml:1:1: error E0001: with this file the story's files hold {total:,} bytes, "
                              "more than the 16 MB (16,777,216 bytes) a whole story may hold"), errors


def test_scene_over_the_file_limit_is_refused_before_any_file_is_parsed(tmp_path):
    root = copy_mini(tmp_path)
    (root / "scenes" / "aa.yaml").write_text("a: [1, 2\n")
    _sparse(root / "scenes" / "huge.yaml", 5 * 1024 * 1024)
    errors = _errors(root)
    assert len(errors) == 1 and errors[0].endswith("huge.yaml:1:1: error E0001: file is 5.2 MB; story files are "
                                                   "limited to 4 MB"), errors


def test_pack_over_its_value_count_is_refused(tmp_path, monkeypatch):
    from game.engine import yamlsafe

    monkeypatch.setattr(yamlsafe, "MAX_PACK_NODES", 5_000)  # the mechanism, without a million-value file
    root = copy_mini(tmp_path)
    (root / "scenes" / "many.yaml").write_text("x: [" + "a," * 6_000 + "a]\n")
    errors = _errors(root)
    assert any("E0001" in e and "more than 5,000 values (a list or mapping counts as two)" in e for e in errors), errors


def test_a_list_or_mapping_counts_twice_toward_the_value_limit(tmp_path, monkeypatch):
    """Its start and its end are both parser steps: a pack of empty lists is limited like one of twice as many words."""
    from game.engine import yamlsafe
    from game.engine.diagnostics import DiagnosticBag
    from game.engine.loader import story_files

    monkeypatch.setattr(yamlsafe, "MAX_PACK_NODES", 1_000)
    budget = yamlsafe.PackBudget()
    for path in story_files(MINI):
        yamlsafe.read_yaml_file(path, path.name, DiagnosticBag(), budget=budget)
    lists = (budget.nodes_left - 5) // 2  # `x: [...]`: the mapping and the list count two each, the key one
    fits, over = copy_mini(tmp_path, "fits"), copy_mini(tmp_path, "over")
    (fits / "scenes" / "zz.yaml").write_text("x: [" + "[], " * (lists - 1) + "[]]\n")  # read last
    (over / "scenes" / "zz.yaml").write_text("x: [" + "[], " * lists + "[]]\n")
    assert not any("values" in e for e in _errors(fits))
    assert [e for e in _errors(over) if "E0001" in e] == [
        f"{over / 'scenes' / 'zz.yaml'}:1:{5 + 4 * lists}: error E0001: the story holds more than 1,000 values "
        "(a list or mapping counts as two); a story is limited to that many"]


# ---- the class report -----------------------------------------------------------------------
def test_report_refuses_dev_zero_a_fifo_and_a_folder_and_writes_no_page(tmp_path):
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "folder.json").mkdir()
    page = tmp_path / "class.html"
    page.write_text("the page from last week")
    text = assert_clean(tether("report", "/dev/zero", tmp_path / "pipe.json", tmp_path / "folder.json",
                               "--story", copy_mini(tmp_path), "--html", page))
    assert "a device" in text and "a pipe" in text and "a folder" in text and "3 logs not counted" in text
    assert "no report was written" in text
    assert page.read_text() == "the page from last week"  # a bad run never overwrites a good page


# ---- memory -----------------------------------------------------------------------------------
PEAK_PROBE = """
import json, resource, subprocess, sys
done = subprocess.run([sys.executable, "-m", "game", *sys.argv[1:]], capture_output=True, text=True, timeout=900)
print(json.dumps({"peak_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "code": done.returncode,
                  "out": done.stdout + done.stderr}))
"""


def _peak_mb(*args) -> float:
    """Peak memory of one `tether ARGS` run, measured by a fresh parent that runs nothing else."""
    return _peak_run(*args)[0]


def _peak_run(*args) -> tuple[float, int, str]:
    """(peak MB, exit code, output) of one `tether ARGS` run in a fresh parent that runs nothing else."""
    import json
    import subprocess
    import sys

    from tests.security.helpers import ROOT

    env = dict(os.environ, PYTHONPATH=str(ROOT), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    out = subprocess.run([sys.executable, "-c", PEAK_PROBE, *map(str, args)], capture_output=True, text=True,
                         timeout=1000, env=env, cwd=ROOT)  # a guard against hanging, not a timing claim
    run = json.loads(out.stdout.strip().splitlines()[-1])
    return run["peak_kb"] / 1024, run["code"], run["out"]  # ru_maxrss is in KB on Linux


def test_the_heaviest_attacks_stay_under_two_hundred_megabytes(tmp_path):
    root = copy_mini(tmp_path)
    (root / "scenes" / "zero.yaml").symlink_to("/dev/zero")
    for i in range(6):  # 6 x 3.5 MB: over the pack's total size, so the last files are refused unread
        (root / "scenes" / f"big{i}.yaml").write_text("# " + "x" * (3_500_000 - 3) + "\n")
    assert _peak_mb("lint", root) < 200
    assert _peak_mb("report", "/dev/zero", "--story", MINI) < 200


@pytest.mark.slow
def test_a_pack_right_at_the_value_limit_is_read_under_two_hundred_megabytes(tmp_path):
    """The heaviest pack the reader accepts: every value counted, positions kept for all of them."""
    from game.engine import yamlsafe
    from game.engine.diagnostics import DiagnosticBag

    root = copy_mini(tmp_path)
    budget = yamlsafe.PackBudget()
    for path in [root / "story.yaml", *sorted((root / "scenes").glob("*.yaml"))]:
        yamlsafe.read_yaml_file(path, path.name, DiagnosticBag(), budget=budget)
    items = budget.nodes_left - 5  # `x: [...]`: a mapping and a list (two each) and a key hold the rest
    (root / "scenes" / "many.yaml").write_text("x: [" + "a, " * (items - 1) + "a]\n")
    peak, code, out = _peak_run("lint", root)
    assert code == 1 and "Traceback" not in out
    assert "more than 1,000,000 values" not in out  # read in full: the only errors are that it is no scene
    assert "many.yaml:1:1: error E0105: the scene id must be" in out
    assert peak < 200, f"{peak:.0f} MB"
