"""Generate Tether's backgrounds and portraits with pygame drawing.

Run from the repository root:

    .venv/bin/python tools/make_art.py                 # all of assets/backgrounds and assets/portraits
    .venv/bin/python tools/make_art.py bar_night jess  # only these places or people

Places are drawn in layers (far to near, then light, then shade) by
tools/art_places.py; faces by tools/art_faces.py; both use the painter and
silhouettes in tools/art_paint.py. Randomness comes from seeded generators,
so every run writes the same pictures.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pygame  # noqa: E402

from art_faces import LOOKS, MOODS, draw_portrait  # noqa: E402
from art_paint import Painter  # noqa: E402
from art_places import BACKGROUNDS, ENDINGS, H, W  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def background(key: str) -> pygame.Surface:
    p = Painter(W, H)
    BACKGROUNDS[key](p)
    return p.result()


def ending(kind: str) -> pygame.Surface:
    """The two figures of an ending, on a transparent picture laid over the last scene's place."""
    p = Painter(W, H, alpha=True)
    ENDINGS[kind](p)
    return p.result()


def main(argv: list[str]) -> int:
    pygame.display.init()
    unknown = [a for a in argv if a not in BACKGROUNDS and a not in LOOKS and a not in ENDINGS]
    if unknown:
        print(f"make_art: unknown place or person: {', '.join(unknown)}", file=sys.stderr)
        return 2
    out_bg = ROOT / "assets" / "backgrounds"
    out_pt = ROOT / "assets" / "portraits"
    out_end = ROOT / "assets" / "endings"
    out_end.mkdir(parents=True, exist_ok=True)
    out_bg.mkdir(parents=True, exist_ok=True)
    out_pt.mkdir(parents=True, exist_ok=True)
    places = [k for k in BACKGROUNDS if not argv or k in argv]
    people = [k for k in LOOKS if not argv or k in argv]
    for key in places:
        pygame.image.save(background(key), str(out_bg / f"{key}.png"))
    kinds = [k for k in ENDINGS if not argv or k in argv]
    for kind in kinds:
        pygame.image.save(ending(kind), str(out_end / f"{kind}.png"))
    for who in people:
        for mood in MOODS:
            pygame.image.save(draw_portrait(LOOKS[who], mood), str(out_pt / f"{who}_{mood}.png"))
    print(f"wrote {len(places)} backgrounds, {len(kinds)} endings and {len(people) * len(MOODS)} portraits")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
