"""UTC offsets of an IANA zone as a table of changes, so a span splits into constant-offset parts.

Within one part, local wall-clock time is UTC plus a fixed offset, so business time there is
plain arithmetic on a weekly template. zoneinfo does not expose its transitions, so they are
found once per zone and year, by sampling the offset daily and bisecting each change, and
kept in one sorted table per zone that grows as spans reach new years.
"""

from __future__ import annotations

import calendar
import threading
import time
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

DAY = 86_400

YearChanges = tuple[tuple[int, ...], tuple[int, ...]]


def year_start(year: int) -> int:
    """The POSIX instant of 1 January 00:00 UTC."""
    return calendar.timegm((year, 1, 1, 0, 0, 0))


@dataclass(frozen=True, slots=True)
class Changes:
    """The offset changes of one zone over [low, high): replaced whole, never edited in place."""

    low: int
    high: int
    start_offset: int  # the offset at `low`
    instants: tuple[int, ...]  # each change, as the first second of its new offset
    offsets: tuple[int, ...]

    def covers(self, start: int, end: int) -> bool:
        return self.low <= start and end < self.high


class ZoneTable:
    """The offset changes of one zone over the UTC years looked at so far. Safe across threads."""

    def __init__(self, key: str) -> None:
        self.zone = ZoneInfo(key)
        self.changes = Changes(0, 0, 0, (), ())
        self._years: dict[int, YearChanges] = {}
        self._lock = threading.Lock()

    def offset_at(self, instant: int) -> int:
        """The zone's UTC offset in seconds at a POSIX instant, straight from zoneinfo."""
        offset = datetime.fromtimestamp(instant, self.zone).utcoffset()
        assert offset is not None  # a ZoneInfo always knows its offset
        return int(offset.total_seconds())

    def _year(self, year: int) -> YearChanges:
        # Two changes within one day would be missed; no zone has done that since the 1940s.
        instants: list[int] = []
        offsets: list[int] = []
        start, end = year_start(year), year_start(year + 1)
        before, offset = start, self.offset_at(start)
        for after in (*range(start + DAY, end, DAY), end):
            new = self.offset_at(after)
            if new != offset:
                low, high = before, after  # offset_at(low) == offset != offset_at(high)
                while high - low > 1:
                    middle = (low + high) // 2
                    if self.offset_at(middle) == offset:
                        low = middle
                    else:
                        high = middle
                instants.append(high)
                offsets.append(new)
                offset = new
            before = after
        return tuple(instants), tuple(offsets)

    def cover(self, start: int, end: int) -> Changes:
        """A table that knows every change in [start, end]."""
        changes = self.changes
        if changes.covers(start, end):
            return changes
        with self._lock:
            # The table stays one contiguous run of years so that a single bisect finds any
            # instant; a far-off year fills in the years between (a millisecond or so each).
            first, last = time.gmtime(start).tm_year, time.gmtime(end).tm_year
            if self._years:
                first, last = min(first, *self._years), max(last, *self._years)
            instants: list[int] = []
            offsets: list[int] = []
            for year in range(first, last + 1):
                if year not in self._years:
                    self._years[year] = self._year(year)
                instants += self._years[year][0]
                offsets += self._years[year][1]
            low = year_start(first)
            self.changes = Changes(
                low, year_start(last + 1), self.offset_at(low), tuple(instants), tuple(offsets)
            )
            return self.changes

    def steady(self, start: int, end: int) -> int | None:
        """The offset over [start, end) if it does not change there, else None."""
        changes = self.cover(start, end)
        index = bisect_right(changes.instants, start)
        if index < len(changes.instants) and changes.instants[index] < end:
            return None
        return changes.offsets[index - 1] if index else changes.start_offset

    def segments(self, start: int, end: int | None) -> Iterator[tuple[int, int, int]]:
        """Split [start, end) into (from, to, offset) parts of constant offset.

        With no end the parts go on forever; they also break where the table ends, so a caller
        walking forwards always makes progress, even in a zone that has stopped changing.
        """
        at = start
        changes = self.cover(start, start if end is None else end)
        index = bisect_right(changes.instants, start)
        offset = changes.offsets[index - 1] if index else changes.start_offset
        while True:
            for instant, new in zip(changes.instants[index:], changes.offsets[index:], strict=True):
                if end is not None and instant >= end:
                    yield at, end, offset
                    return
                yield at, instant, offset
                at, offset = instant, new
            if end is not None:
                if at < end:
                    yield at, end, offset
                return
            if at < changes.high:
                yield at, changes.high, offset
                at = changes.high
            changes = self.cover(at, at + 366 * DAY)
            index = bisect_right(changes.instants, at)


_TABLES: dict[str, ZoneTable] = {}


def zone_table(key: str) -> ZoneTable:
    """The shared table of one zone (a race may build two; either is right)."""
    table = _TABLES.get(key)
    if table is None:
        table = _TABLES[key] = ZoneTable(key)
    return table
