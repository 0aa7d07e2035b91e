"""The incident lifecycle: which state may follow which, what each move needs, what it records.

Pure: no UI, no SQL, no wall clock. Each function takes the incident as read and returns the
field changes to save, so the store can apply them at the version that was read.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sms_tui.models import (
    Incident,
    IncidentState,
    Level,
    PendingReason,
    PriorityRule,
    ResolutionCode,
    StateChange,
    WorkNote,
)
from sms_tui.sla import first_response, priority_for

NEW = IncidentState.NEW
ASSIGNED = IncidentState.ASSIGNED
IN_PROGRESS = IncidentState.IN_PROGRESS
PENDING = IncidentState.PENDING
RESOLVED = IncidentState.RESOLVED
CLOSED = IncidentState.CLOSED

ALLOWED: dict[IncidentState, tuple[IncidentState, ...]] = {
    NEW: (ASSIGNED, IN_PROGRESS, PENDING, RESOLVED),
    ASSIGNED: (IN_PROGRESS, PENDING, RESOLVED),
    IN_PROGRESS: (PENDING, RESOLVED, ASSIGNED),
    PENDING: (ASSIGNED, IN_PROGRESS, RESOLVED),
    # Moving a resolved incident back to an open state is a reopen.
    RESOLVED: (CLOSED, IN_PROGRESS, ASSIGNED),
    CLOSED: (),
}
"""The states each state may move to, in the order a menu offers them."""


class Refused(ValueError):
    """An action the rules do not allow; str() is one line that names the incident and says why."""

    def __init__(self, number: str, why: str) -> None:
        self.number = number
        self.why = why
        super().__init__(f"{number}: {why}")


def _choices(values: Iterable[object]) -> str:
    return ", ".join(str(v) for v in values)


def _or_list(states: Iterable[IncidentState]) -> str:
    names = [s.value for s in states]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def check_transition(
    incident: Incident,
    state: IncidentState,
    *,
    reason: PendingReason | None = None,
    resolution_code: ResolutionCode | None = None,
    note: str = "",
) -> None:
    """Raise Refused, saying why, unless the incident may move to `state` with these details."""
    number, current = incident.number, incident.state
    if current == CLOSED:
        raise Refused(number, "a closed incident is final")
    if state == current:
        raise Refused(number, f"already {state.value}")
    if state == CLOSED and current != RESOLVED:
        raise Refused(number, f"only a resolved incident can be closed (it is {current.value})")
    if state not in ALLOWED[current]:
        raise Refused(
            number,
            f"cannot move from {current.value} to {state.value}; "
            f"from {current.value} it can move to {_or_list(ALLOWED[current])}",
        )
    if state == PENDING and reason is None:
        raise Refused(number, f"a pending incident needs a reason ({_choices(PendingReason)})")
    if state != PENDING and reason is not None:
        raise Refused(number, f"a reason is only for pending, not {state.value}")
    if state == RESOLVED:
        if resolution_code is None:
            raise Refused(
                number, f"a resolved incident needs a resolution code ({_choices(ResolutionCode)})"
            )
        if not note.strip():
            raise Refused(number, "a resolved incident needs a resolution note")
    elif resolution_code is not None:
        raise Refused(number, f"a resolution code is only for resolved, not {state.value}")
    if state == ASSIGNED and incident.assignee is None and not incident.assignment_group:
        raise Refused(number, "an assigned incident needs an assignee or an assignment group")


def transition(
    incident: Incident,
    state: IncidentState,
    *,
    operator: str,
    now: datetime,
    reason: PendingReason | None = None,
    resolution_code: ResolutionCode | None = None,
    note: str = "",
) -> dict[str, Any]:
    """The changes that move the incident to `state`, or Refused saying why.

    `note` is the resolution note when resolving; with any other move it is kept as a work
    note, so the why of a move (asked the caller for logs) is never lost.
    """
    check_transition(incident, state, reason=reason, resolution_code=resolution_code, note=note)
    at = step_time(incident, now)
    history = [*incident.history, StateChange(at=at, state=state, reason=reason, operator=operator)]
    changes: dict[str, Any] = {
        "state": state,
        "history": history,
        "pending_reason": reason,
        "responded_at": first_response(history, incident.opened_at),
    }
    if state == RESOLVED:
        changes.update(resolution_code=resolution_code, resolution_note=note, resolved_at=at)
    elif state == CLOSED:
        changes["closed_at"] = at
    else:
        if incident.state == RESOLVED:  # a reopen: the resolution no longer holds
            changes.update(resolution_code=None, resolution_note="", resolved_at=None)
        if note.strip():
            changes["work_notes"] = [
                *incident.work_notes,
                WorkNote(at=at, author=operator, text=note),
            ]
    return changes


def step_time(incident: Incident, now: datetime) -> datetime:
    """When a new step is recorded: now, but never before the incident's last step or opening.

    Operators' hosts disagree on the time by a few seconds; a step stamped before the one it
    follows would be read out of order by the SLA clocks, which sort the history by time.
    """
    latest = max((change.at for change in incident.history), default=incident.opened_at)
    return max(now, latest, incident.opened_at)


def reprioritise(
    incident: Incident,
    matrix: Iterable[PriorityRule],
    *,
    impact: Level | None = None,
    urgency: Level | None = None,
) -> dict[str, Any]:
    """New impact and/or urgency, and the priority the matrix gives them. Refused once closed."""
    if incident.state == CLOSED:
        raise Refused(incident.number, "a closed incident is final")
    impact = incident.impact if impact is None else impact
    urgency = incident.urgency if urgency is None else urgency
    try:
        priority = priority_for(matrix, impact, urgency)
    except ValueError as error:
        raise Refused(incident.number, str(error)) from None
    return {"impact": impact, "urgency": urgency, "priority": priority}
