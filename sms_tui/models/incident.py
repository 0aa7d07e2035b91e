"""Incidents, their work notes and the state history that SLA clocks are computed from."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from sms_tui.models.fields import (
    Level,
    Name,
    OptionalName,
    Priority,
    Record,
    Text,
    UtcDateTime,
    Versioned,
)

IncidentNumber = Annotated[str, StringConstraints(pattern=r"^INC-\d{6,}$")]


class IncidentState(StrEnum):
    NEW = "new"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    PENDING = "pending"
    RESOLVED = "resolved"
    CLOSED = "closed"


OPEN_STATES = frozenset(
    {IncidentState.NEW, IncidentState.ASSIGNED, IncidentState.IN_PROGRESS, IncidentState.PENDING}
)


class PendingReason(StrEnum):
    CALLER = "awaiting_caller"
    VENDOR = "awaiting_vendor"
    CHANGE = "awaiting_change"


class ResolutionCode(StrEnum):
    FIXED = "fixed"
    WORKAROUND = "workaround"
    KNOWN_ERROR = "known_error"
    NO_FAULT = "no_fault_found"
    DUPLICATE = "duplicate"
    USER_ERROR = "user_error"


class WorkNote(Record):
    """A line in the incident's timeline, written by an operator."""

    at: UtcDateTime
    author: Name
    text: Annotated[Text, StringConstraints(min_length=1)]


class StateChange(Record):
    """One step in the incident's life; SLA clocks are derived from this history."""

    at: UtcDateTime
    state: IncidentState
    reason: PendingReason | None = None
    operator: OptionalName = ""


def incident_number(sequence: int) -> str:
    return f"INC-{sequence:06d}"


def number_sequence(number: str) -> int:
    match = re.fullmatch(r"[A-Z]+-(\d+)", number)
    if not match:
        raise ValueError(f"not a record number: {number!r}")
    return int(match.group(1))


class Incident(Versioned):
    """An unplanned interruption or reduction in the quality of a service."""

    number: IncidentNumber
    title: Name
    description: Text = ""
    caller: OptionalName = ""
    service: Name | None = None
    cis: list[Name] = Field(default_factory=list)
    impact: Level = Level.MEDIUM
    urgency: Level = Level.MEDIUM
    priority: Priority = Priority.P3
    state: IncidentState = IncidentState.NEW
    pending_reason: PendingReason | None = None
    resolution_code: ResolutionCode | None = None
    resolution_note: Text = ""
    assignment_group: OptionalName = ""
    assignee: Name | None = None
    major: bool = False
    opened_at: UtcDateTime
    responded_at: UtcDateTime | None = None
    resolved_at: UtcDateTime | None = None
    closed_at: UtcDateTime | None = None
    parent: IncidentNumber | None = None
    problems: list[str] = Field(default_factory=list)
    known_errors: list[str] = Field(default_factory=list)
    changes: list[str] = Field(default_factory=list)
    work_notes: list[WorkNote] = Field(default_factory=list)
    history: list[StateChange] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Incident:
        if self.state == IncidentState.PENDING and self.pending_reason is None:
            raise ValueError("a pending incident needs a pending_reason")
        if (
            self.state in (IncidentState.RESOLVED, IncidentState.CLOSED)
            and self.resolution_code is None
        ):
            raise ValueError(f"a {self.state.value} incident needs a resolution_code")
        if self.parent == self.number:
            raise ValueError("an incident cannot be its own parent")
        for name, value in (
            ("responded_at", self.responded_at),
            ("resolved_at", self.resolved_at),
            ("closed_at", self.closed_at),
        ):
            if value is not None and value < self.opened_at:
                raise ValueError(f"{name} is before opened_at")
        return self
