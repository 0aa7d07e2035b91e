"""How each record family maps to its tables: the main row, link tables and child rows."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sms_tui.models import (
    BusinessCalendar,
    Change,
    ConfigurationItem,
    Incident,
    KnownError,
    Operator,
    Problem,
    Service,
    Versioned,
    Window,
)


@dataclass(frozen=True)
class Links:
    """A list of names kept in a link table (an incident's CIs, a service's CIs)."""

    field: str
    table: str
    owner: str
    value: str


@dataclass(frozen=True)
class Children:
    """A list of small records kept in a child table, in order (work notes, approvals)."""

    field: str
    table: str
    owner: str
    columns: tuple[str, ...]


R = TypeVar("R", bound=Versioned)


@dataclass(frozen=True)
class Family(Generic[R]):
    """One kind of versioned record and where it lives."""

    kind: str
    table: str
    model: type[R]
    key: str
    prefix: str = ""
    json_fields: tuple[str, ...] = ()
    links: tuple[Links, ...] = ()
    children: tuple[Children, ...] = ()
    bool_fields: tuple[str, ...] = field(default=())
    derived: tuple[str, ...] = ()
    """Columns the store computes from the record (caches for SQL), never part of the model."""

    @property
    def list_fields(self) -> set[str]:
        return {link.field for link in self.links} | {child.field for child in self.children}

    def to_row(self, record: Versioned) -> dict[str, Any]:
        """The main-table row: enums as values, times as UTC text, JSON for nested values."""
        data = record.model_dump(mode="json", exclude=self.list_fields)
        for name in self.json_fields:
            data[name] = json.dumps(data[name], ensure_ascii=False, sort_keys=True)
        for name in self.bool_fields:
            data[name] = int(data[name])
        for name, value in data.items():
            if isinstance(value, str) and name.endswith(("_at", "_start", "_end")):
                data[name] = _utc_text(value)
        return data

    def from_row(self, row: dict[str, Any], lists: dict[str, list[Any]]) -> R:
        data = dict(row)
        for name in self.derived:
            data.pop(name, None)
        for name in self.json_fields:
            data[name] = json.loads(data[name])
        for name in self.bool_fields:
            data[name] = bool(data[name])
        data.update(lists)
        return self.model.model_validate(data)


def _utc_text(value: str) -> str:
    # pydantic writes "2026-11-22T09:00:00Z"; keep exactly one form so text order is time order.
    return value.replace("+00:00", "Z")


OPERATORS = Family("operator", "operators", Operator, "login", json_fields=("groups", "roles"))
CALENDARS = Family(
    "calendar",
    "calendars",
    BusinessCalendar,
    "name",
    json_fields=("hours", "holidays"),
    bool_fields=("always_open",),
)
CIS = Family("ci", "cis", ConfigurationItem, "name", json_fields=("attributes",))
SERVICES = Family(
    "service",
    "services",
    Service,
    "name",
    json_fields=("targets",),
    links=(Links("cis", "service_cis", "service", "ci"),),
)
KNOWN_ERRORS = Family(
    "known_error",
    "known_errors",
    KnownError,
    "number",
    prefix="KE-",
    links=(Links("cis", "known_error_cis", "known_error", "ci"),),
)
PROBLEMS = Family(
    "problem",
    "problems",
    Problem,
    "number",
    prefix="PRB-",
    links=(Links("cis", "problem_cis", "problem", "ci"),),
)
CHANGES = Family(
    "change",
    "changes",
    Change,
    "number",
    prefix="CHG-",
    links=(Links("cis", "change_cis", "change", "ci"),),
    children=(
        Children(
            "approvals", "change_approvals", "change", ("approver", "decision", "comment", "at")
        ),
    ),
)
WINDOWS = Family("window", "windows", Window, "name", bool_fields=("weekly",))
INCIDENTS = Family(
    "incident",
    "incidents",
    Incident,
    "number",
    prefix="INC-",
    bool_fields=("major",),
    derived=("response_due_at", "resolve_due_at"),
    links=(
        Links("cis", "incident_cis", "incident", "ci"),
        Links("problems", "incident_problems", "incident", "problem"),
        Links("known_errors", "incident_known_errors", "incident", "known_error"),
        Links("changes", "incident_changes", "incident", "change"),
    ),
    children=(
        Children("work_notes", "work_notes", "incident", ("at", "author", "text")),
        Children("history", "incident_history", "incident", ("at", "state", "reason", "operator")),
    ),
)

# In the order a whole desk is written: what is referred to comes before what refers to it.
ALL: tuple[Family[Any], ...] = (
    OPERATORS,
    CALENDARS,
    CIS,
    SERVICES,
    KNOWN_ERRORS,
    PROBLEMS,
    CHANGES,
    WINDOWS,
    INCIDENTS,
)
BY_KIND = {family.kind: family for family in ALL}

NUMBER_DIGITS = {"INC-": 6, "PRB-": 5, "KE-": 5, "CHG-": 5}
