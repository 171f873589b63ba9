"""docs/diagnostics.md documents every code, and every bad example there produces its code."""

import pytest

from game.tools.codes import CODES
from game.tools.lint import lint_path
from tests.tools.helpers import apply_example, doc_base, doc_examples, write_story

EXAMPLES = doc_examples()


def test_every_code_is_documented_with_an_example():
    assert set(CODES) <= set(EXAMPLES), f"undocumented: {sorted(set(CODES) - set(EXAMPLES))}"
    assert set(EXAMPLES) <= set(CODES), f"documented but unknown: {sorted(set(EXAMPLES) - set(CODES))}"
    for code, blocks in EXAMPLES.items():
        assert blocks, f"{code} has no bad example"


def test_every_code_the_source_emits_is_catalogued():
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "game"
    used = set()
    for path in [*root.glob("engine/*.py"), *root.glob("tools/*.py")]:
        used |= set(re.findall(r'"([EW]0\d{3})"', path.read_text(encoding="utf-8")))
    assert used <= set(CODES), f"emitted but not catalogued: {sorted(used - set(CODES))}"


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
