"""The demo's business calendars and the public holidays around `now` they observe."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sms_tui.models import BusinessCalendar, Weekday

ALWAYS = "24x7"
PARIS = "Office hours (Paris)"
LONDON = "Extended hours (London)"
STORES = "Stores Mon-Sat (New York)"

# Minutes in one business day of each calendar: SLA targets are written in these days.
DAY_MINUTES = {ALWAYS: 1440, PARIS: 480, LONDON: 720, STORES: 840}


def easter(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    lag = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * lag) // 451
    month, day = divmod(h + lag - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday of a month (Monday is 0); n = -1 is the last one."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def france(year: int) -> list[date]:
    """The eleven French public holidays."""
    sunday = easter(year)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    moving = [sunday + timedelta(days=n) for n in (1, 39, 50)]
    return sorted([date(year, m, d) for m, d in fixed] + moving)


def england(year: int) -> list[date]:
    """Bank holidays in England and Wales, with weekend days moved to the next weekday."""
    sunday = easter(year)
    days = [
        sunday - timedelta(days=2),
        sunday + timedelta(days=1),
        _nth_weekday(year, 5, 0, 1),
        _nth_weekday(year, 5, 0, -1),
        _nth_weekday(year, 8, 0, -1),
    ]
    taken = set(days)
    for fixed in (date(year, 1, 1), date(year, 12, 25), date(year, 12, 26)):
        observed = fixed
        while observed.weekday() >= 5 or observed in taken:
            observed += timedelta(days=1)
        taken.add(observed)
        days.append(observed)
    return sorted(days)


def united_states(year: int) -> list[date]:
    """The federal holidays a US retailer closes for; a Sunday holiday moves to Monday."""
    days = [
        date(year, 1, 1),
        _nth_weekday(year, 5, 0, -1),
        date(year, 7, 4),
        _nth_weekday(year, 9, 0, 1),
        _nth_weekday(year, 11, 3, 4),
        date(year, 12, 25),
    ]
    return sorted(d + timedelta(days=1) if d.weekday() == 6 else d for d in days)


def _hours(days: list[Weekday], *spans: tuple[int, int]) -> dict[str, list[dict[str, time]]]:
    return {
        day.value: [{"start": time(start), "end": time(end)} for start, end in spans]
        for day in days
    }


def calendars(now: datetime, runner: str) -> list[BusinessCalendar]:
    """24x7, Paris office hours, London extended hours and New York stores Mon-Sat.

    Holidays cover the year of `now` and the next, so clocks around `now` meet real ones.
    """
    years = (now.year, now.year + 1)
    weekdays = [Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI]
    rows: list[dict[str, Any]] = [
        {"name": ALWAYS, "timezone": "UTC", "always_open": True},
        {
            "name": PARIS,
            "timezone": "Europe/Paris",
            "hours": _hours(weekdays, (8, 12), (13, 17)),
            "holidays": [d for y in years for d in france(y)],
        },
        {
            "name": LONDON,
            "timezone": "Europe/London",
            "hours": _hours(weekdays, (7, 19)),
            "holidays": [d for y in years for d in england(y)],
        },
        {
            "name": STORES,
            "timezone": "America/New_York",
            "hours": _hours([*weekdays, Weekday.SAT], (7, 21)),
            "holidays": [d for y in years for d in united_states(y)],
        },
    ]
    return [
        BusinessCalendar.model_validate({**row, "updated_at": now, "updated_by": runner})
        for row in rows
    ]
