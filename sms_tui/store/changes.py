"""Changes and windows: reading them for the calendar and the CLI, creating and editing them.

Scheduling (with its conflict check) lives in change_schedule, decisions and lifecycle
moves in change_actions; every write is one audited, version-checked transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlite_utils import Database

from sms_tui.changes.editing import check_edit
from sms_tui.changes.lifecycle import ChangeRefused
from sms_tui.models import Change, ChangeState, ChangeType, Risk, Window, iso
from sms_tui.store import families, records
from sms_tui.store.errors import Invalid, NotFound
from sms_tui.store.transaction import write
from sms_tui.store.validation import describe

_PLACEHOLDER = "CHG-00000"  # replaced by the next number when the record is stored
EDITABLE = frozenset(
    {
        "title",
        "description",
        "change_type",
        "risk",
        "cis",
        "implementer",
        "backout_plan",
        "test_plan",
        "review_outcome",
        "review_notes",
    }
)
"""Fields a plain update may set; the slot, the state and approvals have their own actions."""


@dataclass(frozen=True, slots=True)
class ChangeFilter:
    """Which changes a calendar or a listing shows; every field narrows, None means any."""

    start: datetime | None = None
    end: datetime | None = None
    state: ChangeState | None = None
    mine: str | None = None
    """A login: changes it requested or implements."""
    service: str | None = None
    ci: str | None = None


def get_change(db: Database, number: str) -> Change:
    return records.get(db, families.CHANGES, number)


def list_changes(db: Database, query: ChangeFilter = ChangeFilter()) -> list[Change]:
    """Changes matching every given filter, by planned start."""
    where, params = _conditions(query)
    return records.select(
        db, families.CHANGES, " AND ".join(where), params, order_by="planned_start, number"
    )


def _conditions(query: ChangeFilter) -> tuple[list[str], dict[str, Any]]:
    where: list[str] = []
    params: dict[str, Any] = {}
    if query.start is not None:
        where.append("planned_end > :start")
        params["start"] = iso(query.start)
    if query.end is not None:
        where.append("planned_start < :end")
        params["end"] = iso(query.end)
    if query.state is not None:
        where.append("state = :state")
        params["state"] = query.state.value
    if query.mine is not None:
        where.append("(requester = :mine OR implementer = :mine)")
        params["mine"] = query.mine
    if query.ci is not None:
        where.append("number IN (SELECT change FROM change_cis WHERE ci = :ci)")
        params["ci"] = query.ci
    if query.service is not None:
        where.append(
            "number IN (SELECT change FROM change_cis JOIN service_cis USING (ci) "
            "WHERE service_cis.service = :service)"
        )
        params["service"] = query.service
    return where, params


def list_windows(db: Database) -> list[Window]:
    """Every maintenance and blackout window; a desk has tens of them."""
    return records.select(db, families.WINDOWS, order_by="starts_at, name")


def create_change(
    db: Database,
    *,
    title: str,
    start: datetime,
    end: datetime,
    operator: str,
    now: datetime,
    change_type: ChangeType = ChangeType.NORMAL,
    risk: Risk = Risk.LOW,
    cis: Sequence[str] = (),
    implementer: str | None = None,
    description: str = "",
    backout_plan: str = "",
    test_plan: str = "",
) -> Change:
    """A new draft change, numbered CHG-nnnnn, requested by `operator`."""
    for ci in cis:
        _must_exist(db, "cis", "name", ci, "CI")
    if implementer is not None:
        _must_exist(db, "operators", "login", implementer, "operator")
    try:
        draft = Change(
            number=_PLACEHOLDER,
            title=title,
            description=description,
            change_type=change_type,
            risk=risk,
            planned_start=start,
            planned_end=end,
            cis=list(dict.fromkeys(cis)),
            requester=operator,
            implementer=implementer,
            backout_plan=backout_plan,
            test_plan=test_plan,
        )
    except ValidationError as error:
        raise Invalid(f"change: {describe(error)}") from None
    return records.create(db, families.CHANGES, draft, operator, now)


def update_change(
    db: Database,
    number: str,
    expected_version: int,
    changes: Mapping[str, Any],
    *,
    operator: str,
    now: datetime,
) -> Change:
    """Edit the descriptive fields of the change read at `expected_version`.

    What may change depends on the state (changes.editing): the CLI and the form share it.
    """
    refused = sorted(set(changes) - EDITABLE)
    if refused:
        raise Invalid(
            f"{number}: {', '.join(refused)} cannot be edited here "
            "(the slot is scheduled, the state moved, approvals decided)"
        )
    for ci in changes.get("cis", ()):
        _must_exist(db, "cis", "name", ci, "CI")
    if changes.get("implementer") is not None:
        _must_exist(db, "operators", "login", changes["implementer"], "operator")
    with write(db):
        current = records.get(db, families.CHANGES, number)
        if current.version != expected_version:
            raise records.stale(db, families.CHANGES, current, expected_version)
        try:
            check_edit(current, changes)
        except ChangeRefused as refused:
            raise Invalid(str(refused)) from None
        return records.update_in(
            db, families.CHANGES, current, expected_version, changes, operator, now
        )


def _must_exist(db: Database, table: str, column: str, key: str, what: str) -> None:
    if not db.execute(f"SELECT 1 FROM {table} WHERE {column} = ?", [key]).fetchone():
        raise NotFound(f"no {what} {key!r}")
