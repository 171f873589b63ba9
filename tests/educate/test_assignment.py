"""Assignment files: written documented, read back exactly, and every mistake pointed at file:line:col."""

import json

import jsonschema
import pytest
import yaml

from game.engine.assignment import CODE_ALPHABET, lint_assignment, read_assignment
from game.engine.diagnostics import DiagnosticBag
from game.tools.assignment_file import SCHEMA_FILE, schema, schema_text
from tests.tools.helpers import MINI, tether

QUESTIONS = """\
- id: pre_break
  kind: choice
  text: Which of these is a time-bounded break?
  options: ["I'm done.", "Twenty minutes, then I'm back.", "Whatever."]
  answer: "Twenty minutes, then I'm back."
- id: pre_sure
  kind: likert
  text: I can spot the loop.
- id: pre_hope
  kind: text
  text: What do you hope to learn?
"""


@pytest.fixture
def written(tmp_path):
    before = tmp_path / "before.yaml"
    before.write_text(QUESTIONS)
    out = tmp_path / "wk5.tether.yaml"
    result = tether("assign", "new", "--title", "Week 5", "--roles", "avoidant,anxious", "--scenes", "talk,text",
                    "--codes", "30", "--before", before, "--story", MINI, "-o", out)
    assert result.returncode == 0, result.stderr
    return out


def test_new_writes_a_file_that_reads_back(written, mini_story):
    text = written.read_text()
    assert text.startswith("# yaml-language-server: $schema=") and str(SCHEMA_FILE) in text.splitlines()[0]
    bag = DiagnosticBag()
    a = read_assignment(written, bag, mini_story)
    assert bag.items == [] and a is not None
    assert a.title == "Week 5" and a.id.startswith("week-5-") and (a.story_id, a.story_version) == ("mini", "0.1.0")
    assert a.scenes == ("text", "talk")  # story order, whatever order they were typed in
    assert len(set(a.codes)) == 30 and all(len(c) == 4 and set(c) <= set(CODE_ALPHABET) for c in a.codes)
    assert [q.kind for q in a.before] == ["choice", "likert", "text"] and a.before[0].answer == 1
    assert not a.is_partial(mini_story) and (a.training, a.skip_allowed) == (False, True)
    jsonschema.validate(yaml.safe_load(text), schema())
    assert tether("assign", "lint", written, "--story", MINI).returncode == 0


def test_schema_file_is_current():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), "run `tether assign schema > game/assignment.schema.json`"
    jsonschema.Draft7Validator.check_schema(json.loads(tether("assign", "schema").stdout))


def test_a_scene_subset_plays_only_those_scenes(written, mini_story, tmp_path):
    text = written.read_text().replace("scenes: [text, talk]", "scenes: [talk]")
    written.write_text(text)
    a = read_assignment(written, DiagnosticBag(), mini_story)
    assert a.is_partial(mini_story) and a.story_for(mini_story).scene_order == ("talk",)
    assert set(a.story_for(mini_story).scenes) == {"talk"} and mini_story.scene_order == ("text", "talk")


BROKEN = [
    ("story: {id: \"mini\", version: \"0.1.0\"}", "story: {id: \"mini\", version: \"0.0.9\"}", "A0013",
     "version 0.0.9; this Tether has version 0.1.0"),
    ("scenes: [text, talk]", "scenes: [talk, text]", "A0016", "list scenes in story order"),
    ("scenes: [text, talk]", "scenes: [text, tlak]", "A0015", "unknown scene 'tlak'"),
    ("roles: [anxious, avoidant]", "roles: [anxious, secure]", "A0014", "unknown role 'secure'"),
    ("settings:\n", "settings:\n  colour: blue\n", "A0003", "unknown key 'colour'"),
    ("    answer: 1", "    answer: 7", "A0009", "answer must be one of the options"),
    ("  training: false", "  training: maybe", "A0005", "must be true or false"),
]


@pytest.mark.parametrize("old,new,code,message", BROKEN, ids=[b[2] + "-" + b[1].split(":")[0].strip() for b in BROKEN])
def test_mistakes_point_at_file_line_col(written, mini_story, old, new, code, message):
    text = written.read_text()
    assert old in text
    text = text.replace(old, new, 1)
    written.write_text(text)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if new.splitlines()[-1] in row)
    diagnostics = lint_assignment(written, mini_story)
    hit = [d for d in diagnostics if d.code == code]
    assert hit and message in hit[0].message and hit[0].line == line and hit[0].col > 1, diagnostics
    result = tether("assign", "lint", written, "--story", MINI)
    assert result.returncode == 1 and f":{line}:" in result.stdout and "Traceback" not in result.stderr


def test_unquoted_codes_and_foreign_files_are_refused(tmp_path, mini_story):
    bad = tmp_path / "a.yaml"
    bad.write_text("assignment: 1\nid: a\ntitle: t\nstory: {id: mini, version: 0.1.0}\nroles: [anxious]\n"
                   "scenes: [text]\ncodes: [2345, \"ABCD\"]\n")
    diagnostics = lint_assignment(bad, mini_story)
    assert [(d.code, d.line, d.col) for d in diagnostics] == [("A0010", 7, 9)]
    bad.write_text("format: 1\nid: mini\n")
    assert [d.code for d in lint_assignment(bad, mini_story)] == ["A0001"]
    bad.write_text("assignment: 1\n\tid: x\n")
    result = tether("assign", "lint", bad, "--story", MINI)
    assert result.returncode == 1 and "E0004" in result.stdout and "Traceback" not in result.stderr


def test_new_refuses_unknown_scenes_and_broken_question_files(tmp_path):
    out = tmp_path / "x.yaml"
    result = tether("assign", "new", "--title", "T", "--scenes", "nope", "--story", MINI, "-o", out)
    assert result.returncode == 1 and "unknown scene 'nope'" in result.stderr and not out.exists()
    questions = tmp_path / "q.yaml"
    questions.write_text("- id: q\n  kind: essay\n  text: Why?\n")
    result = tether("assign", "new", "--title", "T", "--before", questions, "--story", MINI, "-o", out)
    assert result.returncode == 1 and "q.yaml:2:9: error A0008" in result.stderr and not out.exists()


def test_assignment_and_question_files_have_their_own_size_limit(tmp_path, mini_story):
    """An assignment is a page of settings: 1 MB is plenty, so one of 1.5 MB (under the 4 MB a story file
    may hold) is refused before it is parsed, and the message names the assignment limit."""
    from game.engine.assignment import read_questions
    from game.engine.files import ASSIGNMENT_LIMIT

    big = tmp_path / "big.tether.yaml"
    padding = ("# " + "x" * 98 + "\n") * (ASSIGNMENT_LIMIT * 3 // 200)
    big.write_text("assignment: 1\nid: a\ntitle: t\nstory: {id: mini, version: 0.1.0}\nroles: [anxious]\n"
                   "scenes: [text]\n" + padding)
    assert ASSIGNMENT_LIMIT < big.stat().st_size < 4 * 1024 * 1024
    bag = DiagnosticBag()
    assert read_assignment(big, bag, mini_story) is None
    assert [(d.code, d.message) for d in bag.sorted()] == [
        ("E0001", "file is 1.6 MB; assignment files are limited to 1 MB")]
    questions = tmp_path / "q.yaml"
    questions.write_text("- {id: q, kind: text, text: Why?}\n" + padding)
    bag = DiagnosticBag()
    assert read_questions(questions, bag) == ()
    assert "question files are limited to 1 MB" in bag.sorted()[0].message
    small = tmp_path / "small.tether.yaml"
    small.write_text(big.read_text()[:ASSIGNMENT_LIMIT - 200])
    assert lint_assignment(small, mini_story) == []
