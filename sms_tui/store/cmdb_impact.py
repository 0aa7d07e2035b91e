"""Impact analysis as an operator reads it: the walk, plus what the desk knows about each hit.

The walk itself is pure (sms_tui.impact); this adds the classes of the hit CIs, their open
incidents, and the services with their criticality and open incidents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from sms_tui.cmdb_views import NO_BADGES, Badges
from sms_tui.impact import DEFAULT_DEPTH, Hit, ServiceHit, walk_impact
from sms_tui.models import CiClass
from sms_tui.store.catalogue import open_incident_counts
from sms_tui.store.cmdb import badges, classes_of
from sms_tui.store.cmdb_graph import cmdb_graph
from sms_tui.store.cmdb_services import service_map


@dataclass(frozen=True)
class CiImpact:
    """One CI that goes down."""

    hit: Hit
    ci_class: CiClass | None
    badges: Badges


@dataclass(frozen=True)
class ServiceImpact:
    """One business service hit, with its open incidents."""

    hit: ServiceHit
    open_incidents: int


@dataclass(frozen=True)
class ImpactReport:
    """If `failed` fail: services hit (most critical first) and CIs hit (nearest first)."""

    failed: tuple[str, ...]
    services: tuple[ServiceImpact, ...]
    cis: tuple[CiImpact, ...]
    total: int
    """Every CI hit, failed ones included; `cis` holds the first `limit` of them."""
    truncated: bool
    """The depth limit stopped the walk with more CIs above."""


def impact_report(
    db: Database, failed: Sequence[str], *, max_depth: int = DEFAULT_DEPTH, limit: int = 200
) -> ImpactReport:
    """Walk up from `failed` over the cached graph, honouring cluster quorums."""
    graph = cmdb_graph(db)
    # Matching hit CIs to services costs a lookup per CI of every service (40,000 on the large
    # demo): walk first, then again with only the services that list a hit CI.
    impact = walk_impact(graph, failed, max_depth=max_depth)
    by_ci = service_map(db).by_ci
    relevant = {s.name: s for name in impact.names() for s in by_ci.get(name, ())}
    if relevant:
        impact = walk_impact(graph, failed, relevant.values(), max_depth=max_depth)
    hits = impact.hits(limit=limit)
    names = [hit.ci for hit in hits]
    classes = classes_of(db, names)
    found = badges(db, names)
    per_service = open_incident_counts(db)
    return ImpactReport(
        failed=tuple(dict.fromkeys(failed)),
        services=tuple(
            ServiceImpact(hit, per_service.get(hit.service.name, 0)) for hit in impact.services
        ),
        cis=tuple(CiImpact(hit, classes.get(hit.ci), found.get(hit.ci, NO_BADGES)) for hit in hits),
        total=len(impact),
        truncated=impact.truncated,
    )
