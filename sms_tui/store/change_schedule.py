"""Putting a change in a slot: the conflicts there, computed inside the write that takes it.

A slot with conflicts is refused (Conflicted, listing each with its reason) unless the
operator gives a reason to override them; the override, its reason and the conflicts it
overrode are audited with the new version.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlite_utils import Database

from sms_tui.impact import CmdbGraph
from sms_tui.models import Change, ChangeState
from sms_tui.scheduling import Conflict, Schedule
from sms_tui.store.catalogue import list_services
from sms_tui.store.change_impact import load_graph
from sms_tui.store.change_writes import read_at, save
from sms_tui.store.changes import ChangeFilter, list_changes, list_windows
from sms_tui.store.errors import Invalid, StoreError
from sms_tui.store.transaction import write

OVERRIDE_FIELD = "conflict_override"
FIXED = frozenset(
    {
        ChangeState.IMPLEMENTING,
        ChangeState.REVIEW,
        ChangeState.CLOSED,
        ChangeState.REJECTED,
        ChangeState.CANCELLED,
    }
)
"""States whose slot is history: started, finished or abandoned."""


class Conflicted(StoreError):
    """The slot conflicts and no override reason was given; nothing was written."""

    def __init__(self, number: str, conflicts: list[Conflict]) -> None:
        self.number = number
        self.conflicts = conflicts
        lines = [f"{number}: {len(conflicts)} conflict(s); give an override reason to go ahead"]
        lines += [f"{c.kind.value}: {c.message}" for c in conflicts]
        super().__init__("\n".join(lines))


def load_schedule(
    db: Database, start: datetime, end: datetime, graph: CmdbGraph | None = None
) -> Schedule:
    """Everything a change in [start, end) is checked against: changes there, windows, CMDB."""
    changes = list_changes(db, ChangeFilter(start=start, end=end))
    return Schedule(changes, list_windows(db), list_services(db), graph or load_graph(db))


def conflicts_of(
    db: Database, change: Change, start: datetime | None = None, end: datetime | None = None
) -> list[Conflict]:
    """The change's conflicts in its own slot, or in [start, end) if given."""
    start = change.planned_start if start is None else start
    end = change.planned_end if end is None else end
    return load_schedule(db, start, end).conflicts(change, start, end)


def schedule(
    db: Database,
    number: str,
    expected_version: int,
    start: datetime,
    end: datetime,
    *,
    operator: str,
    now: datetime,
    override_reason: str | None = None,
) -> Change:
    """Move the change read at `expected_version` to [start, end), or refuse saying why."""
    if end <= start:
        raise Invalid(f"{number}: the end must be after the start")
    if end - start > timedelta(days=31):
        raise Invalid(f"{number}: a change lasts at most 31 days; split it")
    reason = (override_reason or "").strip()
    with write(db):
        current = read_at(db, number, expected_version)
        if current.state in FIXED:
            raise Invalid(f"{number}: a {current.state.value} change cannot be rescheduled")
        conflicts = load_schedule(db, start, end).conflicts(current, start, end)
        if conflicts and not reason:
            raise Conflicted(number, conflicts)
        overridden = "; ".join(f"{c.kind.value}: {c.message}" for c in conflicts)
        notes = [(OVERRIDE_FIELD, overridden, reason)] if conflicts else []
        return save(
            db,
            current,
            {"planned_start": start, "planned_end": end},
            operator=operator,
            now=now,
            notes=notes,
        )
