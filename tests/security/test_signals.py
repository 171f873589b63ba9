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


def _signals_as_at_a_terminal() -> None:
    """In the child: the stop signals at their defaults, however this test run was started (a shell starts
    background jobs with SIGINT ignored, and a program rightly keeps a signal it was given ignored)."""
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["INT", "TERM", "HUP"])
def test_a_signal_mid_game_saves_the_game_and_writes_the_whole_log(tmp_path, signum):
    log = tmp_path / "log.json"
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_DATA_HOME=str(tmp_path / "data"), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "game", "play", "--text", "--story", str(MINI), "--role", "anxious",
                             "--log", str(log)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, cwd=ROOT, preexec_fn=_signals_as_at_a_terminal)
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


def _catches(pid: int, signum: int) -> bool:
    """True once the process has a handler for `signum` (the SigCgt mask in /proc/PID/status)."""
    try:
        status = open(f"/proc/{pid}/status").read()
    except OSError:
        return False
    caught = int(next(line.split()[1] for line in status.splitlines() if line.startswith("SigCgt:")), 16)
    return bool(caught & (1 << (signum - 1)))


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads /proc to see when the window is ready")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["INT", "TERM", "HUP"])
def test_a_signal_to_the_window_saves_the_game_and_writes_the_log(tmp_path, signum):
    pytest.importorskip("pygame")
    log = tmp_path / "log.json"
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_DATA_HOME=str(tmp_path / "data"), SDL_VIDEODRIVER="dummy",
               SDL_AUDIODRIVER="dummy")
    saves = tmp_path / "data" / "tether" / "saves"
    first = subprocess.run([sys.executable, "-m", "game", "play", "--text", "--story", str(MINI), "--role", "anxious",
                            "--log", str(log)], input=b"1\nq\n", capture_output=True, env=env, cwd=ROOT,
                           timeout=HANG_GUARD)
    assert first.returncode == 0, first.stderr
    (saves / "autosave.json").rename(saves / "slot1.json")  # the window continues from slot 1 ...
    proc = subprocess.Popen([sys.executable, "-m", "game", "play", "--gui", "--continue", "--story", str(MINI),
                             "--log", str(log)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT,
                            preexec_fn=_signals_as_at_a_terminal)
    deadline = time.monotonic() + HANG_GUARD  # a guard against hanging, not a timing claim
    while not _catches(proc.pid, signal.SIGHUP):  # the window has continued the game and handles signals
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.kill()
            pytest.fail(f"the window never got ready to handle signals: {proc.communicate()}")
        time.sleep(0.05)
    proc.send_signal(signum)
    out, err = proc.communicate(timeout=HANG_GUARD)
    assert proc.returncode == 130, (proc.returncode, out, err)
    assert b"Traceback" not in err, err
    assert (saves / "autosave.json").is_file()  # ... so an autosave can only come from the signal
    events = json.loads(log.read_text())["events"]
    assert sum("choice" in e for e in events) == 1
    assert "resumed" in events[-1]  # the log was written on the way out, not only at the last choice


def test_a_signal_the_game_was_started_with_ignored_stays_ignored():
    """`nohup` ignores SIGHUP on purpose and a shell starts background jobs with SIGINT ignored."""
    from game.signals import stop_on_signals

    names = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    saved = {signum: signal.getsignal(signum) for signum in names}
    try:
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        stop_on_signals()
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
        assert callable(signal.getsignal(signal.SIGTERM))  # a default one is taken over: it saves the game
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)
