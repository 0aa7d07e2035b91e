"""What a change touches beyond its own CIs: the CMDB graph and the business services hit."""

from __future__ import annotations

from sqlite_utils import Database

from sms_tui.impact import CmdbGraph, walk_impact
from sms_tui.models import Change, Criticality, Record, Relationship
from sms_tui.store import families, records
from sms_tui.store.catalogue import list_services, open_incident_counts


class ServiceImpact(Record):
    """A business service the change would hit, through its nearest affected CI."""

    service: str
    criticality: Criticality
    via: str
    hops: int
    open_incidents: int


def load_graph(db: Database) -> CmdbGraph:
    """The whole CMDB as a graph: for one-hop conflicts and the walk up to services."""
    relationships = [
        Relationship.model_validate(row)
        for row in db.query("SELECT source, kind, target FROM relationships")
    ]
    # Only clusters change a walk; plain CIs need not be read at all.
    clustered = records.select(
        db, families.CIS, "attributes LIKE :marker", {"marker": "%min_members_up%"}
    )
    return CmdbGraph.from_records(relationships, clustered)


def change_impact(
    db: Database, change: Change, graph: CmdbGraph | None = None
) -> list[ServiceImpact]:
    """The services hit if the change's CIs went down, most critical first."""
    walked = walk_impact(graph or load_graph(db), change.cis, list_services(db))
    counts = open_incident_counts(db)
    return [
        ServiceImpact(
            service=hit.service.name,
            criticality=hit.service.criticality,
            via=hit.ci,
            hops=hit.depth,
            open_incidents=counts.get(hit.service.name, 0),
        )
        for hit in walked.services
    ]
