"""Configuration items and the typed, directed relationships between them."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator

from sms_tui.models.fields import Name, OptionalName, Record, Text, Versioned


class CiClass(StrEnum):
    BUSINESS_SERVICE = "business_service"
    APPLICATION = "application"
    DATABASE = "database"
    SERVER = "server"
    VM = "vm"
    NETWORK_DEVICE = "network_device"
    STORAGE = "storage"
    LOAD_BALANCER = "load_balancer"
    CLUSTER = "cluster"


class CiStatus(StrEnum):
    PLANNED = "planned"
    LIVE = "live"
    MAINTENANCE = "maintenance"
    RETIRED = "retired"


class Environment(StrEnum):
    PRODUCTION = "production"
    STAGING = "staging"
    TEST = "test"
    DEVELOPMENT = "development"


class ConfigurationItem(Versioned):
    """Anything managed in order to deliver a service: an application, a database, a switch."""

    name: Name
    ci_class: CiClass
    status: CiStatus = CiStatus.LIVE
    owner: OptionalName = ""
    location: OptionalName = ""
    environment: Environment = Environment.PRODUCTION
    attributes: dict[Name, Text] = Field(default_factory=dict)


class RelationshipKind(StrEnum):
    """Read as 'source <kind> target': payroll-api depends_on db-prd-03."""

    DEPENDS_ON = "depends_on"
    RUNS_ON = "runs_on"
    CONNECTED_TO = "connected_to"


class Relationship(Record):
    """A directed edge between two CIs."""

    source: Name
    kind: RelationshipKind
    target: Name

    @model_validator(mode="after")
    def _not_to_itself(self) -> Relationship:
        if self.source == self.target:
            raise ValueError(f"{self.source!r} cannot relate to itself")
        return self
