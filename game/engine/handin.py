"""Hand-in codes: a whole assignment session as one short, checksummed string a student can paste.

No server is needed. The code holds the student's pseudonymous code, the assignment id, the story
id and version, the scenes assigned, the role, every choice (as its position in its node's menu),
every skip, how many lines were seen and the answers; the engine is deterministic, so replaying
those through the StoryRunner rebuilds the session log line by line.

Layout: "TETHER1-" + base32( zlib(compact JSON) + CRC-32 of the compressed bytes ). Base32 (A-Z,
2-7) survives being pasted into any form, e-mail or spreadsheet; the checksum catches a code
copied in part or mistyped; the story version guards against replaying onto different text.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
import re
import time
import zlib
from dataclasses import dataclass, field

from game.engine.model import Story
from game.engine.runner import RunnerError, StoryRunner, StoryRuntimeError
from game.engine.session_log import SessionLog

PREFIX = "TETHER1-"
MAX_CODE_CHARS = 20_000  # a full year of play packs to a few hundred characters
MAX_UNPACKED = 200_000
FOUND = re.compile(r"TETHER1-[A-Z2-7]{8,20000}", re.I)


class HandinError(ValueError):
    """A hand-in code that cannot be used, with the reason in words a teacher can act on."""


@dataclass
class Handin:
    assignment_id: str
    code: str
    story_id: str
    story_version: str
    role: str
    scenes: tuple[str, ...]
    steps: list = field(default_factory=list)  # ints: a choice's index in its node's menu; [n, s]: skip scene s after n lines
    lines: int = 0  # lines seen in all
    answers: dict = field(default_factory=dict)
    started: int | None = None  # unix seconds
    finished: int | None = None
    ended: bool = False  # the story's ending was reached (it can come right after the last line)

    def to_text(self) -> str:
        payload = {"a": self.assignment_id, "c": self.code, "s": self.story_id, "v": self.story_version,
                   "r": self.role, "o": list(self.scenes), "m": self.steps, "n": self.lines, "q": self.answers,
                   "t": [self.started, self.finished], "e": int(self.ended)}
        packed = zlib.compress(json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode(), 9)
        body = packed + zlib.crc32(packed).to_bytes(4, "big")
        return PREFIX + base64.b32encode(body).decode().rstrip("=")

    @classmethod
    def from_text(cls, text: str) -> "Handin":
        text = re.sub(r"\s+", "", str(text)).upper()
        if not text.startswith(PREFIX):
            raise HandinError(f"it is not a Tether hand-in code (those start with {PREFIX})")
        if len(text) > MAX_CODE_CHARS:
            raise HandinError(f"it is longer than {MAX_CODE_CHARS} characters")
        body = text[len(PREFIX):]
        try:
            raw = base64.b32decode(body + "=" * (-len(body) % 8))
        except (binascii.Error, ValueError):
            raise HandinError("it is damaged (a character missing, extra or not in a code's alphabet); "
                              "check it was copied whole") from None
        packed, crc = raw[:-4], raw[-4:]
        if len(raw) < 5 or zlib.crc32(packed).to_bytes(4, "big") != crc:
            raise HandinError("its checksum does not match: part of it is missing or mistyped; check it was copied whole")
        try:
            inflater = zlib.decompressobj()
            data = json.loads(inflater.decompress(packed, MAX_UNPACKED).decode())
            if inflater.unconsumed_tail:
                raise ValueError("too large")
            started, finished = data.get("t") or [None, None]
            return cls(str(data["a"]), str(data["c"]), str(data["s"]), str(data["v"]), str(data["r"]),
                       tuple(str(s) for s in data["o"]), list(data["m"]), int(data["n"]), dict(data.get("q") or {}),
                       _time(started), _time(finished), bool(data.get("e")))
        except (zlib.error, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
            raise HandinError("its contents are damaged, although the checksum matches; it was not made by Tether") from None


def _time(value) -> int | None:
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def find_codes(text: str) -> list[str]:
    """Every hand-in code in pasted text (an LMS export, an e-mail, one per line)."""
    return [m.group(0) for m in FOUND.finditer(text)]


def steps_of(runner: StoryRunner) -> list:
    """The choices and skips of a game, in play order, as hand-in steps."""
    story, state = runner.story, runner.state
    steps: list = []
    moves = list(state.moves)
    for number, scene_id in enumerate(story.scene_order):
        for move in moves:
            if move["scene"] != scene_id:
                continue
            _, node_id, _ = move["choice"].split(".", 2)
            ids = [c.id for c in story.scenes[scene_id].nodes[node_id].choices]
            steps.append(ids.index(move["choice"]))
        if scene_id in state.skipped:
            steps.append([sum(1 for line in state.backlog if line.split(".", 1)[0] == scene_id), number])
    return steps


def handin_for(runner: StoryRunner, assignment_id: str, code: str, answers: dict, started: float | None,
               finished: float | None) -> Handin:
    """The hand-in of a game played in `runner` (whose story is the assignment's scene subset)."""
    story = runner.story
    return Handin(assignment_id, code, story.id, str(story.version), runner.role, tuple(story.scene_order),
                  steps_of(runner), len(runner.state.backlog), dict(answers),
                  None if started is None else int(started), None if finished is None else int(finished),
                  runner.phase == "ended")


@dataclass
class Replayed:
    log: SessionLog
    finished: bool  # the ending was reached, or the last assigned scene's end


def replay(handin: Handin, story: Story) -> Replayed:
    """The session rebuilt by playing the hand-in's steps through the runner; HandinError if they do not fit."""
    if handin.story_id != story.id:
        raise HandinError(f"it was made with the story '{handin.story_id}', not '{story.id}'")
    if handin.story_version != str(story.version):
        raise HandinError(f"it was made with story version {handin.story_version}; this Tether has story version "
                          f"{story.version}. Replay it with Tether at story version {handin.story_version}")
    unknown = [s for s in handin.scenes if s not in story.scenes]
    if unknown or not handin.scenes or handin.role not in story.roles:
        raise HandinError("its scenes or role do not exist in this story")
    order = tuple(s for s in story.scene_order if s in handin.scenes)
    played = dataclasses.replace(story, scene_order=order, scenes={s: story.scenes[s] for s in order})
    try:
        runner = StoryRunner.new(played, handin.role)
        log = SessionLog(runner)
        finished = _play(runner, log, list(handin.steps), handin.lines, order != story.scene_order, handin.ended)
    except (RunnerError, StoryRuntimeError, IndexError, TypeError, ValueError) as exc:
        raise HandinError(f"its choices do not fit this story ({exc})") from None
    log.extra = {"code": handin.code, "assignment": {"id": handin.assignment_id, "scenes": list(order),
                                                     "partial": order != story.scene_order, "finished": finished},
                 "started_at": _iso(handin.started), "finished_at": _iso(handin.finished), "answers": handin.answers}
    return Replayed(log, finished)


def _play(runner: StoryRunner, log: SessionLog, steps: list, lines: int, partial: bool, ended: bool) -> bool:
    """Replay steps; True when the session reached its end. Bounded by the steps and lines it holds."""
    budget = len(steps) + lines + 10 * len(runner.story.scene_order) + 10
    for _ in range(budget):
        state = runner.state
        phase = state.phase
        if phase == "ended":
            return True
        step = steps[0] if steps else None
        if isinstance(step, list) and phase in ("delivering", "awaiting_choice"):
            seen = sum(1 for line in state.backlog if line.split(".", 1)[0] == state.scene)
            if state.scene == runner.story.scene_order[int(step[1])] and seen >= int(step[0]):
                scene = state.scene
                runner.skip_scene()
                log.skip(scene)
                steps.pop(0)
                continue
        if not steps and len(state.backlog) >= lines and phase != "scene_end":
            return False
        if phase == "delivering":
            log.line(runner.advance())
        elif phase == "awaiting_choice":
            if not isinstance(step, int) or isinstance(step, bool):
                raise ValueError("a choice was expected here")
            choice = runner.node.choices[step]
            index = [c.id for c in runner.available_choices()].index(choice.id)
            runner.choose(index)
            log.choice(runner.moves[-1])
            steps.pop(0)
        elif phase == "scene_end":
            last = state.scene == runner.story.scene_order[-1]
            if partial and last:
                return True
            if not steps and len(state.backlog) >= lines and not (ended and last):
                return False
            runner.next_scene()
    raise ValueError("the replay did not come to an end")


def _iso(seconds: int | None) -> str | None:
    return None if seconds is None else time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))
