"""The CMDB's relationships as adjacency lists, built once and walked many times.

Conventions, decided here once so that the impact walk, the x-ray tree and the change
conflicts agree:

- An edge "source depends_on target" or "source runs_on target" means the source needs the
  target: if the target fails, the source is hit. "Up" is towards what needs a CI (in the end
  the business services), "down" is towards the infrastructure it needs.
- connected_to records a link, not a need: by default it is not followed at all, because
  following it both ways makes one failed server take down its switch and, through the
  switch, every other server on it. `connected_both_ways=True` treats it as a dependency in
  both directions for callers that want the pessimistic view.
- A CI whose attribute "min_members_up" is a whole number N >= 1 is a cluster. Its members
  are everything it depends on (its down neighbours); it stays up while at least N of them
  are up. So model a cluster as "cluster depends_on member" and hang shared needs (its SAN)
  on the members, or they count as one more member.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sms_tui.models import ConfigurationItem, Relationship, RelationshipKind

QUORUM_ATTRIBUTE = "min_members_up"

Edge = tuple[str, RelationshipKind, str]
"""(source, kind, target), read as 'source kind target'."""


def quorum_of(ci: ConfigurationItem) -> int | None:
    """The cluster's minimum of members up, or None when the CI is not a cluster."""
    text = ci.attributes.get(QUORUM_ATTRIBUTE, "").strip()
    # A typo in a free attribute must not make a CI unbreakable, so anything that is not a
    # positive whole number leaves it an ordinary CI.
    if not text.isdigit() or int(text) < 1:
        return None
    return int(text)


class CmdbGraph:
    """Integer-indexed adjacency of the CMDB, for walks that stay fast over 50,000 CIs."""

    def __init__(
        self,
        edges: Iterable[Edge],
        *,
        clusters: Mapping[str, int] | None = None,
        connected_both_ways: bool = False,
    ) -> None:
        self.connected_both_ways = connected_both_ways
        self.names: list[str] = []
        self.index: dict[str, int] = {}
        # up[i]: the CIs that need i; down[i]: the CIs i needs. Parallel lists hold each
        # edge's kind for display; the walk itself only touches the int lists.
        self.up: list[list[int]] = []
        self.down: list[list[int]] = []
        self.up_kinds: list[list[RelationshipKind]] = []
        self.down_kinds: list[list[RelationshipKind]] = []
        # need[i]: a cluster's minimum of members up, 0 for an ordinary CI. A list, because
        # the walk reads it once per edge.
        self.need: list[int] = []
        seen: set[tuple[int, int]] = set()
        for source, kind, target in edges:
            if kind is RelationshipKind.CONNECTED_TO and not connected_both_ways:
                continue
            s, t = self.id(source), self.id(target)
            self._link(s, t, kind, seen)
            if kind is RelationshipKind.CONNECTED_TO:
                self._link(t, s, kind, seen)
        for name, n in (clusters or {}).items():
            if n >= 1:
                self.need[self.id(name)] = n

    @classmethod
    def from_records(
        cls,
        relationships: Iterable[Relationship],
        cis: Iterable[ConfigurationItem] = (),
        *,
        connected_both_ways: bool = False,
    ) -> CmdbGraph:
        """The graph of stored relationships, with clusters read from the CIs' attributes."""
        clusters = {ci.name: q for ci in cis if (q := quorum_of(ci)) is not None}
        edges = ((r.source, r.kind, r.target) for r in relationships)
        return cls(edges, clusters=clusters, connected_both_ways=connected_both_ways)

    def id(self, name: str) -> int:
        """The CI's integer id, added as an isolated node when it has no edge yet."""
        i = self.index.get(name)
        if i is None:
            i = self.index[name] = len(self.names)
            self.names.append(name)
            self.up.append([])
            self.down.append([])
            self.up_kinds.append([])
            self.down_kinds.append([])
            self.need.append(0)
        return i

    def _link(
        self, needer: int, needed: int, kind: RelationshipKind, seen: set[tuple[int, int]]
    ) -> None:
        # A pair related twice (depends_on and runs_on) is one need, or a cluster would count
        # one member twice.
        if (needer, needed) in seen:
            return
        seen.add((needer, needed))
        self.down[needer].append(needed)
        self.down_kinds[needer].append(kind)
        self.up[needed].append(needer)
        self.up_kinds[needed].append(kind)

    def __contains__(self, name: object) -> bool:
        return name in self.index

    def __len__(self) -> int:
        return len(self.names)

    def min_members_up(self, name: str) -> int | None:
        """N when the CI is a cluster that stays up with N members up, else None."""
        i = self.index.get(name)
        return (self.need[i] or None) if i is not None else None

    def dependents(self, name: str) -> list[tuple[str, RelationshipKind]]:
        """The CIs that need this one, with the kind of each edge."""
        i = self.index.get(name)
        if i is None:
            return []
        return [(self.names[j], k) for j, k in zip(self.up[i], self.up_kinds[i], strict=True)]

    def dependencies(self, name: str) -> list[tuple[str, RelationshipKind]]:
        """The CIs this one needs, with the kind of each edge."""
        i = self.index.get(name)
        if i is None:
            return []
        return [(self.names[j], k) for j, k in zip(self.down[i], self.down_kinds[i], strict=True)]

    def neighbours(self, name: str) -> set[str]:
        """The CIs one hop away in either direction."""
        i = self.index.get(name)
        if i is None:
            return set()
        return {self.names[j] for j in (*self.up[i], *self.down[i])}
