"""Lint: the names a story gives its pictures (portrait keys, locations) name pictures that exist."""

from game.tools.lint import lint_path
from tests.engine.helpers import write_story


def test_a_character_without_a_portrait_is_named_where_declared_with_the_closest_face(tmp_path):
    scene = """\
id: s
title: S
characters:
  marcus: {name: Marcus}
  prya: {name: Priya, pronouns: she}
  zed: {name: Zed}
start: {anxious: a, avoidant: a}
nodes:
  a:
    lines: [{speaker: prya, text: Hello.}, {speaker: zed, text: Hi.}, {speaker: marcus, text: Hey.}]
    end: scene
"""
    _story, diagnostics = lint_path(write_story(tmp_path, scene))
    faces = sorted((d for d in diagnostics if d.code == "W0126"), key=lambda d: d.line)
    assert [(d.file.rsplit("/", 1)[-1], d.line, d.col, d.severity) for d in faces] == [
        ("s.yaml", 5, 3, "warning"), ("s.yaml", 6, 3, "warning")]  # marcus has pictures: no warning
    assert "'prya'" in faces[0].message and "did you mean 'priya'?" in faces[0].message
    assert "'zed'" in faces[1].message and "known:" in faces[1].message and "priya" in faces[1].message
