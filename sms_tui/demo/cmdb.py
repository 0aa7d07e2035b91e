"""The CMDB under construction: CI rows, relationships, and each service's footprint in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from random import Random
from typing import Any

from sms_tui.demo.people import Staff
from sms_tui.demo.sites import DataCentre, Names, data_centres
from sms_tui.models import (
    CiClass,
    CiStatus,
    ConfigurationItem,
    Environment,
    Relationship,
    RelationshipKind,
)

DEPENDS_ON, RUNS_ON, CONNECTED_TO = (
    RelationshipKind.DEPENDS_ON,
    RelationshipKind.RUNS_ON,
    RelationshipKind.CONNECTED_TO,
)


@dataclass
class Footprint:
    """The production CIs of one service, by the part they play in its tickets and changes."""

    business: str
    apps: list[str] = field(default_factory=list)
    nodes: list[str] = field(default_factory=list)
    hosted: list[str] = field(default_factory=list)
    windows: list[str] = field(default_factory=list)
    linux: list[str] = field(default_factory=list)
    dbs: list[str] = field(default_factory=list)
    lbs: list[str] = field(default_factory=list)
    storage: list[str] = field(default_factory=list)
    stores: list[str] = field(default_factory=list)
    cis: list[str] = field(default_factory=list)
    """Everything the catalogue lists for the service, every environment included."""

    def role(self, name: str) -> list[str]:
        values: list[str] = getattr(self, name)
        return values


@dataclass
class Registry:
    """CI rows and relationships as they are generated, with the lookups tickets need."""

    rng: Random
    staff: Staff
    now: datetime
    sites: dict[str, DataCentre] = field(default_factory=data_centres)
    names: Names = field(default_factory=Names)
    rows: list[dict[str, Any]] = field(default_factory=list)
    edges: list[tuple[str, RelationshipKind, str]] = field(default_factory=list)
    footprints: dict[str, Footprint] = field(default_factory=dict)
    ip: dict[str, str] = field(default_factory=dict)
    host_of: dict[str, str] = field(default_factory=dict)
    switch_of: dict[str, str] = field(default_factory=dict)
    windows: set[str] = field(default_factory=set)
    # VMs and physical servers waiting for hosts and switches, by (site, production?).
    guests: dict[tuple[str, bool], list[str]] = field(default_factory=dict)
    racked: dict[str, list[str]] = field(default_factory=dict)
    cores: dict[str, list[str]] = field(default_factory=dict)
    leaves: dict[str, list[str]] = field(default_factory=dict)
    sans: dict[str, str] = field(default_factory=dict)
    lbs: dict[str, list[str]] = field(default_factory=dict)
    lb_load: dict[str, int] = field(default_factory=dict)

    def add(
        self,
        name: str,
        ci_class: CiClass,
        owner: str,
        attributes: dict[str, str],
        *,
        location: str = "",
        environment: Environment = Environment.PRODUCTION,
        status: CiStatus = CiStatus.LIVE,
    ) -> str:
        """Record one CI; its address, if any, is remembered for ticket texts."""
        if "ip" in attributes:
            self.ip[name] = attributes["ip"]
        if attributes.get("os", "").startswith("Windows"):
            self.windows.add(name)
        touched = self.now - timedelta(minutes=self.rng.randrange(60, 129_600))
        self.rows.append(
            {
                "name": name,
                "ci_class": ci_class,
                "status": status,
                "owner": owner,
                "location": location,
                "environment": environment,
                "attributes": attributes,
                "updated_at": touched,
                "updated_by": owner,
            }
        )
        return name

    def relate(self, source: str, kind: RelationshipKind, target: str) -> None:
        self.edges.append((source, kind, target))

    def records(self) -> tuple[list[ConfigurationItem], list[Relationship]]:
        """Validated CIs and relationships, in the order they were made."""
        cis = [ConfigurationItem.model_validate(row) for row in self.rows]
        edges = [Relationship(source=s, kind=k, target=t) for s, k, t in self.edges]
        return cis, edges
