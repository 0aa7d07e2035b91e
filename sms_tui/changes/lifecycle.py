"""The change lifecycle: which state may follow which for each type of change, and why not.

Pure: the functions take the change as read and return the field changes to save.
Approval decisions (to scheduled or rejected) go through `sms_tui.changes.approvals`.
"""

from __future__ import annotations

from typing import Any

from sms_tui.models import Change, ChangeState, ChangeType, Decision, Risk

DRAFT = ChangeState.DRAFT
ASSESSMENT = ChangeState.ASSESSMENT
AWAITING = ChangeState.AWAITING_APPROVAL
SCHEDULED = ChangeState.SCHEDULED
IMPLEMENTING = ChangeState.IMPLEMENTING
REVIEW = ChangeState.REVIEW
CLOSED = ChangeState.CLOSED
REJECTED = ChangeState.REJECTED
CANCELLED = ChangeState.CANCELLED

FINAL = frozenset({CLOSED, REJECTED, CANCELLED})

ALLOWED: dict[ChangeType, dict[ChangeState, tuple[ChangeState, ...]]] = {
    # Pre-approved from a template: no assessment and no CAB.
    ChangeType.STANDARD: {
        DRAFT: (SCHEDULED, CANCELLED),
        SCHEDULED: (IMPLEMENTING, DRAFT, CANCELLED),
        IMPLEMENTING: (REVIEW, CLOSED),
        REVIEW: (CLOSED,),
    },
    ChangeType.NORMAL: {
        DRAFT: (ASSESSMENT, CANCELLED),
        ASSESSMENT: (AWAITING, DRAFT, CANCELLED),
        AWAITING: (SCHEDULED, REJECTED, CANCELLED),
        SCHEDULED: (IMPLEMENTING, CANCELLED),
        IMPLEMENTING: (REVIEW,),
        REVIEW: (CLOSED,),
    },
    # Authorised quickly by one change manager, and always reviewed afterwards.
    ChangeType.EMERGENCY: {
        DRAFT: (AWAITING, CANCELLED),
        AWAITING: (SCHEDULED, REJECTED, CANCELLED),
        SCHEDULED: (IMPLEMENTING, CANCELLED),
        IMPLEMENTING: (REVIEW,),
        REVIEW: (CLOSED,),
    },
}
"""The states each state may move to, per type of change, in the order a menu offers them."""

BY_DECISION = frozenset({(AWAITING, SCHEDULED), (AWAITING, REJECTED)})
"""Moves that only an approval decision makes, never a plain transition."""


class ChangeRefused(ValueError):
    """A move or decision the rules do not allow; str() names the change and says why."""

    def __init__(self, number: str, why: str) -> None:
        self.number = number
        self.why = why
        super().__init__(f"{number}: {why}")


def approvals_needed(change: Change) -> int:
    """How many distinct approvers must approve: 0 standard, 2 high-risk normal, else 1."""
    if change.change_type is ChangeType.STANDARD:
        return 0
    if change.change_type is ChangeType.NORMAL and change.risk is Risk.HIGH:
        return 2
    return 1


def approvers(change: Change) -> set[str]:
    """The distinct people who have approved the change."""
    return {a.approver for a in change.approvals if a.decision is Decision.APPROVED}


def is_authorised(change: Change) -> bool:
    """True when the change has the approvals its type and risk need."""
    return len(approvers(change)) >= approvals_needed(change)


def _or_list(states: tuple[ChangeState, ...]) -> str:
    names = [s.value for s in states]
    if not names:
        return "nowhere"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def allowed_moves(change: Change) -> tuple[ChangeState, ...]:
    """The states a plain transition may take the change to now (decisions excluded)."""
    moves = ALLOWED[change.change_type].get(change.state, ())
    return tuple(s for s in moves if (change.state, s) not in BY_DECISION)


def check_transition(change: Change, state: ChangeState, *, review_outcome: str = "") -> None:
    """Raise ChangeRefused, saying why, unless the change may move to `state` now."""
    number, current, kind = change.number, change.state, change.change_type
    if current in FINAL:
        raise ChangeRefused(number, f"a {current.value} change is final")
    if state == current:
        raise ChangeRefused(number, f"already {state.value}")
    if (current, state) in BY_DECISION:
        verb = "approved" if state is SCHEDULED else "rejected"
        raise ChangeRefused(
            number, f"a change awaiting approval is {verb} by an approver's decision, not moved"
        )
    if state not in ALLOWED[kind].get(current, ()):
        raise ChangeRefused(
            number,
            f"a {kind.value} change cannot move from {current.value} to {state.value}; "
            f"it can move to {_or_list(allowed_moves(change))}",
        )
    if state is AWAITING and kind is ChangeType.NORMAL:
        if not change.backout_plan.strip():
            raise ChangeRefused(number, "a normal change needs a backout plan before approval")
        if not change.test_plan.strip():
            raise ChangeRefused(number, "a normal change needs a test plan before approval")
    if state in (SCHEDULED, AWAITING) and not change.cis:
        raise ChangeRefused(number, "a change needs at least one affected CI")
    if state is IMPLEMENTING:
        if change.implementer is None:
            raise ChangeRefused(number, "a change needs an implementer before it starts")
        if not is_authorised(change):
            raise ChangeRefused(
                number,
                f"needs {approvals_needed(change)} approval(s) to start, has {len(approvers(change))}",
            )
    if state is CLOSED and not review_outcome.strip() and not change.review_outcome.strip():
        raise ChangeRefused(number, "a change is closed only with a review outcome")


def transition(
    change: Change,
    state: ChangeState,
    *,
    review_outcome: str = "",
    review_notes: str = "",
) -> dict[str, Any]:
    """The field changes that move the change to `state`, or ChangeRefused saying why.

    The review's outcome and notes are recorded when given (closing needs an outcome).
    """
    check_transition(change, state, review_outcome=review_outcome)
    changes: dict[str, Any] = {"state": state}
    if review_outcome.strip():
        changes["review_outcome"] = review_outcome
    if review_notes.strip():
        changes["review_notes"] = review_notes
    return changes
