"""Sending xAPI statements to a learning-record store, losing nothing.

Statements go in batches over plain HTTP (urllib, standard library). A network error or a 5xx/429
answer is retried with growing pauses; a 4xx answer is not (the message says what the LRS did not
like; 401/403 mean the key or secret is wrong). Whatever was not accepted stays in a queue file,
and the next `tether report --lrs` sends the queue first. Statement ids are fixed per session, so
sending a statement twice stores it once.
"""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from game.engine.files import MB, atomic_write_text, read_untrusted

BATCH = 50
RETRIES = 4
FIRST_PAUSE = 1.0
TIMEOUT = 20
QUEUE_LIMIT = 64 * MB


@dataclass
class Sent:
    sent: int = 0
    queued: int = 0
    messages: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.queued == 0


class Refused(Exception):
    """The LRS answered with a 4xx: sending the same again will not help."""


class Conflict(Refused):
    """HTTP 409: a statement with one of these ids is stored already."""


def statements_url(endpoint: str) -> str:
    endpoint = endpoint.rstrip("/")
    return endpoint if endpoint.endswith("/statements") else endpoint + "/statements"


def read_queue(path: Path) -> list[dict]:
    """Statements left from an earlier run (one JSON object a line); unreadable lines are kept aside by the caller."""
    if not Path(path).exists():
        return []
    raw = read_untrusted(Path(path), QUEUE_LIMIT).decode("utf-8", errors="replace")
    out = []
    for line in raw.splitlines():
        line = line.strip()
        if line:
            item = json.loads(line)
            if isinstance(item, dict):
                out.append(item)
    return out


def write_queue(path: Path, statements: list[dict]) -> None:
    atomic_write_text(Path(path), "".join(json.dumps(s, ensure_ascii=False) + "\n" for s in statements))


def post_batch(url: str, auth: str, batch: list[dict]) -> None:
    """POST one batch; raises Refused on a 4xx, OSError (URLError) on what may pass with time."""
    key, _, secret = auth.partition(":")
    token = base64.b64encode(f"{key}:{secret}".encode()).decode()
    request = urllib.request.Request(url, data=json.dumps(batch).encode(), method="POST", headers={
        "Content-Type": "application/json", "X-Experience-API-Version": "1.0.3", "Authorization": f"Basic {token}"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            response.read(MB)
    except urllib.error.HTTPError as exc:
        body = exc.read(2000).decode("utf-8", errors="replace").strip()
        if exc.code in (401, 403):
            raise Refused(f"the LRS refused the key and secret (HTTP {exc.code}); check --lrs-auth KEY:SECRET") from None
        if exc.code == 409:
            raise Conflict(f"the LRS holds a different statement with the same id (HTTP 409): {body[:300]}") from None
        if exc.code == 429 or exc.code >= 500:
            raise OSError(f"the LRS answered HTTP {exc.code}: {body[:300]}") from None
        raise Refused(f"the LRS refused the statements (HTTP {exc.code}): {body[:300]}") from None


def send(statements: list[dict], endpoint: str, auth: str, queue: Path, batch_size: int = BATCH,
         retries: int = RETRIES, pause: float = FIRST_PAUSE, sleep=time.sleep) -> Sent:
    """Send the queue's statements, then `statements`; what is not accepted is written back to `queue`."""
    result = Sent()
    try:
        waiting = read_queue(queue)
    except ValueError as exc:
        result.messages.append(f"the queue {queue} could not be read ({exc}); it is left as it is")
        return Sent(0, len(statements), result.messages)
    if waiting:
        result.messages.append(f"{len(waiting)} statement(s) queued from an earlier run are sent first")
    seen = {s.get("id") for s in waiting}
    todo = waiting + [s for s in statements if s.get("id") not in seen]
    url = statements_url(endpoint)
    at = 0
    while at < len(todo):
        batch = todo[at:at + batch_size]
        try:
            try:
                _with_retries(url, auth, batch, retries, pause, sleep)
            except Conflict:
                # The batch is refused whole; statement ids are fixed per session, so a conflict means
                # part of it was sent before. Send one by one and count the conflicting ones as stored.
                stored = 0
                for statement in batch:
                    try:
                        _with_retries(url, auth, [statement], retries, pause, sleep)
                    except Conflict:
                        stored += 1
                if stored:
                    result.messages.append(f"{stored} statement(s) were in the LRS already (sent before)")
        except (Refused, OSError) as exc:
            reason = getattr(exc, "reason", None) or exc
            result.messages.append(f"stopped at statement {at + 1} of {len(todo)}: {reason}")
            break
        at += len(batch)
        result.sent += len(batch)
    left = todo[at:]
    result.queued = len(left)
    if left:
        write_queue(queue, left)
        result.messages.append(f"{len(left)} statement(s) kept in {queue}; run the same command again to send them")
    elif Path(queue).exists():
        write_queue(queue, [])
    return result


def _with_retries(url: str, auth: str, batch: list[dict], retries: int, pause: float, sleep) -> None:
    for attempt in range(retries + 1):
        try:
            post_batch(url, auth, batch)
            return
        except Refused:
            raise
        except OSError:
            if attempt == retries:
                raise
            sleep(pause * 2 ** attempt)
