"""docs/writing.md: every command shown runs, its lint output is current, and every tag is explained."""

import re

import pytest

from game.engine.tags import TAGS
from tests.tools.helpers import DOCS, MINI, copy_mini, tether

TEXT = (DOCS / "writing.md").read_text(encoding="utf-8")
COMMANDS = re.findall(r"^\$ tether (.+)$", TEXT, re.M)


def test_the_guide_shows_every_command():
    shown = {c.split()[0] for c in COMMANDS}
    assert shown >= {"lint", "explore", "playtest", "graph", "stats", "schema", "play"}


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_in_the_guide_runs(command):
    result = tether(*command.split())
    assert result.returncode == 0, f"$ tether {command}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    assert result.stdout.strip()


def test_the_lint_output_shown_is_what_lint_prints():
    shown = TEXT.split("```text\n", 1)[1].split("```", 1)[0]
    assert tether("lint", "tests/data/mini_story").stdout == shown


def test_every_behaviour_tag_is_explained():
    for tag in TAGS:
        assert f"`{tag}`" in TEXT, tag


def test_the_worked_example_works(tmp_path):
    root = copy_mini(tmp_path)
    blocks = re.findall(r"```yaml\n(.*?)```", TEXT.split("## Worked example", 1)[1], re.S)
    choice, plan = blocks[0], blocks[1]
    new_choice, node = choice.split("\n\n  back_at_830:")
    scene = root / "scenes" / "talk.yaml"
    text = scene.read_text()
    text = text.replace("        goto: after\n  after:", "        goto: after\n" + new_choice + "\n  after:")
    scene.write_text(text + "  back_at_830:" + node)
    lint = tether("lint", root, "--format", "json")
    assert lint.returncode == 0, lint.stdout
    explore = tether("explore", root, "--role", "avoidant", "--json")
    assert explore.returncode == 0 and "talk.back_at_830" not in explore.stdout.split('"nodes_unreachable"')[1]
    plan_file = root.parent / "plans" / "break.yaml"
    plan_file.parent.mkdir()
    plan_file.write_text(plan.replace("../data/mini_story", "../mini"))
    from game.tools.plans import run_plan

    run_plan(plan_file)
    run_plan(plan_file, roundtrip=True)
    assert MINI.exists()
