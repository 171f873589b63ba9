"""The explorer: exact on small stories, honest about limits, paths that replay in the real game."""

import json

import pytest

from game.engine import load_story
from game.tools.explore import explore, replay
from tests.tools.helpers import MINI, SHIPPED, apply_example, doc_examples, tether


@pytest.fixture(scope="module")
def mini():
    return load_story(MINI)


def test_mini_story_is_explored_completely(mini):
    ex = explore(mini)
    assert ex.complete
    for role in ("anxious", "avoidant"):
        assert set(ex.roles[role].endings) == {"steady", "apart", "again"}
    data = ex.to_dict()
    assert data["nodes_unreachable"] == ["text.a_tense"]  # safety never drops below 3 before that branch
    assert data["lines_unreachable"] == ["text.a_wait.3", "text.a_tense.1"]
    assert data["roles"]["avoidant"]["ending_kinds"] == ["breakup", "escalation", "growth"]


def test_every_shortest_path_replays_to_its_ending(mini):
    ex = explore(mini)
    for role, result in ex.roles.items():
        for ending, path in result.endings.items():
            assert replay(mini, role, path).state.ending == ending
            assert len(path) == 2  # two scenes, one menu each: nothing shorter exists


def test_paths_replay_through_the_play_command(mini):
    result = tether("explore", MINI, "--json")
    data = json.loads(result.stdout)
    path = data["roles"]["anxious"]["endings"]["apart"]["path"]
    played = tether("play", "--text", "--role", "anxious", "--story", MINI, "--choices", ",".join(path), timeout=60)
    assert "Ending: Apart (breakup)" in played.stdout, played.stdout[-800:]


def test_limit_is_reported_never_silent(mini):
    ex = explore(mini, max_states=1)
    assert not ex.complete
    data = ex.to_dict()
    assert "limit" in data["roles"]["anxious"]["limit"]
    # what the bounds cannot rule out is undecided, not "unreachable"
    assert set(data["unreached_endings"].values()) <= {"undecided"}
    result = tether("explore", MINI, "--max-states", "1")
    assert "NOT every question decided" in result.stdout
    assert result.returncode == 3  # nothing wrong found, but the verdict is not complete


def test_soft_lock_found_with_its_path(tmp_path):
    blocks = doc_examples()["E0401"]
    apply_example(tmp_path, blocks)
    # give one choice a reachable-but-empty state: start safety at 4
    manifest = tmp_path / "story.yaml"
    result = tether("explore", tmp_path, "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    locks = data["roles"]["anxious"]["softlocks"]
    assert locks and locks[0]["node"] == "s.open" and locks[0]["path"] == []
    assert manifest.exists()


@pytest.mark.skipif(not (SHIPPED / "story.yaml").exists(), reason="the shipped story is not there yet")
def test_shipped_story_reaches_every_ending_for_both_roles(shipped_exploration):
    ex = shipped_exploration
    story = ex.story
    for role, result in ex.roles.items():
        missing = [e.id for e in story.endings if e.id not in result.endings]
        assert not missing, f"{role} reaches no path to {missing}"
        for ending, path in result.endings.items():
            assert replay(story, role, path).state.ending == ending
    assert not ex.softlocks()


def test_reply_lines_are_reached_counted_and_checked(tmp_path):
    from game.engine import load_story
    from game.tools.explore import explore
    from game.tools.stats import stats
    from tests.engine.helpers import write_story
    from tests.engine.test_runner import REPLY_SCENE

    story = load_story(write_story(tmp_path, REPLY_SCENE))
    result = explore(story, "anxious")
    assert result.status("line", "s.ask.soft.1") == "reached"
    assert result.status("line", "s.ask.sharp.1") == "reached"
    assert result.status("line", "s.ask.soft.2") == "unreachable"  # safety never passes 9 here
    assert stats(story)["lines"] == 6  # two node lines and four reply lines


def _orphans_story(root, count: int):
    """The small story's manifest with one scene whose start ends the scene, and `count` nodes nothing leads to."""
    from tests.tools.helpers import write_story

    manifest = (MINI / "story.yaml").read_text(encoding="utf-8").replace("scenes: [text, talk]", "scenes: [s]")
    nodes = "\n".join(f"  o{i:02d}:\n    lines: [\"Orphan {i}.\"]\n    end: scene" for i in range(count))
    scene = ("id: s\ntitle: S\nlocation: flat_night\ncontent_notes: [none]\nsummary: A scene.\n"
             "start: {anxious: a, avoidant: a}\nnodes:\n  a:\n    lines: [\"Hello.\"]\n    choices:\n"
             "      - {id: go, text: Go., tags: [neutral], why: x, effects: {safety: 1}, end: scene}\n" + nodes + "\n")
    return write_story(root, {"story.yaml": manifest, "scenes/s.yaml": scene})


def test_lists_are_grouped_by_scene_and_capped_unless_all(tmp_path):
    root = _orphans_story(tmp_path, 25)
    short = tether("explore", root)
    assert "nodes never reached by any role (proved): 25 in 1 scene" in short.stdout
    listed = next(line for line in short.stdout.splitlines() if line.startswith("  s (25): "))
    assert listed.count(", o") == 19 and listed.endswith("o19, ... 5 more")
    full = tether("explore", root, "--all")
    assert "o24" in full.stdout and "more" not in full.stdout
    data = json.loads(tether("explore", root, "--json").stdout)
    assert len(data["nodes_unreachable"]) == 25  # JSON keeps every id


def test_a_long_list_names_the_scenes_left_in_one_line():
    from game.cli.explore_cmd import MAX_IDS, grouped_lines

    ids = [f"s{scene:02d}.n{node}" for scene in range(30) for node in range(2 if scene != 25 else 5)]
    lines = grouped_lines("nodes undecided", ids, show_all=False, noun="nodes")
    assert lines[0] == f"nodes undecided: {len(ids)} in 30 scenes"
    assert lines[1:MAX_IDS // 2 + 1] == [f"  s{scene:02d} (2): n0, n1" for scene in range(MAX_IDS // 2)]
    assert lines[-2] == "  ... 20 more scenes with 43 more nodes; the most in s25 (5), s10 (2), s11 (2)"
    assert len(lines) == MAX_IDS // 2 + 3  # one line for the scenes left, not one per scene
    every = grouped_lines("nodes undecided", ids, show_all=True)
    assert len(every) == 31 and "more" not in "".join(every)


def test_a_role_that_reaches_no_ending_of_a_kind_fails(tmp_path):
    root = _orphans_story(tmp_path, 0)  # every playthrough ends the same way: one kind only
    result = tether("explore", root, "--json")
    assert result.returncode == 1
    problems = json.loads(result.stdout)["problems"]
    assert "anxious: can never reach a growth ending" in problems


def test_path_prints_the_choices_that_reach_one_item():
    result = tether("explore", MINI, "--path", "talk.start.attack")
    assert result.returncode == 0
    assert "avoidant: choice talk.start.attack is unreachable: proved by the interval bounds" in result.stdout
    command = next(line for line in result.stdout.splitlines() if "tether play" in line).split("--choices ")[1]
    played = tether("play", "--text", "--role", "anxious", "--story", MINI, "--choices", command + ",attack",
                    timeout=60)
    assert "Ending:" in played.stdout, played.stdout[-800:]


def test_a_long_path_is_shown_as_where_to_get_it_unless_all(monkeypatch, capsys):
    from game.cli import explore_cmd
    from game.cli.main import main

    monkeypatch.setattr(explore_cmd, "MAX_PATH", 1)  # the small story's endings take 2 choices
    assert main(["explore", str(MINI), "--role", "anxious"]) == 0
    short = capsys.readouterr().out
    ending = next(line.split()[0] for line in short.splitlines() if line.startswith("    ") and "choices:" in line)
    assert f"--all here, or tether explore {MINI} --role anxious --path {ending})" in short
    assert "--choices" not in short
    assert main(["explore", str(MINI), "--role", "anxious", "--all"]) == 0
    full = capsys.readouterr().out
    assert "--choices" in full and "--all here" not in full
    assert main(["explore", str(MINI), "--role", "anxious", "--path", ending]) == 0
    command = capsys.readouterr().out.splitlines()[1].strip()
    assert command in full  # --path prints the very command --all shows
