"""docs/diagnostics.md documents every code, and every bad example there produces its code."""

import pytest

from game.engine.codes import CODES
from game.tools.lint import lint_path
from tests.tools.helpers import apply_example, doc_base, doc_examples, write_assignment_example, write_story

EXAMPLES = doc_examples()


def test_every_code_is_documented_with_an_example():
    assert set(CODES) <= set(EXAMPLES), f"undocumented: {sorted(set(CODES) - set(EXAMPLES))}"
    assert set(EXAMPLES) <= set(CODES), f"documented but unknown: {sorted(set(EXAMPLES) - set(CODES))}"
    for code, blocks in EXAMPLES.items():
        assert blocks, f"{code} has no bad example"


def test_every_code_the_source_emits_is_catalogued():
    """Codes are named once in game/engine/codes.py: no module writes one as text, and every name it uses exists."""
    import re
    from pathlib import Path

    from game.engine import codes

    root = Path(__file__).resolve().parents[2] / "game"
    raw, unknown, used = [], set(), set()
    for path in sorted(root.rglob("*.py")):
        if path == root / "engine" / "codes.py":
            continue
        text = path.read_text(encoding="utf-8")
        raw += [f"{path.relative_to(root)}: {code}" for code in re.findall(r"[\"']([EW]0\d{3})[\"']", text)]
        for name in re.findall(r"\bcodes\.([A-Z][A-Z0-9_]*)\b", text):
            value = getattr(codes, name, None)
            if isinstance(value, str) and value in codes.CODES:
                used.add(value)
            elif name not in ("CODES", "ADJUSTABLE", "FIXED_GROUPS"):
                unknown.add(f"{path.relative_to(root)}: codes.{name}")
    assert not raw, f"codes written as text instead of imported from game/engine/codes.py: {raw}"
    assert not unknown, f"names that game/engine/codes.py does not define: {sorted(unknown)}"
    assert used, "the source imports no code at all: the scan is broken"
    assert used <= set(EXAMPLES), f"emitted but not documented in docs/diagnostics.md: {sorted(used - set(EXAMPLES))}"


def test_the_base_story_lints_clean(tmp_path):
    write_story(tmp_path, doc_base())
    story, diagnostics = lint_path(tmp_path, schema=True)
    assert story is not None
    assert diagnostics == []


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_bad_example_produces_its_code(tmp_path, code):
    options = apply_example(tmp_path, EXAMPLES[code])
    _story, diagnostics = lint_path(tmp_path, schema=code.startswith("E05"), **options)
    codes = {d.code for d in diagnostics}
    assert code in codes, f"{code} example gave {sorted(codes)}: {[str(d) for d in diagnostics]}"


ASSIGNMENT_EXAMPLES = doc_examples("assignment")


def test_every_assignment_code_is_documented_with_an_example():
    import re
    from pathlib import Path

    source = (Path(__file__).resolve().parents[2] / "game" / "engine" / "assignment.py").read_text(encoding="utf-8")
    emitted = set(re.findall(r'"(A0\d{3})"', source))
    assert emitted == set(ASSIGNMENT_EXAMPLES), f"emitted {sorted(emitted)}, documented {sorted(ASSIGNMENT_EXAMPLES)}"
    for code, blocks in ASSIGNMENT_EXAMPLES.items():
        assert blocks, f"{code} has no bad example"


def test_the_base_assignment_lints_clean(tmp_path):
    from game.engine.assignment import lint_assignment
    from game.engine.loader import check_story

    path = write_assignment_example(tmp_path)
    story, diagnostics = check_story(tmp_path)
    assert story is not None and story.scene_order == ("s", "t"), diagnostics
    assert lint_assignment(path, story) == []


@pytest.mark.parametrize("code", sorted(ASSIGNMENT_EXAMPLES))
def test_bad_assignment_example_produces_its_code(tmp_path, code):
    from game.engine.assignment import lint_assignment
    from game.engine.loader import check_story

    path = write_assignment_example(tmp_path, ASSIGNMENT_EXAMPLES[code])
    story, _ = check_story(tmp_path)
    diagnostics = lint_assignment(path, story)
    codes = {d.code for d in diagnostics}
    assert code in codes, f"{code} example gave {sorted(codes)}: {[str(d) for d in diagnostics]}"
    assert all(d.line >= 1 and d.file.endswith("wk.tether.yaml") for d in diagnostics)
