"""lint's rules that need no answers run while the roles are explored: the same findings, and no child left behind."""

import pytest

from game.engine import load_story
from game.tools import lint
from game.tools.explore import Explorer, explore
from game.tools.explore_parallel import can_fork
from tests.tools.helpers import MINI, SHIPPED


@pytest.mark.parametrize("root", [MINI, SHIPPED], ids=["mini", "shipped"])
def test_findings_are_the_same_with_the_exploration_under_way(root):
    story = load_story(root)
    finished = lint.lint_story(story, exploration=explore(story, parallel=False))
    assert lint.lint_story(story, exploration=Explorer(story, parallel=False).start()) == finished
    if can_fork():
        pending = Explorer(story, parallel=True).start()
        assert pending.side_by_side
        assert lint.lint_story(story, exploration=pending) == finished
    assert [d.code for d in finished] == [d.code for d in lint.lint_story(story)]


class _Pending:
    """An exploration under way that notes which rules had run when its answers were asked for."""

    def __init__(self, story, ran: list):
        self.answers = explore(story, parallel=False)
        self.ran = ran
        self.asked_after: list | None = None
        self.cancelled = False

    def result(self):
        self.asked_after = list(self.ran)
        return self.answers

    def cancel(self):
        self.cancelled = True


def _noting(monkeypatch, ran: list) -> None:
    for name in lint.Rules.ORDER:
        rule = getattr(lint.Rules, name)

        def noted(self, rule=rule, name=name):
            ran.append(name)
            return rule(self)

        monkeypatch.setattr(lint.Rules, name, noted)


def test_rules_that_need_no_answers_run_before_the_answers_are_awaited(monkeypatch):
    story = load_story(MINI)
    ran: list = []
    _noting(monkeypatch, ran)
    pending = _Pending(story, ran)
    found = lint.Rules(story, pending).run()
    assert set(pending.asked_after) == set(lint.Rules.ORDER) - lint.Rules.ANSWERED
    assert set(ran) == set(lint.Rules.ORDER)
    # and the findings come in the rules' own order, as when every answer was there from the start
    assert found == lint.Rules(story, pending.answers).run()


def test_a_rule_that_fails_stops_the_exploration(monkeypatch):
    story = load_story(MINI)
    pending = _Pending(story, [])

    def broken(self):
        raise RuntimeError("a rule failed")

    monkeypatch.setattr(lint.Rules, "text", broken)
    with pytest.raises(RuntimeError):
        lint.Rules(story, pending).run()
    assert pending.cancelled and pending.asked_after is None
