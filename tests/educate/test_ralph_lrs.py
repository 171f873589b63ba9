"""A real learning-record store: Ralph (an open-source LRS used with Open edX) on 127.0.0.1.

Ralph comes from the `lrs-test` extra (`pip install -e '.[test,lrs-test]'`, which `make test`
does). Its file-system backend keeps statements in one JSON-lines file; see the facilitator
guide for what that backend cannot do.
"""

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from base64 import b64encode
from pathlib import Path

import pytest

pytest.importorskip("ralph", reason="Ralph is not installed: pip install -e '.[test,lrs-test]' (make test does)")

from ralph.models.xapi.base.statements import BaseXapiStatement  # noqa: E402

from tests.educate.helpers import class_codes, pin  # noqa: E402
from tests.tools.helpers import tether  # noqa: E402

RALPH = Path(sys.executable).with_name("ralph")
HOMEPAGE = "https://lms.school.example"
SCENES = ("first_message", "the_friends")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, auth: str) -> dict:
    request = urllib.request.Request(url, headers={"Authorization": "Basic " + b64encode(auth.encode()).decode(),
                                                   "X-Experience-API-Version": "1.0.3"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def lrs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ralph")
    env = dict(os.environ, RALPH_APP_DIR=str(folder), RALPH_AUTH_FILE=str(folder / "auth.json"),
               RALPH_RUNSERVER_BACKEND="fs")
    secret = secrets.token_hex(8)
    made = subprocess.run([RALPH, "auth", "-u", "teacher", "-p", secret, "-s", "all", "-A", "teacher", HOMEPAGE, "-w"],
                          env=env, capture_output=True, text=True, timeout=300)
    assert made.returncode == 0 and (folder / "auth.json").is_file(), made.stderr[-2000:]
    port = free_port()
    log = open(folder / "server.log", "w")
    server = subprocess.Popen([RALPH, "runserver", "-b", "fs", "--fs-default-directory-path", str(folder / "data"),
                               "-h", "127.0.0.1", "-p", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):  # up to a minute on a busy machine; fails early if the server exits
            assert server.poll() is None, (folder / "server.log").read_text()[-2000:]
            try:
                urllib.request.urlopen(base + "/__heartbeat__", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("Ralph did not answer within a minute:\n" + (folder / "server.log").read_text()[-2000:])
        yield {"endpoint": base + "/xAPI", "auth": f"teacher:{secret}", "folder": folder}
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # its own session: uvicorn and its workers stop together
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


@pytest.fixture(scope="module")
def classroom(tmp_path_factory):
    from game.engine import load_story
    from tests.conftest import SHIPPED

    folder = tmp_path_factory.mktemp("class")
    story = load_story(SHIPPED)
    students = [("K7Q2", "anxious", 1, None, {}), ("M3XP", "avoidant", 2, None, {}), ("ZZ9A", "anxious", 3, 2, {})]
    pasted = folder / "pasted.txt"
    pasted.write_text("\n".join(class_codes(story, SCENES, students)) + "\n")
    assignment = folder / "wk5.tether.yaml"
    made = tether("assign", "new", "--title", "Week 5", "--scenes", ",".join(SCENES), "--codes", "3",
                  "--homepage", HOMEPAGE, "-o", assignment)
    assert made.returncode == 0, made.stderr
    pin(assignment, [s[0] for s in students])
    return folder, pasted, assignment


def test_a_class_statements_are_stored_and_read_back_by_registration(lrs, classroom):
    folder, pasted, assignment = classroom
    out, queue = folder / "out.jsonl", folder / "queue.jsonl"
    args = ["report", "--codes", pasted, "--assignment", assignment, "--xapi", out, "--lrs", lrs["endpoint"],
            "--lrs-auth", lrs["auth"], "--lrs-queue", queue]
    sent = tether(*args)
    assert sent.returncode == 0, sent.stderr
    statements = [json.loads(line) for line in out.read_text().splitlines()]
    assert f"Sent {len(statements)} statement(s)" in sent.stdout and "0 still queued" in sent.stdout
    registrations = {s["context"]["registration"] for s in statements}
    assert len(registrations) == 3
    for registration in registrations:
        stored = get(f"{lrs['endpoint']}/statements?registration={registration}&limit=500", lrs["auth"])["statements"]
        ours = {s["id"]: s for s in statements if s["context"]["registration"] == registration}
        assert {s["id"] for s in stored} == set(ours)
        for statement in stored:
            BaseXapiStatement.model_validate(statement)  # Ralph's own xAPI model accepts every one
            mine = ours[statement["id"]]
            assert statement["actor"] == mine["actor"] and statement["verb"] == mine["verb"]
            assert statement.get("result") == mine.get("result") and statement["context"] == mine["context"]
    again = tether(*args)  # the same class sent twice is stored once
    assert again.returncode == 0 and "0 still queued" in again.stdout, again.stderr
    everything = get(f"{lrs['endpoint']}/statements?limit=1000", lrs["auth"])["statements"]
    assert len(everything) == len(statements)


def test_a_wrong_secret_is_named_and_nothing_is_lost(lrs, classroom):
    folder, pasted, _ = classroom
    queue = folder / "refused.jsonl"
    refused = tether("report", "--codes", pasted, "--lrs", lrs["endpoint"], "--lrs-auth", "teacher:wrong",
                     "--lrs-queue", queue)
    assert refused.returncode == 1 and "HTTP 401" in refused.stderr and "key and secret" in refused.stderr
    waiting = queue.read_text().splitlines()
    assert waiting and "Traceback" not in refused.stderr
    resent = tether("report", "--codes", pasted, "--lrs", lrs["endpoint"], "--lrs-auth", lrs["auth"],
                    "--lrs-queue", queue)
    assert resent.returncode == 0 and "queued from an earlier run" in resent.stderr and queue.read_text() == ""
