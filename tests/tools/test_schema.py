"""The JSON Schema: printed by `tether schema`, kept in story/schema.json, valid stories validate."""

import json

import jsonschema
import pytest

from game.engine import build
from game.engine.diagnostics import DiagnosticBag
from game.engine.yamlsafe import read_yaml_file
from game.tools.schema import schema, schema_text, validate_story_files
from tests.tools.helpers import MINI, SHIPPED, copy_mini, tether


def test_cli_prints_the_schema_and_story_copy_is_equal():
    result = tether("schema")
    assert json.loads(result.stdout) == schema()
    assert (SHIPPED / "schema.json").read_text(encoding="utf-8") == schema_text(), \
        "story/schema.json is stale: run `tether schema > story/schema.json`"


def test_schema_is_valid_draft7():
    jsonschema.Draft7Validator.check_schema(schema())


def test_schema_keys_match_the_builder():
    defs = schema()["definitions"]
    assert set(defs["manifest"]["properties"]) == build.MANIFEST_KEYS
    assert set(defs["scene"]["properties"]) == build.SCENE_KEYS
    assert set(defs["node"]["properties"]) == build.NODE_KEYS
    assert set(defs["choice"]["properties"]) == build.CHOICE_KEYS


@pytest.mark.parametrize("root", [MINI, SHIPPED], ids=["mini", "shipped"])
def test_story_files_validate(root):
    if not (root / "story.yaml").exists():
        pytest.skip("no story yet")
    assert validate_story_files(root) == []
    files = [root / "story.yaml", *sorted((root / "scenes").glob("*.yaml"))]
    for file in files:  # and they say so to editors
        assert file.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema="), file
        doc = read_yaml_file(file, str(file), DiagnosticBag())
        jsonschema.validate(doc.data, schema())


def test_schema_errors_point_at_file_line_col(tmp_path):
    root = copy_mini(tmp_path)
    scene = root / "scenes" / "talk.yaml"
    scene.write_text(scene.read_text().replace("        goto: after\n      - id: shrug", "        goto: after\n        colour: red\n      - id: shrug"))
    diagnostics = validate_story_files(root)
    assert len(diagnostics) == 1
    d = diagnostics[0]
    line = scene.read_text().splitlines().index("        colour: red") + 1
    assert (d.code, d.line, d.col) == ("E0501", line, 9)
    result = tether("schema", "--check", root)
    assert result.returncode == 1 and "colour" in result.stdout
