"""What an operator can do to an incident, as values, and the field changes each one makes.

Pure: no UI, no SQL, no wall clock. An edit is a small frozen value (Take, Assign, Move...), so
the queue can apply one to a multi-selection and the command line can combine several in one
saved version. Checks that need the database (does that operator exist?) belong to the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sms_tui.incident_rules import Refused, reprioritise, step_time, transition
from sms_tui.models import (
    Incident,
    IncidentState,
    Level,
    PendingReason,
    PriorityRule,
    ResolutionCode,
    StateChange,
    WorkNote,
)
from sms_tui.sla import first_response


class LinkKind(StrEnum):
    """The records an incident can be linked to."""

    CI = "ci"
    PROBLEM = "problem"
    KNOWN_ERROR = "known_error"
    CHANGE = "change"


LINK_FIELDS = {
    LinkKind.CI: "cis",
    LinkKind.PROBLEM: "problems",
    LinkKind.KNOWN_ERROR: "known_errors",
    LinkKind.CHANGE: "changes",
}


@dataclass(frozen=True)
class Take:
    """Assign the incident to the operator doing the edit."""


@dataclass(frozen=True)
class Assign:
    """Set the assignment group and/or the assignee; None leaves that one as it is."""

    group: str | None = None
    assignee: str | None = None


@dataclass(frozen=True)
class SetLevels:
    """Set impact and/or urgency; the priority follows from the matrix."""

    impact: Level | None = None
    urgency: Level | None = None


@dataclass(frozen=True)
class Move:
    """Move through the lifecycle (see incident_rules.transition for what each state needs)."""

    state: IncidentState
    reason: PendingReason | None = None
    resolution_code: ResolutionCode | None = None
    note: str = ""


@dataclass(frozen=True)
class AddWorkNote:
    """Add a line to the incident's timeline."""

    text: str


@dataclass(frozen=True)
class SetMajor:
    """Mark or unmark the incident as a major incident."""

    major: bool


@dataclass(frozen=True)
class SetParent:
    """Make the incident a child of another one, or (None) stand alone again."""

    parent: str | None


@dataclass(frozen=True)
class Link:
    """Link a CI, problem, known error or change."""

    kind: LinkKind
    value: str


@dataclass(frozen=True)
class Unlink:
    """Remove a linked CI, problem, known error or change."""

    kind: LinkKind
    value: str


Edit = Take | Assign | SetLevels | Move | AddWorkNote | SetMajor | SetParent | Link | Unlink


def apply_edits(
    incident: Incident,
    edits: Sequence[Edit],
    *,
    matrix: Iterable[PriorityRule],
    operator: str,
    now: datetime,
) -> dict[str, Any]:
    """The field changes of all the edits applied in order, or Refused for the first bad one."""
    rules = list(matrix)
    draft = incident
    touched: set[str] = set()
    for edit in edits:
        changes = apply_edit(draft, edit, matrix=rules, operator=operator, now=now)
        # Not validated here: the store validates the whole record once, when it saves it.
        draft = draft.model_copy(update=changes)
        touched |= changes.keys()
    return {name: getattr(draft, name) for name in sorted(touched)}


def apply_edit(
    incident: Incident,
    edit: Edit,
    *,
    matrix: Iterable[PriorityRule],
    operator: str,
    now: datetime,
) -> dict[str, Any]:
    """The field changes one edit makes to the incident as it stands, or Refused saying why."""
    number = incident.number
    if isinstance(edit, AddWorkNote):
        if not edit.text.strip():
            raise Refused(number, "a work note cannot be blank")
        note = WorkNote(at=step_time(incident, now), author=operator, text=edit.text)
        return {"work_notes": [*incident.work_notes, note]}
    if incident.state == IncidentState.CLOSED:
        raise Refused(number, "a closed incident is final; only work notes can be added")
    if isinstance(edit, Move):
        return transition(
            incident,
            edit.state,
            operator=operator,
            now=now,
            reason=edit.reason,
            resolution_code=edit.resolution_code,
            note=edit.note,
        )
    if isinstance(edit, Take | Assign):
        return _assign(incident, edit, operator, now)
    if isinstance(edit, SetLevels):
        return reprioritise(incident, matrix, impact=edit.impact, urgency=edit.urgency)
    if isinstance(edit, SetMajor):
        return {"major": edit.major}
    if isinstance(edit, SetParent):
        if edit.parent == number:
            raise Refused(number, "an incident cannot be its own parent")
        return {"parent": edit.parent}
    return _link(incident, edit)


def _assign(
    incident: Incident, edit: Take | Assign, operator: str, now: datetime
) -> dict[str, Any]:
    assignee = operator if isinstance(edit, Take) else edit.assignee
    group = None if isinstance(edit, Take) else edit.group
    if isinstance(edit, Assign) and assignee is None and group is None:
        raise Refused(incident.number, "assign to whom? give a group, a person or both")
    if group is not None and not group.strip():
        raise Refused(incident.number, "an assignment group cannot be blank")
    changes: dict[str, Any] = {}
    if assignee is not None and assignee != incident.assignee:
        changes["assignee"] = assignee
    if group is not None and group != incident.assignment_group:
        changes["assignment_group"] = group
    if changes and incident.state == IncidentState.NEW:
        # Assigning a new incident is its first response: it moves to assigned.
        at = step_time(incident, now)
        step = StateChange(at=at, state=IncidentState.ASSIGNED, operator=operator)
        history = [*incident.history, step]
        responded = first_response(history, incident.opened_at)
        changes.update(state=IncidentState.ASSIGNED, history=history, responded_at=responded)
    return changes


def _link(incident: Incident, edit: Link | Unlink) -> dict[str, Any]:
    field = LINK_FIELDS[edit.kind]
    values: list[str] = getattr(incident, field)
    if isinstance(edit, Link):
        return {} if edit.value in values else {field: [*values, edit.value]}
    if edit.value not in values:
        raise Refused(incident.number, f"{edit.kind.value} {edit.value!r} is not linked")
    return {field: [v for v in values if v != edit.value]}
