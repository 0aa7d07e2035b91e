"""Field types shared by every record: bounded text, UTC times, enums."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints

# Names and titles are bounded well above anything a person types, but low enough
# that a runaway paste is refused with a clear error instead of bloating every page.
NAME_MAX = 5_000
TEXT_MAX = 100_000


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


Name = Annotated[
    str, StringConstraints(min_length=1, max_length=NAME_MAX), AfterValidator(_not_blank)
]
"""A required one-line name or title."""

OptionalName = Annotated[str, StringConstraints(max_length=NAME_MAX)]
"""A one-line value that may be empty (owner, location, caller...)."""

Text = Annotated[str, StringConstraints(max_length=TEXT_MAX)]
"""Free text: descriptions, notes, plans."""


def _as_utc(value: datetime) -> datetime:
    # A naive time is ambiguous across operators in several timezones, so refuse it.
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("needs a timezone (for example 2026-11-22T09:00:00Z)")
    # Whole seconds: sub-second precision means nothing at a service desk, and one text
    # form keeps the database's text order equal to time order.
    return value.astimezone(UTC).replace(microsecond=0)


UtcDateTime = Annotated[datetime, AfterValidator(_as_utc)]


class Record(BaseModel):
    """Base of every stored record: unknown fields are an error, values are validated on assignment."""

    # defer_build: each validator is built on first use, not at import; the first frame
    # needs only the catalogue's models.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


class Versioned(Record):
    """A record edited by operators: its version is checked on every update."""

    version: int = 1
    updated_at: UtcDateTime | None = None
    updated_by: str | None = None


class Priority(StrEnum):
    P1 = "P1"
    P2 = "P2"
    P3 = "P3"
    P4 = "P4"
    P5 = "P5"


class Level(StrEnum):
    """Impact and urgency, high to low."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Role(StrEnum):
    OPERATOR = "operator"
    PROBLEM_MANAGER = "problem_manager"
    CHANGE_MANAGER = "change_manager"
    CAB_MEMBER = "cab_member"
    CMDB_MANAGER = "cmdb_manager"
    ADMIN = "admin"


def utc(text: str) -> datetime:
    """Parse an ISO 8601 time stored by the database; the store only ever writes UTC."""
    return datetime.fromisoformat(text).astimezone(UTC)


def iso(value: datetime) -> str:
    """The one text form of a time in the database: UTC, seconds, sortable."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
