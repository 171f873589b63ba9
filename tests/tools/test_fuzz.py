"""Fuzzing: random YAML and random mutations of the mini story give diagnostics, never exceptions.

The quick profile (50 examples) runs in `make test`; `make test-long` sets
HYPOTHESIS_PROFILE=long for thousands.
"""

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.loader import check_story
from game.tools.graph import dot, mermaid
from game.tools.lint import lint_story
from game.tools.stats import stats
from tests.tools.helpers import MINI

SCENE = (MINI / "scenes" / "text.yaml").read_text(encoding="utf-8")
MANIFEST = (MINI / "story.yaml").read_text(encoding="utf-8")
WORDS = ["goto", "end", "scene", "story", "if", "safety", "closeness", "pursuit", "cycle_named", "a_wait", "a_reply",
         "choices", "branch", "lines", "-", ":", "{", "}", "[", "]", "&a", "*a", "!!str", "'", '"', "\t", "\n", " ",
         "0", "-3", "99", "visits(a_wait)", ">=", "not", "and", "role == avoidant", "{partner}", "{bad}", "~", "yes"]


def _check(manifest: str, scene: str) -> None:
    root = Path(tempfile.mkdtemp(prefix="fuzz"))
    try:
        shutil.copytree(MINI, root / "s")
        (root / "s" / "story.yaml").write_text(manifest, encoding="utf-8")
        (root / "s" / "scenes" / "text.yaml").write_text(scene, encoding="utf-8")
        story, diagnostics = check_story(root / "s")
        assert story is not None or any(d.is_error for d in diagnostics)
        if story is not None:
            for d in lint_story(story, max_states=300, max_seconds=5):
                assert d.code and d.line >= 1
            stats(story)
            mermaid(story)
            dot(story)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _mutate(text: str, data) -> str:
    lines = text.split("\n")
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["delete", "duplicate", "insert", "replace", "indent"]))
        if action == "delete" and len(lines) > 1:
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "insert":
            col = data.draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:col] + data.draw(st.sampled_from(WORDS)) + lines[i][col:]
        elif action == "replace":
            words = lines[i].split(" ")
            j = data.draw(st.integers(0, len(words) - 1))
            words[j] = data.draw(st.sampled_from(WORDS))
            lines[i] = " ".join(words)
        else:
            lines[i] = "  " + lines[i] if data.draw(st.booleans()) else lines[i].lstrip()
    return "\n".join(lines)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_scene_gives_only_diagnostics(data):
    _check(MANIFEST, _mutate(SCENE, data))


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_manifest_gives_only_diagnostics(data):
    _check(_mutate(MANIFEST, data), SCENE)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=20))
def test_random_yaml_values_give_only_diagnostics(value):
    import yaml

    _check(MANIFEST, yaml.safe_dump(value))


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_random_text_gives_only_diagnostics(text):
    _check(MANIFEST, text)
