"""The service catalogue: services and the business calendars they are supported in."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from sms_tui.models import BusinessCalendar, Service
from sms_tui.store import families, records


def list_services(db: Database) -> list[Service]:
    """Every service, by name. A catalogue holds tens to a few hundred, so one query serves all."""
    return records.select(db, families.SERVICES, order_by="name COLLATE NOCASE")


def get_service(db: Database, name: str) -> Service:
    return records.get(db, families.SERVICES, name)


def create_service(db: Database, service: Service, operator: str, now: datetime) -> Service:
    return records.create(db, families.SERVICES, service, operator, now)


def update_service(
    db: Database,
    name: str,
    expected_version: int,
    changes: Mapping[str, Any],
    operator: str,
    now: datetime,
) -> Service:
    return records.update(db, families.SERVICES, name, expected_version, changes, operator, now)


def list_calendars(db: Database) -> dict[str, BusinessCalendar]:
    return {c.name: c for c in records.select(db, families.CALENDARS)}


def create_calendar(
    db: Database, calendar: BusinessCalendar, operator: str, now: datetime
) -> BusinessCalendar:
    return records.create(db, families.CALENDARS, calendar, operator, now)


def open_incident_counts(db: Database) -> dict[str, int]:
    """Open incidents per service, for the catalogue's at-a-glance column."""
    rows = db.query(
        "SELECT service, count(*) AS n FROM incidents "
        "WHERE service IS NOT NULL AND state IN ('new', 'assigned', 'in_progress', 'pending') GROUP BY service"
    )
    return {row["service"]: row["n"] for row in rows}
