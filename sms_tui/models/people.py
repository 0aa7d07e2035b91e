"""Operators, the priority matrix and the audit trail."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from sms_tui.models.fields import (
    Level,
    Name,
    OptionalName,
    Priority,
    Record,
    Role,
    UtcDateTime,
    Versioned,
)

Login = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.@-]{0,63}$")]


class Operator(Versioned):
    """A person who works the desk, identified by their Unix login."""

    login: Login
    display_name: OptionalName = ""
    groups: list[Name] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=lambda: [Role.OPERATOR])

    def has(self, role: Role) -> bool:
        return role in self.roles or Role.ADMIN in self.roles


class PriorityRule(Record):
    """One cell of the impact x urgency matrix."""

    impact: Level
    urgency: Level
    priority: Priority


class AuditEntry(Record):
    """What changed in a record, who changed it and when. Values are kept whole."""

    kind: Name
    key: Name
    field: Name
    # Unbounded on purpose: the trail must hold whatever the record held.
    old_value: str | None = None
    new_value: str | None = None
    operator: Name
    at: UtcDateTime
    version: int | None = None
