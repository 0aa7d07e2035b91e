"""A business calendar compiled for arithmetic: a weekly template of working seconds, minus holidays.

Everything here runs on "local seconds": the wall-clock reading in the calendar's zone, counted
as seconds since 1970-01-01 00:00 local, with no DST (zones.py takes care of offsets). On that
axis `worked(x)` is the business time accumulated since an arbitrary origin, a non-decreasing
function, and `reach(y)` is its inverse: the earliest local second where `worked` equals y.
Both cost a few bisects, whatever the span, which is what keeps a months-old clock cheap.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, time
from functools import lru_cache

from sms_tui.models.catalogue import BusinessCalendar, Weekday
from sms_tui.sla.zones import ZoneTable, zone_table

DAY = 86_400
WEEK = 7 * DAY
# 1970-01-01 was a Thursday; shifting by three days puts each week's origin on a Monday.
_MONDAY_SHIFT = 3 * DAY
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()

CalendarKey = tuple[
    str, bool, tuple[tuple[Weekday, tuple[tuple[time, time], ...]], ...], tuple[date, ...]
]
_DAY_INDEX = {day: index for index, day in enumerate(Weekday)}


def _seconds(moment: time) -> int:
    return moment.hour * 3600 + moment.minute * 60 + moment.second


@dataclass(frozen=True, slots=True)
class Schedule:
    """A BusinessCalendar ready for fast arithmetic. Build one with `schedule()`."""

    timezone: str
    always_open: bool
    starts: tuple[int, ...]  # working intervals as seconds from Monday 00:00, in order
    ends: tuple[int, ...]
    done_before: tuple[int, ...]  # working seconds in the week before each interval
    done_after: tuple[int, ...]  # ... and by its end
    weekly: int
    holidays: tuple[int, ...]  # local second of each holiday's midnight, in order
    holidays_done: tuple[int, ...]  # working seconds lost to the holidays before each one
    zone: ZoneTable = field(compare=False, repr=False)

    def template(self, local: int) -> int:
        """Working seconds on the weekly template before `local`, holidays ignored."""
        weeks, into = divmod(local + _MONDAY_SHIFT, WEEK)
        index = bisect_right(self.starts, into) - 1
        if index < 0:
            return weeks * self.weekly
        return (
            weeks * self.weekly
            + self.done_before[index]
            + min(into, self.ends[index])
            - self.starts[index]
        )

    def template_reach(self, amount: int) -> int:
        """The earliest local second by which the template has accumulated `amount`."""
        weeks, rest = divmod(amount, self.weekly)
        if rest == 0:
            # The end of the last interval of the previous week, not Monday's first start.
            weeks, rest = weeks - 1, self.weekly
        index = bisect_left(self.done_after, rest)
        into = self.starts[index] + rest - self.done_before[index]
        return weeks * WEEK + into - _MONDAY_SHIFT

    def worked(self, local: int) -> int:
        """Working seconds before `local`, holidays taken out."""
        done = self.template(local)
        count = bisect_right(self.holidays, local)
        if count == 0:
            return done
        holiday = self.holidays[count - 1]
        if local < holiday + DAY:  # inside a holiday: nothing counted since its midnight
            return self.template(holiday) - self.holidays_done[count - 1]
        return done - self.holidays_done[count]

    def reach(self, amount: int) -> int:
        """The earliest local second where `worked` equals `amount`."""
        local = self.template_reach(amount)
        # Every holiday that starts before the template's answer pushes the answer past it.
        skipped = bisect_left(self.holidays, local)
        local = self.template_reach(amount + self.holidays_done[skipped])
        while skipped < len(self.holidays) and local > self.holidays[skipped]:
            skipped += 1
            local = self.template_reach(amount + self.holidays_done[skipped])
        return local


def calendar_key(calendar: BusinessCalendar) -> CalendarKey:
    """Everything in a calendar that changes the arithmetic, as a hashable value."""
    if calendar.always_open:
        return calendar.timezone, True, (), ()
    # List comprehensions, not generators: this runs on every call and they are twice as fast.
    hours = tuple(
        [(day, tuple([(i.start, i.end) for i in spans])) for day, spans in calendar.hours.items()]
    )
    return calendar.timezone, False, hours, tuple(calendar.holidays)


@lru_cache(maxsize=256)
def _compile(key: CalendarKey) -> Schedule:
    timezone, always_open, hours, holiday_dates = key
    spans = [
        (_DAY_INDEX[day] * DAY + _seconds(start), _DAY_INDEX[day] * DAY + _seconds(end))
        for day, intervals in hours
        for start, end in intervals
        if _seconds(end) > _seconds(start)
    ]
    spans.sort()
    if not spans and not always_open:
        raise ValueError("the calendar has no working time")
    lengths = [end - start for start, end in spans]
    done_after = tuple(itertools.accumulate(lengths))
    day_totals = [0] * 7
    for start, end in spans:
        day_totals[start // DAY] += end - start
    holidays: list[int] = []
    lost = [0]
    for day in sorted(set(holiday_dates)):
        index = day.toordinal() - _EPOCH_ORDINAL
        weekday = (index + 3) % 7
        if day_totals[weekday]:  # a holiday on a day with no hours changes nothing
            holidays.append(index * DAY)
            lost.append(lost[-1] + day_totals[weekday])
    return Schedule(
        timezone=timezone,
        always_open=always_open,
        starts=tuple(s for s, _ in spans),
        ends=tuple(e for _, e in spans),
        done_before=(0, *done_after[:-1]),
        done_after=done_after,
        weekly=done_after[-1] if done_after else 0,
        holidays=tuple(holidays),
        holidays_done=tuple(lost),
        zone=zone_table(timezone),
    )


def schedule(calendar: BusinessCalendar | Schedule) -> Schedule:
    """The compiled form of a calendar, cached by its content (an edited calendar recompiles)."""
    if isinstance(calendar, Schedule):
        return calendar
    return _compile(calendar_key(calendar))
