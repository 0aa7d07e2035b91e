"""The SLA clocks as a report reads them: in integer seconds, at any instant, tens of thousands.

The same rules as sms_tui.sla.clocks (tests hold the two together), without what a report
does not need: pauses, due times ahead, datetimes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sms_tui.models import IncidentState, Priority, StateChange
from sms_tui.sla.business_time import add_seconds, seconds_between, to_seconds
from sms_tui.sla.schedule import Schedule
from sms_tui.sla.timeline import Phase, Step, spans

_STOPPED = frozenset({IncidentState.RESOLVED, IncidentState.CLOSED})


@dataclass(frozen=True, slots=True)
class ReportIncident:
    """What the report reads of an incident: its SLA terms and its state history.

    Times are POSIX seconds and `steps` are (second, state, pending reason) in time order,
    as sms_tui.sla.timeline reads a history: the report reads tens of thousands of them.
    """

    number: str
    service: str | None
    priority: Priority
    opened: int
    steps: tuple[Step, ...]

    @classmethod
    def of(
        cls,
        number: str,
        service: str | None,
        priority: Priority,
        opened_at: datetime,
        history: Sequence[StateChange],
    ) -> ReportIncident:
        """From an incident's fields as the models hold them."""
        changes = tuple((to_seconds(c.at), c.state, c.reason) for c in history)
        return cls(number, service, priority, to_seconds(opened_at), changes)


@dataclass(frozen=True, slots=True)
class Reading:
    """One SLA clock as it stood at an instant, in POSIX and business seconds."""

    stopped_at: int | None
    """When it stopped for the last time, or None while it still counts."""
    elapsed: int
    breached_at: int | None
    """When its elapsed time reached the target, or None if it has not."""


def read_clock(
    life: Sequence[Step], at: int, plan: Schedule, target: int, *, response: bool
) -> Reading:
    """The clock read at `at`, over `life` (the steps up to then).

    The same rules as sms_tui.sla.clocks, which tests hold it to; it skips what a report
    does not need (pauses, due times ahead).
    """
    phases = spans(life, response=response)
    elapsed = 0
    breached_at: int | None = None
    for span in phases:
        if span.phase is not Phase.RUNNING:
            continue
        end = at if span.end is None else span.end
        part = seconds_between(plan, span.start, end)
        if breached_at is None and elapsed + part >= target:
            breached_at = add_seconds(plan, span.start, target - elapsed)
        elapsed += part
    stopped = phases[-1].start if phases and phases[-1].phase is Phase.STOPPED else None
    if stopped is not None and elapsed == target:
        breached_at = None  # stopping exactly on the target counts as met
    return Reading(stopped, elapsed, breached_at)


def verdict(reading: Reading, start: int, last: int) -> bool | None:
    """Whether a clock counts in [start, last]: True met, False breached, None not counted.

    A clock stopped by `last` counts where it stopped; one still counting counts only as a
    breach, where its target ran out. The reading may be from later than `last` if the
    clock did not stop and restart in between: until it stops, it only adds up.
    """
    if reading.stopped_at is not None and reading.stopped_at <= last:
        return None if reading.stopped_at < start else reading.breached_at is None
    if reading.breached_at is not None and start <= reading.breached_at <= last:
        return False
    return None


def life_until(incident: ReportIncident, last: int) -> list[Step]:
    """The incident's steps up to `last`, from its opening in state new, in time order."""
    opened = incident.opened
    life: list[Step] = [(opened, IncidentState.NEW, None)]
    # Sorted, stably, as the clocks sort a history: same-second steps keep their order.
    for at, state, reason in sorted(incident.steps, key=_second):
        at = max(at, opened)
        if at > last:
            break
        life.append((at, state, reason))
    return life


def _second(step: Step) -> int:
    return step[0]


def reopened(life: Sequence[Step]) -> bool:
    stopped = False
    for _, state, _ in life:
        if state in _STOPPED:
            stopped = True
        elif stopped:
            return True
    return False
