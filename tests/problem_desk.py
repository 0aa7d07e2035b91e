"""A desk to work problems on: the incident desk plus a problem manager and three incidents."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlite_utils import Database

from sms_tui.models import Incident, Level, Operator, Role
from sms_tui.store import families, records
from sms_tui.store.incidents import create_incident
from tests.incident_desk import MAIL, PAYROLL, seed

MANAGER = "pat"  # holds the problem manager role; alice and bob are plain operators


def problem_desk(db: Database, now: datetime) -> list[Incident]:
    """Seed the incident desk, add the problem manager, open three incidents (oldest first)."""
    seed(db, now - timedelta(days=1))
    records.create(
        db,
        families.OPERATORS,
        Operator(login=MANAGER, roles=[Role.OPERATOR, Role.PROBLEM_MANAGER]),
        operator="importer",
        now=now,
    )
    return [
        create_incident(
            db,
            title="Pay run stuck",
            service=PAYROLL,
            cis=["payroll-api"],
            impact=Level.HIGH,
            urgency=Level.HIGH,
            operator="alice",
            now=now,
        ),
        create_incident(
            db, title="Pay run slow", service=PAYROLL, cis=["payroll-api"], operator="bob", now=now
        ),
        create_incident(
            db, title="Mail bounces", service=MAIL, cis=["mail-01"], operator="alice", now=now
        ),
    ]
