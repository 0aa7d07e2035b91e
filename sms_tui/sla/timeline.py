"""An incident's state history read as the stretches when each SLA clock ran, paused or stopped.

The rules, in one place:

- Both clocks start at `opened_at` in state `new`, whether or not the history records that.
- The response clock runs while the incident is `new` and pauses while it is `pending`. It
  stops for good at the first change to any other state (`assigned`, `in_progress`, or
  straight to `resolved`/`closed`): that is the first response. `responded_at` on the record
  is not read; `first_response()` gives the value it should hold.
- The resolution clock runs while the incident is `new`, `assigned` or `in_progress`, pauses
  while it is `pending` and stops at `resolved` or `closed`. Any later change back to an open
  state (a reopen) resumes it.
- The history is sorted by time (stable, so same-second steps keep their order). Steps after
  `now` are ignored, and steps before `opened_at` count as happening at `opened_at`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple

from sms_tui.models.incident import IncidentState, PendingReason, StateChange
from sms_tui.sla.business_time import to_seconds


class Phase(StrEnum):
    """Whether a clock is counting, held by a pending state, or finished."""

    RUNNING = "running"
    PAUSED = "paused"
    STOPPED = "stopped"


_RESOLUTION = {
    IncidentState.NEW: Phase.RUNNING,
    IncidentState.ASSIGNED: Phase.RUNNING,
    IncidentState.IN_PROGRESS: Phase.RUNNING,
    IncidentState.PENDING: Phase.PAUSED,
    IncidentState.RESOLVED: Phase.STOPPED,
    IncidentState.CLOSED: Phase.STOPPED,
}


_RESPONSE = {
    **dict.fromkeys(IncidentState, Phase.STOPPED),
    IncidentState.NEW: Phase.RUNNING,
    IncidentState.PENDING: Phase.PAUSED,
}


class Span(NamedTuple):
    """A stretch of one phase, in POSIX seconds; `end` is None while it lasts at `now`."""

    start: int
    end: int | None
    phase: Phase
    reason: PendingReason | None = None


Step = tuple[int, IncidentState, PendingReason | None]


def steps(history: Sequence[StateChange], opened: int, now: int) -> list[Step]:
    """The history as (second, state, reason) in time order, from the opening to `now`."""
    result: list[Step] = [(opened, IncidentState.NEW, None)]
    for change in sorted(history, key=_at):
        at = max(to_seconds(change.at), opened)
        if at <= now:
            result.append((at, change.state, change.reason))
    return result


def spans(steps: Sequence[Step], *, response: bool) -> list[Span]:
    """The response (or resolution) clock's phases over the steps, merged and in order."""
    table = _RESPONSE if response else _RESOLUTION
    marks: list[tuple[int, Phase, PendingReason | None]] = []  # where each phase starts
    for at, state, reason in steps:
        phase = table[state]
        if phase is not Phase.PAUSED:
            reason = None
        if marks:
            last_at, last_phase, last_reason = marks[-1]
            if response and last_phase is Phase.STOPPED:
                break  # the first response is final
            if last_phase is phase and last_reason == reason:
                continue
            if last_at == at:  # a same-second step replaces the one before it
                marks.pop()
                if marks and marks[-1][1:] == (phase, reason):
                    continue
        marks.append((at, phase, reason))
    ends: list[int | None] = [at for at, _, _ in marks[1:]]
    ends.append(None)
    return [
        Span(start, end, phase, reason)
        for (start, phase, reason), end in zip(marks, ends, strict=True)
    ]


def _at(change: StateChange) -> datetime:
    return change.at


def first_response(history: Sequence[StateChange], opened_at: datetime) -> datetime | None:
    """When the incident was first responded to (the response clock's stop), or None if not yet."""
    for change in sorted(history, key=_at):
        if change.state not in (IncidentState.NEW, IncidentState.PENDING):
            return max(change.at, opened_at)
    return None
