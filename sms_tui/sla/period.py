"""A stretch of whole UTC days, and the steps a report's trend splits it into. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

DAY = timedelta(days=1)
SECOND = timedelta(seconds=1)
DAILY_UP_TO = 14
"""Periods up to this many days trend by day; longer ones by 7-day steps."""


@dataclass(frozen=True, slots=True)
class Period:
    """A stretch of time, start included and end excluded, in UTC."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"a period must end after it starts ({self.label()})")

    @classmethod
    def days(cls, first: date, last: date) -> Period:
        """Whole UTC days from `first` to `last`, both included."""
        if last < first:
            raise ValueError(f"{last.isoformat()} is before {first.isoformat()}")
        start = datetime.combine(first, time(), UTC)
        return cls(start, datetime.combine(last, time(), UTC) + DAY)

    @classmethod
    def last_days(cls, today: date, count: int) -> Period:
        """The `count` whole UTC days that end with `today`."""
        return cls.days(today - timedelta(days=count - 1), today)

    @property
    def first_day(self) -> date:
        return self.start.date()

    @property
    def last_day(self) -> date:
        """The last day the period touches (its end is excluded)."""
        return (self.end - SECOND).date()

    @property
    def length_days(self) -> int:
        return -(-(self.end - self.start) // DAY)

    def shifted(self, steps: int) -> Period:
        """The period of the same length `steps` lengths later (earlier when negative)."""
        move = (self.end - self.start) * steps
        return Period(self.start + move, self.end + move)

    def buckets(self) -> tuple[Period, ...]:
        """The trend's steps: days for a short period, 7-day steps for a longer one."""
        step = DAY if self.length_days <= DAILY_UP_TO else 7 * DAY
        parts: list[Period] = []
        at = self.start
        while at < self.end:
            parts.append(Period(at, min(at + step, self.end)))
            at += step
        return tuple(parts)

    def label(self) -> str:
        return f"{self.start:%Y-%m-%d} to {(self.end - SECOND):%Y-%m-%d}"
