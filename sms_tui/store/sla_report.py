"""What the SLA report reads: only the incidents that can count in a period, with their histories.

An incident can count in [start, end) only if it was opened before the end and was not over
before the start: still open, or resolved or closed on or after the start (sms_tui.sla.report
says exactly which count). That narrows a year of 100,000 incidents to the period's, and
their histories come in one ordered query. Everything is read in one snapshot.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from sms_tui.models import IncidentState, PendingReason, Priority, Service, iso
from sms_tui.sla.report import Period, ReportIncident, ServiceLevels, SlaReport, sla_report
from sms_tui.sla.timeline import Step
from sms_tui.store.catalogue import list_calendars, list_services

_STATES = {state.value: state for state in IncidentState}
_REASONS = {reason.value: reason for reason in PendingReason}
_PRIORITIES = {priority.value: priority for priority in Priority}
_OPEN = "('new', 'assigned', 'in_progress', 'pending')"
# The SQL condition for "can count in [:start, :end)": a superset the report then narrows.
TOUCHING = (
    "opened_at < :end AND (state IN " + _OPEN + " OR resolved_at IS NULL "
    "OR resolved_at >= :start OR closed_at >= :start)"
)


@contextmanager
def snapshot(db: Database) -> Iterator[None]:
    """Read in one transaction, so that a commit by another operator cannot split the read."""
    if db.conn.in_transaction:  # already inside one (a test, or a caller's own)
        yield
        return
    db.conn.execute("BEGIN")
    try:
        yield
    finally:
        db.conn.execute("ROLLBACK")


def report_incidents(
    db: Database, period: Period, *, service: str | None = None
) -> list[ReportIncident]:
    """Every incident that can count in `period`, of one service or of all, with its history."""
    where = TOUCHING + ("" if service is None else " AND service = :service")
    params: dict[str, Any] = {"start": iso(period.start), "end": iso(period.end)}
    if service is not None:
        params["service"] = service
    else:
        where += " AND service IS NOT NULL"
    steps: dict[str, list[Step]] = {}
    # unixepoch() and the lookups below skip datetime and enum construction: a 90-day
    # report reads some 150,000 steps.
    for number, at, state, reason in db.execute(
        "SELECT incident, unixepoch(at), state, reason FROM incident_history WHERE incident IN "
        f"(SELECT number FROM incidents WHERE {where}) ORDER BY incident, position",
        params,
    ):
        steps.setdefault(number, []).append(
            (at, _STATES[state], None if reason is None else _REASONS[reason])
        )
    return [
        ReportIncident(number, name, _PRIORITIES[priority], opened, tuple(steps.get(number, ())))
        for number, name, priority, opened in db.execute(
            f"SELECT number, service, priority, unixepoch(opened_at) FROM incidents WHERE {where}",
            params,
        )
    ]


def load_sla_report(
    db: Database, period: Period, now: datetime, *, consistent: bool = True
) -> SlaReport:
    """The report across every service in the catalogue, by name.

    `consistent=False` skips the read transaction, for a worker thread sharing the
    connection with a UI thread that may be writing.
    """
    with snapshot(db) if consistent else nullcontext():
        services = list_services(db)
        calendars = list_calendars(db)
        incidents = report_incidents(db, period)
    return sla_report(incidents, services, calendars, period, now)


def service_levels(
    db: Database, service: Service, periods: Sequence[Period], now: datetime
) -> list[ServiceLevels]:
    """One service's figures for each period; the incidents are read once, for all of them."""
    if not periods:
        return []
    widest = Period(min(p.start for p in periods), max(p.end for p in periods))
    with snapshot(db):
        calendars = list_calendars(db)
        incidents = report_incidents(db, widest, service=service.name)
    return [
        sla_report(incidents, [service], calendars, period, now).services[0] for period in periods
    ]
