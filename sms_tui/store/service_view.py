"""What a service's detail adds to its record: supporting CIs, open incidents, changes of the week.

Each read is bounded, so a service on a 50,000-CI CMDB with hundreds of open incidents still
reads in milliseconds: the walk down is a recursive query limited in depth, and lists are
limited in length with their full count alongside.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from sms_tui.impact import CmdbGraph, Direction, TreeNode, dependency_tree
from sms_tui.models import (
    OPEN_STATES,
    ChangeState,
    CiClass,
    IncidentState,
    Priority,
    RelationshipKind,
    Service,
    iso,
    utc,
)

WALK_DEPTH = 4
TREE_NODES = 400
LIST_LIMIT = 50
_OPEN = ", ".join(f"'{state.value}'" for state in sorted(OPEN_STATES))


@dataclass(frozen=True, slots=True)
class SupportingCis:
    """The service's CIs, each with the tree of what it needs, and each CI's class by name."""

    trees: tuple[TreeNode, ...]
    classes: dict[str, CiClass]


@dataclass(frozen=True, slots=True)
class OpenIncident:
    """One open incident of the service, as its detail lists it."""

    number: str
    title: str
    priority: Priority
    state: IncidentState
    major: bool
    resolve_due_at: datetime | None


@dataclass(frozen=True, slots=True)
class PlannedChange:
    """A change whose planned window touches the service's CIs in a given stretch of time."""

    number: str
    title: str
    state: ChangeState
    planned_start: datetime
    planned_end: datetime


def supporting_cis(db: Database, service: Service) -> SupportingCis:
    """The walk down from each of the service's CIs, WALK_DEPTH edges deep (see sms_tui.impact)."""
    roots = json.dumps(service.cis)
    edges = [
        (source, RelationshipKind(kind), target)
        for source, kind, target in db.execute(
            """
            WITH RECURSIVE down(name, depth) AS (
                SELECT value, 0 FROM json_each(:roots)
                UNION
                SELECT r.target, d.depth + 1 FROM down d
                JOIN relationships r ON r.source = d.name AND r.kind != 'connected_to'
                WHERE d.depth < :depth
            )
            SELECT DISTINCT r.source, r.kind, r.target FROM relationships r
            WHERE r.kind != 'connected_to'
              AND r.source IN (SELECT name FROM down WHERE depth < :depth)
            """,
            {"roots": roots, "depth": WALK_DEPTH},
        )
    ]
    names = sorted({*service.cis, *(e[0] for e in edges), *(e[2] for e in edges)})
    classes: dict[str, CiClass] = {}
    clusters: dict[str, int] = {}
    for name, ci_class, attributes in db.execute(
        "SELECT name, ci_class, attributes FROM cis WHERE name IN (SELECT value FROM json_each(?))",
        [json.dumps(names)],
    ):
        classes[name] = CiClass(ci_class)
        quorum = str(json.loads(attributes).get("min_members_up", "")).strip()
        if quorum.isdigit() and int(quorum) >= 1:
            clusters[name] = int(quorum)
    graph = CmdbGraph(edges, clusters=clusters)
    budget = max(TREE_NODES // max(len(service.cis), 1), 1)
    trees = tuple(
        dependency_tree(graph, ci, Direction.DOWN, max_depth=WALK_DEPTH, max_nodes=budget)
        for ci in service.cis
    )
    return SupportingCis(trees, classes)


def supporting_names(cis: SupportingCis) -> list[str]:
    """Every CI in the trees, each once."""
    return sorted({node.name for tree in cis.trees for _, node in tree.walk()})


def open_incidents(
    db: Database, service: str, limit: int = LIST_LIMIT
) -> tuple[list[OpenIncident], int]:
    """The service's open incidents, most urgent first (priority, then due), and how many in all."""
    where = f"service = :service AND state IN ({_OPEN})"
    total = db.execute(f"SELECT count(*) FROM incidents WHERE {where}", {"service": service})
    count = int(total.fetchone()[0])
    rows = db.execute(
        "SELECT number, title, priority, state, major, resolve_due_at FROM incidents "
        f"WHERE {where} ORDER BY priority, resolve_due_at IS NULL, resolve_due_at, number "
        "LIMIT :limit",
        {"service": service, "limit": limit},
    )
    found = [
        OpenIncident(
            number=number,
            title=title,
            priority=Priority(priority),
            state=IncidentState(state),
            major=bool(major),
            resolve_due_at=None if due is None else utc(due),
        )
        for number, title, priority, state, major, due in rows
    ]
    return found, count


def changes_touching(
    db: Database, cis: list[str], start: datetime, end: datetime, limit: int = LIST_LIMIT
) -> list[PlannedChange]:
    """Changes on any of these CIs whose planned window overlaps [start, end), soonest first."""
    if not cis:
        return []
    rows = db.execute(
        "SELECT number, title, state, planned_start, planned_end FROM changes "
        "WHERE planned_start < :end AND planned_end > :start AND number IN "
        "(SELECT change FROM change_cis WHERE ci IN (SELECT value FROM json_each(:cis))) "
        "ORDER BY planned_start, number LIMIT :limit",
        {"start": iso(start), "end": iso(end), "cis": json.dumps(cis), "limit": limit},
    )
    return [
        PlannedChange(number, title, ChangeState(state), utc(begins), utc(ends))
        for number, title, state, begins, ends in rows
    ]
