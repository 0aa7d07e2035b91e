"""One version of a change saved inside a write transaction the caller already holds.

Scheduling and approving must read the other changes (or the approvals so far) and write
in the same transaction, so that two operators cannot both take a slot or both be 'the
second approval'.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from sms_tui.models import Change
from sms_tui.store import families, records

FAMILY = families.CHANGES

Note = tuple[str, str | None, str | None]
"""An extra audit row for the same version: (field, old value, new value)."""


def read_at(db: Database, number: str, expected_version: int) -> Change:
    """The change as stored, or StaleRecord naming who changed it since `expected_version`."""
    current = records.get(db, FAMILY, number)
    if current.version != expected_version:
        raise records.stale(db, FAMILY, current, expected_version)
    return current


def save(
    db: Database,
    current: Change,
    changes: Mapping[str, Any],
    *,
    operator: str,
    now: datetime,
    notes: Sequence[Note] = (),
) -> Change:
    """Write `changes` over `current` as its next version, audited. Inside `write(db)` only."""
    return records.update_in(
        db, FAMILY, current, current.version, changes, operator, now, notes=notes
    )
