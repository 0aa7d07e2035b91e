"""The cached due times: pure computation, bulk fill on import, and the migration's backfill."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

from sms_tui.incident_due import incident_due
from sms_tui.models import (
    Incident,
    IncidentState,
    PendingReason,
    Priority,
    ResolutionCode,
    SlaTarget,
    StateChange,
)
from sms_tui.store import open_memory, open_store
from sms_tui.store.desk import read_desk, write_desk
from tests.incident_desk import LEGACY, MAIL, PAYROLL, at, incident_desk

S = IncidentState
OPENED = at("2026-11-23 10:30")  # a Monday
P3 = SlaTarget(priority=Priority.P3, respond_minutes=120, resolve_minutes=960)


def incident(number: int, *steps: tuple[str, IncidentState], **fields: object) -> Incident:
    history = [StateChange(at=OPENED, state=S.NEW)]
    history += [
        StateChange(
            at=at(when), state=state, reason=PendingReason.CALLER if state == S.PENDING else None
        )
        for when, state in steps
    ]
    last = history[-1].state
    extra: dict[str, object] = {"state": last}
    if last == S.PENDING:
        extra["pending_reason"] = PendingReason.CALLER
    if last in (S.RESOLVED, S.CLOSED):
        extra["resolution_code"] = ResolutionCode.FIXED
    return Incident(
        number=f"INC-{number:06d}",
        title=f"incident {number}",
        opened_at=OPENED,
        history=history,
        **{**extra, **fields},
    )


def test_a_running_clock_is_due_when_its_target_runs_out() -> None:
    calendar = incident_desk().calendars[0]
    due = incident_due(incident(1), calendar, P3)
    assert due.response == at("2026-11-23 12:30") and due.resolution == at("2026-11-25 10:30")


def test_the_cache_does_not_depend_on_when_it_is_computed() -> None:
    # Read at the last step, not at a wall clock: a breached clock keeps its breach instant.
    calendar = incident_desk().calendars[1]
    late = incident(1, ("2026-12-01 09:00", S.IN_PROGRESS))
    due = incident_due(late, calendar, P3)
    assert due.response is None and due.resolution == OPENED + timedelta(hours=16)


def test_paused_stopped_or_unknown_clocks_have_no_due_time() -> None:
    calendar = incident_desk().calendars[1]
    pending = incident(1, ("2026-11-23 11:00", S.PENDING))
    resolved = incident(2, ("2026-11-23 11:00", S.IN_PROGRESS), ("2026-11-23 12:00", S.RESOLVED))
    assert incident_due(pending, calendar, P3) == (None, None)
    assert incident_due(resolved, calendar, P3) == (None, None)
    assert incident_due(incident(3), None, P3) == (None, None)
    assert incident_due(incident(3), calendar, None) == (None, None)


def _due_by_number(db: Database) -> dict[str, tuple[str | None, str | None]]:
    rows = db.execute("SELECT number, response_due_at, resolve_due_at FROM incidents")
    return {number: (response, resolve) for number, response, resolve in rows}


def _imported_desk(db: Database, now: datetime) -> None:
    desk = incident_desk()
    desk.incidents = [
        incident(1, service=PAYROLL),
        incident(2, ("2026-11-23 11:00", S.PENDING), service=PAYROLL),
        incident(3, ("2026-11-23 11:00", S.IN_PROGRESS), service=MAIL),
        incident(4, service=LEGACY),
        incident(5),
    ]
    write_desk(db, desk, "importer", now)


EXPECTED = {
    "INC-000001": ("2026-11-23T12:30:00Z", "2026-11-25T10:30:00Z"),
    "INC-000002": (None, None),
    "INC-000003": (None, "2026-11-24T02:30:00Z"),
    "INC-000004": (None, None),
    "INC-000005": (None, None),
}


def test_import_fills_the_due_columns_and_export_leaves_them_out(
    db: Database, now: datetime
) -> None:
    _imported_desk(db, now)
    assert _due_by_number(db) == EXPECTED
    exported = read_desk(db)
    assert "resolve_due_at" not in exported.incidents[0].model_dump()
    copy = open_memory()  # the export imported again gives the same cache
    write_desk(copy, exported, "importer", now)
    assert _due_by_number(copy) == EXPECTED
    assert read_desk(copy).incidents == exported.incidents


def test_the_migration_backfills_an_older_database(db_file: Path, now: datetime) -> None:
    db = open_store(db_file)
    _imported_desk(db, now)
    # Take the database back to before m003, as an older sms-tui left it.
    db.execute("DROP INDEX incidents_by_due")
    db.execute("ALTER TABLE incidents DROP COLUMN response_due_at")
    db.execute("ALTER TABLE incidents DROP COLUMN resolve_due_at")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm003_incident_sla_due'")
    db.conn.close()
    upgraded = open_store(db_file)
    try:
        assert _due_by_number(upgraded) == EXPECTED
        index = upgraded.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'incidents_by_due'"
        ).fetchone()[0]
        assert "(state, resolve_due_at)" in index
    finally:
        upgraded.conn.close()


def test_editing_a_service_or_its_calendar_refreshes_running_incidents(
    db: Database, now: datetime
) -> None:
    from sms_tui.store import families, records
    from sms_tui.store.catalogue import get_service, update_service

    _imported_desk(db, now)
    payroll = get_service(db, PAYROLL)
    faster = [t.model_copy(update={"resolve_minutes": 480}) for t in payroll.targets]
    update_service(db, PAYROLL, payroll.version, {"targets": faster}, "admin", now)
    assert _due_by_number(db)["INC-000001"] == ("2026-11-23T12:30:00Z", "2026-11-24T10:30:00Z")
    office = records.get(db, families.CALENDARS, "Office")
    records.update(
        db, families.CALENDARS, "Office", office.version, {"always_open": True}, "a", now
    )
    assert _due_by_number(db)["INC-000001"] == ("2026-11-23T12:30:00Z", "2026-11-23T18:30:00Z")
    assert _due_by_number(db)["INC-000002"] == (None, None)  # still pending
