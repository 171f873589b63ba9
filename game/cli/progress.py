"""The writer tools' progress bars: the explorer's questions decided, per role, on stderr."""

from __future__ import annotations

import time

DELAY_S = 2.0  # a run shorter than this shows no bar at all


class Progress:
    """A progress bar on stderr (tqdm), shown only when a run takes more than two seconds and stderr is a terminal."""

    def __init__(self):
        self.bars = {}
        self.started = time.monotonic()  # the run's start: a bar begun later waits only for what is left of DELAY_S

    def __call__(self, role: str, decided: int, total: int) -> None:
        bar = self.bars.get(role)
        if bar is None:
            bar = self.bars[role] = _bar_class()(total=total, desc=f"{role}: questions decided", unit="q",
                                                 delay=max(0.0, DELAY_S - (time.monotonic() - self.started)),
                                                 disable=None, leave=False)
        bar.update(decided - bar.n)

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


_BAR: list = []


def _bar_class():
    """tqdm's bar without its monitor thread (it would outlive the bar, and no child process is forked while
    another thread runs); tqdm is imported only once a bar is wanted."""
    if not _BAR:
        from tqdm import tqdm

        class Bar(tqdm):
            monitor_interval = 0

        _BAR.append(Bar)
    return _BAR[0]


__all__ = ["Progress"]
