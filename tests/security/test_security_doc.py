"""docs/security.md names a test for each guarantee: every one it names must exist."""

import re

from tests.security.helpers import ROOT

DOC = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
# `test_x.py::test_y` lives in tests/security/; a test elsewhere is named with its path, `tests/engine/test_x.py::test_y`.
NAMED = sorted({(f"tests/security/{module}", name) for module, name in re.findall(r"`(test_\w+\.py)::(test_\w+)`", DOC)}
               | set(re.findall(r"`(tests/[\w/]+\.py)::(test_\w+)`", DOC)))


def test_the_page_names_tests():
    assert len(NAMED) >= 40
    assert any(not path.startswith("tests/security/") for path, _ in NAMED)  # paths are read too


def test_every_test_the_page_names_exists():
    missing = []
    for module, name in NAMED:
        path = ROOT / module
        if not path.is_file() or not re.search(rf"^def {name}\(", path.read_text(encoding="utf-8"), re.M):
            missing.append(f"{module}::{name}")
    assert not missing, missing
