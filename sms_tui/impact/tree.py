"""The x-ray tree of one CI: what needs it, up to the services, or what it needs, down."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sms_tui.impact.graph import CmdbGraph
from sms_tui.models import RelationshipKind, Service


class Direction(StrEnum):
    UP = "up"
    """Towards what needs the CI, ending at the catalogue services."""
    DOWN = "down"
    """Towards the infrastructure the CI needs."""


@dataclass(frozen=True, slots=True)
class TreeNode:
    """One node of the tree: a CI (or, at the top of an upward tree, a catalogue service).

    `relation` is the kind of edge from the parent (None at the root and for services).
    `cycle` marks a CI already on the path from the root: it is shown but not expanded.
    `truncated` marks a CI with more below it that the depth or size limit cut off.
    """

    name: str
    relation: RelationshipKind | None = None
    service: bool = False
    min_members_up: int | None = None
    cycle: bool = False
    truncated: bool = False
    children: tuple[TreeNode, ...] = ()

    def walk(self) -> Iterable[tuple[int, TreeNode]]:
        """Every node with its level, depth first, in display order."""
        stack: list[tuple[int, TreeNode]] = [(0, self)]
        while stack:
            level, node = stack.pop()
            yield level, node
            stack.extend((level + 1, child) for child in reversed(node.children))


def dependency_tree(
    graph: CmdbGraph,
    ci: str,
    direction: Direction,
    services: Iterable[Service] = (),
    *,
    max_depth: int = 4,
    max_nodes: int = 2_000,
) -> TreeNode:
    """The tree rooted at `ci`, `max_depth` edges deep and at most about `max_nodes` nodes.

    A CI reached twice by different paths appears under both (it is a tree, not the graph);
    only a CI seen again on its own path is a cycle. Services listing a CI hang under it in
    the upward tree. Expand deeper from the keyboard by calling again at the node.
    """
    supports: dict[str, list[str]] = {}
    if direction is Direction.UP:
        for service in services:
            for name in service.cis:
                supports.setdefault(name, []).append(service.name)
    budget = [max_nodes - 1]
    return _node(graph, ci, None, direction, supports, max_depth, frozenset(), budget)


def _node(
    graph: CmdbGraph,
    name: str,
    relation: RelationshipKind | None,
    direction: Direction,
    supports: dict[str, list[str]],
    depth_left: int,
    on_path: frozenset[str],
    budget: list[int],
) -> TreeNode:
    quorum = graph.min_members_up(name)
    if name in on_path:
        return TreeNode(name, relation, min_members_up=quorum, cycle=True)
    edges = graph.dependents(name) if direction is Direction.UP else graph.dependencies(name)
    edges.sort(key=lambda edge: edge[0])
    tops = sorted(supports.get(name, ()))
    if depth_left <= 0 or budget[0] <= 0:
        more = bool(edges or tops)
        return TreeNode(name, relation, min_members_up=quorum, truncated=more)
    children: list[TreeNode] = [TreeNode(s, service=True) for s in tops]
    budget[0] -= len(tops)
    path = on_path | {name}
    truncated = False
    for other, kind in edges:
        if budget[0] <= 0:
            truncated = True
            break
        budget[0] -= 1
        child = _node(graph, other, kind, direction, supports, depth_left - 1, path, budget)
        children.append(child)
    return TreeNode(
        name, relation, min_members_up=quorum, truncated=truncated, children=tuple(children)
    )
