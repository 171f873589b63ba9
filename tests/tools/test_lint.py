"""tether lint: text and JSON output, exit codes, severity overrides, play checks."""

import json
import re

from game.tools.lint import lint_path
from tests.tools.helpers import MINI, apply_example, copy_mini, doc_examples, tether


def test_mini_story_findings_with_source_line_and_caret():
    result = tether("lint", MINI)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout.splitlines()
    first = next(i for i, line in enumerate(out) if "W0101" in line)
    assert out[first].startswith("tests/data/mini_story/scenes/text.yaml:48:3: warning W0101:")
    assert out[first + 1].strip() == "a_tense:"
    assert out[first + 2] == "    " + "  ^"  # the caret sits under column 3
    assert out[-1] == "0 errors, 4 warnings"


def test_json_format_is_a_list_of_diagnostics():
    result = tether("lint", MINI, "--format", "json")
    data = json.loads(result.stdout)
    assert {d["code"] for d in data} == {"W0101", "W0103", "W0118", "W0133"}
    assert all(set(d) == {"file", "line", "col", "severity", "code", "message"} for d in data)


def test_manifest_levels_raise_and_silence(tmp_path):
    root = copy_mini(tmp_path)
    manifest = root / "story.yaml"
    manifest.write_text(manifest.read_text() + "lint:\n  W0103: error\n  W0101: off\n  E0201: off\n")
    _story, diagnostics = lint_path(root)
    by_code = {d.code: d for d in diagnostics}
    assert by_code["W0103"].severity == "error"
    assert "W0101" not in by_code
    assert by_code["W0119"].line == manifest.read_text().splitlines().index("  E0201: off") + 1
    result = tether("lint", root)
    assert result.returncode == 1


def test_soft_lock_error_gives_example_values(tmp_path):
    apply_example(tmp_path, doc_examples()["E0401"])
    _story, diagnostics = lint_path(tmp_path)
    lock = next(d for d in diagnostics if d.code == "E0401")
    assert lock.message.startswith("soft-lock at 'open' at the very start")  # found by playing
    assert tether("lint", tmp_path).returncode == 1


DEEP = """id: s
title: A scene
start: {anxious: open, avoidant: open}
nodes:
  open:
    lines: [Hello.]
    choices:
      - {id: up, text: Up., tags: [turn_toward], why: W., effects: {safety: 1}, goto: two}
      - {id: down, text: Down., tags: [turn_away], why: W., effects: {safety: -1}, goto: two}
  two:
    lines: [Then.]
    choices:
      - {id: on, text: On., tags: [neutral], why: W., goto: three}
  three:
    lines: [And?]
    choices:
      - {id: warm, text: Smile., if: safety >= 7, tags: [repair], why: W., effects: {set: [named]}, end: scene}
      - {id: cold, text: Look away., if: safety <= 2, tags: [turn_away], why: W., end: scene}
"""


def test_unexplored_menu_is_judged_by_bounds_with_example_values(tmp_path):
    apply_example(tmp_path, ["# file: scenes/s.yaml\n" + DEEP])
    _story, diagnostics = lint_path(tmp_path, max_states=1)
    lock = next(d for d in diagnostics if d.code == "E0401")
    assert "'three' may soft-lock" in lock.message and "safety = 4" in lock.message
    _story, diagnostics = lint_path(tmp_path)  # with the full budget play finds the real one
    lock = next(d for d in diagnostics if d.code == "E0401")
    # either first choice leaves safety (6 or 4) where neither choice of 'three' is on offer
    assert re.search(r"soft-lock at 'three' after choosing s\.open\.(up|down), s\.two\.on:", lock.message)


def test_a_choice_proved_never_offered_is_reported_where_exploration_stopped_short(tmp_path):
    """The bounds prove 'warm' and 'cold' never offered (safety is 4 to 6 at 'three'); with a budget of one menu the
    exploration does not get to 'three', and lint still reports both, as it does with the full budget."""
    apply_example(tmp_path, ["# file: scenes/s.yaml\n" + DEEP])
    for budget in (1, 15_000):
        _story, diagnostics = lint_path(tmp_path, max_states=budget)
        offered = sorted(d.message.split("'")[1] for d in diagnostics if d.code == "W0117")
        assert offered == ["cold", "warm"], budget


def test_unreachable_ending_is_an_error_and_explore_fails(tmp_path):
    apply_example(tmp_path, doc_examples()["E0402"])
    _story, diagnostics = lint_path(tmp_path)
    assert [d.message for d in diagnostics if d.code == "E0402"] == [
        "ending 'bliss' can never be reached in play, by either role"]
    result = tether("explore", tmp_path)
    assert result.returncode == 1
    assert "bliss: not reached (proved unreachable)" in result.stdout


def test_lint_of_a_missing_path_is_a_diagnostic_not_a_traceback(tmp_path):
    result = tether("lint", tmp_path / "nowhere")
    assert result.returncode == 1
    assert "E0001" in result.stdout and "Traceback" not in result.stderr


def test_a_place_without_a_picture_is_named_with_the_closest_one(tmp_path):
    from game.tools.lint import lint_path
    from tests.engine.helpers import write_story
    scene = """\
id: s
title: S
location: {anxious: bar_nite, avoidant: bar_night}
start: {anxious: a, avoidant: a}
nodes:
  a:
    location: no_such_place
    lines: [Hello.]
    end: scene
"""
    _story, diagnostics = lint_path(write_story(tmp_path, scene))
    places = sorted(d.message for d in diagnostics if d.code == "W0125")
    assert len(places) == 2, places
    assert "'bar_nite'" in places[0] and "did you mean 'bar_night'" in places[0]
    assert "'no_such_place'" in places[1]



def test_a_long_report_ends_with_its_findings_counted_by_code():
    from game.engine.diagnostics import Diagnostic
    from game.tools.output import BY_CODE_MIN, format_text

    many = [Diagnostic("s.yaml", n, 1, "warning", "W0131", "same reply") for n in range(1, BY_CODE_MIN)]
    many += [Diagnostic("s.yaml", 99, 1, "error", "E0401", "soft-lock"), Diagnostic("s.yaml", 98, 1, "warning",
                                                                                    "W0101", "dead node")]
    tail = format_text(many, source=False).splitlines()[-4:]
    assert tail == ["1 error, 10 warnings",
                    "  W0131 9  one reply answers moves of different families",
                    "  E0401 1  soft-lock: every choice (or branch) can be closed at once",
                    "  W0101 1  node can never be reached"]
    few = format_text(many[:BY_CODE_MIN - 1], source=False).splitlines()
    assert few[-1] == f"0 errors, {BY_CODE_MIN - 1} warnings"  # a short report, or one code: no breakdown
