"""The class report: every log value is checked against the story; one bad or forged log never kills the report."""

from __future__ import annotations

import copy
import json

import pytest

from game.engine import SaveStore
from game.engine.files import LOG_LIMIT
from game.engine.session import PlaySession
from game.tools.report import read_logs, summarise
from tests.security.helpers import MINI, assert_clean, tether


def _play(mini_story, tmp_path, name: str, picks: list[int], role="avoidant"):
    log = tmp_path / f"{name}.json"
    session = PlaySession(mini_story, SaveStore(tmp_path / "saves"), log_path=log)
    session.new_game(role)
    picks = list(picks)
    for _ in range(200):  # bounded: the mini story ends within a few steps
        if session.phase == "playing":
            session.continue_to_choice()
            if session.phase == "playing" and session.runner.phase == "awaiting_choice":
                session.choose(picks.pop(0) if picks else 0)
        elif session.phase == "scene_debrief":
            session.next_scene()
        else:
            break
    assert session.phase == "ending"
    return log


@pytest.fixture
def good(mini_story, tmp_path):
    return json.loads(_play(mini_story, tmp_path, "good", [0, 0]).read_text())


def _forged(tmp_path, good, name, change):
    data = copy.deepcopy(good)
    change(data)
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data))
    return path


def _first_choice(data):
    return next(e for e in data["events"] if "choice" in e)


FORGERIES = {
    "final meters a string": (lambda d: d.update(final_meters="lots"), "not a mapping"),
    "final meters null": (lambda d: d.update(final_meters=None), "not a mapping"),
    "final meters a list": (lambda d: d.update(final_meters=[1, 2]), "not a mapping"),
    "final meter out of bounds": (lambda d: d["final_meters"].update(safety=10**50), "a huge number"),
    "final meter a float": (lambda d: d["final_meters"].update(safety=5.5), "not a whole number"),
    "unknown meter": (lambda d: d["final_meters"].update(joy=3), "no meter 'joy'"),
    "unknown choice id": (lambda d: _first_choice(d).update(choice="text.x.fake"), "choice the story does not have"),
    "choice id a list": (lambda d: _first_choice(d).update(choice=["a"]), "choice the story does not have"),
    "fake ending counted as growth": (lambda d: d.update(ending={"id": "fake", "kind": "growth"}),
                                      "ending is one the story does not have"),
    "ending kind forged": (lambda d: d["ending"].update(kind="growth" if d["ending"]["kind"] != "growth" else "breakup"),
                           "ending"),
    "ending a string": (lambda d: d.update(ending="growth"), "not a mapping"),
    "unknown skipped scene": (lambda d: d["events"].append({"skipped_scene": "nowhere"}), "skips a scene"),
    "role forged": (lambda d: d.update(role="secure"), "unknown role"),
    "story is text": (lambda d: d.update(story="mini"), "not a mapping"),
    "event not a mapping": (lambda d: d["events"].append([1]), "not a mapping"),
    "meters before a choice forged": (lambda d: _first_choice(d).update(before={"safety": "x"}), "not a whole number"),
}


@pytest.mark.parametrize("name", sorted(FORGERIES))
def test_forged_or_broken_log_is_skipped_counted_and_named(tmp_path, mini_story, good, name):
    change, reason = FORGERIES[name]
    bad = _forged(tmp_path, good, "bad", change)
    fine = _forged(tmp_path, good, "fine", lambda d: None)
    report = read_logs([fine, bad], mini_story)
    assert len(report.sessions) == 1 and len(report.problems) == 1
    assert report.problems[0].startswith(f"{bad}: not counted:") and reason in report.problems[0], report.problems
    summary = summarise(report, mini_story)
    assert summary["sessions"] == 1 and summary["unreadable"] == 1


def test_a_fake_ending_is_never_counted_as_growth(tmp_path, mini_story, good):
    fakes = [_forged(tmp_path, good, f"fake{i}", lambda d: d.update(ending={"id": "fake", "kind": "growth"}))
             for i in range(3)]
    real = _forged(tmp_path, good, "real", lambda d: None)
    summary = summarise(read_logs([*fakes, real], mini_story), mini_story)
    kinds = summary["roles"]["avoidant"]["kinds"]
    assert sum(kinds.values()) == 1 and summary["unreadable"] == 3


def test_log_nested_a_hundred_thousand_deep_is_skipped(tmp_path, mini_story, good):
    deep = tmp_path / "deep.json"
    deep.write_text(json.dumps(good).replace('"events": [', '"junk": ' + "[" * 100_000 + "]" * 100_000 + ', "events": ['))
    report = read_logs([deep], mini_story)
    assert not report.sessions and "nested more than" in report.problems[0]


def test_log_over_its_size_limit_is_skipped_unread(tmp_path, mini_story, good):
    big = tmp_path / "big.json"
    with open(big, "wb") as handle:
        handle.truncate(LOG_LIMIT + 1)  # sparse: NUL bytes, which no JSON reader accepts if it were read
    fine = _forged(tmp_path, good, "fine", lambda d: None)
    report = read_logs([fine, big], mini_story)
    assert len(report.sessions) == 1
    assert report.problems == [f"{big}: not counted: it is 8.4 MB; the limit is 8 MB"]


def test_non_finite_meter_in_a_log_is_skipped(tmp_path, mini_story, good):
    path = tmp_path / "inf.json"
    path.write_text(json.dumps(good).replace('"final_meters": {', '"final_meters": {"x": 1e999, ', 1))
    report = read_logs([path], mini_story)
    assert not report.sessions and "too large" in report.problems[0]


def test_cli_counts_good_logs_names_bad_ones_and_writes_no_page_from_nothing(tmp_path, mini_story, good):
    fine = _forged(tmp_path, good, "fine", lambda d: None)
    bad = _forged(tmp_path, good, "bad", lambda d: d.update(final_meters="x"))
    page = tmp_path / "class.html"
    text = assert_clean(tether("report", fine, bad, "--story", MINI, "--html", page), exit_code=0)
    assert "bad.json: not counted" in text and "1 log not counted" in text and page.is_file()
    page.unlink()
    text = assert_clean(tether("report", bad, "--story", MINI, "--html", page), exit_code=1)
    assert "no report was written" in text and not page.exists()


def test_cli_refuses_a_folder_as_the_html_page(tmp_path, good):
    fine = _forged(tmp_path, good, "fine", lambda d: None)
    (tmp_path / "page").mkdir()
    text = assert_clean(tether("report", fine, "--story", MINI, "--html", tmp_path / "page"), exit_code=2)
    assert "not a regular file" in text
