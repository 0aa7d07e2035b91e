"""Business time over a calendar: how much lies between two instants, and when an amount runs out.

Business time is the real time during which the wall clock in the calendar's zone shows a
working interval of a working day. So a 09:00-17:00 day is 8 hours on a DST day too, while an
interval that spans a jump follows the clock: 00:00-04:00 is 3 hours on a spring-forward day
(the skipped hour never shows) and 5 on a fall-back day (the repeated hour shows twice).
Holidays are whole local days. An always-open (24x7) calendar counts every second: business
time equals wall time, and its holidays are ignored.

Times are aware datetimes in any zone; results are UTC. Like the stored records, everything is
taken to the whole second (fractions are dropped).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sms_tui.models.catalogue import BusinessCalendar
from sms_tui.sla.schedule import Schedule, schedule

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_SECOND = timedelta(seconds=1)


def to_seconds(moment: datetime) -> int:
    """A POSIX instant in whole seconds; a naive datetime is refused as ambiguous."""
    try:
        return (moment - _EPOCH) // _SECOND
    except TypeError:  # only a naive datetime cannot be subtracted from an aware one
        raise ValueError(f"{moment.isoformat()} needs a timezone") from None


def from_seconds(instant: int) -> datetime:
    """The aware UTC datetime of a POSIX instant."""
    return datetime.fromtimestamp(instant, UTC)


def seconds_between(plan: Schedule, start: int, end: int) -> int:
    """Business seconds in [start, end) on POSIX instants; 0 if end is not after start."""
    if end <= start:
        return 0
    if plan.always_open:
        return end - start
    offset = plan.zone.steady(start, end)
    if offset is not None:  # the usual case, so it skips the walk over segments
        return plan.worked(end + offset) - plan.worked(start + offset)
    return sum(
        plan.worked(until + offset) - plan.worked(since + offset)
        for since, until, offset in plan.zone.segments(start, end)
    )


def add_seconds(plan: Schedule, start: int, amount: int) -> int:
    """The earliest POSIX instant by which `amount` business seconds have passed since start."""
    if amount < 0:
        raise ValueError(f"cannot add a negative business time ({amount} s)")
    if plan.always_open:
        return start + amount
    for since, until, offset in plan.zone.segments(start, None):
        begin = since + offset
        goal = plan.worked(begin) + amount
        local = max(begin, plan.reach(goal))
        if local <= until + offset:
            return local - offset
        amount = goal - plan.worked(until + offset)
    raise AssertionError("unreachable: the segments never end")  # pragma: no cover


def business_seconds_between(
    calendar: BusinessCalendar | Schedule, start: datetime, end: datetime
) -> int:
    """Business seconds from start to end in the calendar; 0 if end is not after start."""
    return seconds_between(schedule(calendar), to_seconds(start), to_seconds(end))


def add_business_time(
    calendar: BusinessCalendar | Schedule, start: datetime, seconds: int
) -> datetime:
    """When `seconds` of business time starting at `start` are used up: the due time, in UTC.

    It is the earliest such instant, so a target used up at the end of a Friday is due Friday
    17:00, not Monday 09:00. Adding 0 gives back `start`.
    """
    return from_seconds(add_seconds(schedule(calendar), to_seconds(start), seconds))
