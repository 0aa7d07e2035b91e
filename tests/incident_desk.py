"""A small desk to work incidents on: an office-hours service, a 24x7 one, one with no targets."""

from __future__ import annotations

from datetime import UTC, datetime, time

from sqlite_utils import Database

from sms_tui.models import (
    BusinessCalendar,
    CiClass,
    ConfigurationItem,
    Desk,
    Operator,
    Priority,
    Service,
    SlaTarget,
    Weekday,
    WorkingInterval,
)
from sms_tui.store.desk import write_desk

# Minutes to respond and to resolve, per priority.
TARGETS = {
    Priority.P1: (30, 240),
    Priority.P2: (60, 480),
    Priority.P3: (120, 960),
    Priority.P4: (240, 1_920),
    Priority.P5: (480, 2_400),
}
OFFICE = "Office"  # Mon-Fri 09:00-17:00 UTC
ALWAYS = "24x7"
PAYROLL = "Payroll"  # office hours
MAIL = "Mail"  # 24x7
LEGACY = "Legacy"  # no targets at all


def targets() -> list[SlaTarget]:
    return [
        SlaTarget(priority=p, respond_minutes=r, resolve_minutes=s) for p, (r, s) in TARGETS.items()
    ]


def incident_desk() -> Desk:
    """Operators alice (Service Desk) and bob (Network), two CIs and three services."""
    day = [WorkingInterval(start=time(9), end=time(17))]
    week = (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI)
    return Desk(
        operators=[
            Operator(login="alice", groups=["Service Desk"]),
            Operator(login="bob", groups=["Network"]),
        ],
        calendars=[
            BusinessCalendar(name=OFFICE, timezone="UTC", hours=dict.fromkeys(week, day)),
            BusinessCalendar(name=ALWAYS, always_open=True),
        ],
        cis=[
            ConfigurationItem(name="payroll-api", ci_class=CiClass.APPLICATION),
            ConfigurationItem(name="mail-01", ci_class=CiClass.SERVER),
        ],
        services=[
            Service(name=PAYROLL, calendar=OFFICE, targets=targets(), cis=["payroll-api"]),
            Service(name=MAIL, calendar=ALWAYS, targets=targets(), cis=["mail-01"]),
            Service(name=LEGACY, calendar=ALWAYS),
        ],
    )


def seed(db: Database, now: datetime) -> Database:
    """Write the incident desk into an empty store."""
    write_desk(db, incident_desk(), "importer", now)
    return db


def at(text: str) -> datetime:
    """A UTC moment from 'YYYY-MM-DD HH:MM'."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)
