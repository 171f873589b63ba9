"""Find a story's files on disk, read them safely and build the Story."""

from __future__ import annotations

import gc
import hashlib
from pathlib import Path

from game.engine.build import build_story
from game.engine.diagnostics import Diagnostic, DiagnosticBag, Pos, StoryLoadError, display_path
from game.engine.model import Story
from game.engine.yamlsafe import read_yaml_file

MANIFEST = "story.yaml"
SCENES_DIR = "scenes"
MAX_SCENE_FILES = 2000


def find_root(path: Path) -> Path | None:
    """The story folder for a path: the folder itself, a manifest, or a scene file inside scenes/."""
    path = Path(path)
    if path.is_dir():
        return path
    if path.name == MANIFEST:
        return path.parent
    if path.parent.name == SCENES_DIR and (path.parent.parent / MANIFEST).exists():
        return path.parent.parent
    return None


def check_story(path: Path) -> tuple[Story | None, list[Diagnostic]]:
    """Load a story folder (or the folder around a story file) and return it with every diagnostic."""
    # Loading allocates many small objects that all stay alive; the cyclic collector would keep
    # walking them for nothing (measured in benchmarks/load.py), so it pauses while we build.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _check_story(Path(path))
    finally:
        if enabled:
            gc.enable()


def _check_story(path: Path) -> tuple[Story | None, list[Diagnostic]]:
    bag = DiagnosticBag()
    root = find_root(path)
    if root is None:
        if not path.exists():
            bag.error(Pos(display_path(path)), "E0001", "no such file or folder")
        else:
            bag.error(Pos(display_path(path)), "E0001", f"not a story: expected a folder with {MANIFEST} and {SCENES_DIR}/, or a file inside one")
        return None, bag.sorted()
    manifest_path = root / MANIFEST
    if not manifest_path.is_file():
        bag.error(Pos(display_path(root)), "E0001", f"no {MANIFEST} in this folder; a story folder holds {MANIFEST} and {SCENES_DIR}/*.yaml")
        return None, bag.sorted()
    digest = hashlib.sha256()
    manifest = read_yaml_file(manifest_path, display_path(manifest_path), bag, digest)
    scene_files = sorted((root / SCENES_DIR).glob("*.yaml")) if (root / SCENES_DIR).is_dir() else []
    if len(scene_files) > MAX_SCENE_FILES:
        bag.error(Pos(display_path(root / SCENES_DIR)), "E0001", f"{len(scene_files)} scene files; a story is limited to {MAX_SCENE_FILES}")
        return None, bag.sorted()
    scenes = [doc for doc in (read_yaml_file(p, display_path(p), bag, digest) for p in scene_files) if doc is not None]
    if manifest is None:
        return None, bag.sorted()
    story = build_story(manifest, scenes, bag, digest.hexdigest(), root)
    return story, bag.sorted()


def load_story(path: Path) -> Story:
    """The Story at `path`, or StoryLoadError carrying every diagnostic."""
    story, diagnostics = check_story(path)
    if story is None:
        raise StoryLoadError(diagnostics)
    return story
