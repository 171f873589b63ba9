"""Window frame time: p50 and p99 of one `App.step` over 600 frames of a busy play screen, headless.

The app is built the way `tether play` builds it, on SDL's dummy video
driver, and stepped frame by frame without waiting on the clock. The scene
is busy on purpose: training mode (meters shown), the typewriter at normal
speed, the pointer moving every frame, a line completed or advanced every 12
frames, the choice focus moving and a choice taken (with its autosave) after 24 frames,
and the debrief between scenes. A frame is input + update + draw + flip,
everything the loop does except sleeping until the next tick.
"""

from __future__ import annotations

import os
import time
from types import SimpleNamespace

from benchmarks.common import Section, median, peak_memory, percentile

TARGET_P99_MS = 4.0
WARMUP_FRAMES = 10


def _options(story_dir):
    return SimpleNamespace(story_dir=story_dir, role="anxious", auto=None, screenshots=None, dev=False,
                           continue_game=False, partner_name=None, pronouns=None, text=False, gui=True)


def build_app(story_dir):
    """A window App at the first line of a new game (anxious role), training mode on."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from game.window.app import App
    from game.window.settings import Settings

    app = App(_options(story_dir), settings=Settings(text_speed="normal", show_meters=True))
    app.start()
    if app.session.story is None:
        problems = "; ".join(str(d) for d in app.session.diagnostics[:2])
        app.close()
        raise RuntimeError(f"the window could not load the story: {problems}")
    app.start_game("anxious", None, None)
    return app


class Script:
    """The input a busy player sends, decided from what is on screen."""

    def __init__(self, app):
        self.app = app
        self.frame = 0
        self.waited = 0
        self.pick = 0

    def intents(self):
        from game.window import input as ix

        app = self.app
        self.frame += 1
        self.waited += 1
        x = 200 + (self.frame * 7) % 880
        y = 300 + (self.frame * 3) % 380
        out = [ix.Intent(ix.POINTER, pos=(x, y))]
        top = app.stack.top
        name = top.name if top else ""
        if name == "play":
            if top.choices is not None:
                if self.waited % 8 == 0:
                    out.append(ix.Intent(ix.DOWN))
                if self.waited >= 24:
                    self.pick += 1
                    n = len(top.choices.items)
                    out.append(ix.Intent(ix.NUMBER, top.choices.items[self.pick % n].number))
                    self.waited = 0
            elif self.waited >= 12:  # half-way through the typewriter: complete it, then the next line
                out.append(ix.Intent(ix.CONFIRM))
                self.waited = 0
        elif name == "ending":
            if self.waited >= 30:
                app.start_game("avoidant" if self.pick % 2 else "anxious", None, None)
                self.waited = 0
        elif self.waited >= 30:  # debrief, skipped scene, anything else: move on
            out.append(ix.Intent(ix.CONFIRM))
            self.waited = 0
        return out


def measure(story_dir, frames: int) -> dict:
    app = build_app(story_dir)
    try:
        script = Script(app)
        for _ in range(WARMUP_FRAMES):
            app.step(1 / 60, intents=script.intents())
        times, screens = [], {}
        clock = time.perf_counter
        for _ in range(frames):
            intents = script.intents()
            t = clock()
            app.step(1 / 60, intents=intents)
            times.append(clock() - t)
            name = app.stack.top.name if app.stack.top else "none"
            screens[name] = screens.get(name, 0) + 1
        runner = app.session.runner
        return {"times": times, "screens": screens, "choices_made": len(runner.moves) if runner else 0,
                "size": list(app.window.get_size()), "failures": app.failures}
    finally:
        app.close()


def unavailable_reason(story_dir) -> str | None:
    try:
        from game.window.app import App  # noqa: F401
    except ImportError as exc:
        return f"game.window.app is not available yet ({exc})"
    if story_dir is None:
        return "the shipped story does not load, so the window has nothing to play"
    return None


def run(story_dir, frames: int = 600) -> Section:
    section = Section("frames", f"Window frame time, {frames} frames of a busy play screen (headless)")
    reason = unavailable_reason(story_dir)
    if reason:
        return section.unavailable(reason)
    try:
        m = measure(story_dir, frames)
    except Exception as exc:  # noqa: BLE001 - a window still being built must not stop the other figures
        return section.unavailable(f"the window could not be driven: {type(exc).__name__}: {exc}")
    ms = [t * 1000 for t in m["times"]]
    section.add("p50_ms", "frame time p50", percentile(ms, 50), "ms")
    section.add("p99_ms", "frame time p99", percentile(ms, 99), "ms", TARGET_P99_MS)
    section.add("max_ms", "frame time max", max(ms), "ms")
    section.add("mean_ms", "frame time mean", sum(ms) / len(ms), "ms")
    peak, _ = peak_memory(lambda: measure(story_dir, max(30, frames // 5)))
    section.add("peak_mib", "peak Python memory, app + frames (tracemalloc)", peak, "MiB",
                note="pygame surfaces live outside tracemalloc; see the start-up RSS for the whole process")
    slow = sorted(range(len(ms)), key=ms.__getitem__, reverse=True)[:10]
    section.details.update({"frames": frames, "screens": m["screens"], "choices_made": m["choices_made"],
                            "window": m["size"], "failures": m["failures"], "median_ms": median(ms),
                            "slowest_frames": [{"frame": i, "ms": round(ms[i], 3)} for i in slow]})
    return section
