"""Roles come from the story's manifest: any names, checked in conditions, with the other role derived."""

from __future__ import annotations

from game.engine import StoryRunner
from game.engine.loader import check_story
from game.engine.session import PlaySession
from game.engine.vocabulary import partner_portrait
from tests.engine.helpers import MANIFEST, write_story
from tests.tools.helpers import tether

THREE_ROLES = MANIFEST.replace("""roles:
  anxious: {title: A}
  avoidant: {title: V}""", """roles:
  reacher: {title: The one who reaches}
  keeper: {title: The one who keeps distance}
  witness: {title: The friend who watches}""")

SCENE = """\
id: s
title: S
start: {reacher: open, keeper: open, witness: aside}
nodes:
  open:
    lines:
      - {speaker: partner, text: Reaching., if: role == reacher}
      - {speaker: partner, text: Keeping., if: role != reacher}
    choices:
      - {id: name, text: Name it., tags: [name_cycle], why: W., effects: {set: [named]}, end: scene}
  aside:
    lines:
      - {speaker: narrator, text: Watching.}
    goto: open
"""


def test_a_story_names_its_own_roles_and_conditions_read_them(tmp_path):
    story, diagnostics = check_story(write_story(tmp_path, SCENE, THREE_ROLES))
    assert [d for d in diagnostics if d.is_error] == []
    assert list(story.roles) == ["reacher", "keeper", "witness"]
    seen = {}
    for role in story.roles:
        runner = StoryRunner.new(story, role)
        seen[role] = [line.text for line in runner.advance_to_choice()]
    assert seen == {"reacher": ["Reaching."], "keeper": ["Keeping."], "witness": ["Watching.", "Keeping."]}


def test_an_unknown_role_in_a_condition_is_named_where_it_is_written(tmp_path):
    scene = SCENE.replace("if: role == reacher}", "if: role == reachr}")
    story, diagnostics = check_story(write_story(tmp_path, scene, THREE_ROLES))
    assert story is None
    [error] = [d for d in diagnostics if d.is_error]
    assert error.code == "E0207"
    assert error.file.endswith("s.yaml") and error.line == 7
    assert error.col == scene.splitlines()[6].index("reachr") + 1
    assert "did you mean 'reacher'?" in error.message and "reacher and keeper and witness" in error.message


def test_a_start_for_a_role_the_manifest_does_not_have_is_refused(tmp_path):
    scene = SCENE.replace("witness: aside}", "witness: aside, stranger: open}")
    story, diagnostics = check_story(write_story(tmp_path, scene, THREE_ROLES))
    assert story is None
    assert any(d.code == "E0102" and "stranger" in d.message for d in diagnostics)


def test_a_role_without_a_start_is_refused(tmp_path):
    scene = SCENE.replace(", witness: aside}", "}")
    story, diagnostics = check_story(write_story(tmp_path, scene, THREE_ROLES))
    assert story is None
    assert any(d.code == "E0103" and "'witness'" in d.message for d in diagnostics)


def test_the_other_role_is_derived_from_the_manifest(tmp_path):
    two = THREE_ROLES.replace("  witness: {title: The friend who watches}\n", "")
    story, _ = check_story(write_story(tmp_path, SCENE.replace(", witness: aside}", "}"), two))
    session = PlaySession(story, store=None)
    assert session.other_role("reacher") == "keeper"
    assert session.other_role("keeper") == "reacher"


def test_the_command_line_refuses_a_role_the_story_does_not_have(tmp_path):
    root = write_story(tmp_path, SCENE, THREE_ROLES)
    result = tether("graph", root, "--role", "keepr")
    assert result.returncode == 2
    assert "no role 'keepr'" in result.stderr and "did you mean 'keeper'?" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_roles_habit_picks_the_partners_portraits_whatever_the_role_is_called(tmp_path):
    habits = THREE_ROLES.replace("reacher: {title: The one who reaches}",
                                 "reacher: {title: The one who reaches, habit: pursue}")
    habits = habits.replace("keeper: {title: The one who keeps distance}",
                            "keeper: {title: The one who keeps distance, habit: withdraw}")
    story, diagnostics = check_story(write_story(tmp_path, SCENE, habits))
    assert [d for d in diagnostics if d.is_error] == []
    assert [spec.habit for spec in story.roles.values()] == ["pursue", "withdraw", None]
    assert partner_portrait(story, "reacher") == "partner_room"  # the partner is the one who needs room
    assert partner_portrait(story, "keeper") == "partner_reach"
    assert partner_portrait(story, "witness") == "partner"  # no habit: the default faces


def test_a_habit_that_is_not_a_family_is_refused_where_it_is_written(tmp_path):
    bad = THREE_ROLES.replace("keeper: {title: The one who keeps distance}",
                              "keeper: {title: The one who keeps distance, habit: sulk}")
    story, diagnostics = check_story(write_story(tmp_path, SCENE, bad))
    assert story is None
    [error] = [d for d in diagnostics if d.is_error]
    assert error.code == "E0104" and error.file.endswith("story.yaml")
    assert "pursue or withdraw, not 'sulk'" in error.message
    line = bad.splitlines()[error.line - 1]
    assert line[error.col - 1:].startswith("sulk")
