"""Loops that no choice interrupts: found at load, because play would never stop in them.

A node with no choices moves on by itself (goto or branch). If every way on
from such nodes leads only to other such nodes, with no choice and no `end:`
anywhere ahead, play circles forever whatever the meters and flags say. That
is certain from the graph alone, so the story is refused with the loop named.
Loops whose branches can leave (a branch with an `if` that may turn true) are
left to the runner's run-time bound and the linter's exploration.
"""

from __future__ import annotations

from collections import deque

from game.engine.model import Node, Scene


def _ways_on(node: Node):
    if node.goto is not None:
        yield node.goto
    for branch in node.branches:
        yield branch.target


def endless_nodes(scene: Scene) -> list[Node]:
    """The scene's choice-free nodes from which no path reaches a choice or an end, in file order."""
    back: dict[str, set[str]] = {local: set() for local in scene.nodes}
    free: set[str] = set()  # nodes that reach a choice or an end
    for local, node in scene.nodes.items():
        if node.choices:
            free.add(local)
            continue
        for target in _ways_on(node):
            if target.node is None:
                free.add(local)
            elif target.node in back:
                back[target.node].add(local)
    queue = deque(free)
    while queue:  # each node enters the queue at most once
        local = queue.popleft()
        for prev in back[local]:
            if prev not in free:
                free.add(prev)
                queue.append(prev)
    stuck = [node for local, node in scene.nodes.items() if local not in free and (node.goto or node.branches)]
    return sorted(stuck, key=lambda n: (n.pos.line, n.pos.col) if n.pos else (0, 0))


def loop_report(stuck: list[Node]) -> tuple:
    """(position, message) for one scene's endless nodes."""
    first = stuck[0]
    way = first.goto or first.branches[0].target
    names = ", ".join(f"'{n.local_id}'" for n in stuck)
    message = (f"{names} loop{'s' if len(stuck) == 1 else ''} forever with no choice and no `end:` ahead: play would "
               "never stop here; give one of these nodes choices, or a goto or branch that leads out")
    return way.pos or first.pos, message
