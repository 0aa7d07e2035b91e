"""What the CMDB screens show, as plain values: a query, a page of CIs, badges, edge groups. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sms_tui.models import CiClass, CiStatus, Environment, Relationship, RelationshipKind


@dataclass(frozen=True)
class CmdbQuery:
    """Which CIs the list shows: a fuzzy text on the name (see cmdb_match), and optionally one
    class and one environment."""

    text: str = ""
    ci_class: CiClass | None = None
    environment: Environment | None = None


@dataclass(frozen=True)
class CiRow:
    """One line of the CMDB list."""

    name: str
    ci_class: CiClass
    status: CiStatus
    environment: Environment
    owner: str
    location: str


@dataclass(frozen=True)
class CiPage:
    """Rows `offset`... of `total` CIs matching `query`."""

    query: CmdbQuery
    offset: int
    items: tuple[CiRow, ...]
    total: int

    def item(self, index: int) -> CiRow | None:
        """The row at `index` of the whole query, if this page holds it."""
        at = index - self.offset
        return self.items[at] if 0 <= at < len(self.items) else None

    def holds(self, start: int, stop: int) -> bool:
        """Does the page hold every row from `start` to `stop` (clipped to the total)?"""
        stop = min(stop, self.total)
        if start >= stop:
            return True
        return self.offset <= start and stop <= self.offset + len(self.items)


@dataclass(frozen=True)
class Badges:
    """What is wrong with a CI right now, or about to change."""

    incidents: int = 0
    """Open incidents naming the CI."""
    changes: int = 0
    """Changes scheduled or being implemented on it."""
    known_errors: int = 0

    def text(self) -> str:
        """'2 inc · 1 chg · 1 KE', or '' when there is nothing to say."""
        parts = [
            f"{n} {label}"
            for n, label in (
                (self.incidents, "inc"),
                (self.changes, "chg"),
                (self.known_errors, "KE"),
            )
            if n
        ]
        return " \u00b7 ".join(parts)


NO_BADGES = Badges()


@dataclass(frozen=True)
class EdgeGroup:
    """Neighbours of a CI through one kind of edge, in one direction: 'runs on', 'hosts'."""

    title: str
    kind: RelationshipKind
    outgoing: bool
    """True when the CI is the edge's source ('depends on'), False for its target."""
    names: tuple[str, ...]


_GROUPS = (
    ("Depends on", RelationshipKind.DEPENDS_ON, True),
    ("Is depended on by", RelationshipKind.DEPENDS_ON, False),
    ("Runs on", RelationshipKind.RUNS_ON, True),
    ("Hosts", RelationshipKind.RUNS_ON, False),
)


def edge_groups(name: str, relationships: Iterable[Relationship]) -> tuple[EdgeGroup, ...]:
    """The CI's relationships grouped by kind and direction; empty groups are left out.

    connected_to is a link without a direction, so both ends show it as 'Connected to'.
    """
    found: dict[tuple[RelationshipKind, bool], set[str]] = {}
    for r in relationships:
        if r.source == name:
            found.setdefault((r.kind, True), set()).add(r.target)
        if r.target == name:
            found.setdefault((r.kind, False), set()).add(r.source)
    groups = [
        EdgeGroup(title, kind, out, tuple(sorted(found[kind, out])))
        for title, kind, out in _GROUPS
        if found.get((kind, out))
    ]
    linked = found.get((RelationshipKind.CONNECTED_TO, True), set()) | found.get(
        (RelationshipKind.CONNECTED_TO, False), set()
    )
    if linked:
        groups.append(
            EdgeGroup("Connected to", RelationshipKind.CONNECTED_TO, True, tuple(sorted(linked)))
        )
    return tuple(groups)
