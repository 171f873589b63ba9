"""Write the browser build: a folder of static files that plays Tether with no install and no network.

    site/
      index.html, tether.css, tether.js     the page (game/web/static)
      story.json                            the story, compiled by the same loader (lint must pass)
      assignment.json                       the assignment the site starts into (--assignment), or null
      tether-py.zip                         game/engine, the bridge, transitions and six, as Python sources
      pyodide/                              the Pyodide runtime from the npm package (make web-deps)
      fonts/, art/, sound/                  assets/fonts, assets/backgrounds, assets/portraits, assets/sound
      LICENSES/                             the licences of everything shipped

The page needs no server-side code; any static web server serves it.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from game.engine.diagnostics import Diagnostic
from game.engine.loader import compile_story, story_from_json

REPO = Path(__file__).resolve().parents[2]
STATIC = Path(__file__).resolve().parent / "static"
LICENSE_TEXTS = Path(__file__).resolve().parent / "licenses"
ASSETS = REPO / "assets"
PYODIDE_VERSION = "314.0.8"  # the Makefile's web-deps target installs exactly this
DEFAULT_PYODIDE = REPO / "build" / "web-deps" / "node_modules" / "pyodide"
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json",
                 "package.json")
STATIC_FILES = ("index.html", "tether.css", "tether.js", "tether-boot.js")
ART_FOLDERS = ("backgrounds", "portraits")
FONT_SUFFIXES = (".ttf", ".otf", ".txt")
# What runs in the browser: the engine (it never imports pygame or, on this path, PyYAML) and the bridge.
PY_PACKAGES = ("game/engine",)
PY_FILES = ("game/__init__.py", "game/web/__init__.py", "game/web/bridge.py")
PY_DEPENDENCIES = ("transitions", "six")  # pure Python; the engine's session needs transitions, which needs six
MAX_ASSET_FILES = 500  # per asset folder: a bound on what one build copies


class BuildError(RuntimeError):
    """The site could not be built; the message says what to do."""


@dataclass
class BuildResult:
    out: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    bytes: int = 0
    assignment_failed: bool = False  # the story was fine; the assignment file stopped the build


def build_site(story_dir: Path, out: Path, pyodide_dir: Path | None = None, lint: bool = True,
               max_states: int | None = None, max_seconds: float | None = None,
               assignment: Path | None = None) -> BuildResult:
    """Build the site into `out` (created or refreshed). Raises BuildError; lint errors give diagnostics.

    With `assignment`, the assignment file is linted against the story and the site starts into it."""
    pyodide_dir = Path(pyodide_dir) if pyodide_dir else DEFAULT_PYODIDE
    check_pyodide(pyodide_dir)
    result = BuildResult(Path(out))
    story = None
    if lint:
        from game.tools.lint import LINT_MAX_STATES, lint_path

        story, diagnostics = lint_path(Path(story_dir), max_states or LINT_MAX_STATES, max_seconds)
        result.diagnostics = list(diagnostics)
        if story is None or any(d.is_error for d in diagnostics):
            return result
    data, diagnostics = compile_story(Path(story_dir))
    if not lint:
        result.diagnostics = list(diagnostics)
    if data is None:
        return result
    assignment_data = None
    if assignment is not None:
        assignment_data = _assignment_data(Path(assignment), story or story_from_json(data)[0], result)
        if assignment_data is None:
            return result
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    _write_json(out / "story.json", data)
    _write_json(out / "assignment.json", assignment_data)
    for name in STATIC_FILES:
        shutil.copyfile(STATIC / name, out / name)
    _copy_pyodide(pyodide_dir, out / "pyodide")
    _write_python_zip(out / "tether-py.zip")
    _copy_assets(out)
    _write_licences(out / "LICENSES", pyodide_dir)
    result.files, result.bytes = _tally(out)
    return result


def _assignment_data(path: Path, story, result: BuildResult) -> dict | None:
    """The assignment as the site embeds it, or None with its diagnostics added to the result."""
    from game.engine.assignment import read_assignment
    from game.engine.diagnostics import DiagnosticBag

    bag = DiagnosticBag()
    assignment = read_assignment(path, bag, story)
    result.diagnostics += bag.sorted()
    result.assignment_failed = assignment is None
    return None if assignment is None else assignment.to_dict()


def check_pyodide(pyodide_dir: Path) -> None:
    missing = [name for name in PYODIDE_FILES if not (pyodide_dir / name).is_file()]
    if missing:
        raise BuildError(f"the Pyodide runtime is not in {pyodide_dir} (missing {', '.join(missing)}); "
                         f"run `make web-deps` (it installs the npm package pyodide@{PYODIDE_VERSION}) "
                         "or point --pyodide at an unpacked copy")
    try:
        version = json.loads((pyodide_dir / "package.json").read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError):
        version = None
    if version != PYODIDE_VERSION:
        raise BuildError(f"{pyodide_dir} holds Pyodide {version}, but this Tether is built and tested with "
                         f"{PYODIDE_VERSION}; run `make web-deps`")


def _write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _copy_pyodide(source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copyfile(source / name, target / name)


def _python_sources() -> list[tuple[Path, str]]:
    """(file on disk, name in the zip) for every Python file the browser runs."""
    out = []
    for package in PY_PACKAGES:
        for path in sorted((REPO / package).glob("*.py")):
            out.append((path, f"{package}/{path.name}"))
    out += [(REPO / name, name) for name in PY_FILES]
    for name in PY_DEPENDENCIES:
        location = _dependency_location(name)
        if location.is_dir():
            for path in sorted(location.rglob("*.py")):
                out.append((path, f"{name}/{path.relative_to(location).as_posix()}"))
        else:
            out.append((location, location.name))
    return out


def _dependency_location(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise BuildError(f"the Python package {name} is not installed; run `make` or `pip install -e .`")
    origin = Path(spec.origin)
    return origin.parent if origin.name == "__init__.py" else origin


def _write_python_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for source, name in _python_sources():
            archive.write(source, name)


def _copy_assets(out: Path) -> None:
    for folder in ART_FOLDERS:
        target = out / "art" / folder
        target.mkdir(parents=True, exist_ok=True)
        for path in sorted((ASSETS / folder).glob("*.png"))[:MAX_ASSET_FILES]:
            shutil.copyfile(path, target / path.name)
    sound = out / "sound"
    sound.mkdir(parents=True, exist_ok=True)
    for path in sorted((ASSETS / "sound").glob("*.wav"))[:MAX_ASSET_FILES]:
        shutil.copyfile(path, sound / path.name)
    fonts = out / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    for path in sorted((ASSETS / "fonts").iterdir())[:MAX_ASSET_FILES]:
        if path.suffix in FONT_SUFFIXES and path.is_file():
            shutil.copyfile(path, fonts / path.name)


def _write_licences(target: Path, pyodide_dir: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPO / "LICENSE", target / "Tether-LICENSE.txt")
    shutil.copyfile(LICENSE_TEXTS / "MPL-2.0.txt", target / "Pyodide-MPL-2.0.txt")
    index = ["Licences of what this folder holds", "",
             "Tether (story, engine, page): MIT, Tether-LICENSE.txt",
             f"Pyodide {PYODIDE_VERSION} (pyodide/, from the npm package pyodide): Mozilla Public License 2.0, "
             "Pyodide-MPL-2.0.txt; source: the pyodide project on GitHub",
             "Python standard library (pyodide/python_stdlib.zip): PSF License, Python-LICENSE.txt",
             "Fonts (fonts/): SIL Open Font License 1.1 (OFL.txt) for Atkinson Hyperlegible; "
             "OpenDyslexic-LICENSE.txt for OpenDyslexic"]
    python_licence = Path(os.__file__).parent / "LICENSE.txt"
    if python_licence.is_file():
        shutil.copyfile(python_licence, target / "Python-LICENSE.txt")
    for name in PY_DEPENDENCIES:
        dist = importlib.metadata.distribution(name)
        texts = [f for f in (dist.files or []) if "LICEN" in f.name.upper()]
        for i, item in enumerate(texts[:3]):
            suffix = f"-{i + 1}" if i else ""
            shutil.copyfile(item.locate(), target / f"{name}-{dist.version}-LICENSE{suffix}.txt")
        index.append(f"{name} {dist.version} (in tether-py.zip): {dist.metadata.get('License-Expression') or dist.metadata.get('License') or 'see its licence file'}, "
                     f"{name}-{dist.version}-LICENSE.txt")
    (target / "README.txt").write_text("\n".join(index) + "\n", encoding="utf-8")


def _tally(out: Path) -> tuple[int, int]:
    files = [p for p in out.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)
