"""Ctrl-C, SIGTERM and SIGHUP during terminal play: the game is saved and the log holds everything shown."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from tests.security.helpers import HANG_GUARD, MINI, ROOT


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["INT", "TERM", "HUP"])
def test_a_signal_mid_game_saves_the_game_and_writes_the_whole_log(tmp_path, signum):
    log = tmp_path / "log.json"
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_DATA_HOME=str(tmp_path / "data"), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "game", "play", "--text", "--story", str(MINI), "--role", "anxious",
                             "--log", str(log)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, cwd=ROOT)
    seen: list[bytes] = []
    reader = threading.Thread(target=lambda: seen.extend(iter(lambda: proc.stdout.read1(4096), b"")), daemon=True)
    reader.start()

    def wait_for_prompts(count: int) -> None:
        deadline = time.monotonic() + HANG_GUARD  # a guard against hanging, not a timing claim
        while b"".join(seen).count(b"\n> ") + b"".join(seen).startswith(b"> ") < count:
            assert time.monotonic() < deadline and proc.poll() is None, b"".join(seen)[-2000:]
            time.sleep(0.05)

    wait_for_prompts(1)
    proc.stdin.write(b"1\n")
    proc.stdin.flush()
    wait_for_prompts(2)  # the first choice is made and the next menu is waiting
    proc.send_signal(signum)
    proc.wait(timeout=HANG_GUARD)
    reader.join(timeout=5)
    out = b"".join(seen).decode("utf-8", "replace")
    assert proc.returncode in (0, 130), (proc.returncode, out, proc.stderr.read())
    assert "Traceback" not in proc.stderr.read().decode("utf-8", "replace")
    events = json.loads(log.read_text())["events"]
    chose = [i for i, e in enumerate(events) if "choice" in e]
    assert len(chose) == 1
    assert any("line" in e for e in events[chose[0] + 1:])  # the lines shown after the choice are in the log too
    assert (tmp_path / "data" / "tether" / "saves" / "autosave.json").is_file()
