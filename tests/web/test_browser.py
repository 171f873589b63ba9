"""The built site in a real browser: headless Chromium plays it as a player would.

One site is built for the whole session and served by http.server on 127.0.0.1.
Without Chromium, its driver, Selenium or the Pyodide runtime (`make web-deps`),
these tests skip and say which is missing; `.ci/run` installs them all.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import tempfile
import threading
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHIPPED
from tests.web.helpers import (comparable, comparable_assignment, plan_choices, terminal_assignment_log, terminal_log,
                               write_assignment)

PYODIDE = ROOT / "build" / "web-deps" / "node_modules" / "pyodide"
AXE = ROOT / "build" / "web-deps" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "build" / "web-screenshots"
CHROME_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1100,900")
LOAD_SECONDS = 240  # Pyodide's first start on a busy 2-core machine; a bound, not a measurement


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "Selenium is not installed (pip install -e '.[test]')"
    if not (shutil.which("chromium") or Path("/usr/bin/chromium").exists()):
        return "Chromium is not installed (Debian: apt-get install chromium chromium-driver)"
    if not (shutil.which("chromedriver") or Path("/usr/bin/chromedriver").exists()):
        return "ChromeDriver is not installed (Debian: apt-get install chromium-driver)"
    if not (PYODIDE / "pyodide.asm.wasm").is_file():
        return "the Pyodide runtime is not installed (make web-deps)"
    return None


pytestmark = pytest.mark.skipif(_missing() is not None, reason=f"browser tests skipped: {_missing()}")


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    from game.web.build import build_site

    out = tmp_path_factory.mktemp("site")
    result = build_site(SHIPPED, out, PYODIDE, lint=False)  # `tether lint` of this story is tested on its own
    assert result.files, result.diagnostics
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(folder: Path):
    handler = functools.partial(_Quiet, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def server(site):
    yield from _serve(site)


@pytest.fixture(scope="session")
def assignment_path(tmp_path_factory):
    from game.engine import load_story

    return write_assignment(tmp_path_factory.mktemp("assignment"), load_story(SHIPPED))


@pytest.fixture(scope="session")
def assignment_server(tmp_path_factory, assignment_path):
    """A second site, built with an assignment: it starts into the code entry."""
    from game.web.build import build_site

    out = tmp_path_factory.mktemp("assignment-site")
    result = build_site(SHIPPED, out, PYODIDE, lint=False, assignment=assignment_path)
    assert result.files, result.diagnostics
    yield from _serve(out)


@pytest.fixture(scope="session")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="tether-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(120)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


# ---- driving the page ---------------------------------------------------------------------------
def wait(driver, script: str, seconds: float = 30):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds, poll_frequency=0.2).until(lambda d: d.execute_script(script))


def open_page(driver, url: str, fresh: bool = True) -> None:
    driver.get(url + "index.html")
    if fresh:
        driver.execute_script("localStorage.clear()")
        driver.refresh()
    state = wait(driver, "return document.body.dataset.ready", LOAD_SECONDS)
    assert state == "1", driver.find_element("id", "error-text").text


def phase(driver) -> str:
    return driver.execute_script("return document.body.dataset.phase")


def click(driver, element_id: str) -> None:
    driver.find_element("id", element_id).click()


def shot(driver, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))


def start_game(driver, role: str, partner: str) -> None:
    click(driver, "btn-new")
    assert phase(driver) == "newgame"
    click(driver, f"role-{role}")
    driver.find_element("id", "partner-name").send_keys(partner)
    click(driver, "btn-start")
    assert phase(driver) == "play"


def axe_serious(driver) -> list:
    """Serious and critical axe-core violations on the page as it stands."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => "
        "({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))));")
    return [v for v in result if v["impact"] in ("serious", "critical")]


def play_out(driver, choices: list[str], screens: str | None = None, check_axe: bool = False) -> list:
    """Choose `choices` by id, continue through debriefs, up to the ending; returns axe findings."""
    findings = []
    seen = set()
    for _ in range(500):
        current = phase(driver)
        if check_axe and current not in seen:
            findings += [(current, v) for v in axe_serious(driver)]
        if screens and current not in seen:
            shot(driver, f"{screens}-{current}")
        seen.add(current)
        if current == "play":
            choice = choices.pop(0)
            driver.find_element("css selector", f'#choices button[data-id="{choice}"]').click()
        elif current == "debrief":
            click(driver, "btn-next-scene")
        else:
            break
    return findings


def page_log(driver) -> dict:
    files = json.loads(driver.execute_script("return localStorage.getItem('tether.files')"))
    return json.loads(files["log"])


# ---- the tests ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("plan", ["ending_anxious_steady_ground", "ending_avoidant_gone_quiet"])
def test_a_full_scripted_game_matches_the_terminal(plan, browser, server, tmp_path):
    role, choices = plan_choices(plan)
    open_page(browser, server)
    if role == "anxious":
        shot(browser, "title")
        findings = axe_serious(browser)
    else:
        findings = []
    start_game(browser, role, "Kim")
    findings += play_out(browser, list(choices), screens=role, check_axe=role == "anxious")
    assert phase(browser) == "ending"
    expected = terminal_log(SHIPPED, role, choices, tmp_path)
    assert browser.execute_script("return document.body.dataset.ending") == expected["ending"]["id"]
    assert browser.find_element("id", "ending-h").text == expected["ending"]["title"]
    assert comparable(page_log(browser)) == comparable(expected)
    assert browser.find_elements("css selector", "#ending-chart svg polyline")
    assert findings == []


def test_a_scene_played_again_from_the_ending_and_after_a_reload(browser, server):
    role, choices = plan_choices("ending_avoidant_gone_quiet")
    open_page(browser, server)
    start_game(browser, role, "Kim")
    play_out(browser, list(choices))
    ending = browser.execute_script("return document.body.dataset.ending")
    click(browser, "btn-ending-replay")
    assert phase(browser) == "replay"
    scenes = browser.find_elements("css selector", "#replay-roles button[data-scene]")
    assert len(scenes) >= 2 and {b.get_attribute("data-role") for b in scenes} == {role}
    findings = axe_serious(browser)
    scenes[1].click()
    assert phase(browser) == "play" and browser.find_element("id", "replay-label").is_displayed()
    for _ in range(100):  # the last choice on offer each time: another try than the plan's
        if phase(browser) != "play":
            break
        browser.find_elements("css selector", "#choices button")[-1].click()
    assert phase(browser) == "debrief" and browser.find_element("id", "debrief-compare").is_displayed()
    tries = [h.text for h in browser.find_elements("css selector", "#compare-tries h3")]
    assert tries == ["First try", "This try"]
    assert browser.find_element("id", "compare-sentences").text.startswith("Both tries began")
    assert browser.find_element("id", "btn-next-scene").text == "Back to the ending"
    findings += axe_serious(browser)
    shot(browser, "replay-debrief")
    click(browser, "btn-next-scene")
    assert phase(browser) == "ending" and browser.execute_script("return document.body.dataset.ending") == ending
    open_page(browser, server, fresh=False)  # a reload: the finished game came back from localStorage
    assert browser.find_element("id", "btn-title-replay").is_displayed()
    click(browser, "btn-title-replay")
    browser.find_elements("css selector", "#replay-roles button[data-scene]")[0].click()
    assert phase(browser) == "play" and browser.find_element("id", "replay-label").is_displayed()
    assert findings == []


def test_save_reload_and_continue_by_keyboard(browser, server):
    from selenium.webdriver.common.keys import Keys

    open_page(browser, server)
    start_game(browser, "avoidant", "Kim")
    body = browser.find_element("tag name", "body")
    first_menu = [b.get_attribute("data-id") for b in browser.find_elements("css selector", "#choices button")]
    body.send_keys("1")  # number keys choose
    wait(browser, "return document.querySelector('#choices button') && "
                  f"document.querySelector('#choices button').dataset.id !== {json.dumps(first_menu[0])}")
    assert browser.find_element("id", "live").get_attribute("textContent")  # new lines reach the live region
    focused = browser.switch_to.active_element
    assert focused.get_attribute("data-choice") is not None  # focus moves to the new menu
    menu = [b.get_attribute("data-id") for b in browser.find_elements("css selector", "#choices button")]
    browser.switch_to.active_element.send_keys(Keys.ARROW_DOWN)  # arrows move through the choices, with the window's tick
    assert browser.switch_to.active_element.get_attribute("data-id") == menu[1]
    assert browser.execute_script("return document.getElementById('effect').getAttribute('src')") == "sound/ui_move.wav"
    browser.switch_to.active_element.send_keys(Keys.END)
    assert browser.switch_to.active_element.get_attribute("data-id") == menu[-1]
    browser.switch_to.active_element.send_keys(Keys.ARROW_DOWN)  # the last stays the last
    assert browser.switch_to.active_element.get_attribute("data-id") == menu[-1]
    browser.switch_to.active_element.send_keys(Keys.HOME)
    assert browser.switch_to.active_element.get_attribute("data-id") == menu[0]
    before = browser.find_element("id", "transcript").get_attribute("textContent")
    body.send_keys("s")
    assert "Saved" in browser.find_element("id", "play-status").text
    open_page(browser, server, fresh=False)  # a reload: only localStorage carries the game
    assert phase(browser) == "title"
    assert browser.find_element("id", "btn-continue").is_displayed()
    browser.find_element("id", "btn-continue").send_keys(Keys.ENTER)
    assert phase(browser) == "play"
    assert browser.find_element("id", "transcript").get_attribute("textContent") == before
    assert "Continuing" in browser.find_element("id", "play-status").text
    shot(browser, "continued")
    browser.find_element("tag name", "body").send_keys("u")  # the page was reloaded: a new body
    assert "Undone" in browser.find_element("id", "play-status").text
    assert [b.get_attribute("data-id") for b in browser.find_elements("css selector", "#choices button")] == first_menu


def test_settings_and_pause_are_reached_and_kept(browser, server):
    open_page(browser, server)
    click(browser, "btn-settings")
    click(browser, "set-contrast")
    click(browser, "set-dyslexia")
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", "set-size")).select_by_value("1.5")
    click(browser, "btn-settings-close")
    classes = browser.execute_script("return document.documentElement.className")
    assert "contrast" in classes and "dyslexia" in classes
    assert browser.execute_script("return getComputedStyle(document.documentElement).getPropertyValue('--scale')").strip() == "1.5"
    shot(browser, "title-high-contrast")
    assert axe_serious(browser) == []  # the high-contrast theme passes too
    open_page(browser, server, fresh=False)
    assert "contrast" in browser.execute_script("return document.documentElement.className")
    start_game(browser, "anxious", "")
    browser.find_element("tag name", "body").send_keys("b")
    assert browser.execute_script("return document.getElementById('dlg-breathe').open")
    shot(browser, "breathe")


def test_opened_from_a_file_it_says_why_instead_of_loading_forever(site, browser):
    browser.get((site / "index.html").as_uri())
    assert wait(browser, "return document.body.dataset.ready", 60) == "error"
    assert "opened straight from a file" in browser.find_element("id", "error-text").text
    assert "http.server" in browser.find_element("id", "screen-error").text


# ---- assignments ------------------------------------------------------------------------------------------
def enter_code(driver, code: str) -> None:
    box = driver.find_element("id", "code-input")
    box.clear()
    box.send_keys(code)
    click(driver, "btn-code")


def test_an_assignment_in_the_browser_hands_in_what_the_terminal_logs(browser, assignment_server, assignment_path,
                                                                      tmp_path, monkeypatch):
    from game.engine import load_story
    from game.engine.handin import Handin, replay

    open_page(browser, assignment_server)
    assert phase(browser) == "title" and browser.find_element("id", "assignment-entry").is_displayed()
    assert not browser.find_element("id", "btn-new").is_displayed()  # the site starts into the assignment
    enter_code(browser, "ZZZZ")
    assert "not one of this assignment's codes" in browser.find_element("id", "code-problem").text
    findings = [("code", v) for v in axe_serious(browser)]
    shot(browser, "assignment-code")
    enter_code(browser, "k7q2")
    assert phase(browser) == "questions" and browser.find_element("id", "questions-h").text == "Before you play"
    findings += [("before", v) for v in axe_serious(browser)]
    shot(browser, "assignment-before")
    click(browser, "btn-questions")  # the Likert question is not answered yet: the page asks for it
    assert phase(browser) == "questions"
    click(browser, "q-pre_sure-3")  # "Agree", kept as 4
    browser.find_element("id", "q-pre_hope").send_keys("to listen")
    click(browser, "btn-questions")
    assert phase(browser) == "newgame"
    assert [r.get_attribute("value") for r in browser.find_elements("css selector", "input[name=role]")] == ["anxious"]
    click(browser, "btn-start")
    chosen = []
    for _ in range(200):
        current = phase(browser)
        if current == "play":
            assert "of 2" in browser.find_element("id", "scene-count").text
            button = browser.find_element("css selector", "#choices button")
            chosen.append(button.get_attribute("data-id"))
            button.click()
        elif current == "debrief":
            click(browser, "btn-next-scene")
        else:
            break
    assert phase(browser) == "questions" and browser.find_element("id", "questions-h").text == "After playing"
    findings += [("after", v) for v in axe_serious(browser)]
    click(browser, "q-post_break-1")
    click(browser, "btn-questions")
    assert phase(browser) == "share"
    findings += [("share", v) for v in axe_serious(browser)]
    shot(browser, "assignment-share")
    click(browser, "btn-share-yes")
    assert phase(browser) == "handin" and browser.find_element("id", "handin-h").text == "Your hand-in code"
    findings += [("handin", v) for v in axe_serious(browser)]
    code = browser.find_element("id", "handin-code").get_attribute("value")
    assert browser.find_element("id", "handin-code").get_attribute("readonly") is not None
    browser.execute_script("const real = navigator.clipboard.writeText.bind(navigator.clipboard);"
                           "navigator.clipboard.writeText = (text) => { window.copiedText = text; return real(text); }")
    click(browser, "btn-copy")
    assert "Copied" in wait(browser, "return document.getElementById('copy-status').textContent")
    assert browser.execute_script("return window.copiedText") == code  # the page cannot read the clipboard back
    shot(browser, "assignment-handin")
    story = load_story(SHIPPED)
    handin = Handin.from_text(code)
    replayed = replay(handin, story)
    assert replayed.finished and handin.answers == {"pre_sure": 4, "pre_hope": "to listen", "post_break": 1}
    expected, terminal_code = terminal_assignment_log(SHIPPED, assignment_path, "K7Q2", "anxious", chosen,
                                                      ["4", "to listen", "2", "y"], tmp_path, monkeypatch)
    assert comparable_assignment(replayed.log.to_dict()) == comparable_assignment(expected)
    assert Handin.from_text(terminal_code).steps == handin.steps
    assert findings == []


def test_stopping_an_assignment_part_way_shows_the_code_so_far(browser, assignment_server):
    from game.engine import load_story
    from game.engine.handin import Handin, replay

    open_page(browser, assignment_server)
    enter_code(browser, "M3RX")
    click(browser, "q-pre_sure-0")
    click(browser, "btn-questions")
    click(browser, "btn-start")
    browser.find_element("css selector", "#choices button").click()
    assert browser.find_element("id", "btn-menu").text == "Stop and hand in"
    click(browser, "btn-menu")
    assert phase(browser) == "handin" and browser.find_element("id", "handin-h").text == "Your hand-in code so far"
    handin = Handin.from_text(browser.find_element("id", "handin-code").get_attribute("value"))
    assert len(handin.steps) == 1 and not replay(handin, load_story(SHIPPED)).finished
    assert handin.answers == {"pre_sure": 1}
    browser.execute_script("navigator.clipboard.writeText = () => Promise.reject(new Error('not allowed'))")
    click(browser, "btn-copy")  # a browser that keeps the clipboard to itself: the code is selected instead
    assert "press Ctrl+C" in wait(browser, "return document.getElementById('copy-status').textContent.includes('Ctrl') && "
                                           "document.getElementById('copy-status').textContent")
    assert browser.execute_script("const b = document.getElementById('handin-code');"
                                  "return document.activeElement === b && b.selectionEnd - b.selectionStart === b.value.length")
    click(browser, "btn-handin-back")
    assert phase(browser) == "play"
    open_page(browser, assignment_server, fresh=False)  # a reload: the same code continues the sitting
    enter_code(browser, "m3rx")
    assert phase(browser) == "play" and "Welcome back" in browser.find_element("id", "play-status").text


# ---- sound --------------------------------------------------------------------------------------------------
def test_the_place_sets_the_ambient_loop_after_a_first_gesture(browser, server):
    from game.engine import StoryRunner, load_story
    from game.engine.ambience import loop_for
    from game.window.settings import Settings

    role, choices = plan_choices("ending_anxious_steady_ground")
    open_page(browser, server)
    defaults = browser.execute_script("return [document.getElementById('set-ambient').value, "
                                      "document.getElementById('set-effects').value]")
    assert [float(v) for v in defaults] == [Settings().ambient_volume, Settings().effects_volume]  # as the window
    runner = StoryRunner.new(load_story(SHIPPED), role)
    start_game(browser, role, "")
    heard = []
    for choice in choices[:12]:  # enough to cross from one place to another
        while runner.phase != "awaiting_choice":
            runner.advance() if runner.phase == "delivering" else runner.next_scene()
        expected = loop_for(runner.scene.location_for(runner.role, runner.state.node))
        if phase(browser) == "debrief":
            click(browser, "btn-next-scene")
        assert phase(browser) == "play"
        loop, src, paused = browser.execute_script("const a = document.getElementById('ambient');"
                                                   "return [a.dataset.loop, a.getAttribute('src'), a.paused]")
        assert loop == (expected or "") and (src == f"sound/ambient_{expected}.wav" if expected else src is None)
        if expected:
            assert not paused  # the clicks so far were the gesture browsers ask for
        heard.append(loop)
        runner.choose(runner.find_choice(choice))
        browser.find_element("css selector", f'#choices button[data-id="{choice}"]').click()
    assert len(set(heard)) >= 2, heard  # the source changed with the place
    click(browser, "btn-settings")
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", "set-ambient")).select_by_value("0")
    click(browser, "btn-settings-close")
    assert browser.execute_script("const a = document.getElementById('ambient'); return [a.dataset.loop, a.paused]") == ["", True]


def test_before_any_gesture_the_page_is_silent(browser, server):
    open_page(browser, server)
    # Clicks from a script are no gesture of the player's: the place's loop is chosen but does not play.
    browser.execute_script("document.getElementById('btn-new').click(); document.getElementById('btn-start').click()")
    assert phase(browser) == "play"
    loop, paused = browser.execute_script("const a = document.getElementById('ambient'); return [a.dataset.loop, a.paused]")
    assert loop and paused
    browser.find_element("id", "btn-history").click()  # the player's first click
    assert browser.execute_script("return document.getElementById('ambient').paused") is False
