"""The explorer's progress bar: on a terminal's stderr, for runs longer than two seconds; lint shows it too."""

import io
import sys

from game.cli import progress as progress_module
from game.tools.lint import lint_path
from tests.tools.helpers import MINI


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _bars(monkeypatch, stream, delay: float) -> tuple[str, dict]:
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.setattr(progress_module, "DELAY_S", delay)
    bars = progress_module.Progress()
    bars("anxious", 3, 10)
    bars("anxious", 7, 10)
    bars("avoidant", 1, 4)
    counts = {role: bar.n for role, bar in bars.bars.items()}
    bars.close()
    return stream.getvalue(), counts


def test_a_bar_per_role_on_a_terminal(monkeypatch):
    shown, counts = _bars(monkeypatch, _Terminal(), 0.0)
    assert counts == {"anxious": 7, "avoidant": 1}
    assert "anxious: questions decided" in shown and "/10 " in shown  # drawn at most ten times a second
    assert "avoidant: questions decided" in shown and "/4 " in shown


def test_no_bar_for_a_short_run_or_off_a_terminal(monkeypatch):
    assert _bars(monkeypatch, _Terminal(), 60.0)[0] == ""  # done before the delay
    assert _bars(monkeypatch, io.StringIO(), 0.0)[0] == ""  # stderr is a file or a pipe


def test_lint_passes_the_exploration_s_progress_on():
    heard = []
    lint_path(MINI, progress=lambda role, decided, total: heard.append((role, decided, total)))
    assert {role for role, _decided, _total in heard} == {"anxious", "avoidant"}
    assert all(0 <= decided <= total for _role, decided, total in heard)


def test_a_bar_begun_late_in_a_long_run_shows_at_once(monkeypatch):
    stream = _Terminal()
    monkeypatch.setattr(sys, "stderr", stream)
    bars = progress_module.Progress()
    bars.started -= progress_module.DELAY_S + 1  # the story took that long to load before the first report
    bars("avoidant", 2, 8)
    bars.close()
    assert "avoidant: questions decided" in stream.getvalue()
