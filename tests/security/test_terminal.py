"""The terminal: escape sequences in story text and names are shown escaped; odd input gets a polite answer."""

from __future__ import annotations

import os

import yaml

from game.text.play import menu_number
from tests.security.helpers import assert_clean, copy_mini, tether

ESCAPES = "\x1b]0;owned\x07\x1b[2J\u202e"


def _story_with_escapes(tmp_path):
    root = copy_mini(tmp_path)
    scene = root / "scenes" / "talk.yaml"
    data = yaml.safe_load(scene.read_text(encoding="utf-8"))
    data["nodes"]["start"]["lines"][0]["text"] = "Hello" + ESCAPES
    scene.write_text(yaml.safe_dump(data, allow_unicode=False), encoding="utf-8")  # written as "\e]0;..." escapes
    return root


def test_lint_warns_about_control_characters_in_story_text(tmp_path):
    root = _story_with_escapes(tmp_path)
    text = assert_clean(tether("lint", root), exit_code=None)
    assert "W0120" in text and "\\x1b" in text and "\\u202e" in text


def test_play_prints_story_text_and_partner_names_escaped(tmp_path):
    root = _story_with_escapes(tmp_path)
    out = tether("play", "--text", "--story", root, "--role", "anxious", "--partner-name", "Sam\x1b[31m\nX",
                 stdin="1\n1\n1\n1\n")
    text = assert_clean(out, exit_code=0)
    assert "Hello\\x1b]0;owned\\x07\\x1b[2J\\u202e" in text
    assert "Sam\\x1b[31m" in text


def test_random_bytes_on_stdin_are_no_traceback(tmp_path):
    out = tether("play", "--text", "--story", copy_mini(tmp_path), "--role", "anxious",
                 stdin=os.urandom(4000) + b"\n\xff\xfe\n1\n")
    assert_clean(out, exit_code=0)


def test_a_five_thousand_digit_number_at_a_menu_gets_a_polite_answer(tmp_path):
    out = tether("play", "--text", "--story", copy_mini(tmp_path), stdin="9" * 5000 + "\n" + "1" * 5000 + "\n")
    text = assert_clean(out, exit_code=0)
    assert "Type a number from 1 to 2" in text


def test_menu_numbers_are_short_ascii_digits():
    assert menu_number("2") == 2 and menu_number(" 12 ") == 12
    assert menu_number("9" * 5000) is None and menu_number("\u00b2") is None and menu_number("\u0663") is None
    assert menu_number("-1") is None and menu_number("") is None


def test_every_command_prints_story_text_escaped(tmp_path):
    root = copy_mini(tmp_path)
    manifest = root / "story.yaml"
    data = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    data["about"] = "About" + ESCAPES
    data["title"] = "Mini" + ESCAPES
    manifest.write_text(yaml.safe_dump(data, allow_unicode=False), encoding="utf-8")
    for command in (("about", root), ("stats", root)):
        text = assert_clean(tether(*command), exit_code=None)
        assert "\\x1b" in text, command  # shown, escaped, by whichever code printed it
