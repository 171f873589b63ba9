"""`make screenshots`: a PNG tour of every screen, for both roles, to look at before a release.

Writes to the folder given (default `screenshots/`):

    <role>/NNN_<screen>.png   the shipped story played through by choice 1, every scene, menu and debrief
    screens/<screen>.png      every other screen (settings, pause, history, saves, the ending's report,
                              an assignment from the chooser to the hand-in code...)
    screens_200/<screen>.png  the same at 200 % text

Runs headless (SDL's dummy video and audio drivers) with saves in a throwaway folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def options(**kw) -> SimpleNamespace:
    base = dict(story_dir=ROOT / "story", role=None, auto=None, screenshots=None, dev=False, continue_game=False,
                partner_name=None, pronouns=None, log=None)
    base.update(kw)
    return SimpleNamespace(**base)


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "screenshots")
    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="tether-shots-")  # no real saves or settings touched
    from game.window.app import App, run
    from game.window.settings import Settings
    from game.window.tour import tour
    from game.window.tour_assignment import assignment_tour

    for role in ("anxious", "avoidant"):
        code = run(options(role=role, auto=[1], screenshots=out / role))
        if code:
            print(f"screenshots: autoplay as {role} failed ({code})", file=sys.stderr)
            return code
    for folder, size in (("screens", 1.0), ("screens_200", 2.0)):
        app = App(options(), settings=Settings(text_size=size, text_speed="instant"))
        try:
            app.start()
            app.step(1 / 60, intents=[])
            seen = {**tour(app, str(out / folder)), **assignment_tour(app, str(out / folder))}
            clipped = {name: found for name, found in seen.items() if found}
        finally:
            app.close()
        if clipped:
            print(f"screenshots: text does not fit at {size:.0%}: {clipped}", file=sys.stderr)
            return 1
    count = sum(1 for _ in out.rglob("*.png"))
    print(f"wrote {count} screenshots to {out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
