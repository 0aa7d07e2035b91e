"""A small desk for suggestions and search: named hosts, known errors with workarounds.

Built on the incident desk (Payroll, Mail, operators alice and bob): the payroll database
`db-prd-03` runs under `payroll-api`, known error KE-00001 explains its deadlocks, and
INC-000001 is a ticket about them that links nothing yet. `hostile` adds a CI and a known
error whose name and title are a hostile string.
"""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from sms_tui.models import (
    CiClass,
    ConfigurationItem,
    KnownError,
    Relationship,
    RelationshipKind,
)
from sms_tui.store import families, records
from sms_tui.store.desk import write_desk
from sms_tui.store.incidents import create_incident
from tests.incident_desk import PAYROLL, incident_desk

DEADLOCK = "ORA-00060 deadlock on the payroll database"
WORKAROUND = "Re-run the payroll batch after 18:00; the deadlock clears on its own."
TITLE = "payroll run fails with ORA-00060 on db-prd-03"


def suggestion_desk(now: datetime) -> list[object]:
    """The extra records: CIs with hosts, a relationship and two known errors."""
    cis = [
        ConfigurationItem(
            name="db-prd-03", ci_class=CiClass.DATABASE, attributes={"ip": "10.0.3.3"}
        ),
        ConfigurationItem(name="mail-relay-07", ci_class=CiClass.SERVER),
    ]
    relationship = Relationship(
        source="payroll-api", kind=RelationshipKind.DEPENDS_ON, target="db-prd-03"
    )
    known_errors = [
        KnownError(
            number="KE-00001",
            title=DEADLOCK,
            symptom="ORA-00060: deadlock detected while waiting for resource",
            workaround=WORKAROUND,
            cis=["db-prd-03"],
            published_at=now,
        ),
        KnownError(
            number="KE-00002",
            title="Mail relay queue stuck after certificate renewal",
            workaround="Restart the relay service.",
            cis=["mail-relay-07"],
            published_at=now,
        ),
    ]
    return [cis, relationship, known_errors]


def seed_suggestions(db: Database, now: datetime) -> Database:
    """The incident desk with the suggestion records, and INC-000001 about the deadlock."""
    cis, relationship, known_errors = suggestion_desk(now)
    desk = incident_desk()
    desk = desk.model_copy(
        update={
            "cis": [*desk.cis, *cis],  # type: ignore[misc]
            "relationships": [relationship],
            "known_errors": known_errors,
        }
    )
    write_desk(db, desk, "importer", now)
    create_incident(
        db,
        title=TITLE,
        description="Since 09:00 the batch aborts; log says ORA-00060 deadlock detected.",
        service=PAYROLL,
        operator="alice",
        now=now,
    )
    return db


def add_hostile(db: Database, text: str, now: datetime, n: int) -> tuple[str, str]:
    """A CI named and a known error titled `text` (plus words the tests search for)."""
    ci = records.create(
        db,
        families.CIS,
        ConfigurationItem(name=f"{text} zebra-{n}", ci_class=CiClass.SERVER),
        "importer",
        now,
    )
    known_error = records.create(
        db,
        families.KNOWN_ERRORS,
        KnownError(
            number="KE-00000",
            title=f"{text} zebra outage",
            workaround=f"{text} workaround",
            cis=[ci.name],
            published_at=now,
        ),
        "importer",
        now,
    )
    return ci.name, known_error.number
