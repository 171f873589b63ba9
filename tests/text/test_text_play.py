"""The terminal front end end to end, as a player (or a script) would drive it."""

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import MINI


def tether(*args, stdin="", env_extra=None, timeout=60):
    env = dict(os.environ, **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "game", *map(str, args)], input=stdin, capture_output=True,
                          text=True, timeout=timeout, env=env)


@pytest.mark.parametrize("role", ["anxious", "avoidant"])
def test_piped_ones_reach_an_ending_of_the_shipped_story(tmp_path, role):
    log = tmp_path / "s.json"
    out = tether("play", "--text", "--role", role, "--log", log, stdin="1\n" * 400)
    assert out.returncode == 0, out.stderr
    data = json.loads(log.read_text())
    assert data["ending"]["kind"] in ("growth", "escalation", "breakup")
    assert data["role"] == role and data["story"]["id"] == "tether"
    assert f"== Ending: {data['ending']['title']}" in out.stdout
    assert "== The whole year" in out.stdout and "Why:" in out.stdout and "Traceback" not in out.stderr
    # every scene's debrief (moves, names, why) comes before the next scene's title
    first_debrief = out.stdout.index('== After "')
    assert out.stdout.index("Move: ", first_debrief) < out.stdout.index("\n== ", first_debrief + 5)


def test_log_records_lines_choices_with_meters_and_the_ending(tmp_path):
    log = tmp_path / "s.json"
    out = tether("play", "--text", "--role", "avoidant", "--story", MINI, "--log", log, stdin="2\n2\n")
    assert out.returncode == 0, out.stderr
    data = json.loads(log.read_text())
    assert data["events"][0] == {"line": "text.v_phone.1"}
    choice = data["events"][1]
    assert choice["choice"] == "text.v_phone.leave_it" and choice["before"]["closeness"] == 5 and choice["after"]["closeness"] == 3
    assert data["ending"] == {"id": "apart", "kind": "breakup", "title": "Apart"}
    assert data["story"] == {"id": "mini", "version": "0.1.0"}


def test_end_of_input_saves_and_continue_resumes(tmp_path):
    first = tether("play", "--text", "--role", "anxious", "--story", MINI, stdin="2\n")
    assert first.returncode == 0
    assert "Input ended. Your game is saved" in first.stdout and "tether play --text --continue" in first.stdout
    second = tether("play", "--text", "--story", MINI, "--continue", stdin="1\n")
    assert second.returncode == 0, second.stderr
    assert "Continuing: The Talk" in second.stdout
    assert "== Ending: Steady (growth) ==" in second.stdout  # wait (+1) then naming the loop (+2): safety 8


def test_commands_help_history_undo_and_notes():
    out = tether("play", "--text", "--role", "anxious", "--story", MINI, stdin="?\nh\nn\nu\n1\nu\n2\nq\n")
    text = out.stdout
    assert out.returncode == 0
    assert "u     undo the last choice" in text
    assert "History:\n  It's 9:40." in text
    assert "Content notes: waiting for a reply." in text
    assert "There is no choice to undo yet." in text
    assert "Undone. You are back before your last choice." in text
    assert text.count("1. Send another: ?? where are you") == 2  # the menu is offered again after undo
    assert "Stopped. Your game is saved" in text


def test_scripted_choices_by_id_and_number():
    out = tether("play", "--text", "--role", "avoidant", "--story", MINI, "--choices", "text.v_phone.reply_now,1")
    assert out.returncode == 0
    assert "(You chose: Call her back now.)" in out.stdout and "== Ending: Steady (growth) ==" in out.stdout


def test_skip_scene_shows_the_summary():
    out = tether("play", "--text", "--role", "anxious", "--story", MINI, stdin="k\n1\n")
    assert "Scene skipped. What happens: Sam doesn't answer for an evening." in out.stdout
    assert "You skipped this scene, so there are no moves to look at." in out.stdout


def test_broken_story_gives_diagnostics_not_a_traceback(tmp_path):
    (tmp_path / "scenes").mkdir()
    (tmp_path / "story.yaml").write_text("id: x\ntitle: [unclosed\n")
    out = tether("play", "--text", "--story", tmp_path)
    assert out.returncode == 1
    assert "story.yaml:3:1: error E0004: YAML syntax" in out.stderr and "Traceback" not in out.stderr
    lint = tether("lint", tmp_path)
    assert lint.returncode == 1 and "story.yaml:3:1:" in lint.stdout


def test_damaged_autosave_is_set_aside_and_play_starts_fresh(tmp_path):
    saves = tmp_path / "tether" / "saves"
    saves.mkdir(parents=True)
    (saves / "autosave.json").write_text("{ half a save")
    out = tether("play", "--text", "--role", "anxious", "--story", MINI, "--continue", stdin="2\n1\n",
                 env_extra={"XDG_DATA_HOME": str(tmp_path)})
    assert out.returncode == 0, out.stderr
    assert "could not be used" in out.stdout and "starting fresh" in out.stdout
    assert any(p.name.startswith("autosave.json.damaged-") for p in saves.iterdir())
    assert "== Ending:" in out.stdout


def test_no_display_falls_back_to_text_and_says_why():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    out = subprocess.run([sys.executable, "-m", "game", "play", "--role", "anxious", "--story", str(MINI)],
                         input="1\n1\n", capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0
    assert out.stdout.startswith("Playing in the terminal because no display was found")


def test_lint_command_passes_a_story_with_warnings_only():
    # The shipped story's full lint is checked once, in tests/story/test_content.py, on the exploration
    # the tests share; here only the command's exit code, on the small story.
    out = tether("lint", MINI)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "warning" in out.stdout


def test_the_quit_hint_keeps_the_story_and_another_storys_save_is_not_damaged(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path)}
    out = tether("play", "--text", "--role", "avoidant", "--story", MINI, stdin="", env_extra=env)
    lines = out.stdout.splitlines()
    hint = lines[lines.index("Continue with:") + 1].strip()
    assert hint == f"tether play --text --continue --story {MINI}"
    again = tether(*hint.split()[1:], stdin="", env_extra=env)
    assert "Continuing" in again.stdout and "could not be used" not in again.stdout
    shipped = tether("play", "--text", "--continue", stdin="", env_extra=env)
    said = " ".join((shipped.stdout + shipped.stderr).split())  # the terminal wraps long messages
    assert "belongs to another story ('mini')" in said and "could not be used" not in said
    assert f"--story {MINI.resolve()}" in said
    assert [p.name for p in (tmp_path / "tether" / "saves").iterdir()] == ["autosave.json"]


def test_writer_mode_in_the_terminal_reloads_with_r_and_keeps_the_place(tmp_path):
    import io
    import shutil
    from types import SimpleNamespace

    from game.engine import SaveStore, load_story
    from game.text.play import TextGame

    root = tmp_path / "story"
    shutil.copytree(MINI, root)
    scene = root / "scenes" / "text.yaml"

    class Typing:
        """What the writer types; before `r` they save an edit to the scene file."""

        def __init__(self, answers):
            self.answers = list(answers)

        def readline(self):
            if not self.answers:
                return ""
            answer = self.answers.pop(0)
            if answer == "r":
                scene.write_text(scene.read_text().replace("Sorry. I was out.", "Sorry. I was out late."))
            return answer + "\n"

    args = SimpleNamespace(role="anxious", partner_name=None, pronouns=None, continue_game=False, log=None,
                           story=root, choices=None, dev=True)
    out = io.StringIO()
    game = TextGame(load_story(root), args, out=out, inp=Typing(["r", "1"]), store=SaveStore(tmp_path / "saves"))
    game.run()
    text = out.getvalue()
    assert "type r at a choice" in text
    after = text.split("Reloaded; your place is kept.", 1)[1]
    assert after.lstrip().startswith("1. Send another")  # the same menu again, not the scene from its start
    assert "Sorry. I was out late." in after  # the edit shows in what follows


def test_dev_without_a_display_says_how_writer_mode_works_in_the_terminal():
    out = tether("play", "--dev", "--role", "anxious", "--story", MINI, stdin="",
                 env_extra={"SDL_VIDEODRIVER": "", "DISPLAY": "", "WAYLAND_DISPLAY": ""})
    assert "Playing in the terminal" in out.stdout and "type r at a choice to reload" in out.stdout


def test_after_the_ending_p_plays_a_scene_again_and_compares_the_two_tries(tmp_path):
    log = tmp_path / "s.json"
    # wait, name the loop (the ending); then p, scene 2 (The Talk), shrug this time, then Enter to finish
    out = tether("play", "--text", "--role", "anxious", "--story", MINI, "--log", log, stdin="2\n1\np\n2\n3\n\n")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    after = text.index("== Playing again: The Talk ==")
    assert text.index("== Ending: Steady (growth) ==") < after
    assert "You begin where you began the first time (closeness 5, safety 6)" in text
    comparison = text[text.index("The two tries:", after):]
    first, this = comparison.index("First try:"), comparison.index("This try:")
    assert "It's our loop again" in comparison[first:this] and "secure move" in comparison[first:this]
    assert "It's fine. Forget it." in comparison[this:]
    assert "This try ended with closeness 3 lower and safety 3 lower than the first." in comparison
    data = json.loads(log.read_text())
    assert data["events"][-1]["replay"] == "talk" and data["ending"]["id"] == "steady"  # the finished game stands
    assert sum("choice" in e for e in data["events"]) == 2  # the replay's move is inside its one event


def test_replay_flag_plays_a_scene_of_the_finished_game_after_a_restart(tmp_path):
    none_yet = tether("play", "--text", "--story", MINI, "--replay")
    assert none_yet.returncode == 1 and "There is no finished game of this story yet" in none_yet.stdout
    tether("play", "--text", "--role", "anxious", "--story", MINI, stdin="1\n1\n")
    again = tether("play", "--text", "--story", MINI, "--replay", stdin="1\n2\n\n")
    assert again.returncode == 0, again.stderr
    assert "1. The Text" in again.stdout and "== Playing again: The Text ==" in again.stdout
    assert "Put the phone down" in again.stdout[again.stdout.index("This try:"):]
    assert "Traceback" not in again.stderr
    later = tether("play", "--text", "--story", MINI, "--role", "anxious", stdin="q\n")
    assert "You have finished this story before." in later.stdout
    assert f"\n  tether play --text --replay --story {MINI}\n" in later.stdout


def test_a_piped_line_of_ones_after_the_ending_does_not_start_a_replay():
    out = tether("play", "--text", "--role", "anxious", "--story", MINI, stdin="1\n" * 20)
    assert out.returncode == 0 and "Playing again" not in out.stdout and REPLAY_WORDS in out.stdout


REPLAY_WORDS = "Type p to play one scene again"
