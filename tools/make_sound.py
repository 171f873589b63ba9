"""Generate Tether's ambient loops and interface sounds with the standard library.

Run from the repository root:

    .venv/bin/python tools/make_sound.py        # writes assets/sound/*.wav

Everything is synthesised from seeded noise and sine waves (no samples, so
no licences to track), mono 16-bit at 11,025 Hz to keep the files small.
Each ambient loop's last second is cross-faded into its first, so it repeats
without a click. The window and the browser page play a loop per place (see game/engine/ambience.py).
"""

from __future__ import annotations

import math
import random
import struct
import sys
import wave
from pathlib import Path

RATE = 11025
LOOP_SECONDS = 8.0
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "sound"


# building blocks -----------------------------------------------------------------

def noise(rng: random.Random, n: int) -> list[float]:
    return [rng.uniform(-1.0, 1.0) for _ in range(n)]


def lowpass(xs: list[float], cutoff: float) -> list[float]:
    """A one-pole low-pass filter at `cutoff` Hz."""
    a = 1.0 - math.exp(-2.0 * math.pi * cutoff / RATE)
    out, y = [], 0.0
    for x in xs:
        y += a * (x - y)
        out.append(y)
    return out


def highpass(xs: list[float], cutoff: float) -> list[float]:
    low = lowpass(xs, cutoff)
    return [x - lo for x, lo in zip(xs, low)]


def normalise(xs: list[float], peak: float) -> list[float]:
    top = max(1e-9, max(abs(x) for x in xs))
    return [x * peak / top for x in xs]


def add(a: list[float], b: list[float], gain: float = 1.0, at: int = 0) -> list[float]:
    for i, v in enumerate(b):
        j = at + i
        if 0 <= j < len(a):
            a[j] += v * gain
    return a


def slow_swell(n: int, rng: random.Random, period: float, depth: float) -> list[float]:
    """A slow random-looking amplitude curve (sum of a few sines whose periods divide the loop)."""
    parts = [(rng.uniform(0, 2 * math.pi), k) for k in (1, 2, 3)]
    return [1.0 - depth + depth * 0.5 * (1 + sum(math.sin(2 * math.pi * k * i / n * (LOOP_SECONDS / period) + ph)
                                                for ph, k in parts) / 3) for i in range(n)]


def tone(freq: float, seconds: float, decay: float, gain: float = 1.0, harmonics=(1.0,)) -> list[float]:
    n = int(seconds * RATE)
    return [gain * math.exp(-i / RATE / decay) * sum(h * math.sin(2 * math.pi * freq * (k + 1) * i / RATE)
                                                    for k, h in enumerate(harmonics)) for i in range(n)]


def loop(xs: list[float], fade: float = 1.0) -> list[float]:
    """Cross-fade the tail into the head so the sound repeats seamlessly; the result is `fade` s shorter."""
    f = int(fade * RATE)
    body = xs[: len(xs) - f]
    for i in range(f):
        t = i / f
        body[i] = body[i] * t + xs[len(xs) - f + i] * (1 - t)
    return body


# the places ------------------------------------------------------------------------

def rain(rng: random.Random) -> list[float]:
    n = int((LOOP_SECONDS + 1) * RATE)
    hiss = highpass(lowpass(noise(rng, n), 3000), 300)
    hiss = [v * s for v, s in zip(hiss, slow_swell(n, rng, 4.0, 0.25))]
    for _ in range(int(LOOP_SECONDS * 40)):  # drops on glass and gutters
        add(hiss, tone(rng.uniform(1800, 4200), 0.03, 0.006, 0.25 * rng.random()), at=rng.randrange(n))
    return normalise(hiss, 0.35)


def crowd(rng: random.Random) -> list[float]:
    n = int((LOOP_SECONDS + 1) * RATE)
    babble = [0.0] * n
    for _ in range(7):  # voices: band-limited noise, each rising and falling like speech
        voice = highpass(lowpass(noise(rng, n), rng.uniform(600, 1100)), 180)
        syllables = [0.5 + 0.5 * math.sin(2 * math.pi * rng.uniform(2.5, 4.5) * i / RATE + rng.uniform(0, 6))
                     for i in range(n)]
        add(babble, [v * s * (0.4 + 0.6 * y) for v, s, y in zip(voice, slow_swell(n, rng, 2.0, 0.7), syllables)])
    for _ in range(6):  # glasses
        add(babble, tone(rng.uniform(2400, 3400), 0.4, 0.08, 0.5, (1.0, 0.3)), at=rng.randrange(n))
    return normalise(babble, 0.4)


def city(rng: random.Random) -> list[float]:
    n = int((LOOP_SECONDS + 1) * RATE)
    rumble = lowpass(lowpass(noise(rng, n), 160), 160)
    rumble = normalise(rumble, 1.0)
    for _ in range(2):  # a car passing in the distance
        start, length = rng.randrange(n // 2), int(3.5 * RATE)
        car = lowpass(noise(rng, length), 500)
        car = [v * math.sin(math.pi * i / length) ** 2 for i, v in enumerate(car)]
        add(rumble, normalise(car, 0.8), at=start)
    return normalise(rumble, 0.3)


def room(rng: random.Random) -> list[float]:
    n = int((LOOP_SECONDS + 1) * RATE)
    air = normalise(lowpass(noise(rng, n), 400), 0.3)
    fridge = tone(100, LOOP_SECONDS + 1, 1e9, 0.05, (1.0, 0.5, 0.25))
    add(air, fridge)
    for second in range(int(LOOP_SECONDS)):  # a clock on the wall
        add(air, tone(2600, 0.02, 0.004, 0.35), at=int(second * RATE))
    return normalise(air, 0.18)


def hall(rng: random.Random) -> list[float]:
    n = int((LOOP_SECONDS + 1) * RATE)
    space = normalise(lowpass(noise(rng, n), 700), 0.4)
    for _ in range(5):  # a foot on a hold, a landing on the mats, chalk slapped off hands
        at = rng.randrange(n)
        thud = lowpass(noise(rng, int(0.25 * RATE)), 250)
        thud = [v * math.exp(-i / RATE / 0.06) for i, v in enumerate(thud)]
        add(space, normalise(thud, 0.9), at=at)
        add(space, normalise(lowpass(thud, 120), 0.5), at=at + int(0.09 * RATE))  # its echo
    return normalise(space, 0.3)


def sea(rng: random.Random) -> list[float]:
    n = int((LOOP_SECONDS + 1) * RATE)
    surf = lowpass(noise(rng, n), 1200)
    swell = [0.25 + 0.75 * math.sin(math.pi * ((i / RATE) % 4.0) / 4.0) ** 3 for i in range(n)]
    return normalise([v * s for v, s in zip(surf, swell)], 0.35)


AMBIENT = {"rain": rain, "crowd": crowd, "city": city, "room": room, "hall": hall, "sea": sea}


# the interface ---------------------------------------------------------------------------

def ui_move(rng: random.Random) -> list[float]:
    return normalise(tone(880, 0.06, 0.015, 1.0, (1.0, 0.2)), 0.25)


def ui_select(rng: random.Random) -> list[float]:
    first = tone(660, 0.12, 0.05, 1.0, (1.0, 0.3))
    return normalise(add(first + [0.0] * int(0.1 * RATE), tone(990, 0.16, 0.06, 1.0, (1.0, 0.3)), at=int(0.07 * RATE)),
                     0.3)


def ui_back(rng: random.Random) -> list[float]:
    first = tone(660, 0.12, 0.05, 1.0, (1.0, 0.3))
    return normalise(add(first + [0.0] * int(0.1 * RATE), tone(495, 0.16, 0.06, 1.0, (1.0, 0.3)), at=int(0.07 * RATE)),
                     0.25)


EFFECTS = {"move": ui_move, "select": ui_select, "back": ui_back}


def write(path: Path, samples: list[float]) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"".join(struct.pack("<h", max(-32767, min(32767, round(v * 32767)))) for v in samples))


def main(argv: list[str]) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, make in AMBIENT.items():
        write(OUT / f"ambient_{name}.wav", loop(make(random.Random(f"ambient-{name}"))))
    for name, make in EFFECTS.items():
        write(OUT / f"ui_{name}.wav", make(random.Random(f"ui-{name}")))
    print(f"wrote {len(AMBIENT)} ambient loops and {len(EFFECTS)} interface sounds to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
