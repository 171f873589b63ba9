"""Story statistics: size, words per role, endings by kind, how many choices carry tags and a why."""

from __future__ import annotations

import re
from collections import Counter

from game.engine.model import Story
from game.engine.tags import TAGS
from game.tools.analysis import Reach, roles_of

_WORD = re.compile(r"[A-Za-z0-9']+")


def words(text: str) -> int:
    return len(_WORD.findall(re.sub(r"\{[^{}]*\}", "x", text)))


def stats(story: Story) -> dict:
    nodes = list(story.all_nodes())
    choices = list(story.all_choices())
    lines = [line for node in nodes for line in node.all_lines]
    per_role = {}
    for role in roles_of(story, None):
        reach = Reach(story, role)
        role_lines = [line for node in nodes if node.id in reach.nodes for line in node.lines]
        role_lines += [line for c in choices if c.id in reach.choices for line in c.lines]
        role_choices = [c for c in choices if c.id in reach.choices]
        per_role[role] = {
            "nodes": len(reach.nodes),
            "choices": len(role_choices),
            "words": sum(words(x.text) for x in role_lines) + sum(words(c.text) for c in role_choices),
        }
    families = Counter(TAGS[t].family for c in choices for t in set(c.tags) if t in TAGS)
    with_tags = sum(1 for c in choices if c.tags)
    with_why = sum(1 for c in choices if c.why.strip())
    return {
        "story": story.id,
        "scenes": len(story.scenes),
        "nodes": len(nodes),
        "lines": len(lines),
        "choices": len(choices),
        "words": sum(words(x.text) for x in lines) + sum(words(c.text) for c in choices),
        "words_by_role": {r: v["words"] for r, v in per_role.items()},
        "by_role": per_role,
        "by_scene": {sid: {"nodes": len(s.nodes), "choices": sum(len(n.choices) for n in s.nodes.values()),
                           "words": sum(words(x.text) for n in s.nodes.values() for x in n.all_lines)
                           + sum(words(c.text) for n in s.nodes.values() for c in n.choices)}
                     for sid, s in story.scenes.items()},
        "endings": len(story.endings),
        "endings_by_kind": dict(Counter(e.kind for e in story.endings)),
        "choices_with_tags": with_tags,
        "choices_with_why": with_why,
        "share_with_tags": round(with_tags / len(choices), 3) if choices else 1.0,
        "share_with_why": round(with_why / len(choices), 3) if choices else 1.0,
        "choices_by_family": dict(sorted(families.items())),
    }
