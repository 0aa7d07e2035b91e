"""Incidents: reading one, opening one, and every operator action, each saved as one audited version.

Every write goes through records.update at the version the operator read, in one
`BEGIN IMMEDIATE` transaction with its audit rows, so a stale action is refused with who
changed what (StaleRecord) and nothing is lost. The rules themselves live in the pure modules
incident_rules and incident_edits; this module adds what needs the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from pydantic import ValidationError
from sqlite_utils import Database

from sms_tui.incident_edits import Assign, Edit, Link, SetLevels, SetParent, Take, apply_edits
from sms_tui.incident_rules import Refused
from sms_tui.models import (
    AuditEntry,
    Incident,
    IncidentState,
    Level,
    PriorityRule,
    StateChange,
)
from sms_tui.sla import Clocks, incident_clocks, priority_for
from sms_tui.store import families, records
from sms_tui.store.catalogue import get_service
from sms_tui.store.errors import Invalid, NotFound, StaleRecord
from sms_tui.store.validation import describe

_PLACEHOLDER = "INC-000000"  # replaced by the next number when the record is stored
_LINK_TABLES = {
    "ci": "cis",
    "problem": "problems",
    "known_error": "known_errors",
    "change": "changes",
}
_LINK_KEYS = {"ci": "name", "problem": "number", "known_error": "number", "change": "number"}


def get_incident(db: Database, number: str) -> Incident:
    return records.get(db, families.INCIDENTS, number)


def priority_matrix(db: Database) -> list[PriorityRule]:
    """The desk's impact x urgency matrix, as its admins left it."""
    rows = db.query("SELECT impact, urgency, priority FROM priority_matrix ORDER BY rowid")
    return [PriorityRule.model_validate(row) for row in rows]


def create_incident(
    db: Database,
    *,
    title: str,
    operator: str,
    now: datetime,
    description: str = "",
    caller: str = "",
    service: str | None = None,
    cis: Sequence[str] = (),
    known_errors: Sequence[str] = (),
    impact: Level = Level.MEDIUM,
    urgency: Level = Level.MEDIUM,
    major: bool = False,
    opened_at: datetime | None = None,
) -> Incident:
    """Open a new incident, numbered INC-nnnnnn, its priority taken from the matrix.

    `opened_at` backfills a ticket raised elsewhere: its history and SLA clocks start then.
    """
    opened = now if opened_at is None else opened_at
    if opened > now:
        raise Invalid(f"incident: opened_at {opened:%Y-%m-%d %H:%M:%S%z} is in the future")
    if service is not None:
        get_service(db, service)  # NotFound names it, instead of a foreign key error
    for ci in cis:
        _must_exist(db, "ci", ci)
    for known_error in known_errors:
        _must_exist(db, "known_error", known_error)
    try:
        priority = priority_for(priority_matrix(db), impact, urgency)
    except ValueError as error:
        raise Invalid(f"incident: {error}") from None
    try:
        draft = Incident(
            number=_PLACEHOLDER,
            title=title,
            description=description,
            caller=caller,
            service=service,
            cis=list(dict.fromkeys(cis)),
            known_errors=list(dict.fromkeys(known_errors)),
            impact=impact,
            urgency=urgency,
            priority=priority,
            major=major,
            opened_at=opened,
            history=[StateChange(at=opened, state=IncidentState.NEW, operator=operator)],
        )
    except ValidationError as error:
        raise Invalid(f"incident: {describe(error)}") from None
    return records.create(db, families.INCIDENTS, draft, operator, now)


def update_incident(
    db: Database,
    number: str,
    expected_version: int,
    edits: Sequence[Edit],
    *,
    operator: str,
    now: datetime,
) -> Incident:
    """Apply operator actions to the incident read at `expected_version`, as one new version.

    Refused (Invalid, saying why) if a rule forbids an action, StaleRecord if someone saved
    the incident since it was read. An edit that changes nothing writes nothing.
    """
    current = get_incident(db, number)
    if current.version != expected_version:
        raise StaleRecord(
            families.INCIDENTS.kind,
            number,
            records.changes_since(db, families.INCIDENTS, number, expected_version),
            current.updated_by,
            current.updated_at,
        )
    _check_references(db, current, edits, operator)
    matrix = priority_matrix(db) if any(isinstance(e, SetLevels) for e in edits) else []
    try:
        changes = apply_edits(current, edits, matrix=matrix, operator=operator, now=now)
    except Refused as error:
        raise Invalid(str(error)) from None
    if not changes:
        return current
    return records.update(db, families.INCIDENTS, number, expected_version, changes, operator, now)


def incident_audit(db: Database, number: str) -> list[AuditEntry]:
    """Every saved change to the incident, oldest first."""
    return records.history(db, families.INCIDENTS, number)


def sla_clocks(db: Database, incident: Incident, now: datetime) -> Clocks | None:
    """Both SLA clocks at `now`, or None when the incident has no service or its priority no target."""
    if incident.service is None:
        return None
    service = get_service(db, incident.service)
    target = service.target(incident.priority)
    if target is None:
        return None
    calendar = records.get(db, families.CALENDARS, service.calendar)
    return incident_clocks(incident, calendar, target, now)


def _check_references(
    db: Database, incident: Incident, edits: Iterable[Edit], operator: str
) -> None:
    # Checked here for a clear message; the foreign keys still guard the write itself.
    for edit in edits:
        if isinstance(edit, Take):
            _operator(db, incident, operator)
        elif isinstance(edit, Assign):
            if edit.assignee is not None:
                _operator(db, incident, edit.assignee)
            if edit.group is not None and edit.group.strip() and not _known_group(db, edit.group):
                raise Invalid(f"{incident.number}: no operator is in group {edit.group!r}")
        elif isinstance(edit, SetParent) and edit.parent is not None:
            _check_parent(db, incident.number, edit.parent)
        elif isinstance(edit, Link):
            _must_exist(db, edit.kind.value, edit.value)


def _operator(db: Database, incident: Incident, login: str) -> None:
    if not db.execute("SELECT 1 FROM operators WHERE login = ?", [login]).fetchone():
        raise Invalid(
            f"{incident.number}: cannot assign to {login!r}: not an operator of this desk"
        )


def _known_group(db: Database, group: str) -> bool:
    found = db.execute(
        "SELECT 1 FROM operators, json_each(operators.groups) WHERE json_each.value = ? LIMIT 1",
        [group],
    ).fetchone()
    return found is not None


def _check_parent(db: Database, number: str, parent: str) -> None:
    seen = {number}
    step: str | None = parent
    while step is not None:
        if step in seen:
            raise Invalid(f"{number}: {parent} cannot be its parent: that would make a loop")
        seen.add(step)
        row = db.execute("SELECT parent FROM incidents WHERE number = ?", [step]).fetchone()
        if row is None:
            raise NotFound(f"no incident {step!r}")
        step = row[0]


def _must_exist(db: Database, kind: str, key: str) -> None:
    table, column = _LINK_TABLES[kind], _LINK_KEYS[kind]
    if not db.execute(f"SELECT 1 FROM {table} WHERE {column} = ?", [key]).fetchone():
        raise NotFound(f"no {kind.replace('_', ' ')} {key!r}")
