"""If these CIs fail, what else goes down: a bounded, cycle-safe walk up the CMDB graph."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from sms_tui.impact.graph import CmdbGraph
from sms_tui.models import Criticality, Service

DEFAULT_DEPTH = 12
CRITICALITY_ORDER = {c: rank for rank, c in enumerate(Criticality)}


class Hit(NamedTuple):
    """One CI that goes down: how many hops from a failed CI, and the hops that got there."""

    ci: str
    depth: int
    path: tuple[str, ...]

    @property
    def reason(self) -> str:
        """The path as one line, the failed CI first: 'san-01 -> esx-04 -> payroll-api'."""
        return " -> ".join(self.path)


@dataclass(frozen=True, slots=True)
class ServiceHit:
    """A business service with at least one of its CIs down, through its nearest hit CI."""

    service: Service
    ci: str
    depth: int


class Impact:
    """The outcome of a walk: the hit CIs with depth and path, and the services they support."""

    def __init__(
        self,
        graph: CmdbGraph,
        failed: tuple[str, ...],
        depth: list[int],
        parent: list[int],
        order: list[int],
        truncated: bool,
    ) -> None:
        self.failed = failed
        self.truncated = truncated
        """True when the depth limit stopped the walk with more CIs above."""
        self.services: tuple[ServiceHit, ...] = ()
        self._graph = graph
        # Arrays over the graph's ids (-1: not hit), and the hit ids in the order reached,
        # which is nearest first.
        self._depth = depth
        self._parent = parent
        self._order = order
        # Failed CIs the graph has never seen: down themselves, with nothing above them.
        self._loose = [name for name in failed if name not in graph.index]

    def __len__(self) -> int:
        return len(self._order) + len(self._loose)

    def __contains__(self, ci: object) -> bool:
        return isinstance(ci, str) and self.depth(ci) is not None

    def _id(self, ci: str) -> int | None:
        i = self._graph.index.get(ci)
        if i is None or i >= len(self._depth) or self._depth[i] < 0:
            return None
        return i

    def depth(self, ci: str) -> int | None:
        """Hops from the nearest failed CI (0 for a failed one), or None when not hit."""
        if ci in self._loose:
            return 0
        i = self._id(ci)
        return None if i is None else self._depth[i]

    def path(self, ci: str) -> tuple[str, ...]:
        """The CIs from a failed one to `ci`, both included; empty when `ci` is not hit."""
        if ci in self._loose:
            return (ci,)
        i = self._id(ci)
        if i is None:
            return ()
        names, hops = self._graph.names, [i]
        while (i := self._parent[i]) >= 0:
            hops.append(i)
        return tuple(names[j] for j in reversed(hops))

    def hits(self, limit: int | None = None) -> list[Hit]:
        """The hit CIs, nearest first, then by name; the first `limit` of them if given."""
        names, depth, parent = self._graph.names, self._depth, self._parent
        order = self._order
        if limit is not None and limit < len(order):
            # The walk's order is nearest first: past the limit-th CI's depth, nothing ranks.
            last = depth[order[limit]]
            order = [i for i in order if depth[i] <= last]
        ranked = sorted(
            [(0, name, -1) for name in self._loose] + [(depth[i], names[i], i) for i in order]
        )[:limit]
        paths: dict[int, tuple[str, ...]] = {}
        if limit is None:
            # Every path, built parents first (the walk's order) so each reuses its parent's.
            for i in self._order:
                p = parent[i]
                paths[i] = (*paths[p], names[i]) if p >= 0 else (names[i],)
        else:
            paths = {i: self.path(names[i]) for _, _, i in ranked if i >= 0}
        return [Hit(name, d, paths[i] if i >= 0 else (name,)) for d, name, i in ranked]

    def names(self) -> set[str]:
        """The hit CIs' names, failed ones included."""
        names = self._graph.names
        return {names[i] for i in self._order} | set(self._loose)


def walk_impact(
    graph: CmdbGraph,
    failed: Iterable[str],
    services: Iterable[Service] = (),
    *,
    max_depth: int = DEFAULT_DEPTH,
) -> Impact:
    """What goes down when `failed` do: CIs up to `max_depth` hops above them, and services.

    Breadth first, so each CI is reached at its least depth and visited once, whatever the
    cycles. A cluster goes down only when fewer than its min_members_up members are still up;
    a member beyond the depth limit is not seen, so counts as up.
    """
    up, down, need = graph.up, graph.down, graph.need
    roots = tuple(dict.fromkeys(failed))
    depth = [-1] * len(graph)
    parent = [-1] * len(graph)
    order: list[int] = []
    members_down: dict[int, int] = {}
    for name in roots:
        i = graph.index.get(name)
        if i is not None:
            depth[i] = 0
            order.append(i)
    truncated = False
    head = 0
    # `order` is the queue: a list with a moving head is cheaper than a deque here, and it
    # is kept as the walk's result.
    while head < len(order):
        i = order[head]
        head += 1
        d = depth[i] + 1
        if d > max_depth:
            truncated = truncated or any(depth[j] < 0 for j in up[i])
            continue
        for j in up[i]:
            if depth[j] >= 0:
                continue
            if need[j]:
                gone = members_down.get(j, 0) + 1
                members_down[j] = gone
                if len(down[j]) - gone >= need[j]:
                    continue
            depth[j] = d
            parent[j] = i
            order.append(j)
    impact = Impact(graph, roots, depth, parent, order, truncated)
    impact.services = _services_hit(impact, services)
    return impact


def _services_hit(impact: Impact, services: Iterable[Service]) -> tuple[ServiceHit, ...]:
    found = []
    for service in services:
        nearest: tuple[int, str] | None = None
        for name in service.cis:
            d = impact.depth(name)
            if d is not None and (nearest is None or d < nearest[0]):
                nearest = (d, name)
        if nearest is not None:
            found.append(ServiceHit(service, nearest[1], nearest[0]))
    found.sort(key=lambda h: (CRITICALITY_ORDER[h.service.criticality], h.depth, h.service.name))
    return tuple(found)
