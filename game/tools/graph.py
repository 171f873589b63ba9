"""The story map as Mermaid (GitHub renders it) or DOT (Graphviz), written as plain text.

Nodes are grouped by scene; solid arrows are choices (labelled with their id
and `if`), dashed arrows are branches and gotos, a scene's ends lead to the
next scene's start for each role, and the endings are marked by kind.
"""

from __future__ import annotations

from game.engine.model import Story, Target
from game.engine.vocabulary import BREAKUP, ESCALATION, GROWTH
from game.tools.analysis import Reach, roles_of

KIND_STYLE = {  # fill, stroke
    GROWTH: ("#d7f0dd", "#2e7d32"),
    ESCALATION: ("#fbe0dc", "#c62828"),
    BREAKUP: ("#e4e4ec", "#4a4a68"),
}


class StoryMap:
    """The graph as plain data: nodes (id, label, group, kind) and edges (src, dst, label, style)."""

    def __init__(self, story: Story, scene: str | None = None, role: str | None = None):
        self.story = story
        roles = roles_of(story, role)
        reach = [Reach(story, r) for r in roles] if role else None
        keep_nodes = set().union(*(r.nodes for r in reach)) if reach else None
        keep_choices = set().union(*(r.choices for r in reach)) if reach else None
        self.nodes: list[tuple[str, str, str, str]] = []  # id, label, group (scene id or ""), kind
        self.edges: list[tuple[str, str, str, str]] = []  # src, dst, label, style: choice | flow | scene
        self.ids: dict[str, str] = {}
        scenes = [scene] if scene else list(story.scene_order)
        order = story.scene_order
        for sid in scenes:
            for node in story.scenes[sid].nodes.values():
                if keep_nodes is None or node.id in keep_nodes:
                    self.nodes.append((self._id(node.id), node.local_id, sid, "node"))
        for r in roles:
            first = story.scenes[scenes[0]].starts[r]
            if keep_nodes is None or f"{scenes[0]}.{first}" in keep_nodes:
                self.nodes.append((self._id(f"start:{r}"), f"start: {r}", "", "start"))
                self.edges.append((self.ids[f"start:{r}"], self._id(f"{scenes[0]}.{first}"), "", "flow"))
        used_endings = False
        for sid in scenes:
            for node in story.scenes[sid].nodes.values():
                if keep_nodes is not None and node.id not in keep_nodes:
                    continue
                src = self.ids[node.id]
                exits = []
                if node.goto is not None:
                    exits.append((node.goto, "", "flow"))
                for branch in node.branches:
                    exits.append((branch.target, branch.guard.source, "flow"))
                for choice in node.choices:
                    if keep_choices is None or choice.id in keep_choices:
                        label = choice.local_id + (f" if {choice.guard.source}" if choice.guard.cond else "")
                        exits.append((choice.target, label, "choice"))
                for target, label, style in exits:
                    dst = self._target(sid, target, roles, scene)
                    used_endings |= dst == self.ids.get("end:story")
                    self.edges.append((src, dst, label, style))
        if used_endings or scene is None:
            self.nodes.append((self._id("end:story"), "end of story: first ending whose when holds", "", "end"))
            for ending in story.endings:
                self.nodes.append((self._id(f"ending:{ending.id}"), f"{ending.title} ({ending.kind})", "", ending.kind))
                self.edges.append((self.ids["end:story"], self.ids[f"ending:{ending.id}"], ending.guard.source or "otherwise", "flow"))
            for early in story.early_endings:
                self.edges.append((self._id("early"), self.ids[f"ending:{early.ending}"], early.guard.source, "flow"))
            if story.early_endings:
                self.nodes.append((self.ids["early"], "after any choice (early endings)", "", "end"))
        del order

    def _id(self, key: str) -> str:
        if key not in self.ids:
            self.ids[key] = f"n{len(self.ids)}"
        return self.ids[key]

    def _target(self, sid: str, target: Target, roles, only_scene) -> str:
        story = self.story
        if target.node is not None:
            return self._id(f"{sid}.{target.node}")
        order = story.scene_order
        position = order.index(sid) + 1
        if target.end == "scene" and position < len(order):
            nxt = order[position]
            if only_scene:
                key = f"next:{nxt}"
                if key not in self.ids:
                    self.nodes.append((self._id(key), f"next scene: {nxt}", "", "end"))
                return self.ids[key]
            starts = {story.scenes[nxt].starts[r] for r in roles}
            if len(starts) == 1:
                return self._id(f"{nxt}.{starts.pop()}")
            key = f"enter:{nxt}"
            if key not in self.ids:
                self.nodes.append((self._id(key), f"enter {nxt}", "", "end"))
                for r in roles:
                    self.edges.append((self.ids[key], self._id(f"{nxt}.{story.scenes[nxt].starts[r]}"), r, "flow"))
            return self.ids[key]
        return self._id("end:story")


def _mq(text: str) -> str:
    return text.replace('"', "#quot;").replace("\n", " ")


def mermaid(story: Story, scene: str | None = None, role: str | None = None) -> str:
    m = StoryMap(story, scene, role)
    out = ["flowchart TD"]
    groups: dict[str, list] = {}
    for node in m.nodes:
        groups.setdefault(node[2], []).append(node)
    shapes = {"node": ('["', '"]'), "start": ('(["', '"])'), "end": ('{{"', '"}}')}
    for group, items in groups.items():
        indent = "  "
        if group:
            out.append(f'  subgraph {m._id("scene:" + group)}["{_mq(story.scenes[group].title)}"]')
            indent = "    "
        for nid, label, _g, kind in items:
            left, right = shapes.get(kind, ('(["', '"])'))
            cls = f":::{kind}" if kind in KIND_STYLE else ""
            out.append(f"{indent}{nid}{left}{_mq(label)}{right}{cls}")
        if group:
            out.append("  end")
    for src, dst, label, style in m.edges:
        arrow = "-->" if style == "choice" else "-.->"
        out.append(f'  {src} {arrow}|"{_mq(label)}"| {dst}' if label else f"  {src} {arrow} {dst}")
    for kind, (fill, stroke) in KIND_STYLE.items():
        out.append(f"  classDef {kind} fill:{fill},stroke:{stroke},stroke-width:2px")
    return "\n".join(out) + "\n"


def _dq(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def dot(story: Story, scene: str | None = None, role: str | None = None) -> str:
    m = StoryMap(story, scene, role)
    out = ["digraph story {", "  rankdir=TB;", '  node [shape=box, style="rounded,filled", fillcolor="#ffffff"];']
    groups: dict[str, list] = {}
    for node in m.nodes:
        groups.setdefault(node[2], []).append(node)
    for group, items in groups.items():
        indent = "  "
        if group:
            out.append(f'  subgraph cluster_{m._id("scene:" + group)} {{')
            out.append(f'    label="{_dq(story.scenes[group].title)}";')
            indent = "    "
        for nid, label, _g, kind in items:
            attrs = f'label="{_dq(label)}"'
            if kind in KIND_STYLE:
                fill, stroke = KIND_STYLE[kind]
                attrs += f', shape=doubleoctagon, fillcolor="{fill}", color="{stroke}", kind="{kind}"'
            elif kind in ("start", "end"):
                attrs += ", shape=ellipse"
            out.append(f"{indent}{nid} [{attrs}];")
        if group:
            out.append("  }")
    for src, dst, label, style in m.edges:
        attrs = [f'label="{_dq(label)}"'] if label else []
        if style != "choice":
            attrs.append("style=dashed")
        out.append(f"  {src} -> {dst}" + (f" [{', '.join(attrs)}]" if attrs else "") + ";")
    out.append("}")
    return "\n".join(out) + "\n"
