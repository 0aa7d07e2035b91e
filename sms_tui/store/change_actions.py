"""Deciding on a change and moving it through its lifecycle, each one audited version.

The pure rules (sms_tui.changes) say what is allowed; the role gate (store.roles) checks the
approver's role first; a refusal by either is audited before it is raised, so that an
attempt to approve one's own change leaves a trace.
"""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from sms_tui.changes import AUTHORITY, ChangeRefused, decide, transition
from sms_tui.models import Change, ChangeState, Decision
from sms_tui.store.change_writes import read_at, save
from sms_tui.store.changes import get_change
from sms_tui.store.errors import Forbidden, Invalid
from sms_tui.store.roles import record_refusal, require
from sms_tui.store.transaction import write

KIND = "change"


def approve(
    db: Database, number: str, expected_version: int, *, operator: str, comment: str = "",
    now: datetime,
) -> Change:  # fmt: skip
    """Add `operator`'s approval; the change is scheduled once it has all it needs."""
    return _decide(db, number, expected_version, Decision.APPROVED, operator, comment, now)


def reject(
    db: Database, number: str, expected_version: int, *, operator: str, comment: str,
    now: datetime,
) -> Change:  # fmt: skip
    """Reject the change, saying why in `comment` (required)."""
    return _decide(db, number, expected_version, Decision.REJECTED, operator, comment, now)


def _decide(
    db: Database,
    number: str,
    expected_version: int,
    decision: Decision,
    login: str,
    comment: str,
    now: datetime,
) -> Change:
    action = "approve" if decision is Decision.APPROVED else "reject"
    role = AUTHORITY.get(get_change(db, number).change_type)
    if role is None:
        raise Invalid(f"{number}: a standard change is pre-approved and takes no approval")
    approver = require(db, login, role, action=action, kind=KIND, key=number, now=now)
    try:
        with write(db):
            current = read_at(db, number, expected_version)
            decided = decide(current, approver, decision, comment=comment, now=now)
            changes = {"approvals": [*current.approvals, decided.approval], "state": decided.state}
            note = (decision.value, None, comment)
            return save(db, current, changes, operator=login, now=now, notes=[note])
    except ChangeRefused as refused:
        record_refusal(db, login, action=action, kind=KIND, key=number, reason=refused.why, now=now)
        raise Forbidden(str(refused)) from None


def move(
    db: Database,
    number: str,
    expected_version: int,
    state: ChangeState,
    *,
    operator: str,
    now: datetime,
    review_outcome: str = "",
    review_notes: str = "",
) -> Change:
    """Move the change to `state` if its lifecycle allows it now, else Invalid saying why."""
    with write(db):
        current = read_at(db, number, expected_version)
        try:
            changes = transition(
                current, state, review_outcome=review_outcome, review_notes=review_notes
            )
        except ChangeRefused as refused:
            raise Invalid(str(refused)) from None
        return save(db, current, changes, operator=operator, now=now)
