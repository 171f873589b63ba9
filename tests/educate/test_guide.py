"""docs/facilitator-guide.md, "Running an assignment": every command shown runs, as a teacher and three
students would run them, from the example files in the guide."""

import os
import re
import shlex
import subprocess
import sys

from tests.tools.helpers import DOCS, ROOT

TEXT = (DOCS / "facilitator-guide.md").read_text(encoding="utf-8")
SECTION = TEXT.split("## Running an assignment", 1)[1].split("\n## ", 1)[0]
COMMANDS = [shlex.split(c) for c in re.findall(r"^\$ tether (.+)$", SECTION, re.M)]
CODE = re.compile(r"^TETHER1-[A-Z2-7]+$", re.M)


def tether(args, cwd, keys=()):
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", XDG_DATA_HOME=str(cwd / "xdg"))
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=cwd, input="\n".join(keys) + "\n",
                          capture_output=True, text=True, timeout=300, env={**env, "PYTHONPATH": str(ROOT)})


def test_the_walkthrough_covers_write_share_collect_report():
    assert [c[0] for c in COMMANDS] == ["assign", "assign", "play", "report", "report"]


def test_every_command_in_the_walkthrough_runs(tmp_path):
    for block in re.findall(r"```yaml\n(.*?)```", SECTION, re.S):
        first, _, rest = block.partition("\n")
        (tmp_path / first.removeprefix("# file: ").strip()).write_text(rest)
    handed_in = []
    for args in COMMANDS:
        if args[0] == "play":
            codes = re.search(r"codes: \[(.*)\]", (tmp_path / "wk5.tether.yaml").read_text()).group(1)
            mine = [c.strip(' "') for c in codes.split(",")][:3]
            students = [["2", "4", "1"] + ["1"] * 300,  # answers, the first role, then the first option each time
                        ["1", "2", "2"] + ["2"] * 300,
                        ["2", "3", "1", "1", "q"]]  # stops after one choice
            for code, keys in zip(mine, students):
                result = tether([a if a != "K7Q2" else code for a in args], tmp_path, keys)
                assert result.returncode == 0, result.stderr
                handed_in += CODE.findall(result.stdout)
            (tmp_path / "pasted.txt").write_text("Name,Code\n" + "\n".join(f"Alice Smith,{c}" for c in handed_in))
            continue
        if "--lrs" in args:  # no LRS here: the statements must stay queued (a running Ralph is tested elsewhere)
            args = [a if not a.startswith("https://lrs.") else "http://127.0.0.1:9/xAPI" for a in args]
            result = tether([*args, "--lrs-retries", "0"], tmp_path)
            assert result.returncode == 1 and "still queued" in result.stdout, result.stderr
            assert (tmp_path / "tether-xapi-queue.jsonl").read_text().count("\n") > 20
            continue
        result = tether(args, tmp_path)
        assert result.returncode == 0, f"$ tether {shlex.join(args)}\n{result.stdout}\n{result.stderr}"
    assert len(handed_in) == 3
    assert (tmp_path / "sessions.csv").read_text().count("\n") == 4
    assert (tmp_path / "moves.csv").is_file() and (tmp_path / "statements.jsonl").is_file()
    page = (tmp_path / "class.html").read_text()
    assert "2 of 3 finished" in page and "Concept checks" in page and "Alice" not in page
