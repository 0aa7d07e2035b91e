"""When an incident's SLA clocks fall due, for the store's sortable cache. Pure: no UI, no SQL.

The cache must not depend on when it was written, so the clocks are read at the incident's
last recorded step (its opening, or the latest state change) instead of at a wall clock: a
running clock's due instant is fixed until the next step, and a breached one keeps the instant
it breached. The history stays the truth; this is only what SQL sorts and filters on.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from sms_tui.models.catalogue import BusinessCalendar, SlaTarget
from sms_tui.models.incident import Incident, IncidentState, StateChange
from sms_tui.sla.clocks import Clock, clocks
from sms_tui.sla.schedule import Schedule
from sms_tui.sla.timeline import Phase

# The states in which the resolution clock counts (the response clock counts in `new` only).
_COUNTING = frozenset({IncidentState.NEW, IncidentState.ASSIGNED, IncidentState.IN_PROGRESS})


class DueTimes(NamedTuple):
    """When each clock breaches (or breached); None while it is paused or stopped, or unknown."""

    response: datetime | None
    resolution: datetime | None


NO_DUE = DueTimes(None, None)


def due_times(
    history: Sequence[StateChange],
    opened_at: datetime,
    calendar: BusinessCalendar | Schedule | None,
    target: SlaTarget | None,
) -> DueTimes:
    """The due times of a history under a calendar and target; both None if either is missing."""
    if calendar is None or target is None or not _may_run(history):
        return NO_DUE
    as_of = max((change.at for change in history), default=opened_at)
    read = clocks(history, opened_at, calendar, target, max(as_of, opened_at))
    return DueTimes(_due(read.response), _due(read.resolution))


def _may_run(history: Sequence[StateChange]) -> bool:
    # Most stored incidents are resolved, closed or pending, and then neither clock counts:
    # skipping the clock arithmetic for them is what keeps a 100k-incident import quick.
    if not history:
        return True
    latest = max(change.at for change in history)
    last = [change for change in history if change.at == latest][-1]
    return last.state in _COUNTING


def incident_due(
    incident: Incident,
    calendar: BusinessCalendar | Schedule | None,
    target: SlaTarget | None,
) -> DueTimes:
    """The due times of an incident; pass its service's calendar and its priority's target."""
    return due_times(incident.history, incident.opened_at, calendar, target)


def _due(clock: Clock) -> datetime | None:
    # Only a counting clock can come due; a breached one that then paused or stopped is not
    # "breaching" any more, so it drops out of the view too.
    return clock.due if clock.phase == Phase.RUNNING else None
