"""Applying one operator action to one or many incidents, each at the version the operator read.

Pure of any UI: the detail screen, the queue's multi-selection and tests all call `apply`,
which never raises for a refused incident; it returns one Outcome per incident instead, so a
selection of twenty where one was changed by someone else saves nineteen and says who changed
the twentieth and what. No Textual here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from sms_tui.incident_edits import Edit
from sms_tui.models import AuditEntry, Incident, Level
from sms_tui.safe_text import one_line
from sms_tui.store.errors import DatabaseBusy, StaleRecord, StoreError
from sms_tui.store.incidents import create_incident, update_incident

BUSY_TEXT = "database busy, try again"
VALUE_LIMIT = 40
"""How many characters of an old or new value a stale report shows."""


@dataclass(frozen=True)
class Outcome:
    """What became of one incident: the saved record, or the store's refusal."""

    number: str
    saved: Incident | None = None
    error: StoreError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def stale(self) -> bool:
        return isinstance(self.error, StaleRecord)


def apply(
    db: Database,
    versions: Mapping[str, int],
    edit: Edit,
    *,
    operator: str,
    now: datetime,
) -> list[Outcome]:
    """Apply `edit` to each incident number at the version given for it; one outcome each."""
    outcomes: list[Outcome] = []
    for number, version in versions.items():
        try:
            saved = update_incident(db, number, version, [edit], operator=operator, now=now)
        except StoreError as error:
            outcomes.append(Outcome(number, error=error))
        else:
            outcomes.append(Outcome(number, saved=saved))
    return outcomes


def value_text(value: str | None) -> str:
    """An audited value, short and on one line: lists as their items or their count."""
    if value is None or value == "":
        return "-"
    if value[:1] in "[{":
        try:
            parsed = json.loads(value)
        except ValueError:
            parsed = None
        if isinstance(parsed, list):
            if all(isinstance(item, str) for item in parsed):
                return one_line(", ".join(parsed) or "none", limit=VALUE_LIMIT)
            return f"{len(parsed)} {'entry' if len(parsed) == 1 else 'entries'}"
        if isinstance(parsed, dict):
            return "record"
    return one_line(value, limit=VALUE_LIMIT)


def change_line(entry: AuditEntry) -> str:
    """'state: in_progress -> pending (bob, 2026-11-23 10:31 UTC)'."""
    when = entry.at.strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"{one_line(entry.field)}: {value_text(entry.old_value)} -> {value_text(entry.new_value)}"
        f" ({one_line(entry.operator)}, {when})"
    )


def stale_lines(error: StaleRecord) -> list[str]:
    """Who changed the incident since it was read, and each field they changed."""
    who = one_line(error.updated_by or "someone")
    when = f" at {error.updated_at:%Y-%m-%d %H:%M UTC}" if error.updated_at else ""
    lines = [f"{error.key} was changed by {who}{when}:"]
    # The history list repeats the state change in full; the state line says it better.
    shown = [c for c in error.changes if c.field != "history"] or error.changes
    lines += [f"  {change_line(change)}" for change in shown]
    return lines


def problem_lines(failed: Sequence[Outcome]) -> list[str]:
    """Why each refused incident was refused, one or more plain lines each."""
    lines: list[str] = []
    for outcome in failed:
        error = outcome.error
        if isinstance(error, StaleRecord):
            lines += stale_lines(error)
        elif isinstance(error, DatabaseBusy):
            lines.append(f"{outcome.number}: {BUSY_TEXT}")
        elif error is not None:
            lines.append(one_line(str(error)))
    return lines


def numbers_text(numbers: Sequence[str], limit: int = 3) -> str:
    """'INC-000101', 'INC-000101, INC-000102' or 'INC-000101, INC-000102 and 3 more'."""
    head = ", ".join(numbers[:limit])
    rest = len(numbers) - limit
    return f"{head} and {rest} more" if rest > 0 else head


@dataclass(frozen=True)
class NewIncident:
    """What the new-incident form holds: everything `create_incident` needs but the clock."""

    title: str
    caller: str = ""
    service: str | None = None
    cis: tuple[str, ...] = ()
    impact: Level = Level.MEDIUM
    urgency: Level = Level.MEDIUM
    description: str = ""
    known_errors: tuple[str, ...] = ()


def create(db: Database, draft: NewIncident, *, operator: str, now: datetime) -> Incident:
    """Open the incident the form describes; raises the store's error (Invalid, busy...)."""
    return create_incident(
        db,
        title=draft.title,
        caller=draft.caller,
        service=draft.service,
        cis=draft.cis,
        known_errors=draft.known_errors,
        impact=draft.impact,
        urgency=draft.urgency,
        description=draft.description,
        operator=operator,
        now=now,
    )
