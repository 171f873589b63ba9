"""docs/web.md, "A teacher's walkthrough": its commands run as written, three students play the built
site's own story.json and assignment.json through the page's bridge, and the report takes their codes."""

import json
import os
import re
import shlex
import subprocess
import sys

from game.web.bridge import WebGame
from game.web.build import PYODIDE_FILES, PYODIDE_VERSION
from tests.tools.helpers import DOCS, ROOT

SECTION = (DOCS / "web.md").read_text(encoding="utf-8").split("### A teacher's walkthrough", 1)[1].split("\n## ", 1)[0]
COMMANDS = [shlex.split(c) for c in re.findall(r"^\$ tether (.+)$", SECTION, re.M)]


def tether(args, cwd):
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", XDG_DATA_HOME=str(cwd / "xdg"),
               PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=cwd, capture_output=True, text=True, timeout=300,
                          env=env)


def student(site, home, code: str, pick: int, stop_after: int | None = None) -> str:
    """A student on the built site: code, role, the assigned scenes (option `pick` where it exists), hand-in."""
    game = WebGame((site / "story.json").read_text(), home=home, assignment_json=(site / "assignment.json").read_text())
    assert json.loads(game.enter_code(code))["ok"]
    view = json.loads(game.assignment_start(""))
    assert view["stage"] == "role" and len(view["roles"]) == 2  # no questions in this assignment; both roles
    view = json.loads(game.begin(view["roles"][pick % 2]["name"]))
    made = 0
    for _ in range(300):
        if stop_after is not None and made == stop_after:
            return json.loads(game.stop())["handin"]
        if view["phase"] == "playing":
            view = json.loads(game.choose(view["choices"][min(pick, len(view["choices"]) - 1)]["index"]))
            made += 1
        elif view["phase"] == "scene_debrief":
            view = json.loads(game.next_scene())
        elif view["phase"] == "ending":
            view = json.loads(game.end_play())
        else:
            break
    assert view["stage"] == "handin" and view["finished"]
    return view["handin"]


def test_the_walkthrough_builds_a_site_whose_codes_the_report_takes(tmp_path):
    assert [c[0] for c in COMMANDS] == ["assign", "assign", "build-web", "report"]
    runtime = tmp_path / "pyodide"  # stand-in runtime files: the students here play through the bridge
    runtime.mkdir()
    for name in PYODIDE_FILES:
        (runtime / name).write_text("stand-in")
    (runtime / "package.json").write_text(json.dumps({"version": PYODIDE_VERSION}))
    for args in COMMANDS:
        if args[0] == "build-web":
            args = [*args, "--pyodide", str(runtime)]
        if args[0] == "report":
            codes = re.search(r"codes: \[(.*)\]", (tmp_path / "wk5.tether.yaml").read_text()).group(1)
            mine = [c.strip(' "') for c in codes.split(",")][:3]
            site = tmp_path / "site"
            handed_in = [student(site, tmp_path / "browser" / code, code, n, stop_after=2 if n == 2 else None)
                         for n, code in enumerate(mine)]
            (tmp_path / "pasted.txt").write_text("Name,Code\n" + "\n".join(f"Student {n},{c}" for n, c in enumerate(handed_in)))
        result = tether(args, tmp_path)
        assert result.returncode == 0, f"$ tether {shlex.join(args)}\n{result.stdout}\n{result.stderr}"
    rows = (tmp_path / "sessions.csv").read_text().splitlines()
    assert len(rows) == 4 and all(any(row.startswith(code) for row in rows) for code in mine)
    page = (tmp_path / "class.html").read_text()
    assert "2 of 3 finished" in page and "Student" not in page
