"""Child processes are forked only where that is safe."""

import threading

from game.engine import forking


def test_no_fork_while_another_thread_runs(monkeypatch):
    monkeypatch.setattr(forking.os, "fork", lambda: 0, raising=False)  # as where the platform forks
    monkeypatch.setattr(forking.sys, "platform", "linux")
    free = forking.can_fork()
    release = threading.Event()
    waiting = threading.Thread(target=release.wait, name="picture-loader")
    waiting.start()
    try:
        assert not forking.can_fork()
    finally:
        release.set()
        waiting.join()
    assert forking.can_fork() == free


def test_no_fork_in_a_browser(monkeypatch):
    monkeypatch.setattr(forking.sys, "platform", "emscripten")
    assert not forking.can_fork()


def test_cores_is_at_least_one():
    assert forking.cores() >= 1
