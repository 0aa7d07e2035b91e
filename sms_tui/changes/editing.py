"""Which fields of a change may still be edited in its state, and why the others may not.

Pure. Approvers decide on a change's type, risk, CIs and plans as they stand, so those are
fixed from the moment it awaits approval (a standard change goes back to draft to change
them); a final change takes no edits; the review is written while the change is in review.
"""

from __future__ import annotations

from collections.abc import Iterable

from sms_tui.changes.lifecycle import ASSESSMENT, DRAFT, FINAL, REVIEW, ChangeRefused
from sms_tui.models import Change

ALWAYS = frozenset({"title", "description", "implementer"})
DECIDED_ON = frozenset({"change_type", "risk", "cis", "backout_plan", "test_plan"})
REVIEW_FIELDS = frozenset({"review_outcome", "review_notes"})
LABELS = {
    "change_type": "type",
    "cis": "CIs",
    "backout_plan": "backout plan",
    "test_plan": "test plan",
    "review_outcome": "review outcome",
    "review_notes": "review notes",
}


def label(field: str) -> str:
    """The field as an operator calls it."""
    return LABELS.get(field, field)


def editable_fields(change: Change) -> frozenset[str]:
    """The fields an edit may set on the change in its current state."""
    if change.state in FINAL:
        return frozenset()
    fields = set(ALWAYS)
    if change.state in (DRAFT, ASSESSMENT):
        fields |= DECIDED_ON
    if change.state is REVIEW:
        fields |= REVIEW_FIELDS
    return frozenset(fields)


def check_edit(change: Change, fields: Iterable[str]) -> None:
    """Raise ChangeRefused, naming the first field refused and why, unless all may change."""
    state = change.state.value.replace("_", " ")
    if change.state in FINAL:
        raise ChangeRefused(change.number, f"a {state} change is final: nothing can be edited")
    allowed = editable_fields(change)
    for field in sorted(set(fields) - allowed):
        if field in DECIDED_ON:
            why = (
                f"{label(field)} is fixed while the change is {state}: "
                "approvers decide on it as it stands"
            )
        elif field in REVIEW_FIELDS:
            why = f"{label(field)} is written while the change is in review, not {state}"
        else:
            why = f"{label(field)} is not edited here"
        raise ChangeRefused(change.number, why)
