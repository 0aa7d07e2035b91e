"""The test catalogue plus what the service levels show: resolved incidents, a CI walk, a change.

NOW is Monday 23 November 2026 10:30 UTC. E-mail (24x7; P1 respond 15 min, resolve 4 h) gets
two P1 incidents resolved in the last 7 days, so by hand its figures are:

- R1 opened Fri 20th 09:00, assigned 09:10, resolved 11:00: response met, resolution met (2 h).
- R2 opened Sat 21st 09:00, assigned 09:30, resolved 15:00: response and resolution breached (6 h).
- Response met 1 of 2 (50%), resolution met 1 of 2 (50%), MTTR (2 h + 6 h) / 2 = 4.0 h,
  breaches P1 1+1. Its two open incidents (P3, opened an hour or two ago) count nowhere yet.

Payroll's CIs are walked down: payroll-api depends on db-prd-03, which runs on san-prd-01;
a change on san-prd-01 is planned for Wednesday 25th.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlite_utils import Database

from sms_tui.models import (
    Change,
    ChangeState,
    Incident,
    IncidentState,
    Priority,
    ResolutionCode,
    StateChange,
)
from sms_tui.store import families, records
from tests.snapshot_apps.catalogue_desk import NOW, OPERATOR


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def _resolved(title: str, opened: datetime, assigned: datetime, resolved: datetime) -> Incident:
    return Incident(
        number="INC-000000",
        title=title,
        service="E-mail",
        priority=Priority.P1,
        state=IncidentState.RESOLVED,
        resolution_code=ResolutionCode.FIXED,
        opened_at=opened,
        resolved_at=resolved,
        history=[
            StateChange(at=opened, state=IncidentState.NEW),
            StateChange(at=assigned, state=IncidentState.ASSIGNED),
            StateChange(at=resolved, state=IncidentState.RESOLVED),
        ],
    )


def add_service_levels(db: Database) -> None:
    """Add the resolved incidents, relationships and change to a built test catalogue."""
    for incident in (
        _resolved("Mail stuck in queue", at(20, 9), at(20, 9, 10), at(20, 11)),
        _resolved("Calendar sync broken", at(21, 9), at(21, 9, 30), at(21, 15)),
    ):
        records.create(db, families.INCIDENTS, incident, OPERATOR, NOW)
    db.conn.executemany(
        "INSERT INTO relationships (source, kind, target) VALUES (?, ?, ?)",
        [("payroll-api", "depends_on", "db-prd-03"), ("db-prd-03", "runs_on", "san-prd-01")],
    )
    change = Change(
        number="CHG-00000",
        title="Replace a SAN controller",
        state=ChangeState.SCHEDULED,
        planned_start=at(25, 20),
        planned_end=at(25, 22),
        cis=["san-prd-01"],
        requester=OPERATOR,
    )
    records.create(db, families.CHANGES, change, OPERATOR, NOW)
