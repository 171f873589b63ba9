"""Shared helpers for the writer-tool tests."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini_story"
SHIPPED = ROOT / "story"
DOCS = ROOT / "docs"
FENCE = re.compile(r"```yaml\n(.*?)```", re.S)


def tether(*args, cwd=ROOT, timeout=120) -> subprocess.CompletedProcess:
    """Run `python -m game ARGS` the way a writer would, capturing its output."""
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    return subprocess.run([sys.executable, "-m", "game", *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env=env)


def copy_mini(tmp_path: Path) -> Path:
    dest = tmp_path / "mini"
    shutil.copytree(MINI, dest)
    return dest


def write_story(root: Path, files: dict[str, str]) -> Path:
    """Write a story folder from {relative path: text}."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def doc_base() -> dict[str, str]:
    """The small story docs/diagnostics.md drops its examples into."""
    text = (DOCS / "diagnostics.md").read_text(encoding="utf-8")
    base = text.split("## Reading files")[0]
    files = {}
    for block in FENCE.findall(base):
        first, _, rest = block.partition("\n")
        if first.startswith("# file: "):
            files[first[len("# file: "):].strip()] = rest
    return files


ASSIGNMENTS = "\n## Assignment files\n"


def doc_examples(part: str = "story") -> dict[str, list[str]]:
    """code -> the yaml blocks of its section in docs/diagnostics.md: the story codes, or (part="assignment")
    the assignment codes of its last part."""
    text = (DOCS / "diagnostics.md").read_text(encoding="utf-8")
    story, _, assignment = text.partition(ASSIGNMENTS)
    body = story.split("## Reading files", 1)[1] if part == "story" else assignment
    out = {}
    for section in re.split(r"\n### ", body)[1:]:
        code = section.split()[0]
        out[code] = FENCE.findall(section)
    return out


def doc_assignment_base() -> dict[str, str]:
    """The files the assignment examples start from: the story's extra scene and the clean assignment."""
    text = (DOCS / "diagnostics.md").read_text(encoding="utf-8")
    intro = text.partition(ASSIGNMENTS)[2].split("\n### ", 1)[0]
    files = {}
    for block in FENCE.findall(intro):
        first, _, rest = block.partition("\n")
        files[first[len("# file: "):].strip()] = rest
    return files


def write_assignment_example(root: Path, blocks: list[str] | None = None) -> Path:
    """The doc story with its second scene, the clean assignment, then each block's file over them; returns
    the assignment's path."""
    write_story(root, doc_base())
    manifest = root / "story.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("scenes: [s]", "scenes: [s, t]"), encoding="utf-8")
    write_story(root, doc_assignment_base())
    for block in blocks or []:
        head, _, rest = block.partition("\n")
        assert head.startswith("# file: "), head
        (root / head[len("# file: "):].strip()).write_text(rest, encoding="utf-8")
    return root / "wk.tether.yaml"


def apply_example(root: Path, blocks: list[str]) -> dict:
    """Write the doc base story, then each block's file over it; returns lint options the example asks for."""
    write_story(root, doc_base())
    options = {}
    for block in blocks:
        lines = block.split("\n")
        while lines and lines[0].startswith("# lint:"):
            parts = lines.pop(0)[len("# lint:"):].split()
            options[parts[0].lstrip("-").replace("-", "_")] = int(parts[1])
        head = lines[0]
        if head.startswith("# remove: "):
            (root / head[len("# remove: "):].strip()).unlink()
            continue
        assert head.startswith("# file: "), head
        name = head[len("# file: "):]
        encoding = "utf-8"
        if "(saved as Latin-1)" in name:
            name, encoding = name.replace("(saved as Latin-1)", ""), "latin-1"
        rest = "\n".join(lines[1:])
        path = root / name.strip()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(rest.encode(encoding))
    return options
