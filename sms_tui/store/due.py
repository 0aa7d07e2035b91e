"""The incidents' cached SLA due times (`response_due_at`, `resolve_due_at`), kept in step by the store.

They exist so that SQL can sort a queue by due time and find what breaches soon through an
index; the clocks themselves are always computed from the history (see sms_tui.incident_due).
Each write computes them from the fresh record with the service's calendar and the target of
the incident's priority, looking each service and calendar up once per batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from sms_tui.incident_due import NO_DUE, DueTimes, due_times
from sms_tui.models import Incident, IncidentState, PendingReason, Priority, StateChange, iso, utc
from sms_tui.sla import Schedule, schedule
from sms_tui.store import families

DUE_COLUMNS = ("response_due_at", "resolve_due_at")
_CHUNK = 500
_RUNNING = "('new', 'assigned', 'in_progress')"


class Targets:
    """Each service's compiled calendar and SLA targets, loaded once for a batch of incidents."""

    def __init__(self, db: Database, services: Iterable[str | None]) -> None:
        names = sorted({name for name in services if name is not None})
        found = [
            families.SERVICES.from_row(row, {})
            for chunk in _chunks(names)
            for row in db.query(f"SELECT * FROM services WHERE name IN ({_marks(chunk)})", chunk)
        ]
        wanted = sorted({service.calendar for service in found})
        plans: dict[str, Schedule] = {
            calendar.name: schedule(calendar)
            for chunk in _chunks(wanted)
            for calendar in (
                families.CALENDARS.from_row(row, {})
                for row in db.query(
                    f"SELECT * FROM calendars WHERE name IN ({_marks(chunk)})", chunk
                )
            )
        }
        self._by_service = {
            service.name: (plans.get(service.calendar), service) for service in found
        }

    def due(
        self,
        service: str | None,
        priority: Priority,
        history: Sequence[StateChange],
        opened_at: datetime,
    ) -> DueTimes:
        """The due times under this service's calendar and target for the priority."""
        entry = self._by_service.get(service) if service is not None else None
        if entry is None:
            return NO_DUE
        plan, found = entry
        return due_times(history, opened_at, plan, found.target(priority))


def due_columns(db: Database, incidents: Sequence[Incident]) -> list[dict[str, Any]]:
    """The cached due columns of each incident, in order, as UTC text or None."""
    targets = Targets(db, (incident.service for incident in incidents))
    return [_as_row(targets.due(i.service, i.priority, i.history, i.opened_at)) for i in incidents]


def backfill_due(db: Database) -> None:
    """Fill the due columns of every incident from its stored history (the migration's job)."""
    _refresh(db, "1", {})


def refresh_service_due(
    db: Database, *, service: str | None = None, calendar: str | None = None
) -> None:
    """Recompute the running incidents of a service, or of every service on a calendar.

    For after an edit to the service (its calendar, its targets) or to the calendar; paused
    and stopped incidents have no due time to change.
    """
    if service is not None:
        _refresh(db, f"service = :service AND state IN {_RUNNING}", {"service": service})
    if calendar is not None:
        _refresh(
            db,
            f"service IN (SELECT name FROM services WHERE calendar = :calendar) AND state IN {_RUNNING}",
            {"calendar": calendar},
        )


def _refresh(db: Database, where: str, params: dict[str, Any]) -> None:
    # Reads only the columns the clocks need, so the migration keeps working as the Incident
    # model grows.
    rows = list(
        db.query(
            f"SELECT number, service, priority, opened_at FROM incidents WHERE {where}", params
        )
    )
    if not rows:
        return
    histories: dict[str, list[StateChange]] = {}
    for step in db.query(
        "SELECT incident, at, state, reason, operator FROM incident_history WHERE incident IN "
        f"(SELECT number FROM incidents WHERE {where}) ORDER BY incident, position",
        params,
    ):
        histories.setdefault(step["incident"], []).append(
            StateChange.model_construct(
                at=utc(step["at"]),
                state=IncidentState(step["state"]),
                reason=None if step["reason"] is None else PendingReason(step["reason"]),
                operator=step["operator"],
            )
        )
    targets = Targets(db, (row["service"] for row in rows))
    updates = []
    for row in rows:
        due = targets.due(
            row["service"],
            Priority(row["priority"]),
            histories.get(row["number"], []),
            utc(row["opened_at"]),
        )
        updates.append({**_as_row(due), "number": row["number"]})
    db.conn.executemany(
        "UPDATE incidents SET response_due_at = :response_due_at, "
        "resolve_due_at = :resolve_due_at WHERE number = :number",
        updates,
    )


def _as_row(due: DueTimes) -> dict[str, Any]:
    return {
        "response_due_at": None if due.response is None else iso(due.response),
        "resolve_due_at": None if due.resolution is None else iso(due.resolution),
    }


def _chunks(names: list[str]) -> list[list[str]]:
    # SQLite limits the number of bound parameters in one statement.
    return [names[start : start + _CHUNK] for start in range(0, len(names), _CHUNK)]


def _marks(chunk: list[str]) -> str:
    return ", ".join("?" for _ in chunk)
