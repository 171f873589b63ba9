"""A scene entry in `scenes:` may carry `if:`: play passes it over when false; lint and explore know."""

from game.engine import StoryRunner, load_story
from game.tools.explore import explore
from game.tools.lint import lint_path
from tests.tools.helpers import apply_example, doc_base

MANIFEST = "# file: story.yaml\n" + doc_base()["story.yaml"].replace(
    "scenes: [s]", "scenes:\n  - s\n  - {id: stayed, if: named}\n  - t")
FIRST = """# file: scenes/s.yaml
id: s
title: A scene
start: {anxious: open, avoidant: open}
nodes:
  open:
    lines: [Hello.]
    choices:
      - {id: name, text: It's our loop., tags: [name_cycle], why: Naming., effects: {safety: 1, closeness: 1, set: [named]}, end: scene}
      - {id: shrug, text: Fine., tags: [minimise], why: Distance., effects: {safety: -1, closeness: -1}, end: scene}
"""


def scene(sid: str, title: str) -> str:
    return f"""# file: scenes/{sid}.yaml
id: {sid}
title: {title}
start: {{anxious: open, avoidant: open}}
nodes:
  open: {{lines: [In {sid}.], end: scene}}
"""


def make(tmp_path, manifest=MANIFEST):
    apply_example(tmp_path, [manifest, FIRST, scene("stayed", "Only if you stayed"), scene("t", "Later")])
    return tmp_path


def scenes_played(story, pick):
    runner = StoryRunner.new(story, "anxious")
    seen = []
    while runner.phase != "ended":
        if runner.phase == "scene_end":
            runner.next_scene()
        elif runner.phase == "delivering":
            runner.advance()
        else:
            runner.choose(pick)
        if runner.state.scene not in seen:
            seen.append(runner.state.scene)
    return seen


def test_the_scene_plays_only_when_its_condition_holds(tmp_path):
    story = load_story(make(tmp_path))
    assert scenes_played(story, 0) == ["s", "stayed", "t"]
    assert scenes_played(story, 1) == ["s", "t"]


def test_lint_and_explore_understand_it(tmp_path):
    _story, found = relevant(lint_path(make(tmp_path)))
    assert found == []
    ex = explore(load_story(tmp_path))
    assert ex.status("node", "stayed.open") == "reached" and ex.complete


def test_a_scene_whose_condition_never_holds_is_never_reached(tmp_path):
    _story, found = relevant(lint_path(make(tmp_path, MANIFEST.replace("if: named", "if: safety > 10"))))
    assert [d.file.rsplit("/", 1)[-1] for d in found] == ["stayed.yaml"]
    assert found[0].code in ("W0101", "W0118")  # the scene's content is reported as never shown


def test_the_first_scene_always_plays_and_bad_conditions_are_found(tmp_path):
    manifest = MANIFEST.replace("  - s\n", "  - {id: s, if: named}\n").replace("if: named}\n  - t", "if: nmed}\n  - t")
    _story, found = relevant(lint_path(make(tmp_path, manifest)))
    messages = [(d.code, d.message) for d in found]
    assert ("E0104", "the first scene, 's', always plays: it cannot have `if`") in messages
    assert any(code == "E0203" and "did you mean 'named'?" in m for code, m in messages)


def relevant(result):
    """Lint's findings without W0133 (growth hangs on one choice): true of these tiny stories, beside the point."""
    story, found = result
    return story, [d for d in found if d.code != "W0133"]
