"""Hand-in codes: short, checksummed, and replayed through the engine into the very same session."""

import dataclasses

import pytest

from game.engine.handin import Handin, HandinError, find_codes, handin_for, replay
from tests.conftest import SHIPPED
from tests.educate.helpers import play
from tests.tools.helpers import MINI, tether


@pytest.fixture(scope="module")
def shipped():
    from game.engine import load_story

    return load_story(SHIPPED)


def subset(story, scenes):
    return dataclasses.replace(story, scene_order=tuple(scenes), scenes={s: story.scenes[s] for s in scenes})


def assert_same_session(runner, replayed):
    again = replayed.log.runner
    assert again.state.moves == runner.state.moves  # every choice, with its meters before and after
    assert again.state.backlog == runner.state.backlog
    assert again.state.skipped == runner.state.skipped
    assert again.meters == runner.meters and again.state.ending == runner.state.ending


CASES = [  # role, seed, stop after, skip chance, scenes (None: all)
    ("anxious", 1, None, 0.0, None),
    ("avoidant", 2, None, 0.0, None),
    ("anxious", 3, None, 0.02, None),
    ("avoidant", 4, 5, 0.0, None),  # stopped part-way
    ("anxious", 5, None, 0.0, ("first_message", "the_fight")),
    ("avoidant", 6, None, 0.03, ("the_friends", "the_offer", "morning_after")),
]


@pytest.mark.parametrize("role,seed,stop,skip,scenes", CASES)
def test_a_code_replays_into_the_same_session(shipped, role, seed, stop, skip, scenes):
    story = subset(shipped, scenes) if scenes else shipped
    runner = play(story, role, seed, stop, skip, partial=bool(scenes))
    text = handin_for(runner, "wk5-ab12", "K7Q2", {"pre": 4, "why": "loops"}, 1_790_000_000, 1_790_001_800).to_text()
    assert len(text) < 700 and text.startswith("TETHER1-")
    replayed = replay(Handin.from_text(text.lower()), shipped)  # case does not matter
    assert_same_session(runner, replayed)
    extra = replayed.log.extra
    assert extra["code"] == "K7Q2" and extra["assignment"]["id"] == "wk5-ab12" and extra["answers"]["pre"] == 4
    assert extra["started_at"] == "2026-09-21T14:13:20Z"
    finished = runner.phase == "ended" or (scenes is not None and runner.phase == "scene_end" and stop is None)
    assert replayed.finished == finished and extra["assignment"]["partial"] == bool(scenes)


def test_codes_from_another_story_version_are_refused_naming_both(shipped):
    runner = play(shipped, "anxious", 7, stop_after=3)
    text = handin_for(runner, "a", "K7Q2", {}, None, None).to_text()
    newer = dataclasses.replace(shipped, version="2.0.0")
    with pytest.raises(HandinError, match=r"story version 1\.0\.0; this Tether has story version 2\.0\.0"):
        replay(Handin.from_text(text), newer)


def test_damaged_codes_are_refused_with_a_reason(shipped):
    text = handin_for(play(shipped, "anxious", 8, stop_after=4), "a", "K7Q2", {}, None, None).to_text()
    flipped = text[:20] + ("A" if text[20] != "A" else "B") + text[21:]
    for bad, reason in [(flipped, "checksum"), (text[:-8], "checksum"), (text[:-1], "copied whole"),
                        ("TETHER1-0189ABCD", "alphabet"),
                        ("hello", "not a Tether hand-in code")]:
        with pytest.raises(HandinError, match=reason):
            Handin.from_text(bad)
    wrong_steps = Handin.from_text(text)
    wrong_steps.steps = [9] + wrong_steps.steps
    with pytest.raises(HandinError, match="do not fit"):
        replay(wrong_steps, shipped)


def test_report_reads_a_file_of_pasted_codes(tmp_path, mini_story):
    texts = [handin_for(play(mini_story, role, seed), "wk", code, {}, None, None).to_text()
             for role, seed, code in [("anxious", 1, "AAAA"), ("avoidant", 2, "BBBB")]]
    pasted = tmp_path / "pasted.txt"
    broken = texts[1][:30] + texts[1][31:]
    pasted.write_text(f"Name,Answer\nstudent 1,{texts[0]}\nstudent 2,\"{texts[1]}\"\nstudent 3,{broken}\n")
    assert find_codes(pasted.read_text()) == [*texts, broken]
    result = tether("report", "--codes", pasted, "--story", MINI, "--json")
    assert result.returncode == 0, result.stderr
    assert '"sessions": 2' in result.stdout and "hand-in code 3" in result.stderr and "copied whole" in result.stderr
    assert "Traceback" not in result.stderr
