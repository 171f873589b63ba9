"""PlaySession: one game being played, the same for every front end.

The session owns the runner, the save store and the session log. Its phases
are a `transitions` machine at human pace, and the work hangs on entering
them, so both front ends get it for free:

    title ──new_game / continue──▶ playing ──scene over──▶ scene_debrief ──next_scene──▶ playing
                                      │                         │
                                      └──── story over ─────────┴──▶ ending ──other_side──▶ between_roles

- entering `playing` from a menu autosaves nothing; every `choose()` autosaves
  first, so a crash loses at most the current moment;
- entering `scene_debrief` builds that scene's debrief, logs the scene's end and
  autosaves (a player who quits at the debrief continues after it);
- entering `ending` finds the turning point (when the ending is not growth),
  logs the ending, writes the log and keeps the game as its role's finished game.

After an ending (or from the title, once a game of the story was finished)
`replay_scene()` plays one scene of the finished game again from the state it
began with. The replay is `playing` then `scene_debrief` like any scene, but its
debrief compares the two tries, nothing of it is saved, and the log gets one
`replay` event; `next_scene()` (or `end_replay()`) goes back where it started.

Front ends read `runner` (lines, choices, meters) and call the session for
everything that changes the game: `advance()`, `continue_to_choice()`,
`choose()`, `undo()`, `skip_scene()`, `next_scene()`. A failing disk never
stops play: the session keeps a message in `notices` for the front end.
"""

from __future__ import annotations

import copy
import random

import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from transitions import Machine

from game.engine.debrief import SceneDebrief, compare_tries, scene_debrief
from game.engine.diagnostics import Diagnostic
from game.engine.model import Story
from game.engine.reload import reload as reload_story
from game.engine.replay import Replay, ReplayError, replay_event, replay_runner, scenes_to_replay
from game.engine.runner import RunnerError, ShownLine, StoryRunner
from game.engine.saves import AUTOSAVE, SaveStore
from game.engine.session_log import SessionLog
from game.engine.text import Partner
from game.engine.turning import TurningPoint, find_turning_point

PHASES = ("title", "playing", "scene_debrief", "ending", "between_roles")
_EVERYWHERE = list(PHASES)
_TRANSITIONS = [
    {"trigger": "_begin", "source": _EVERYWHERE, "dest": "playing"},
    {"trigger": "_scene_over", "source": "playing", "dest": "scene_debrief"},
    {"trigger": "_play_on", "source": "scene_debrief", "dest": "playing"},
    {"trigger": "_story_over", "source": ["playing", "scene_debrief"], "dest": "ending"},
    {"trigger": "_other_side", "source": "ending", "dest": "between_roles"},
    {"trigger": "_to_title", "source": _EVERYWHERE, "dest": "title"},
    {"trigger": "_back_to_ending", "source": ["playing", "scene_debrief"], "dest": "ending"},
]
MAX_NAME = 40  # characters of a typed partner name


class SessionError(RuntimeError):
    """A front end asked for something the session's phase does not allow."""


@dataclass(frozen=True)
class Recap:
    """Where a continued game stands, for the player who comes back to it."""
    scene_title: str
    role_title: str
    partner: str
    last_lines: tuple[ShownLine, ...]
    choices_made: int


class PlaySession:
    def __init__(self, story: Story, store: SaveStore | None = None, log_path: Path | None = None,
                 story_dir: Path | None = None):
        self.story = story
        self.store = store or SaveStore()
        self.story_dir = Path(story_dir) if story_dir else None
        self.log_path = Path(log_path) if log_path else None
        self.runner: StoryRunner | None = None
        self.log: SessionLog | None = None
        self.notices: list[str] = []  # what the player should be told (save or log trouble), oldest first
        self.last_debrief: SceneDebrief | None = None
        self.turning_point: TurningPoint | None = None  # set on reaching an ending that is not growth
        self._save_failed = False
        self.replay: Replay | None = None  # a scene of a finished game played again
        self._finished: dict = {}  # role -> its finished game as read from disk (None: there is none)
        self._returning = False  # back at the ending after a replay: nothing to log or keep again
        # What the log adds beside the events, worked out each time it is written (an assignment's code,
        # answers and progress); None adds nothing.
        self.log_extra: Callable[[StoryRunner], dict] | None = None
        self.machine = Machine(model=self, states=list(PHASES), transitions=_TRANSITIONS, initial="title",
                               auto_transitions=False, model_attribute="phase",
                               after_state_change="_after_phase_change")
        self.machine.on_enter_scene_debrief("_entered_debrief")
        self.machine.on_enter_ending("_entered_ending")

    # ---- starting ---------------------------------------------------------------------
    def partner_for(self, role: str, name: str | None = None, pronouns: str | None = None) -> Partner:
        """The partner for a new game: typed values, trimmed, or the role's defaults."""
        spec = self.story.roles[role]
        name = " ".join((name or "").split())[:MAX_NAME] or spec.partner_name
        return Partner(name, pronouns or spec.partner_pronouns)

    def new_game(self, role: str, partner_name: str | None = None, pronouns: str | None = None,
                 seed: int | None = None) -> StoryRunner:
        """`seed`: this game's chance(N) rolls (a path from `tether explore` names one); drawn when None."""
        if role not in self.story.roles:
            raise SessionError(f"unknown role {role!r}; choose {' or '.join(self.story.roles)}")
        self.replay = None
        if seed is None:  # this game's chance(N) rolls, kept in saves (0 when nothing is left to chance)
            seed = random.randrange(1 << 31) if self.story.uses_chance else 0
        self.runner = StoryRunner.new(self.story, role, self.partner_for(role, partner_name, pronouns), seed=seed)
        self._open_log(resume=False)
        self._begin()
        return self.runner

    def load(self, slot: str) -> tuple[bool, str]:
        """Load a save slot; (loaded, what to tell the player)."""
        result = self.store.load(slot, self.story)
        if result.runner is None:
            return False, result.message or "That slot is empty."
        self.runner, self.replay = result.runner, None
        self._open_log(resume=True)
        self._begin()
        return True, result.message or ""

    def continue_latest(self) -> tuple[bool, str]:
        slot = self.latest_slot()
        if slot is None and self.store.exists(AUTOSAVE):
            slot = AUTOSAVE  # unreadable: loading it sets it aside and says so
        if slot is None:
            return False, "There is no saved game yet."
        return self.load(slot)

    def recap(self, lines: int = 3) -> Recap:
        runner = self._need_runner()
        shown = [line for line in runner.backlog if line.id.startswith(runner.scene.id + ".")][-lines:]
        return Recap(runner.scene.title, self.story.roles[runner.role].title, runner.partner.name, tuple(shown),
                     len(runner.moves))

    # ---- playing ------------------------------------------------------------------------
    @property
    def choices(self):
        return self.runner.choices if self.runner is not None else []

    def advance(self) -> ShownLine:
        """The next line (logged as it is shown)."""
        self._require("playing", "advance()")
        line = self.runner.advance()
        if self._play_log() is not None:
            self.log.line(line)
        self._follow_runner()
        return line

    def continue_to_choice(self) -> list[ShownLine]:
        """Every line up to the next choice, the scene's end or the ending (like ink's ContinueMaximally)."""
        shown = []
        while self.phase == "playing" and self.runner.phase == "delivering":
            shown.append(self.advance())
        return shown

    def choose(self, choice) -> None:
        """Take a choice by its menu index (0-based) or its id (full or local)."""
        self._require("playing", "choose()")
        runner = self.runner
        index = choice if isinstance(choice, int) and not isinstance(choice, bool) else runner.find_choice(choice)
        if index is None:
            raise RunnerError(f"choice {choice!r} is not on offer")
        self.autosave()  # before the choice: closing the window or a crash loses at most this moment
        runner.choose(index)
        if self._play_log() is not None:
            self.log.choice(runner.moves[-1])
        self._follow_runner()
        self.write_log()

    def undo(self) -> bool:
        if self.runner is None or not self.runner.can_undo:
            return False
        self.runner.undo()
        if self._play_log() is not None:
            self.log.undo()
        if self.phase != "playing":
            self._begin()
        self.write_log()
        return True

    def skip_scene(self) -> str:
        """Leave the scene in progress; returns its summary. The scene's debrief follows."""
        self._require("playing", "skip_scene()")
        scene_id = self.runner.scene.id
        summary = self.runner.skip_scene()
        if self._play_log() is not None:
            self.log.skip(scene_id)
        self._follow_runner()
        self.write_log()
        return summary

    def debrief(self, scene_id: str | None = None) -> SceneDebrief:
        """The debrief of a scene (by default the one just over)."""
        runner = self._need_runner()
        if self.last_debrief is not None and (scene_id is None or (self.replay is not None
                                                                   and scene_id == self.last_debrief.scene_id)):
            return self.last_debrief  # a scene played again: the debrief with its comparison
        return scene_debrief(runner, scene_id or runner.scene.id)

    def next_scene(self) -> None:
        """From a scene's debrief: on to the next scene, or to the ending."""
        self._require("scene_debrief", "next_scene()")
        if self.replay is not None:
            self.end_replay()
            return
        runner = self.runner
        if runner.phase == "scene_end":
            runner.next_scene()
        if runner.phase == "ended":
            self._story_over()
        else:
            self._play_on()

    def ending(self):
        runner = self._need_runner()
        return runner.ending

    def other_role(self, role: str | None = None) -> str:
        role = role or (self.runner.role if self.runner else next(iter(self.story.roles)))
        others = [r for r in self.story.roles if r != role]
        return others[0] if others else role

    def play_other_side(self) -> str:
        """After the ending: the role to set up next (a new game starts with new_game())."""
        self._require("ending", "play_other_side()")
        role = self.other_role()
        self._other_side()
        return role

    # ---- a scene played again ---------------------------------------------------------------
    def finished_game(self, role: str) -> StoryRunner | None:
        """The role's last finished game of this story (read from disk once; a damaged one is set aside
        and a notice says so)."""
        if role not in self._finished:
            record = None
            if self.store.has_finished(role):
                result = self.store.load_finished(role, self.story)
                record = result.runner
                if record is None and result.message:
                    self.notices.append(result.message)
            self._finished[role] = record
        return self._finished[role]

    def forget_finished(self) -> None:
        """Read the finished games from disk again when next asked (a front end put back files it kept)."""
        self._finished.clear()

    def replayable(self) -> dict[str, list[str]]:
        """Role -> the scenes of its finished game that can be played again, in story order."""
        out = {}
        for role in self.story.roles:
            record = self.finished_game(role)
            scenes = scenes_to_replay(record) if record is not None else []
            if scenes:
                out[role] = scenes
        return out

    def replay_scene(self, scene_id: str, role: str | None = None) -> StoryRunner:
        """Play a scene of the role's finished game again from the state it began with (after an ending, or
        from the title). The finished game is not changed; the debrief compares the two tries."""
        if self.phase not in ("ending", "title", "between_roles"):
            raise SessionError(f"replay_scene() is not allowed in the {self.phase.replace('_', ' ')} phase")
        role = role or (self.runner.role if self.runner is not None else next(iter(self.story.roles)))
        record = self.finished_game(role) if role in self.story.roles else None
        if record is None:
            raise SessionError(f"there is no finished game as the {role} partner to play a scene of")
        try:
            runner = replay_runner(record, scene_id)
        except ReplayError as exc:
            raise SessionError(str(exc)) from None
        back_to = "ending" if self.phase == "ending" else "title"
        self.replay = Replay(role, scene_id, record, back_to, self.runner)
        self.runner = runner
        self.last_debrief = None
        if self.log is None and self.log_path is not None:
            self.log, message = SessionLog.open(self.log_path, record, resume=True)
            if message:
                self.notices.append(message)
        self._begin()
        return runner

    @property
    def replaying(self) -> bool:
        return self.replay is not None

    def end_replay(self) -> None:
        """Leave a scene played again: back to the ending it was started from, or to the title."""
        replay, self.replay = self.replay, None
        if replay is None:
            return
        self.runner, self.last_debrief = replay.before, None
        if replay.back_to == "ending" and self.runner is not None and self.runner.phase == "ended":
            self._returning = True
            try:
                self._back_to_ending()
            finally:
                self._returning = False
        else:
            self._to_title()

    def reload(self) -> tuple[bool, str, list[Diagnostic]]:
        """Writer mode: read the story folder again and keep the player's place where it still exists.

        (changed, what happened, diagnostics). On a broken story the last good version keeps playing.
        """
        if self.story_dir is None:
            return False, "This game was not started from a story folder, so it cannot be reloaded.", []
        if self.runner is None:
            from game.engine.loader import check_story
            story, diagnostics = check_story(self.story_dir)
            if story is None:
                return False, "The story has errors; still using the last good version.", list(diagnostics)
            self.story = story
            return True, "Story reloaded.", list(diagnostics)
        runner, diagnostics, message = reload_story(self.story_dir, self.runner)
        if any(d.is_error for d in diagnostics):
            return False, message, list(diagnostics)
        self.runner, self.story = runner, runner.story
        if self.log is not None:
            self.log.runner = runner
        if self.phase == "playing":
            self._follow_runner()
        return True, message, list(diagnostics)

    def to_title(self) -> None:
        """Back to the title; a scene being played again is left (the game before it is given back)."""
        if self.replay is not None:
            self.runner, self.replay, self.last_debrief = self.replay.before, None, None
        self._to_title()

    def quit(self) -> str | None:
        """The player stops: save the game in progress and the log. Returns the save's path, if saved."""
        path = None
        if self.runner is not None and self.runner.phase != "ended":
            path = self.autosave()
        self.write_log()
        return path

    # ---- saves and the log ---------------------------------------------------------------
    def autosave(self) -> str | None:
        return self.save(AUTOSAVE)

    def save(self, slot: str) -> str | None:
        """Save to a slot; the path, or None with a notice when the disk would not take it."""
        if self.runner is None:
            return None
        if self.replay is not None:  # one scene to try again; the saves keep the games themselves
            if slot != AUTOSAVE:
                self.notices.append("A scene played again is not saved; your saved games are as they were.")
            return None
        try:
            path = self.store.save(slot, self.runner)
        except (OSError, ValueError) as exc:
            if not self._save_failed or slot != AUTOSAVE:
                self.notices.append(f"Could not save the game ({getattr(exc, 'strerror', None) or exc}); "
                                    "play goes on without saving.")
            self._save_failed = True
            return None
        self._save_failed = False
        return str(path)

    def slots(self) -> dict:
        try:
            infos = self.store.slots()
        except OSError:
            infos = []
        return {info.slot: info for info in infos if info.story_id == self.story.id}

    def latest_slot(self) -> str | None:
        infos = self.slots()
        return max(infos.values(), key=lambda i: i.saved_at).slot if infos else None

    def write_log(self, path: Path | None = None) -> str | None:
        """Write the session log (to `path`, or the log path given at start); returns a message on failure."""
        target = Path(path) if path else self.log_path
        if target is None or self.runner is None:
            return None
        log = self.log or SessionLog(self.runner)
        if self.log_extra is not None:
            log.extra = self.log_extra(self.runner)
        try:
            log.write(target)
        except OSError as exc:
            message = f"Could not write the session log {target}: {exc.strerror or exc}"
            if message not in self.notices:
                self.notices.append(message)
            return message
        return None

    def take_notices(self) -> list[str]:
        out, self.notices = self.notices, []
        return out

    # ---- inside ------------------------------------------------------------------------------
    def _play_log(self) -> SessionLog | None:
        """The log that lines and choices go to: none while a scene is played again (that is one event)."""
        return self.log if self.replay is None else None

    def _keep_finished(self) -> None:
        runner = self.runner
        try:
            self.store.keep_finished(runner)
        except (OSError, ValueError) as exc:
            self.notices.append(f"Could not keep this finished game for playing its scenes again "
                                f"({getattr(exc, 'strerror', None) or exc}).")
        # a copy: undo at the ending must not change the game kept
        self._finished[runner.role] = StoryRunner.from_dict(self.story, copy.deepcopy(runner.to_dict()))

    def _open_log(self, resume: bool) -> None:
        self.log = SessionLog(self.runner)
        if self.log_path is not None:
            self.log, message = SessionLog.open(self.log_path, self.runner, resume=resume)
            if message:
                self.notices.append(message)
        if resume:
            self.log.events.append({"resumed": time.strftime("%Y-%m-%dT%H:%M:%S"), "at_choice": len(self.runner.moves)})

    def _follow_runner(self) -> None:
        """Move the session's phase along with the runner's: a scene over, or the story over."""
        phase = self.runner.phase
        ends_scene = phase == "scene_end" or (phase == "ended" and (self.replay is not None or self._scene_had_play()))
        if self.phase == "playing" and ends_scene:
            self._scene_over()
        elif self.phase == "playing" and phase == "ended":
            self._story_over()

    def _scene_had_play(self) -> bool:
        runner = self.runner
        scene = runner.scene.id
        return scene in runner.state.skipped or any(m.scene_id == scene for m in runner.moves)

    def _after_phase_change(self) -> None:
        if self.phase == "playing" and self.runner is not None and self.runner.phase in ("scene_end", "ended"):
            self._follow_runner()  # a loaded save or an undo can land at a scene's end

    def _entered_debrief(self) -> None:
        runner = self.runner
        if self.replay is not None:
            scene = self.replay.scene_id
            self.last_debrief = replace(scene_debrief(runner, scene),
                                        comparison=compare_tries(self.replay.record, runner, scene))
            if self.log is not None:
                self.log.events.append(replay_event(runner, scene))
            self.write_log()
            return
        self.last_debrief = scene_debrief(runner, runner.scene.id)
        if self.log is not None and not self._logged_since_last_move("scene_end", runner.scene.id):
            self.log.events.append({"scene_end": runner.scene.id, "meters": runner.meters})
        self.autosave()
        self.write_log()

    def _entered_ending(self) -> None:
        self.last_debrief = None
        if self._returning:
            return
        self.turning_point = find_turning_point(self.runner)
        ending = self.runner.ending
        if self.log is not None and not self._logged_since_last_move("ending", ending.id):
            event = {"ending": ending.id, "kind": ending.kind, "early": self.runner.state.ended_early}
            if self.turning_point is not None:
                event["turning_point"] = self.turning_point.to_dict()
            self.log.events.append(event)
        self.write_log()
        self._keep_finished()

    def _logged_since_last_move(self, key: str, value) -> bool:
        """True when the log already holds this event after the last choice or undo (a resumed game)."""
        for event in reversed(self.log.events):
            if event.get(key) == value:
                return True
            if "choice" in event or "undo" in event:
                return False
        return False

    def _need_runner(self) -> StoryRunner:
        if self.runner is None:
            raise SessionError("no game has started yet: call new_game() or load()")
        return self.runner

    def _require(self, phase: str, call: str) -> None:
        self._need_runner()
        if self.phase != phase:
            raise SessionError(f"{call} is not allowed in the {self.phase.replace('_', ' ')} phase")
