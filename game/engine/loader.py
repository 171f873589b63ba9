"""Find a story's files on disk, read them safely and build the Story.

Two ways in, one builder: YAML files on disk (the desktop), or the same parsed
documents compiled to JSON (`compile_story`, read back by `story_from_json`),
which is how the browser build gets its story without a YAML library.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
from pathlib import Path

from game.engine import codes
from game.engine.build import build_story
from game.engine.diagnostics import Diagnostic, DiagnosticBag, Pos, StoryLoadError, display_path
from game.engine.doc import Doc
from game.engine.files import MB, check_shape
from game.engine.model import Story

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


JSON_FORMAT = "tether-story-json"
JSON_VERSION = 1
MAX_JSON_BYTES = 32 * MB  # a compiled story; the YAML pack limit is 16 MB and JSON without positions is smaller
MAX_JSON_DEPTH = 72  # YAML files nest at most 64 levels, inside the wrapper's few
MAX_JSON_NODES = 2_500_000  # values: a YAML pack may hold 1,000,000, and the wrapper adds a few


def _collector_paused(work):
    """Run `work()` with the cyclic collector paused, then keep what it built out of the collector's sight.

    Loading allocates many small objects that all stay alive; the cyclic collector would keep
    walking them for nothing (measured in benchmarks/load.py), so it pauses while we build.
    Afterwards `gc.freeze()` moves them to the permanent generation: otherwise the first older-generation
    collections during play walk every object of the story (about 600,000 for a 10,000-node story, 0.8 s of
    CPU each), billed to whichever choice sets them off. A story holds no reference cycles and a load leaves
    no cyclic garbage (tests/engine/test_loader_gc.py), so reference counting still frees a dropped story.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return work()
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def check_story(path: Path) -> tuple[Story | None, list[Diagnostic]]:
    """Load a story folder (or the folder around a story file) and return it with every diagnostic."""
    return _collector_paused(lambda: _check_story(Path(path)))


def _check_story(path: Path) -> tuple[Story | None, list[Diagnostic]]:
    bag = DiagnosticBag()
    read = _read_docs(path, bag)
    if read is None:
        return None, bag.sorted()
    manifest, scenes, content_hash, root = read
    story = build_story(manifest, scenes, bag, content_hash, root)
    return story, bag.sorted()


def _read_docs(path: Path, bag: DiagnosticBag) -> tuple[Doc, list[Doc], str, Path] | None:
    """The parsed manifest and scene files of the story at `path`, with its content hash; None on a fatal error."""
    from game.engine.split_read import Reading, split_at
    from game.engine.yamlsafe import PackBudget, pack_sizes_fit, read_yaml_file  # the desktop path: PyYAML only here

    root = find_root(path)
    if root is None:
        if not path.exists():
            bag.error(Pos(display_path(path)), codes.UNREADABLE, "no such file or folder")
        else:
            bag.error(Pos(display_path(path)), codes.UNREADABLE, f"not a story: expected a folder with {MANIFEST} and {SCENES_DIR}/, or a file inside one")
        return None
    manifest_path = root / MANIFEST
    if not os.path.lexists(manifest_path):
        bag.error(Pos(display_path(root)), codes.UNREADABLE, f"no {MANIFEST} in this folder; a story folder holds {MANIFEST} and {SCENES_DIR}/*.yaml")
        return None
    digest = hashlib.sha256()
    budget = PackBudget()
    files = story_files(root)
    if (root / SCENES_DIR).is_symlink():
        bag.error(Pos(display_path(root / SCENES_DIR)), codes.UNREADABLE, f"{SCENES_DIR}/ is a symbolic link; links are not "
                  "followed, so its files are not read (make it a real folder)")
    scene_files = files[1:]
    if len(scene_files) > MAX_SCENE_FILES:
        bag.error(Pos(display_path(root / SCENES_DIR)), codes.UNREADABLE, f"more than {MAX_SCENE_FILES} scene files; a story is limited to {MAX_SCENE_FILES}")
        return None
    if not pack_sizes_fit([(file, display_path(file)) for file in files], bag):
        return None  # over a size limit: said before any file is parsed
    manifest = read_yaml_file(manifest_path, display_path(manifest_path), bag, digest, root, budget)

    def read(path: Path, into: DiagnosticBag, hashed, left: PackBudget) -> Doc | None:
        return read_yaml_file(path, display_path(path), into, hashed, root, left)

    cut = split_at(scene_files) if manifest is not None else 0
    later = Reading(scene_files[cut:], read, budget) if cut else None  # read in a child meanwhile (split_read.py)
    scenes: list[Doc] = []
    try:
        _read_scenes(scene_files[:cut] if cut else scene_files, read, bag, digest, budget, scenes)
        part = later.result() if later is not None and not budget.exhausted else None
    finally:
        if later is not None:
            later.close()
    if later is not None and not budget.exhausted:
        if part is not None and part.bytes_used <= budget.bytes_left and part.nodes_used <= budget.nodes_left:
            for chunk in part.chunks:
                digest.update(chunk)
            budget.bytes_left -= part.bytes_used
            budget.nodes_left -= part.nodes_used
            scenes.extend(part.docs)
        else:  # the child met a problem, or its part goes over a limit: read here, as if never split
            _read_scenes(scene_files[cut:], read, bag, digest, budget, scenes)
    if manifest is None or len(scenes) < len(scene_files):
        # A file that could not be read hides its scene, flags and characters: building now would blame
        # other files for what is missing (unknown flag, no such scene). Report the cause once.
        return None
    return manifest, scenes, digest.hexdigest(), root


def _read_scenes(files: list[Path], read, bag: DiagnosticBag, digest, budget, scenes: list) -> None:
    """Scene files read in order into `scenes`, until a pack-wide limit is reported."""
    for scene_path in files:
        doc = read(scene_path, bag, digest, budget)
        if doc is not None:
            scenes.append(doc)
        if budget.exhausted:
            break  # one diagnostic says the story is over its limits; the rest would repeat it


def load_story(path: Path) -> Story:
    """The Story at `path`, or StoryLoadError carrying every diagnostic."""
    story, diagnostics = check_story(path)
    if story is None:
        raise StoryLoadError(diagnostics)
    return story


# ---- the story as JSON (for the browser) ---------------------------------------------------
def compile_story(path: Path) -> tuple[dict | None, list[Diagnostic]]:
    """The story at `path` as JSON-ready data: its parsed files (positions dropped) and content hash.

    The story is built once here, so a story that does not load gives diagnostics and no data.
    `story_from_json` turns the data back into the same Story.
    """
    def work():
        bag = DiagnosticBag()
        read = _read_docs(Path(path), bag)
        if read is None:
            return None, bag.sorted()
        manifest, scenes, content_hash, root = read
        if build_story(manifest, scenes, bag, content_hash, root) is None:
            return None, bag.sorted()
        data = {"format": JSON_FORMAT, "version": JSON_VERSION, "content_hash": content_hash, "root": root.name,
                "files": [_file_entry(doc) for doc in (manifest, *scenes)]}
        return data, bag.sorted()

    return _collector_paused(work)


def _file_entry(doc: Doc) -> dict:
    """One parsed file for story.json: its data, and the source text of plain numbers (so 1.10 stays 1.10)."""
    entry = {"file": doc.file, "data": doc.data}
    numbers = doc.number_texts()
    if numbers:
        entry["raw"] = [[list(path), text] for path, text in numbers.items()]
    return entry


def _raw_texts(value) -> dict:
    """`_file_entry`'s raw list back as Doc.numbers; entries of the wrong shape are dropped."""
    out = {}
    for item in value if isinstance(value, list) else ():
        if (isinstance(item, list) and len(item) == 2 and isinstance(item[0], list) and isinstance(item[1], str)
                and all(isinstance(part, (str, int)) and not isinstance(part, bool) for part in item[0])):
            out[tuple(item[0])] = item[1]
    return out


def story_from_json(data) -> tuple[Story | None, list[Diagnostic]]:
    """Build a Story from `compile_story`'s data, with the same builder and checks as from YAML."""
    bag = DiagnosticBag()
    where = Pos("story.json")
    if not isinstance(data, dict) or data.get("format") != JSON_FORMAT:
        bag.error(where, codes.UNREADABLE, "not a compiled Tether story (build it with `tether build-web`)")
        return None, bag.sorted()
    if data.get("version") != JSON_VERSION:
        bag.error(where, codes.BAD_FORMAT, f"compiled story version {data.get('version')!r}; this Tether reads {JSON_VERSION}")
        return None, bag.sorted()
    files = data.get("files")
    if not isinstance(files, list) or not files or not all(
            isinstance(f, dict) and isinstance(f.get("file"), str) and "data" in f for f in files):
        bag.error(where, codes.UNREADABLE, "a compiled story holds a list of files, each with 'file' and 'data'")
        return None, bag.sorted()
    if len(files) > MAX_SCENE_FILES + 1:
        bag.error(where, codes.UNREADABLE, f"more than {MAX_SCENE_FILES} scene files; a story is limited to {MAX_SCENE_FILES}")
        return None, bag.sorted()
    docs = [Doc(f["file"], f["data"], numbers=_raw_texts(f.get("raw"))) for f in files]
    story = _collector_paused(lambda: build_story(docs[0], docs[1:], bag, str(data.get("content_hash", "")),
                                                  Path(str(data.get("root", "story")))))
    return story, bag.sorted()


def story_from_json_text(raw: bytes | str) -> tuple[Story | None, list[Diagnostic]]:
    """`story_from_json` over the text of story.json, read with the limits of any untrusted file."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    bag = DiagnosticBag()
    where = Pos("story.json")
    if len(raw) > MAX_JSON_BYTES:
        bag.error(where, codes.UNREADABLE, f"file is {len(raw) / 1e6:.1f} MB; a compiled story is limited to {MAX_JSON_BYTES // MB} MB")
        return None, bag.sorted()
    try:
        data = json.loads(raw.decode("utf-8"))
        check_shape(data, MAX_JSON_DEPTH, MAX_JSON_NODES)
    except UnicodeDecodeError:
        bag.error(where, codes.NOT_UTF8, "not valid UTF-8")
        return None, bag.sorted()
    except json.JSONDecodeError as exc:
        bag.error(Pos("story.json", exc.lineno, exc.colno), codes.YAML_SYNTAX, f"not valid JSON: {exc.msg}")
        return None, bag.sorted()
    except (ValueError, RecursionError) as exc:
        bag.error(where, codes.UNREADABLE, f"compiled story refused: {exc}")
        return None, bag.sorted()
    return story_from_json(data)
