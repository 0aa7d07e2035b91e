"""The CMDB as an undirected graph, for "how many relationship hops apart are these CIs"."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

# A core switch or a SAN can touch thousands of CIs; a walk that reaches this many has
# stopped saying anything specific about the incident.
_MAX_REACHED = 5_000


class Graph:
    """CIs and their relationships; direction is ignored, since impact travels both ways."""

    def __init__(self) -> None:
        self._edges: dict[str, Counter[str]] = {}

    def add(self, source: str, target: str) -> None:
        """Record one relationship; a second one between the same CIs is counted."""
        self._edges.setdefault(source, Counter())[target] += 1
        self._edges.setdefault(target, Counter())[source] += 1

    def remove(self, source: str, target: str) -> None:
        """Forget one relationship between the two CIs, if there is one."""
        for a, b in ((source, target), (target, source)):
            neighbours = self._edges.get(a)
            if neighbours is None or b not in neighbours:
                continue
            neighbours[b] -= 1
            if neighbours[b] <= 0:
                del neighbours[b]
            if not neighbours:
                del self._edges[a]

    def drop(self, name: str) -> None:
        """Forget a CI and every relationship it takes part in."""
        for other in list(self._edges.get(name, ())):
            self._edges[other].pop(name, None)
            if not self._edges[other]:
                del self._edges[other]
        self._edges.pop(name, None)

    def neighbours(self, name: str) -> set[str]:
        """The CIs one hop from `name`."""
        return set(self._edges.get(name, ()))

    def near(self, anchors: Iterable[str], hops: int = 2) -> dict[str, tuple[int, str]]:
        """Each CI within `hops` of an anchor: its distance and the nearest anchor."""
        reached = {anchor: (0, anchor) for anchor in anchors}
        frontier = list(reached)
        for distance in range(1, hops + 1):
            following: list[str] = []
            for name in frontier:
                origin = reached[name][1]
                for other in self._edges.get(name, ()):
                    if other not in reached:
                        reached[other] = (distance, origin)
                        following.append(other)
                if len(reached) > _MAX_REACHED:
                    return reached
            frontier = following
        return reached
