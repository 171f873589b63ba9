"""Self-voicing: speak the current line and the choices through a system speech engine.

Off by default. Uses the first of espeak-ng, espeak or spd-say found on PATH,
started as a subprocess so the game never waits for speech. Each new
utterance stops the previous one.
"""

from __future__ import annotations

import shutil
import subprocess

ENGINES = ("espeak-ng", "espeak", "spd-say")
NO_ENGINE_MESSAGE = ("No speech engine found. Install espeak-ng (or espeak, or speech-dispatcher's "
                     "spd-say) to hear lines read aloud.")


class Voice:
    def __init__(self, enabled: bool = False, which=shutil.which):
        self.enabled = enabled
        self.engine = next((e for e in ENGINES if which(e)), None)
        self.engine_path = which(self.engine) if self.engine else None
        self._proc: subprocess.Popen | None = None
        self.last_spoken = ""

    @property
    def available(self) -> bool:
        return self.engine is not None

    def status(self) -> str:
        if not self.available:
            return NO_ENGINE_MESSAGE
        return f"Speaking with {self.engine}."

    def say(self, text: str) -> None:
        text = " ".join(text.split())
        if not self.enabled or not text or text == self.last_spoken:
            return
        self.last_spoken = text
        if not self.available:
            return
        self.stop()
        if self.engine == "spd-say":
            args = [self.engine_path, "--cancel"]
            try:
                subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=1)
            except (OSError, subprocess.SubprocessError):
                pass
            args = [self.engine_path, text]
        else:
            args = [self.engine_path, "--", text]
        try:
            self._proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                          stdin=subprocess.DEVNULL)
        except OSError:
            self._proc = None

    def repeat(self) -> None:
        text, self.last_spoken = self.last_spoken, ""
        self.say(text)

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            try:
                self._proc.terminate()
            except OSError:
                pass
        self._proc = None
