"""Problems (the cause of incidents) and the known-error database."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints

from sms_tui.models.fields import Name, OptionalName, Priority, Text, UtcDateTime, Versioned

ProblemNumber = Annotated[str, StringConstraints(pattern=r"^PRB-\d{5,}$")]
KnownErrorNumber = Annotated[str, StringConstraints(pattern=r"^KE-\d{5,}$")]


class ProblemState(StrEnum):
    NEW = "new"
    UNDER_INVESTIGATION = "under_investigation"
    KNOWN_ERROR = "known_error"
    RESOLVED = "resolved"
    CLOSED = "closed"


class Problem(Versioned):
    """The unknown or known cause of one or more incidents."""

    number: ProblemNumber
    title: Name
    description: Text = ""
    state: ProblemState = ProblemState.NEW
    priority: Priority = Priority.P3
    service: Name | None = None
    cis: list[Name] = Field(default_factory=list)
    assignee: Name | None = None
    root_cause: Text = ""
    workaround: Text = ""
    known_error: KnownErrorNumber | None = None
    opened_at: UtcDateTime
    resolved_at: UtcDateTime | None = None


class KnownError(Versioned):
    """A problem with a documented root cause and workaround, searchable by symptom."""

    number: KnownErrorNumber
    title: Name
    symptom: Text = ""
    root_cause: Text = ""
    workaround: Text = ""
    solution: Text = ""
    problem: ProblemNumber | None = None
    cis: list[Name] = Field(default_factory=list)
    published_at: UtcDateTime
    author: OptionalName = ""
