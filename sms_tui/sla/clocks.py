"""The two SLA clocks of an incident (response and resolution), computed afresh from its history.

Nothing is stored: the same history, calendar, target and `now` always give the same clocks,
so a corrected history, a new priority (its target applies to all the business time already
spent) or a service moved to another calendar show up on the next read.

How a clock reads:

- `state` is running, paused, met or breached. A running or paused clock is breached once
  its elapsed time reaches the target; a stopped one is met if it stopped within the target
  (exactly on it counts as met) and breached otherwise. `phase` says separately whether a
  breached clock is still running, paused or stopped.
- `remaining` is target minus elapsed, in business seconds: zero at the due instant and
  negative by the business time overrun once breached.
- `due` is when the clock breaches if nothing changes: a future instant while running, the
  past instant it breached for a breached clock, and None for a paused clock (it cannot
  breach while paused) or a met one.
- `warning` is raised at 75% used, only for a clock still counting (running or paused) and
  not yet breached: a finished clock needs no warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple

from sms_tui.models.catalogue import BusinessCalendar, SlaTarget
from sms_tui.models.fields import iso
from sms_tui.models.incident import Incident, PendingReason, StateChange
from sms_tui.sla.business_time import add_seconds, from_seconds, seconds_between, to_seconds
from sms_tui.sla.schedule import Schedule, schedule
from sms_tui.sla.timeline import Phase, Span, spans, steps

WARNING_AT = 0.75


class ClockKind(StrEnum):
    RESPONSE = "response"
    RESOLUTION = "resolution"


class ClockState(StrEnum):
    RUNNING = "running"
    PAUSED = "paused"
    MET = "met"
    BREACHED = "breached"


@dataclass(frozen=True, slots=True)
class Pause:
    """One pending stretch that held a clock; `ended_at` is None while it lasts."""

    started_at: datetime
    ended_at: datetime | None
    reason: PendingReason | None


@dataclass(frozen=True, slots=True)
class Clock:
    """What one SLA clock reads at `now`. Durations are business seconds."""

    kind: ClockKind
    state: ClockState
    phase: Phase
    target: int
    elapsed: int
    remaining: int
    due: datetime | None
    stopped_at: datetime | None
    pauses: tuple[Pause, ...]

    @property
    def used(self) -> float:
        """The fraction of the target used: 1.0 at the due instant, more once breached."""
        return self.elapsed / self.target

    @property
    def percent(self) -> float:
        return 100 * self.used

    @property
    def breached(self) -> bool:
        return self.state == ClockState.BREACHED

    @property
    def warning(self) -> bool:
        """True from 75% used until breach, while the clock is still counting."""
        return self.phase != Phase.STOPPED and not self.breached and self.used >= WARNING_AT

    def as_json(self) -> dict[str, object]:
        """The clock as JSON-ready values (times in the database's UTC text form)."""
        return {
            "kind": self.kind.value,
            "state": self.state.value,
            "phase": self.phase.value,
            "target_seconds": self.target,
            "elapsed_seconds": self.elapsed,
            "remaining_seconds": self.remaining,
            "due": None if self.due is None else iso(self.due),
            "percent_used": round(self.percent, 1),
            "warning": self.warning,
            "stopped_at": None if self.stopped_at is None else iso(self.stopped_at),
            "pauses": [
                {
                    "started_at": iso(p.started_at),
                    "ended_at": None if p.ended_at is None else iso(p.ended_at),
                    "reason": None if p.reason is None else p.reason.value,
                }
                for p in self.pauses
            ],
        }


class Clocks(NamedTuple):
    """An incident's response and resolution clocks."""

    response: Clock
    resolution: Clock


def _clock(kind: ClockKind, phases: list[Span], plan: Schedule, target: int, now: int) -> Clock:
    runs = [(s.start, now if s.end is None else s.end) for s in phases if s.phase == Phase.RUNNING]
    parts = [seconds_between(plan, start, end) for start, end in runs]
    elapsed = sum(parts)
    phase = phases[-1].phase if phases else Phase.RUNNING
    if phase == Phase.STOPPED:
        state = ClockState.BREACHED if elapsed > target else ClockState.MET
    elif elapsed >= target:
        state = ClockState.BREACHED
    else:
        state = ClockState.PAUSED if phase == Phase.PAUSED else ClockState.RUNNING
    due: int | None = None
    if state == ClockState.RUNNING:
        due = add_seconds(plan, now, target - elapsed)
    elif state == ClockState.BREACHED:
        spent = 0
        for (start, _), part in zip(runs, parts, strict=True):
            if spent + part >= target:
                due = add_seconds(plan, start, target - spent)
                break
            spent += part
    pauses = tuple(
        Pause(from_seconds(s.start), None if s.end is None else from_seconds(s.end), s.reason)
        for s in phases
        if s.phase == Phase.PAUSED
    )
    return Clock(
        kind=kind,
        state=state,
        phase=phase,
        target=target,
        elapsed=elapsed,
        remaining=target - elapsed,
        due=None if due is None else from_seconds(due),
        stopped_at=from_seconds(phases[-1].start) if phase == Phase.STOPPED else None,
        pauses=pauses,
    )


def clocks(
    history: Sequence[StateChange],
    opened_at: datetime,
    calendar: BusinessCalendar | Schedule,
    target: SlaTarget,
    now: datetime,
) -> Clocks:
    """Both clocks of an incident opened at `opened_at` with this state history, read at `now`."""
    plan = schedule(calendar)
    # A `now` before the opening (clocks skewed between operators' hosts) reads as the opening.
    opened = to_seconds(opened_at)
    instant = max(to_seconds(now), opened)
    life = steps(history, opened, instant)
    return Clocks(
        response=_clock(
            ClockKind.RESPONSE,
            spans(life, response=True),
            plan,
            target.respond_minutes * 60,
            instant,
        ),
        resolution=_clock(
            ClockKind.RESOLUTION,
            spans(life, response=False),
            plan,
            target.resolve_minutes * 60,
            instant,
        ),
    )


def incident_clocks(
    incident: Incident, calendar: BusinessCalendar | Schedule, target: SlaTarget, now: datetime
) -> Clocks:
    """Both clocks of an incident; pass the calendar of its service and the target of its priority."""
    return clocks(incident.history, incident.opened_at, calendar, target, now)
