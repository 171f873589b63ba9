"""Places: a scene's location, one per role, and a node's own; names are picture names."""

import pytest

from game.engine import check_story
from tests.engine.helpers import write_story

SCENE = """\
id: s
title: S
location: {location}
start: {{anxious: a, avoidant: b}}
nodes:
  a:
    lines: [Hello.]
    goto: c
  b:
    lines: [Hello.]
    goto: c
  c:
    location: street_night
    lines: [Outside.]
    end: scene
"""


def build(tmp_path, location):
    story, diagnostics = check_story(write_story(tmp_path, SCENE.format(location=location)))
    return story, [d for d in diagnostics if d.is_error]


def test_one_place_for_both_roles_and_a_node_of_its_own(tmp_path):
    story, errors = build(tmp_path, "bar_night")
    assert errors == []
    scene = story.scenes["s"]
    assert scene.location_for("anxious", "a") == "bar_night"
    assert scene.location_for("avoidant", "b") == "bar_night"
    assert scene.location_for("anxious", "c") == "street_night"
    assert scene.all_locations() == {"bar_night", "street_night"}


def test_one_place_per_role(tmp_path):
    story, errors = build(tmp_path, "{anxious: flat_evening, avoidant: climbing_wall}")
    assert errors == []
    scene = story.scenes["s"]
    assert scene.location_for("anxious", "a") == "flat_evening"
    assert scene.location_for("avoidant", "b") == "climbing_wall"
    assert scene.location_for("avoidant", "c") == "street_night"  # the node's own place wins
    assert scene.location_for("avoidant") == "climbing_wall"


def test_no_location_is_the_default_place(tmp_path):
    story, diagnostics = check_story(write_story(tmp_path, SCENE.format(location="x").replace("location: x\n", "")))
    assert [d for d in diagnostics if d.is_error] == []
    assert story.scenes["s"].location_for("anxious", "a") == "default"


@pytest.mark.parametrize("location, code, line", [
    ("Bar Night", "E0105", 3),
    ("bar-night", "E0105", 3),
    ("{anxious: bar_night}", "E0103", 3),
    ("{anxious: bar_night, avoidant: ../etc}", "E0105", 3),
    ("{anxious: bar_night, avoidant: x, both: y}", "E0102", 3),
])
def test_a_bad_location_points_at_its_line(tmp_path, location, code, line):
    _story, errors = build(tmp_path, location)
    assert (code, line) in [(d.code, d.line) for d in errors], [str(d) for d in errors]


def test_a_bad_node_location_points_at_the_node(tmp_path):
    scene = SCENE.format(location="bar_night").replace("location: street_night", "location: Street/Night")
    _story, diagnostics = check_story(write_story(tmp_path, scene))
    assert [(d.code, d.line) for d in diagnostics if d.is_error] == [("E0105", 13)]
