"""Who may approve or reject a change, and what a decision records (ISO/IEC 20000-1 8.5).

- Only CAB members decide on normal changes; a change manager decides on emergency ones.
  An admin holds every role (Operator.has), so may decide like either.
- The requester and the implementer never decide on their own change, not even an admin.
- A high-risk normal change needs two approvals from two different people.
- One rejection rejects the change, and must say why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sms_tui.changes.lifecycle import (
    AWAITING,
    REJECTED,
    SCHEDULED,
    ChangeRefused,
    approvals_needed,
    approvers,
)
from sms_tui.models import Approval, Change, ChangeState, ChangeType, Decision, Operator, Role

AUTHORITY = {ChangeType.NORMAL: Role.CAB_MEMBER, ChangeType.EMERGENCY: Role.CHANGE_MANAGER}
"""The role that decides on each type of change; standard changes are pre-approved."""


@dataclass(frozen=True, slots=True)
class Decided:
    """The outcome of a decision: the approval record to append, and the change's new state."""

    approval: Approval
    state: ChangeState
    missing: int = 0
    """Approvals still needed after this one (0 once scheduled or rejected)."""


def check_authority(change: Change, approver: Operator) -> None:
    """Raise ChangeRefused unless `approver` may decide on `change` in its current state."""
    number, kind = change.number, change.change_type
    if kind is ChangeType.STANDARD:
        raise ChangeRefused(number, "a standard change is pre-approved and takes no approval")
    if change.state is not AWAITING:
        raise ChangeRefused(
            number,
            f"only a change awaiting approval can be decided on (it is {change.state.value})",
        )
    login = approver.login
    if login == change.requester:
        raise ChangeRefused(number, f"{login} requested this change and cannot decide on it")
    if login == change.implementer:
        raise ChangeRefused(number, f"{login} implements this change and cannot decide on it")
    role = AUTHORITY[kind]
    if not approver.has(role):
        who = "CAB members" if role is Role.CAB_MEMBER else "change managers"
        raise ChangeRefused(
            number, f"only {who} decide on {kind.value} changes; {login} is not one"
        )


def decide(
    change: Change,
    approver: Operator,
    decision: Decision,
    *,
    comment: str = "",
    now: datetime,
) -> Decided:
    """Record `approver`'s decision at `now`, or ChangeRefused saying why it is not theirs.

    Approved: the change is scheduled once it has the approvals it needs, else it keeps
    waiting. Rejected: the change is rejected.
    """
    check_authority(change, approver)
    number, login = change.number, approver.login
    if decision is Decision.REJECTED:
        if not comment.strip():
            raise ChangeRefused(number, "a rejection needs a comment saying why")
        state, missing = REJECTED, 0
    else:
        if login in approvers(change):
            raise ChangeRefused(
                number,
                f"{login} has already approved; another approval must come from someone else",
            )
        missing = max(0, approvals_needed(change) - len(approvers(change)) - 1)
        state = AWAITING if missing else SCHEDULED
    approval = Approval(approver=login, decision=decision, comment=comment, at=now)
    return Decided(approval, state, missing)
