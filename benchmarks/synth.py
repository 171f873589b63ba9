"""Synthetic stories of any size in the real story format, for benchmarks.

    from benchmarks.synth import write_story
    info = write_story(Path("/tmp/big"), nodes=10_000, scenes=100)

The output is deterministic for a given (nodes, scenes, seed): the same bytes
every time, so figures from two runs are comparable. Every feature the format
has is exercised at a realistic rate: lines with `if`, `speaker` and `mood`,
choices with `if`, `tags`, `why`, `effects` and `adjust`, branches, gotos,
node effects, flags declared in the manifest and in scenes, characters,
`visits(...)` conditions (same scene and cross-scene), `role ==` conditions,
both roles' starts, choices that end the scene early or end the story, endings
with `when` and a fallback, and early endings.

Within a scene every edge goes forward except for a few choices that go back
and are guarded by `visits(target) < 2`, so every playthrough terminates. The
first choice of every choice node is unconditional, so there is no soft-lock,
and node i always leads to node i+1, so every node is reachable.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

DEFAULT_NODES = 10_000
DEFAULT_SCENES = 100
DEFAULT_SEED = 1
MIN_NODES_PER_SCENE = 4

METERS = {  # name: (min, max, start, hidden)
    "closeness": (0, 10, 5, False),
    "safety": (0, 10, 5, False),
    "pursuit": (0, 20, 0, True),
    "withdrawal": (0, 20, 0, True),
    "repairs": (0, 20, 0, True),
}
GLOBAL_FLAGS = [f"flag_{i:02d}" for i in range(24)]
CHARACTERS = ["priya", "marcus", "jess", "omar", "lena"]
SPEAKERS = ["narrator", "narrator", "narrator", "you", "partner", "partner", *CHARACTERS]
MOODS = ["neutral", "warm", "hurt", "guarded", "tense"]
TAGS = ["protest", "reassurance_seeking", "pursue_talk", "harsh_startup", "threat_to_leave", "stonewall",
        "minimise", "deflect", "turn_away", "side_against_partner", "contempt", "soft_startup",
        "time_bounded_break", "turn_toward", "repair", "accept_repair", "take_responsibility", "name_cycle",
        "share_softer_feeling", "stay_and_reassure", "protect_couple", "self_soothe", "neutral"]
LOCATIONS = ["flat_evening", "flat_night", "cafe", "park", "car", "kitchen_morning"]

_OPENERS = ["The kettle clicks off", "Rain ticks on the window", "The phone lights up", "Somebody laughs next door",
            "The bus is late again", "{Partner} looks up from the sink", "You count the tiles on the floor",
            "The radio plays something neither of you chose", "A door closes downstairs", "The light changes"]
_MIDDLES = ["and {they} {are} quieter than usual", "and you wait for the right moment", "and nobody says the obvious thing",
            "while {partner} folds a shirt that is already folded", "and the silence has a shape to it",
            "and you feel the old alarm start up", "and {their} shoulders drop a little", "and it could go either way",
            "while the washing machine spins itself to a stop", "and you both pretend not to notice"]
_ENDS = [".", ". It's nearly ten.", ", and then it passes.", ". You notice your jaw is tight.",
         ". {They} {do} not look at the phone.", ", which is new.", ". Neither of you moves."]
_CHOICE_TEXTS = ["Say what you actually feel", "Make a joke about the weather", "Ask {them} what {they} need right now",
                 "Check the phone again", "Say you need twenty minutes and you'll come back",
                 "Tell {partner} it's fine when it isn't", "Put a hand on {their} arm",
                 "Name the loop out loud", "Change the subject to the shopping", "Go for a walk without saying where",
                 "Apologise for your part", "Ask again whether {they} {are} annoyed", "Stay in the room and listen"]
_WHY = ["A move toward the other person that lowers the temperature.",
        "It steps around the feeling; the feeling waits for later.",
        "A bid for closeness that reads as pressure, so it invites withdrawal.",
        "Owning your part makes it easier for {them} to own {theirs}.",
        "A pause with a return time is a break, not a walk-out."]


@dataclass
class StoryInfo:
    """What was written: counts a benchmark reports next to its timings."""

    root: str
    nodes: int
    scenes: int
    lines: int
    choices: int
    branches: int
    conditions: int
    effects: int
    files: int
    bytes: int
    seed: int


def _text(rng: random.Random) -> str:
    return rng.choice(_OPENERS) + " " + rng.choice(_MIDDLES) + rng.choice(_ENDS)


def _scalar(text: str) -> str:
    """A YAML scalar for generated text: plain when safe (the common case), double-quoted otherwise."""
    if text[:1].isalpha() and ": " not in text and " #" not in text and not text.endswith(":") and '"' not in text:
        return text
    return json.dumps(text)


def _folded(text: str, indent: str, width: int = 72) -> list[str]:
    """`>-` folded block lines, as writers use for long text."""
    out, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            out.append(indent + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    out.append(indent + line)
    return out


class _SceneWriter:
    def __init__(self, rng: random.Random, index: int, n_nodes: int, scene_ids: list[str], counts: dict):
        self.rng = rng
        self.index = index
        self.n = n_nodes
        self.sid = scene_ids[index]
        self.earlier = scene_ids[:index]
        self.counts = counts
        self.local_flags = [f"{self.sid}_{x}" for x in ("told", "waited")] if index % 10 == 3 else []
        self.local_character = f"{self.sid}_friend" if index % 25 == 7 else None
        self.flags = GLOBAL_FLAGS + self.local_flags
        self.ends_story = index % 10 == 5  # this scene has a choice that ends the story at once
        self.out: list[str] = []

    def node_id(self, i: int) -> str:
        return f"n{i:03d}"

    # ---- conditions --------------------------------------------------------------------
    def atom(self, i: int) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.30:
            meter = rng.choice(["closeness", "safety", "safety"])
            return f"{meter} {rng.choice(['>=', '<', '>', '<='])} {rng.randint(2, 8)}"
        if roll < 0.55:
            return rng.choice(self.flags)
        if roll < 0.65:
            return "not " + rng.choice(self.flags)
        if roll < 0.72:
            return f"role == {rng.choice(['anxious', 'avoidant'])}"
        if roll < 0.82 and i > 1:
            return f"visits({self.node_id(rng.randrange(i))}) >= 1"
        if roll < 0.88 and self.earlier:
            return f"visits({rng.choice(self.earlier)}.{self.node_id(rng.randrange(MIN_NODES_PER_SCENE))}) > 0"
        if roll < 0.94:
            return f"pursuit > {rng.randint(1, 4)}"
        return "safety > closeness"

    def condition(self, i: int) -> str:
        self.counts["conditions"] += 1
        rng = self.rng
        roll = rng.random()
        if roll < 0.55:
            return self.atom(i)
        if roll < 0.85:
            return f"{self.atom(i)} {rng.choice(['and', 'or'])} {self.atom(i)}"
        return f"({self.atom(i)} or {self.atom(i)}) and not {rng.choice(self.flags)}"

    def effects(self, with_flags: bool = True) -> str:
        self.counts["effects"] += 1
        rng = self.rng
        parts = []
        for meter in rng.sample(["closeness", "safety", "pursuit", "withdrawal", "repairs"], rng.randint(1, 3)):
            parts.append(f"{meter}: {rng.choice([-2, -1, 1, 1, 2])}")
        if with_flags and rng.random() < 0.3:
            parts.append(f"{rng.choice(['set', 'set', 'clear'])}: [{rng.choice(self.flags)}]")
        return "{" + ", ".join(parts) + "}"

    # ---- nodes ------------------------------------------------------------------------------
    def forward(self, i: int) -> int:
        return min(self.n - 1, i + self.rng.randint(1, 4))

    def lines(self, i: int) -> None:
        rng = self.rng
        self.out.append("    lines:")
        for _ in range(rng.randint(1, 4)):
            self.counts["lines"] += 1
            text = _text(rng)
            speaker = rng.choice(SPEAKERS if not self.local_character else [*SPEAKERS, self.local_character])
            if speaker == "narrator" and rng.random() < 0.5:
                self.out.append(f"      - text: {_scalar(text)}")
            else:
                self.out.append(f"      - speaker: {speaker}")
                if len(text) > 70:
                    self.out.append("        text: >-")
                    self.out.extend(_folded(text, "          "))
                else:
                    self.out.append(f"        text: {_scalar(text)}")
            if rng.random() < 0.25:
                self.out.append(f"        if: {self.condition(i)}")
            if rng.random() < 0.2:
                self.out.append(f"        mood: {rng.choice(MOODS)}")

    def choices(self, i: int) -> None:
        rng = self.rng
        self.out.append("    choices:")
        for k in range(rng.randint(2, 4)):
            self.counts["choices"] += 1
            self.out.append(f"      - id: c{k}")
            self.out.append(f"        text: {_scalar(rng.choice(_CHOICE_TEXTS) + '.')}")
            goto: str | None = self.node_id(i + 1)
            end = None
            guard = None
            if k > 0:
                guard = self.condition(i)
                roll = rng.random()
                if roll < 0.05 and i > 2:  # a way back, bounded by visits so play always ends
                    back = rng.randrange(max(0, i - 5), i)
                    goto = self.node_id(back)
                    guard = f"visits({goto}) < 2 and ({guard})"
                elif roll < 0.09:
                    goto, end = None, "scene"
                elif roll < 0.11 and self.ends_story:
                    goto, end = None, "story"
                else:
                    goto = self.node_id(self.forward(i))
            if guard:
                self.out.append(f"        if: {guard}")
            self.out.append(f"        tags: [{', '.join(rng.sample(TAGS, rng.randint(1, 2)))}]")
            self.out.append("        why: >-")
            self.out.extend(_folded(rng.choice(_WHY), "          "))
            self.out.append(f"        effects: {self.effects()}")
            if rng.random() < 0.3:
                self.out.append("        adjust:")
                for _ in range(rng.randint(1, 2)):
                    self.counts["conditions"] += 1
                    self.out.append(f"          - {{if: \"{self.atom(i)}\", safety: {rng.choice([-1, 1])}}}")
            self.out.append(f"        goto: {goto}" if goto else f"        end: {end}")

    def branch(self, i: int) -> None:
        rng = self.rng
        self.out.append("    branch:")
        for k in range(rng.randint(2, 3)):
            self.counts["branches"] += 1
            self.out.append(f"      - if: {self.condition(i)}")
            self.out.append(f"        goto: {self.node_id(self.forward(i))}")
        self.counts["branches"] += 1
        self.out.append(f"      - goto: {self.node_id(i + 1)}")

    def node(self, i: int) -> None:
        rng = self.rng
        self.out.append(f"  {self.node_id(i)}:")
        if i > 1 and rng.random() < 0.1:
            self.out.append(f"    effects: {self.effects()}")
        self.lines(i)
        if i == self.n - 1:
            self.out.append("    end: scene")
            return
        roll = rng.random() if i > 1 else 0.0
        if roll < 0.6:
            self.choices(i)
        elif roll < 0.75:
            self.branch(i)
        else:
            self.out.append(f"    goto: {self.node_id(i + 1)}")

    def write(self) -> str:
        rng = self.rng
        o = self.out
        o.append("# yaml-language-server: $schema=../schema.json")
        o.append(f"id: {self.sid}")
        o.append(f"title: Scene {self.index + 1}")
        o.append(f"location: {rng.choice(LOCATIONS)}")
        o.append("content_notes: [an argument, waiting for a reply]")
        o.append("summary: >-")
        o.extend(_folded(" ".join(_text(rng) for _ in range(3)), "  "))
        if self.local_flags:
            o.append("flags:")
            for flag in self.local_flags:
                o.append(f"  {flag}: {{description: A flag this scene introduces}}")
        if self.local_character:
            o.append("characters:")
            o.append(f"  {self.local_character}: {{name: Dee}}")
        o.append("start:")
        o.append(f"  anxious: {self.node_id(0)}")
        o.append(f"  avoidant: {self.node_id(1)}")
        o.append("")
        o.append("nodes:")
        for i in range(self.n):
            self.node(i)
            self.counts["nodes"] += 1
        return "\n".join(o) + "\n"


def _manifest(scene_ids: list[str]) -> str:
    o = ["# yaml-language-server: $schema=schema.json", "format: 1", "id: synthetic", "title: Synthetic Benchmark Story",
         "version: 1.0.0", "disclaimer: >-", "  A generated story for measuring the engine; not meant to be read.", "",
         "roles:",
         "  anxious:", "    title: The one who reaches", "    blurb: You notice every change in the weather.",
         "    partner: {name: Sam, pronouns: they}",
         "  avoidant:", "    title: The one who needs room", "    blurb: You feel steadiest with a little air.",
         "    partner: {name: Robin, pronouns: she}", "",
         "characters:", *(f"  {c}: {{name: {c.capitalize()}}}" for c in CHARACTERS), "",
         "scenes:", *(f"  - {s}" for s in scene_ids), "", "meters:"]
    for name, (lo, hi, start, hidden) in METERS.items():
        o.append(f"  {name}: {{min: {lo}, max: {hi}, start: {start}, label: {name.capitalize()}"
                 + (", hidden: true}" if hidden else "}"))
    o += ["", "flags:", *(f"  {f}: {{description: Synthetic flag {f[-2:]}}}" for f in GLOBAL_FLAGS), ""]
    o += ["endings:"]
    endings = [("slammed_door", "escalation", "safety <= 0"), ("gone_quiet", "breakup", "closeness <= 0"),
               ("said_out_loud", "breakup", "flag_03 and safety <= 4"),
               ("steady_ground", "growth", "flag_01 and repairs >= 2 and safety >= 7"),
               ("long_way_round", "growth", "(flag_01 or flag_02) and safety >= 6"),
               ("drifting_apart", "breakup", "closeness <= 3 and not flag_05"),
               ("same_fight_again", "escalation", None)]
    for eid, kind, when in endings:
        o += [f"  - id: {eid}", f"    kind: {kind}", f"    title: {eid.replace('_', ' ').title()}"]
        if when:
            o.append(f"    when: {when}")
        o.append(f"    text: The story ends as {eid.replace('_', ' ')}, and {{partner}} knows it too.")
    o += ["", "early_endings:", "  - when: safety <= 0", "    ending: slammed_door",
          "  - when: closeness <= 0", "    ending: gone_quiet"]
    return "\n".join(o) + "\n"


def write_story(root: Path, nodes: int = DEFAULT_NODES, scenes: int = DEFAULT_SCENES, seed: int = DEFAULT_SEED,
                check: bool = True) -> StoryInfo:
    """Write a synthetic story folder at `root` (emptied first) and return its counts.

    With `check`, the story is loaded with the engine's check_story and any
    diagnostic of error severity fails an assertion.
    """
    if nodes < 1 or scenes < 1:
        raise ValueError("nodes and scenes must be positive")
    scenes = max(1, min(scenes, nodes // MIN_NODES_PER_SCENE))
    root = Path(root)
    if root.exists():
        shutil.rmtree(root)
    (root / "scenes").mkdir(parents=True)
    rng = random.Random(seed)
    scene_ids = [f"s{i:03d}" for i in range(scenes)]
    base, extra = divmod(max(nodes, scenes * MIN_NODES_PER_SCENE), scenes)
    counts = dict.fromkeys(("nodes", "lines", "choices", "branches", "conditions", "effects"), 0)
    total = 0
    text = _manifest(scene_ids)
    (root / "story.yaml").write_text(text, encoding="utf-8")
    total += len(text.encode())
    for i, sid in enumerate(scene_ids):
        size = base + (1 if i < extra else 0)
        text = _SceneWriter(rng, i, size, scene_ids, counts).write()
        (root / "scenes" / f"{sid}.yaml").write_text(text, encoding="utf-8")
        total += len(text.encode())
    info = StoryInfo(str(root), counts["nodes"], scenes, counts["lines"], counts["choices"], counts["branches"],
                     counts["conditions"], counts["effects"], scenes + 1, total, seed)
    if check:
        from game.engine.loader import check_story

        story, diagnostics = check_story(root)
        errors = [str(d) for d in diagnostics if d.is_error]
        assert story is not None and not errors, "synthetic story does not load:\n" + "\n".join(errors[:20])
        assert sum(len(s.nodes) for s in story.scenes.values()) == info.nodes
    return info


def temp_story(nodes: int = DEFAULT_NODES, scenes: int = DEFAULT_SCENES, seed: int = DEFAULT_SEED,
               check: bool = True) -> StoryInfo:
    """Write a synthetic story into a new temporary folder; the caller removes `info.root` when done."""
    folder = Path(tempfile.mkdtemp(prefix="tether-synth-")) / "story"
    return write_story(folder, nodes, scenes, seed, check)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.synth", description="Write a synthetic Tether story.")
    p.add_argument("out", type=Path, help="folder to write (emptied first)")
    p.add_argument("--nodes", type=int, default=DEFAULT_NODES)
    p.add_argument("--scenes", type=int, default=DEFAULT_SCENES)
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = p.parse_args(argv)
    info = write_story(args.out, args.nodes, args.scenes, args.seed)
    print(json.dumps(asdict(info), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
