"""Rules of the codebase: the engine never imports pygame, directly or through another module."""

import ast
import subprocess
import sys
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "game" / "engine"


def test_no_engine_module_imports_pygame():
    offenders = []
    for path in sorted(ENGINE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            offenders += [f"{path.name}:{node.lineno}" for n in names if n.split(".")[0] in ("pygame", "game") and (n.split(".")[0] == "pygame" or n.startswith("game.window"))]
    assert offenders == []


def test_importing_the_engine_loads_no_pygame():
    code = "import sys, game.engine, game.engine.debrief, game.engine.session_log; print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
