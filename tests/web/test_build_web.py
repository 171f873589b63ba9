"""`tether build-web`: the folder it writes, and what it says when it cannot."""

import json
import subprocess
import sys
import zipfile

import pytest

from game.engine.loader import story_from_json_text
from game.web.build import PYODIDE_FILES, PYODIDE_VERSION
from tests.conftest import MINI, ROOT


def tether(*args, timeout=300):
    return subprocess.run([sys.executable, "-m", "game", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


@pytest.fixture
def fake_pyodide(tmp_path):
    """Stand-in runtime files: the builder copies them and checks the pinned version, nothing more."""
    folder = tmp_path / "pyodide"
    folder.mkdir()
    for name in PYODIDE_FILES:
        (folder / name).write_text("stand-in", encoding="utf-8")
    (folder / "package.json").write_text(json.dumps({"name": "pyodide", "version": PYODIDE_VERSION}), encoding="utf-8")
    return folder


def test_builds_a_self_contained_folder(tmp_path, fake_pyodide):
    site = tmp_path / "site"
    out = tether("build-web", "--story", MINI, "-o", site, "--pyodide", fake_pyodide)
    assert out.returncode == 0, out.stderr
    assert "python -m http.server" in out.stdout
    story, diagnostics = story_from_json_text((site / "story.json").read_bytes())
    assert story is not None and story.id == "mini", diagnostics
    with zipfile.ZipFile(site / "tether-py.zip") as archive:
        names = set(archive.namelist())
    assert {"game/__init__.py", "game/engine/session.py", "game/engine/loader.py", "game/web/bridge.py",
            "transitions/core.py", "six.py"} <= names
    assert not [n for n in names if n.startswith(("game/window", "game/text/play", "game/cli", "yaml"))]
    assert "game/web/build.py" not in names
    for name in ("index.html", "tether.js", "tether.css", "pyodide/pyodide.asm.wasm", "fonts/OpenDyslexic-Regular.otf",
                 "fonts/AtkinsonHyperlegible-Regular.ttf", "art/backgrounds/default.png", "LICENSES/Pyodide-MPL-2.0.txt",
                 "LICENSES/README.txt"):
        assert (site / name).is_file(), name
    from game.engine.ambience import EFFECTS, PLACE_SOUNDS

    for name in [f"ambient_{loop}" for loop in set(PLACE_SOUNDS.values())] + [f"ui_{name}" for name in EFFECTS]:
        assert (site / "sound" / f"{name}.wav").read_bytes()[:4] == b"RIFF", name  # the window's sounds, as WAV
    html = (site / "index.html").read_text(encoding="utf-8")
    assert '<audio id="ambient" loop' in html
    assert 'src="tether.js"' in html and 'href="tether.css"' in html and 'aria-live="polite"' in html


def test_without_the_runtime_it_says_how_to_get_it(tmp_path):
    out = tether("build-web", "--story", MINI, "-o", tmp_path / "site", "--pyodide", tmp_path / "nothing")
    assert out.returncode == 1
    assert "make web-deps" in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / "site").exists()


def test_the_wrong_runtime_version_is_refused(tmp_path, fake_pyodide):
    (fake_pyodide / "package.json").write_text('{"version": "0.1.0"}', encoding="utf-8")
    out = tether("build-web", "--story", MINI, "-o", tmp_path / "site", "--pyodide", fake_pyodide)
    assert out.returncode == 1 and PYODIDE_VERSION in out.stderr


def test_a_story_that_fails_lint_is_not_built(tmp_path, fake_pyodide):
    from tests.engine.helpers import write_story

    story = write_story(tmp_path / "story", "id: s\ntitle: S\nnodes:\n  a: {lines: [{text: hi}], goto: nowhere}\n")
    out = tether("build-web", "--story", story, "-o", tmp_path / "site", "--pyodide", fake_pyodide)
    assert out.returncode == 1
    assert "s.yaml:" in out.stderr and "E0201" in out.stderr and "Traceback" not in out.stderr
    assert not (tmp_path / "site" / "story.json").exists()


def test_the_makefile_installs_the_pinned_runtime():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"PYODIDE_VERSION := {PYODIDE_VERSION}\n" in makefile


def test_an_assignment_is_linted_and_embedded(tmp_path, fake_pyodide):
    from game.engine import load_story
    from game.engine.assignment import assignment_from_json

    path = tmp_path / "wk.tether.yaml"
    made = tether("assign", "new", "--title", "Wk", "--roles", "avoidant", "--scenes", "talk", "--codes", "3",
                  "--story", MINI, "-o", path)
    assert made.returncode == 0, made.stderr
    site = tmp_path / "site"
    out = tether("build-web", "--story", MINI, "--assignment", path, "-o", site, "--pyodide", fake_pyodide)
    assert out.returncode == 0, out.stderr
    assignment, diagnostics = assignment_from_json(json.loads((site / "assignment.json").read_text()), load_story(MINI))
    assert diagnostics == [] and assignment.title == "Wk" and assignment.scenes == ("talk",) and len(assignment.codes) == 3
    plain = tmp_path / "plain"
    assert tether("build-web", "--story", MINI, "-o", plain, "--pyodide", fake_pyodide).returncode == 0
    assert json.loads((plain / "assignment.json").read_text()) is None  # no assignment: the ordinary title screen


def test_a_broken_assignment_stops_the_build_at_its_line(tmp_path, fake_pyodide):
    path = tmp_path / "wk.tether.yaml"
    assert tether("assign", "new", "--title", "Wk", "--roles", "avoidant", "--scenes", "talk", "--codes", "1",
                  "--story", MINI, "-o", path).returncode == 0
    text = path.read_text()
    path.write_text(text.replace("scenes: [talk]", "scenes: [tlak]"))
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s.startswith("scenes:"))
    out = tether("build-web", "--story", MINI, "--assignment", path, "-o", tmp_path / "site", "--pyodide", fake_pyodide)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert f"wk.tether.yaml:{line}:" in out.stderr and "A0015" in out.stderr and "tether assign lint" in out.stderr
    assert not (tmp_path / "site" / "story.json").exists()
