"""The story compiled to JSON builds the same Story as its YAML, without PyYAML or platformdirs."""

import json
import random
import subprocess
import sys

import pytest

from game.engine import Partner, StoryRunner, check_story
from game.engine.loader import compile_story, story_from_json, story_from_json_text
from tests.conftest import MINI, ROOT, SHIPPED


def _walk(story, role: str, seed: int) -> list:
    """A seeded random playthrough: every shown line, choice menu, meter reading and the ending."""
    rng = random.Random(seed)
    runner = StoryRunner.new(story, role, Partner("Robin", "they"))
    trace = []
    for _ in range(2000):  # bounded: the shipped story ends in far fewer steps
        if runner.phase == "delivering":
            line = runner.advance()
            trace.append(("line", line.id, line.speaker_name, line.text, line.mood))
        elif runner.phase == "awaiting_choice":
            menu = [(c.id, c.text, c.tags) for c in runner.choices]
            index = rng.randrange(len(menu))
            trace.append(("menu", menu, index))
            runner.choose(index)
            trace.append(("meters", dict(runner.meters), sorted(runner.flags)))
        elif runner.phase == "scene_end":
            runner.next_scene()
        else:
            break
    trace.append(("ending", runner.ending.id, runner.ending.kind, runner.render(runner.ending.text)))
    return trace


@pytest.mark.parametrize("story_dir", [SHIPPED, MINI], ids=["shipped", "mini"])
def test_json_built_story_plays_exactly_like_the_yaml_one(story_dir):
    from_yaml, diagnostics = check_story(story_dir)
    assert from_yaml is not None, diagnostics
    data, _ = compile_story(story_dir)
    from_json, diagnostics = story_from_json_text(json.dumps(data))
    assert from_json is not None, diagnostics
    assert from_json.content_hash == from_yaml.content_hash  # a desktop save loads in the browser and back
    assert (from_json.id, from_json.title, from_json.scene_order) == (from_yaml.id, from_yaml.title, from_yaml.scene_order)
    assert {k: v.text for k, v in from_json.lines.items()} == {k: v.text for k, v in from_yaml.lines.items()}
    for role in from_yaml.roles:
        for seed in range(4):
            assert _walk(from_json, role, seed) == _walk(from_yaml, role, seed)


def test_a_save_made_from_the_yaml_story_loads_into_the_json_one():
    from_yaml, _ = check_story(MINI)
    from_json, _ = story_from_json(compile_story(MINI)[0])
    runner = StoryRunner.new(from_yaml, "anxious")
    runner.advance_to_choice()
    runner.choose(0)
    again = StoryRunner.from_dict(from_json, json.loads(json.dumps(runner.to_dict())))
    assert [line.id for line in again.backlog] == [line.id for line in runner.backlog]
    assert again.meters == runner.meters


def test_a_story_with_errors_compiles_to_nothing(tmp_path):
    from tests.engine.helpers import write_story

    write_story(tmp_path, "id: s\ntitle: S\nnodes:\n  a: {lines: [{text: hi}], goto: nowhere}\n")
    data, diagnostics = compile_story(tmp_path)
    assert data is None
    assert any(d.code == "E0201" for d in diagnostics)


@pytest.mark.parametrize("text, code", [
    ("{not json", "E0004"),
    ('{"format": "something else"}', "E0001"),
    ('{"format": "tether-story-json", "version": 99, "files": []}', "E0108"),
    ('{"format": "tether-story-json", "version": 1, "files": [{"file": "x"}]}', "E0001"),
    ("[" * 200 + "]" * 200, "E0001"),
])
def test_a_broken_compiled_story_gives_a_diagnostic(text, code):
    story, diagnostics = story_from_json_text(text)
    assert story is None
    assert [d.code for d in diagnostics] == [code]


def test_builder_checks_apply_to_json_too():
    data, _ = compile_story(MINI)
    scene = data["files"][1]["data"]
    first = next(iter(scene["nodes"].values()))
    first["goto"] = "no_such_node"
    first.pop("choices", None)
    first.pop("end", None)
    story, diagnostics = story_from_json(data)
    assert story is None
    assert any(d.code == "E0201" for d in diagnostics)


def test_the_browser_path_needs_neither_yaml_nor_platformdirs_nor_pygame(tmp_path):
    data, _ = compile_story(MINI)
    path = tmp_path / "story.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code = f"""
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('yaml', 'platformdirs', 'pygame'):
            raise ImportError('blocked ' + name)
sys.meta_path.insert(0, Block())
from game.web.bridge import WebGame
import json
game = WebGame(open({str(path)!r}, encoding='utf-8').read(), home={str(tmp_path / 'home')!r})
view = json.loads(game.new_game('avoidant', 'Kim'))
while view['phase'] != 'ending':
    view = json.loads(game.choose(0) if view['phase'] == 'playing' else game.next_scene())
print(view['ending']['id'], sorted(m for m in sys.modules if m.split('.')[0] in ('yaml', 'platformdirs', 'pygame')))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    ending, modules = out.stdout.split(" ", 1)
    assert ending and modules.strip() == "[]"


def test_the_json_limits_admit_every_story_the_yaml_limits_admit():
    from game.engine import loader, yamlsafe

    assert loader.MAX_JSON_NODES > yamlsafe.MAX_PACK_NODES
    assert loader.MAX_JSON_BYTES >= yamlsafe.MAX_PACK_BYTES
    assert loader.MAX_JSON_DEPTH > yamlsafe.MAX_DEPTH


def test_a_plain_number_keeps_its_digits_through_json(tmp_path):
    """`version: 1.10` is the text 1.10 from YAML; the compiled story must not turn it into the float 1.1."""
    from tests.engine.helpers import MANIFEST, write_story
    from tests.engine.test_build import GOOD

    write_story(tmp_path, GOOD, MANIFEST.replace('version: "1"', "version: 1.10"))
    from_yaml, diagnostics = check_story(tmp_path)
    assert from_yaml is not None and from_yaml.version == "1.10", diagnostics
    data, _ = compile_story(tmp_path)
    from_json, diagnostics = story_from_json_text(json.dumps(data))
    assert from_json is not None, diagnostics
    assert from_json.version == "1.10"
