"""docs/security.md names a test for each guarantee: every one it names must exist."""

import re

from tests.security.helpers import ROOT

DOC = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
NAMED = sorted(set(re.findall(r"`(test_\w+\.py)::(test_\w+)`", DOC)))


def test_the_page_names_tests():
    assert len(NAMED) >= 40


def test_every_test_the_page_names_exists():
    missing = []
    for module, name in NAMED:
        path = ROOT / "tests" / "security" / module
        if not path.is_file() or not re.search(rf"^def {name}\(", path.read_text(encoding="utf-8"), re.M):
            missing.append(f"{module}::{name}")
    assert not missing, missing
