"""Everything a service's detail shows below its record, read in one go (see service_view)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from sms_tui.models import Service
from sms_tui.service_levels_view import detail_periods, week_of
from sms_tui.sla.report import ServiceLevels
from sms_tui.store.service_view import (
    OpenIncident,
    PlannedChange,
    SupportingCis,
    changes_touching,
    open_incidents,
    supporting_cis,
    supporting_names,
)
from sms_tui.store.sla_report import service_levels


@dataclass(frozen=True)
class ServiceExtras:
    """SLA figures (7, 30, 90 days), open incidents, this week's changes and the CI walk."""

    levels: tuple[ServiceLevels, ...]
    incidents: tuple[OpenIncident, ...]
    incident_total: int
    changes: tuple[PlannedChange, ...]
    supporting: SupportingCis


def service_extras(db: Database, service: Service, now: datetime) -> ServiceExtras:
    """Read what the detail adds; changes count on the service's CIs and everything they need."""
    supporting = supporting_cis(db, service)
    incidents, total = open_incidents(db, service.name)
    start, end = week_of(now)
    changes = changes_touching(db, supporting_names(supporting), start, end)
    levels = service_levels(db, service, detail_periods(now.date()), now)
    return ServiceExtras(tuple(levels), tuple(incidents), total, tuple(changes), supporting)
