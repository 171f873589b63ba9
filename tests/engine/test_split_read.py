"""A large story's scene files read in two processes give exactly what one process gives (split_read.py)."""

import os

import pytest

from benchmarks.synth import write_story
from game.engine import loader, split_read, yamlsafe
from game.engine.diagnostics import DiagnosticBag

REAL_READING = split_read.Reading
pytestmark = pytest.mark.skipif(not split_read.can_fork() or split_read.cores() < 2,
                                reason="the split needs fork and two cores")


@pytest.fixture(scope="module")
def story_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("split") / "story"
    write_story(root, nodes=240, scenes=6)
    return root


def _read(root, split: bool, monkeypatch):
    monkeypatch.setattr(split_read, "SPLIT_MIN_BYTES", 0 if split else 10**12)
    monkeypatch.setattr(split_read, "_free_cores", lambda: 2.0)  # as on an idle machine, whatever runs beside
    children = []

    def counted(*args):
        children.append(args[0])
        return REAL_READING(*args)

    monkeypatch.setattr(split_read, "Reading", counted)  # _read_docs imports it from there when it runs
    bag = DiagnosticBag()
    read = loader._read_docs(root, bag)
    docs = None if read is None else [(d.file, d.data, d.source, d.at.tobytes()) for d in [read[0], *read[1]]]
    return {"docs": docs, "hash": None if read is None else read[2], "diagnostics": bag.sorted(),
            "children": children}


def test_the_same_documents_hash_and_diagnostics(story_dir, monkeypatch):
    one = _read(story_dir, False, monkeypatch)
    two = _read(story_dir, True, monkeypatch)
    assert not one["children"] and len(two["children"]) == 1  # a child did read the later files
    assert 0 < len(two["children"][0]) < 6
    assert two["docs"] == one["docs"] and two["hash"] == one["hash"] and two["diagnostics"] == one["diagnostics"] == []
    story, diagnostics = loader.check_story(story_dir)
    assert story is not None and story.content_hash == one["hash"]


def _last_scene(root):
    return sorted((root / "scenes").glob("*.yaml"))[-1]


def test_a_broken_file_in_the_later_part_is_reported_as_without_the_split(story_dir, tmp_path, monkeypatch):
    import shutil

    root = tmp_path / "broken"
    shutil.copytree(story_dir, root)
    last = _last_scene(root)
    last.write_text(last.read_text() + "\n  bad: [unclosed\n")
    one = _read(root, False, monkeypatch)
    two = _read(root, True, monkeypatch)
    assert one["diagnostics"] and any(d.code == "E0002" or "YAML" in d.message for d in one["diagnostics"])
    assert two == {**one, "children": two["children"]} and len(two["children"]) == 1


def test_a_pack_limit_reached_across_the_parts_is_reported_at_the_same_file(story_dir, monkeypatch):
    whole = _read(story_dir, False, monkeypatch)
    values = 0
    bag = DiagnosticBag()
    for path in loader.story_files(story_dir):  # how many values the story holds, counted the reader's way
        budget = yamlsafe.PackBudget()
        yamlsafe.read_yaml_file(path, str(path), bag, None, story_dir, budget)
        values += yamlsafe.MAX_PACK_NODES - budget.nodes_left
    assert whole["docs"] is not None
    monkeypatch.setattr(yamlsafe, "MAX_PACK_NODES", values - 10)  # each part fits; the two together do not
    one = _read(story_dir, False, monkeypatch)
    two = _read(story_dir, True, monkeypatch)
    assert one["docs"] is None and one["diagnostics"]
    assert two["diagnostics"] == one["diagnostics"] and two["docs"] is None and len(two["children"]) == 1


def test_a_child_that_fails_leaves_the_reading_to_this_process(story_dir, monkeypatch):
    parent = os.getpid()
    real = yamlsafe.read_yaml_file

    def failing_in_a_child(*args, **kwargs):
        if os.getpid() != parent:
            os._exit(3)  # dies without a word
        return real(*args, **kwargs)

    one = _read(story_dir, False, monkeypatch)
    monkeypatch.setattr(yamlsafe, "read_yaml_file", failing_in_a_child)
    two = _read(story_dir, True, monkeypatch)
    assert len(two["children"]) == 1
    assert two["docs"] == one["docs"] and two["hash"] == one["hash"] and two["diagnostics"] == one["diagnostics"]


def test_small_stories_and_busy_machines_read_in_one_process(monkeypatch):
    from tests.tools.helpers import SHIPPED

    files = loader.story_files(SHIPPED)[1:]
    monkeypatch.setattr(split_read, "_free_cores", lambda: 2.0)
    assert split_read.split_at(files) == 0  # the shipped story is far below SPLIT_MIN_BYTES
    monkeypatch.setattr(split_read, "SPLIT_MIN_BYTES", 0)
    monkeypatch.setattr(split_read, "cores", lambda: 2)
    monkeypatch.setattr(split_read, "_free_cores", lambda: 1.0)  # another process at a full core
    assert split_read.split_at(files) == 0
    monkeypatch.setattr(split_read, "_free_cores", lambda: 2.0)
    cut = split_read.split_at(files)
    sizes = [f.stat().st_size for f in files]
    assert 0 < cut < len(files) and sum(sizes[:cut]) * 2 >= sum(sizes) > sum(sizes[:cut - 1]) * 2


def test_free_cores_by_the_tasks_the_machine_runs(monkeypatch):
    from game.engine import forking

    if forking.machine_stat() is None:
        pytest.skip("no /proc/stat here")
    assert 0 <= split_read._free_cores() <= forking.cores()
    monkeypatch.setattr(split_read, "cores", lambda: 2)
    monkeypatch.setattr(forking, "cores", lambda: 2)
    for running, cpus, free in ((1, 2, 2.0), (2, 2, 1.0), (3, 2, 0.0), (9, 64, 1.75)):  # this process counts itself
        monkeypatch.setattr(split_read, "machine_stat", lambda: forking.MachineStat(0.0, cpus, running))
        assert split_read._free_cores(pause=0) == pytest.approx(free)
