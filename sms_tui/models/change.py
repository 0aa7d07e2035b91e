"""Changes, their approvals, and the maintenance and blackout windows they are planned around."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from sms_tui.models.fields import Name, OptionalName, Record, Text, UtcDateTime, Versioned

ChangeNumber = Annotated[str, StringConstraints(pattern=r"^CHG-\d{5,}$")]


class ChangeType(StrEnum):
    STANDARD = "standard"
    NORMAL = "normal"
    EMERGENCY = "emergency"


class ChangeState(StrEnum):
    DRAFT = "draft"
    ASSESSMENT = "assessment"
    AWAITING_APPROVAL = "awaiting_approval"
    SCHEDULED = "scheduled"
    IMPLEMENTING = "implementing"
    REVIEW = "review"
    CLOSED = "closed"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


class Risk(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Decision(StrEnum):
    APPROVED = "approved"
    REJECTED = "rejected"


class Approval(Record):
    """One authority's decision on a change, with its comment."""

    approver: Name
    decision: Decision
    comment: Text = ""
    at: UtcDateTime


class Change(Versioned):
    """A planned addition, modification or removal of something that affects services."""

    number: ChangeNumber
    title: Name
    description: Text = ""
    change_type: ChangeType = ChangeType.NORMAL
    state: ChangeState = ChangeState.DRAFT
    risk: Risk = Risk.LOW
    planned_start: UtcDateTime
    planned_end: UtcDateTime
    cis: list[Name] = Field(default_factory=list)
    requester: Name
    implementer: Name | None = None
    backout_plan: Text = ""
    test_plan: Text = ""
    review_outcome: OptionalName = ""
    review_notes: Text = ""
    approvals: list[Approval] = Field(default_factory=list)

    @model_validator(mode="after")
    def _window(self) -> Change:
        if self.planned_end <= self.planned_start:
            raise ValueError("planned_end must be after planned_start")
        return self


class WindowKind(StrEnum):
    MAINTENANCE = "maintenance"
    BLACKOUT = "blackout"


class Window(Versioned):
    """A stretch of time when changes are welcome (maintenance) or forbidden (blackout)."""

    name: Name
    kind: WindowKind
    starts_at: UtcDateTime
    ends_at: UtcDateTime
    service: Name | None = None
    weekly: bool = Field(default=False, description="repeats every week from starts_at")

    @model_validator(mode="after")
    def _window(self) -> Window:
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        return self
