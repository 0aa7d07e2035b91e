"""One operator action on one incident, saved as a new version: the names the screens call.

Each is `update_incident` with a single edit; see incident_edits for what each edit does and
incident_rules for what the lifecycle refuses.
"""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from sms_tui.incident_edits import (
    AddWorkNote,
    Assign,
    Link,
    LinkKind,
    Move,
    SetLevels,
    SetMajor,
    SetParent,
    Take,
    Unlink,
)
from sms_tui.models import Incident, IncidentState, Level, PendingReason, ResolutionCode
from sms_tui.store.incidents import update_incident


def take(db: Database, number: str, version: int, *, operator: str, now: datetime) -> Incident:
    """Assign the incident to `operator` (a new one also moves to assigned)."""
    return update_incident(db, number, version, [Take()], operator=operator, now=now)


def assign(
    db: Database,
    number: str,
    version: int,
    *,
    group: str | None = None,
    assignee: str | None = None,
    operator: str,
    now: datetime,
) -> Incident:
    """Assign to a group and/or a person; the person must be an operator of the desk."""
    edit = Assign(group=group, assignee=assignee)
    return update_incident(db, number, version, [edit], operator=operator, now=now)


def set_levels(
    db: Database,
    number: str,
    version: int,
    *,
    impact: Level | None = None,
    urgency: Level | None = None,
    operator: str,
    now: datetime,
) -> Incident:
    """Set impact and/or urgency; the priority (and so the SLA targets) follow the matrix."""
    edit = SetLevels(impact=impact, urgency=urgency)
    return update_incident(db, number, version, [edit], operator=operator, now=now)


def move(
    db: Database,
    number: str,
    version: int,
    state: IncidentState,
    *,
    reason: PendingReason | None = None,
    resolution_code: ResolutionCode | None = None,
    note: str = "",
    operator: str,
    now: datetime,
) -> Incident:
    """Move through the lifecycle: pending needs a reason, resolved a code and a note."""
    edit = Move(state, reason=reason, resolution_code=resolution_code, note=note)
    return update_incident(db, number, version, [edit], operator=operator, now=now)


def add_work_note(
    db: Database, number: str, version: int, text: str, *, operator: str, now: datetime
) -> Incident:
    return update_incident(db, number, version, [AddWorkNote(text)], operator=operator, now=now)


def set_major(
    db: Database, number: str, version: int, major: bool, *, operator: str, now: datetime
) -> Incident:
    return update_incident(db, number, version, [SetMajor(major)], operator=operator, now=now)


def set_parent(
    db: Database, number: str, version: int, parent: str | None, *, operator: str, now: datetime
) -> Incident:
    """Make the incident a child of `parent` (refused if that makes a loop), or None to detach."""
    return update_incident(db, number, version, [SetParent(parent)], operator=operator, now=now)


def link(
    db: Database,
    number: str,
    version: int,
    kind: LinkKind,
    value: str,
    *,
    operator: str,
    now: datetime,
) -> Incident:
    """Link a CI, problem, known error or change (it must exist); linking twice is a no-op."""
    return update_incident(db, number, version, [Link(kind, value)], operator=operator, now=now)


def unlink(
    db: Database,
    number: str,
    version: int,
    kind: LinkKind,
    value: str,
    *,
    operator: str,
    now: datetime,
) -> Incident:
    return update_incident(db, number, version, [Unlink(kind, value)], operator=operator, now=now)
