"""Calendars, local times and histories shared by the SLA engine's tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sms_tui.models import (
    WEEKDAYS,
    BusinessCalendar,
    IncidentState,
    PendingReason,
    Priority,
    SlaTarget,
    StateChange,
    WorkingInterval,
)

HOUR = 3600
WEEKDAYS_MON_FRI = WEEKDAYS[:5]


def calendar(
    spans: Sequence[tuple[str, str]] = (("09:00", "17:00"),),
    *,
    timezone: str = "Europe/London",
    days: Sequence[object] = WEEKDAYS_MON_FRI,
    holidays: Sequence[date] = (),
    always_open: bool = False,
) -> BusinessCalendar:
    """A calendar with the same working intervals ("HH:MM", "HH:MM") on each of `days`."""
    intervals = [
        WorkingInterval(start=time.fromisoformat(start), end=time.fromisoformat(end))
        for start, end in spans
    ]
    return BusinessCalendar(
        name="test",
        timezone=timezone,
        always_open=always_open,
        hours={day: list(intervals) for day in WEEKDAYS if day in days},
        holidays=list(holidays),
    )


def office(timezone: str = "Europe/London", holidays: Sequence[date] = ()) -> BusinessCalendar:
    """Monday to Friday, 09:00-17:00."""
    return calendar(timezone=timezone, holidays=holidays)


def always(timezone: str = "Europe/London") -> BusinessCalendar:
    return calendar(timezone=timezone, always_open=True, days=())


def local(text: str, timezone: str = "Europe/London") -> datetime:
    """A wall-clock time in a zone ("2026-11-20 16:00"), as an aware UTC datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def target(
    respond_hours: float, resolve_hours: float, priority: Priority = Priority.P3
) -> SlaTarget:
    return SlaTarget(
        priority=priority,
        respond_minutes=round(respond_hours * 60),
        resolve_minutes=round(resolve_hours * 60),
    )


def step(at: datetime, state: IncidentState, reason: PendingReason | None = None) -> StateChange:
    if state == IncidentState.PENDING and reason is None:
        reason = PendingReason.CALLER
    return StateChange(at=at, state=state, reason=reason, operator="alice")
