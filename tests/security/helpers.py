"""Shared helpers for the attack regression tests: run the CLI like an attacker would, check the answer."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "data" / "mini_story"
# Anything from a raw escape sequence to a bare carriage return or bell: none may reach a terminal.
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
HANG_GUARD = 60  # seconds before a run counts as hung (a guard, not a timing claim)


def tether(*args, cwd=ROOT, stdin: bytes | str = b"", env: dict | None = None) -> subprocess.CompletedProcess:
    """`python -m game ARGS` with bytes in and text out (decoded leniently, so the test sees everything)."""
    full_env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYTHONPATH=str(ROOT))
    full_env.update(env or {})
    data = stdin.encode() if isinstance(stdin, str) else stdin
    out = subprocess.run([sys.executable, "-m", "game", *map(os.fsdecode, args)], cwd=cwd, input=data,
                         capture_output=True, timeout=HANG_GUARD, env=full_env)
    out.stdout = out.stdout.decode("utf-8", errors="surrogateescape")
    out.stderr = out.stderr.decode("utf-8", errors="surrogateescape")
    return out


def copy_mini(tmp_path: Path, name: str = "mini") -> Path:
    dest = tmp_path / name
    shutil.copytree(MINI, dest)
    return dest


def assert_clean(result: subprocess.CompletedProcess, exit_code: int | None = 1) -> str:
    """No traceback, no raw control character, the expected exit code; returns all output."""
    text = result.stdout + result.stderr
    assert "Traceback" not in text, text
    assert not RAW_CONTROL.search(text), repr(RAW_CONTROL.search(text).group())
    if exit_code is not None:
        assert result.returncode == exit_code, (result.returncode, text)
    return text
