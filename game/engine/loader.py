"""Find a story's files on disk, read them safely and build the Story."""

from __future__ import annotations

import gc
import os
import hashlib
from pathlib import Path

from game.engine.build import build_story
from game.engine.diagnostics import Diagnostic, DiagnosticBag, Pos, StoryLoadError, display_path
from game.engine.model import Story
from game.engine.yamlsafe import PackBudget, read_yaml_file

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


def story_files(root: Path) -> list[Path]:
    """The manifest and the scene files of a story folder, in reading order (bounded in number).

    A `scenes` that is a link leading out of the story folder gives no files; each file is
    checked again when it is read, so links are never followed out of the pack.
    """
    scenes_dir = root / SCENES_DIR
    scenes: list[Path] = []
    if scenes_dir.is_dir() and not scenes_dir.is_symlink():
        try:
            scenes = sorted(p for _, p in zip(range(MAX_SCENE_FILES + 1), scenes_dir.glob("*.yaml")))
        except (OSError, RuntimeError):
            scenes = []
    return [root / MANIFEST, *scenes]


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
    if not os.path.lexists(manifest_path):
        bag.error(Pos(display_path(root)), "E0001", f"no {MANIFEST} in this folder; a story folder holds {MANIFEST} and {SCENES_DIR}/*.yaml")
        return None, bag.sorted()
    digest = hashlib.sha256()
    budget = PackBudget()
    files = story_files(root)
    if (root / SCENES_DIR).is_symlink():
        bag.error(Pos(display_path(root / SCENES_DIR)), "E0001", f"{SCENES_DIR}/ is a symbolic link; links are not "
                  "followed, so its files are not read (make it a real folder)")
    manifest = read_yaml_file(manifest_path, display_path(manifest_path), bag, digest, root, budget)
    scene_files = files[1:]
    if len(scene_files) > MAX_SCENE_FILES:
        bag.error(Pos(display_path(root / SCENES_DIR)), "E0001", f"more than {MAX_SCENE_FILES} scene files; a story is limited to {MAX_SCENE_FILES}")
        return None, bag.sorted()
    scenes = []
    for scene_path in scene_files:
        doc = read_yaml_file(scene_path, display_path(scene_path), bag, digest, root, budget)
        if doc is not None:
            scenes.append(doc)
        if budget.exhausted:
            break  # one diagnostic says the story is over its limits; the rest would repeat it
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
