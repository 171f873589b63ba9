"""Every value of the mini story, replaced by a value of another type, gives diagnostics and never an exception.

This sweeps all places in every file (not a random sample): a mapping or a list where
the builder expects a word used to raise TypeError (`early_endings[].ending`,
`lines[].speaker`, `start.<role>`).
"""

from __future__ import annotations

import copy

import pytest
import yaml

from game.engine.loader import check_story
from tests.security.helpers import MINI, copy_mini

# A mapping and a list found the crashes; the other types run in `make test-long`.
REPLACEMENTS = [pytest.param({"a": 1}, id="mapping"), pytest.param([1], id="list"),
                pytest.param(None, id="null", marks=pytest.mark.slow),
                pytest.param(1.5, id="float", marks=pytest.mark.slow), pytest.param(True, id="bool", marks=pytest.mark.slow)]


def _places(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _places(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _places(item, path + (index,))


def _replaced(data, path, new):
    data = copy.deepcopy(data)
    if not path:
        return new
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = new
    return data


@pytest.mark.parametrize("new", REPLACEMENTS)
@pytest.mark.parametrize("name", ["story.yaml", "scenes/talk.yaml", "scenes/text.yaml"])
def test_every_place_with_a_wrong_type_gives_diagnostics(tmp_path, name, new):
    root = copy_mini(tmp_path)
    data = yaml.safe_load((MINI / name).read_text(encoding="utf-8"))
    checked = 0
    for path in _places(data):
        (root / name).write_text(yaml.safe_dump(_replaced(data, path, new)), encoding="utf-8")
        story, diagnostics = check_story(root)  # an exception here fails the test with its place
        assert story is not None or any(d.is_error for d in diagnostics), (path, new)
        checked += 1
    assert checked > 30


@pytest.mark.parametrize("value", [{"who": "you"}, ["you"]], ids=["mapping", "list"])
def test_speaker_given_as_mapping_or_list_is_a_diagnostic(tmp_path, value):
    root = copy_mini(tmp_path)
    scene = root / "scenes" / "talk.yaml"
    data = yaml.safe_load(scene.read_text(encoding="utf-8"))
    data["nodes"]["start"]["lines"][0]["speaker"] = value
    scene.write_text(yaml.safe_dump(data), encoding="utf-8")
    story, diagnostics = check_story(root)
    assert story is None
    assert any(d.code == "E0104" and "speaker" in d.message for d in diagnostics), [str(d) for d in diagnostics]


@pytest.mark.parametrize("value", ["{x: 1}", "[growth]"], ids=["mapping", "list"])
def test_early_ending_given_as_mapping_or_list_is_a_diagnostic(tmp_path, value):
    root = copy_mini(tmp_path)
    manifest = root / "story.yaml"
    data = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    data["early_endings"] = [{"when": "safety <= 0", "ending": yaml.safe_load(value)}]
    manifest.write_text(yaml.safe_dump(data), encoding="utf-8")
    story, diagnostics = check_story(root)
    assert story is None
    assert any(d.code == "E0104" and "early ending" in d.message for d in diagnostics), [str(d) for d in diagnostics]
