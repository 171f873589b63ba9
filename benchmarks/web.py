"""`python -m benchmarks.web [--runs N] [--json]`: the browser build's size and time to first choice.

- size: the built site in MB, and its parts (the Pyodide runtime, the Python
  sources, the story, the art, fonts and sounds);
- browser: headless Chromium (Debian's, driven by Selenium), a fresh profile
  each run, the site served by http.server on 127.0.0.1. Two clocks, both read
  from the page's own `performance.now()` (zero at navigation start):
  `pyodide_s` when the Pyodide runtime has started, `ready_s` when the title screen is ready (Pyodide started, engine and story
  loaded), `first_choice_s` when the first choice menu is drawn after the
  benchmark clicks New game and Start;
- terminal: the same figure for `tether play --text` (launch to the first
  numbered choice), measured as in benchmarks/startup.py.

Needs `make web-deps` and Chromium with its driver; says what is missing otherwise.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks.common import ROOT

PYODIDE = ROOT / "build" / "web-deps" / "node_modules" / "pyodide"


def _mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return round(sum(p.stat().st_size for p in files) / 1e6, 2)


def site_size(site: Path) -> dict:
    return {"total_mb": _mb(site), "pyodide_mb": _mb(site / "pyodide"), "python_zip_mb": _mb(site / "tether-py.zip"),
            "story_json_mb": _mb(site / "story.json"), "art_mb": _mb(site / "art"), "fonts_mb": _mb(site / "fonts"),
            "sound_mb": _mb(site / "sound"),
            "files": sum(1 for p in site.rglob("*") if p.is_file())}


def browser_times(site: Path, runs: int) -> dict:
    import functools
    import http.server
    import shutil
    import threading

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/index.html"
    ready, first, runtime = [], [], []
    try:
        for _ in range(runs):
            profile = tempfile.mkdtemp(prefix="tether-bench-chromium-")
            options = webdriver.ChromeOptions()
            options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
            for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         f"--user-data-dir={profile}"):
                options.add_argument(flag)
            driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"),
                                      options=options)
            driver.set_script_timeout(300)  # Pyodide's start keeps the page busy; a bound, not a figure
            driver.set_page_load_timeout(300)
            try:
                driver.get(url)
                WebDriverWait(driver, 300, 0.05).until(lambda d: d.execute_script("return document.body.dataset.ready"))
                driver.find_element("id", "btn-new").click()
                driver.find_element("id", "btn-start").click()
                WebDriverWait(driver, 60, 0.05).until(
                    lambda d: d.execute_script("return window.tetherTimings.firstChoice !== undefined"))
                timings = driver.execute_script("return window.tetherTimings")
                ready.append(timings["ready"] / 1000)
                runtime.append(timings["pyodide"] / 1000)
                first.append(timings["firstChoice"] / 1000)
            finally:
                driver.quit()
                shutil.rmtree(profile, ignore_errors=True)
    finally:
        httpd.shutdown()
        httpd.server_close()
    return {"runs": runs, "pyodide_s": round(statistics.median(runtime), 2), "ready_s": round(statistics.median(ready), 2), "first_choice_s": round(statistics.median(first), 2),
            "first_choice_min_s": round(min(first), 2), "first_choice_max_s": round(max(first), 2)}


def terminal_time(runs: int) -> dict:
    from benchmarks.startup import MENU, launch

    times = []
    for _ in range(runs):
        result = launch([sys.executable, "-m", "game", "play", "--text", "--role", "anxious"], mark=MENU)
        if result.marked:
            times.append(result.seconds)
    return {"runs": len(times), "first_choice_s": round(statistics.median(times), 3) if times else None}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.web", description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="page loads and terminal launches to take the median of")
    parser.add_argument("--json", action="store_true", help="print JSON instead of lines")
    args = parser.parse_args(argv)
    from game.web.build import BuildError, build_site

    with tempfile.TemporaryDirectory(prefix="tether-bench-site-") as tmp:
        site = Path(tmp) / "site"
        try:
            build_site(ROOT / "story", site, PYODIDE, lint=False)
        except BuildError as exc:
            print(f"benchmarks.web: {exc}", file=sys.stderr)
            return 1
        report = {"size": site_size(site)}
        try:
            report["browser"] = browser_times(site, args.runs)
        except Exception as exc:  # no Chromium, no driver, no Selenium: say so, keep the other figures
            report["browser"] = {"skipped": f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"}
    report["terminal"] = terminal_time(args.runs)
    first = report["browser"].get("first_choice_s")
    if first and report["terminal"]["first_choice_s"]:
        report["browser_vs_terminal"] = round(first / report["terminal"]["first_choice_s"], 1)
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        for section, values in report.items():
            print(f"{section}: {values}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
