"""CSV and xAPI exports of a class, and sending statements to an LRS without losing any."""

import csv
import io
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from game.engine.assignment import read_assignment
from game.engine.diagnostics import DiagnosticBag
from game.tools.lrs import send
from game.tools.report import Report, read_codes
from game.tools.xapi import VERBS, all_statements
from tests.conftest import SHIPPED
from tests.educate.helpers import class_codes, pin
from tests.tools.helpers import tether

SCENES = ("first_message", "the_friends")
STUDENTS = [
    ("K7Q2", "anxious", 1, None, {"pre_break": 1, "pre_sure": 4}),
    ("M3XP", "avoidant", 2, None, {"pre_break": 0, "pre_hope": "=HYPERLINK(\"x\")"}),
    ("ZZ9A", "anxious", 3, 2, {}),  # stopped after two choices
]


@pytest.fixture(scope="module")
def shipped():
    from game.engine import load_story

    return load_story(SHIPPED)


@pytest.fixture(scope="module")
def assignment_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("class")
    questions = folder / "before.yaml"
    questions.write_text("- {id: pre_break, kind: choice, text: A break?, options: [Leave, Twenty minutes], answer: 1}\n"
                         "- {id: pre_sure, kind: likert, text: I can spot the loop.}\n"
                         "- {id: pre_hope, kind: text, text: Hopes?}\n")
    out = folder / "wk5.tether.yaml"
    result = tether("assign", "new", "--title", "Week 5", "--scenes", ",".join(SCENES), "--codes", "3",
                    "--before", questions, "--homepage", "https://lms.school.example", "-o", out)
    assert result.returncode == 0, result.stderr
    pin(out, [s[0] for s in STUDENTS])
    return out


@pytest.fixture(scope="module")
def pasted(tmp_path_factory, shipped):
    path = tmp_path_factory.mktemp("codes") / "pasted.txt"
    path.write_text("\n".join(class_codes(shipped, SCENES, STUDENTS)) + "\n")
    return path


@pytest.fixture(scope="module")
def sessions(pasted, shipped):
    report = Report(shipped.id)
    read_codes(pasted, shipped, report)
    assert report.problems == []
    return report.sessions


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_files_have_a_row_per_session_and_per_move(tmp_path, pasted, assignment_file, sessions):
    out, moves = tmp_path / "sessions.csv", tmp_path / "moves.csv"
    result = tether("report", "--codes", pasted, "--assignment", assignment_file, "--csv", out, "--csv-moves", moves)
    assert result.returncode == 0, result.stderr
    table = rows(out.read_text())
    assert [r["code"] for r in table] == ["K7Q2", "M3XP", "ZZ9A"]
    assert [r["completed"] for r in table] == ["yes", "yes", "no"] and table[2]["stopped_in"] in SCENES
    assert table[0]["scenes_reached"] == "first_message the_friends" and table[0]["ending_kind"] == ""
    assert table[0]["answer_pre_sure"] == "4" and table[1]["answer_pre_hope"].startswith("'=")  # no formula runs
    assert table[0]["started"] == "2026-09-21T14:13:20Z"
    assert int(table[0]["moves_secure"]) + int(table[0]["moves_pursue"]) >= 1
    move_rows = rows(moves.read_text())
    assert len(move_rows) == sum(len(s.moves) for s in sessions)
    first = sessions[0].moves[0]
    assert move_rows[0]["choice"] == first["choice"] and move_rows[0]["safety_after"] == str(first["after"]["safety"])


def test_xapi_statements_follow_the_profile(tmp_path, pasted, assignment_file, shipped, sessions):
    out = tmp_path / "out.jsonl"
    result = tether("report", "--codes", pasted, "--assignment", assignment_file, "--xapi", out)
    assert result.returncode == 0, result.stderr
    statements = [json.loads(line) for line in out.read_text().splitlines()]
    assert len({s["id"] for s in statements}) == len(statements)
    for s in statements:
        assert set(s["actor"]) == {"objectType", "account"}  # never a name or an e-mail
        assert s["actor"]["account"] == {"homePage": "https://lms.school.example", "name": s["actor"]["account"]["name"]}
        assert s["version"] == "1.0.3" and s["verb"]["id"] in VERBS.values()
        assert s["context"]["contextActivities"]["category"][0]["id"] == "https://w3id.org/xapi/seriousgames"
        assert s["context"]["contextActivities"]["grouping"][-1]["id"].startswith("urn:tether:assignment:wk5-test")
    by_code = {}
    for s in statements:
        by_code.setdefault(s["actor"]["account"]["name"], []).append(s)
    assert set(by_code) == {"K7Q2", "M3XP", "ZZ9A"}
    assert len({s["context"]["registration"] for s in statements}) == 3
    verbs = [s["verb"]["display"]["en-US"] for s in by_code["K7Q2"]]
    assert verbs[0] == "initialized" and verbs[-2:] == ["completed", "terminated"]
    assert verbs.count("selected") == len(sessions[0].moves) and verbs.count("progressed") == 2
    selected = next(s for s in by_code["K7Q2"] if s["verb"]["display"]["en-US"] == "selected")
    assert selected["verb"]["id"] == "https://w3id.org/xapi/adb/verbs/selected"
    assert selected["context"]["contextActivities"]["parent"][0]["id"].endswith(":scene:first_message")
    assert "urn:tether:extension:meters-after" in selected["result"]["extensions"]
    progressed = [s for s in by_code["K7Q2"] if s["verb"]["display"]["en-US"] == "progressed"]
    assert [p["result"]["extensions"]["https://w3id.org/xapi/seriousgames/extensions/progress"] for p in progressed] == [50, 100]
    answered = {s["object"]["id"].rsplit(":", 1)[1]: s for s in by_code["K7Q2"] if s["verb"]["display"]["en-US"] == "answered"}
    assert answered["pre_break"]["result"] == {"response": "o1", "success": True}
    assert answered["pre_break"]["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction"
    assert answered["pre_sure"]["object"]["definition"]["interactionType"] == "likert"
    unfinished = [s["verb"]["display"]["en-US"] for s in by_code["ZZ9A"]]
    assert "completed" not in unfinished and unfinished[-1] == "terminated"
    again = all_statements(sessions, shipped, read_assignment(assignment_file, DiagnosticBag(), shipped))
    assert [s["id"] for s in again] == [s["id"] for s in statements]  # sending twice stores once


class FakeLRS(BaseHTTPRequestHandler):
    """A local HTTP server answering with scripted status codes (the real LRS is tested with Ralph)."""

    answers: list = []
    received: list = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        status = self.answers.pop(0) if self.answers else 200
        if status == 200:
            self.received.extend(body)
        self.send_response(status)
        self.end_headers()
        self.wfile.write(json.dumps([s["id"] for s in body] if status == 200 else {"detail": "no"}).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_lrs():
    server = HTTPServer(("127.0.0.1", 0), FakeLRS)
    FakeLRS.answers, FakeLRS.received = [], []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/xAPI"
    server.shutdown()


def test_lrs_retries_with_backoff_and_keeps_unsent_statements(tmp_path, fake_lrs, sessions, shipped):
    statements = all_statements(sessions, shipped)
    queue = tmp_path / "queue.jsonl"
    pauses = []
    FakeLRS.answers = [503, 503]
    sent = send(statements, fake_lrs, "k:s", queue, batch_size=20, sleep=pauses.append)
    assert sent.ok and sent.sent == len(statements) and pauses == [1.0, 2.0]
    assert [s["id"] for s in FakeLRS.received] == [s["id"] for s in statements]
    FakeLRS.received.clear()
    FakeLRS.answers = [200, 401]
    sent = send(statements, fake_lrs, "k:wrong", queue, batch_size=20, sleep=pauses.append)
    assert sent.sent == 20 and sent.queued == len(statements) - 20 and "key and secret" in " ".join(sent.messages)
    assert len(queue.read_text().splitlines()) == len(statements) - 20
    sent = send([], fake_lrs, "k:s", queue, sleep=pauses.append)  # the next run sends the queue first
    assert sent.ok and sent.sent == len(statements) - 20 and queue.read_text() == ""
    FakeLRS.answers = [400]
    sent = send(statements[:3], fake_lrs, "k:s", queue, sleep=pauses.append)
    assert sent.queued == 3 and "HTTP 400" in " ".join(sent.messages)


def test_an_unreachable_lrs_leaves_the_statements_queued(tmp_path, pasted):
    queue = tmp_path / "q.jsonl"
    result = tether("report", "--codes", pasted, "--lrs", "http://127.0.0.1:9/xAPI", "--lrs-auth", "k:s",
                    "--lrs-queue", queue, "--lrs-retries", "0")
    assert result.returncode == 1 and "still queued" in result.stdout and "Traceback" not in result.stderr
    assert "kept in" in result.stderr and len(queue.read_text().splitlines()) > 10


def test_codes_of_another_assignment_or_not_handed_out_are_named_and_left_out(tmp_path, pasted, assignment_file):
    other = tmp_path / "other.yaml"
    other.write_text(assignment_file.read_text().replace('"K7Q2", ', ""))
    result = tether("report", "--codes", pasted, "--assignment", other, "--json")
    assert result.returncode == 0 and '"sessions": 2' in result.stdout
    assert "code 'K7Q2' is not one of the assignment's codes" in result.stderr
    other.write_text(assignment_file.read_text().replace('id: "wk5-test"', 'id: "wk6-test"'))
    result = tether("report", "--codes", pasted, "--assignment", other, "--json")
    assert result.returncode == 1 and "belongs to assignment 'wk5-test', not 'wk6-test'" in result.stderr
