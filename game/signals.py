"""SIGTERM and SIGHUP stop play the way Ctrl-C does.

Both front ends (the terminal and the window) catch KeyboardInterrupt to save the game in
progress and write the session log; a closed terminal (SIGHUP) or a `kill` (SIGTERM) must
do the same rather than end the program on the spot.
"""

from __future__ import annotations

import signal

STOP_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")


def _stop(signum, frame):
    raise KeyboardInterrupt


def stop_on_signals() -> None:
    """From now on SIGINT, SIGTERM and SIGHUP raise KeyboardInterrupt in the main thread.

    A signal the program was started with ignored stays ignored: `nohup` ignores SIGHUP on
    purpose, and a shell starts background jobs with SIGINT ignored."""
    for name in STOP_SIGNALS:
        if hasattr(signal, name) and signal.getsignal(getattr(signal, name)) is not signal.SIG_IGN:
            signal.signal(getattr(signal, name), _stop)


def ignore_stop_signals() -> None:
    """While the game is being saved on the way out, a second signal must not cut the save short."""
    for name in STOP_SIGNALS:
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
