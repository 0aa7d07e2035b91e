"""Changes indexed by a key (a CI, an implementer) for fast overlap queries."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta


@dataclass(slots=True)
class _Bucket:
    starts: list[datetime] = field(default_factory=list)
    ends: list[datetime] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    longest: timedelta = timedelta(0)


class IntervalIndex:
    """Spans of time under keys, sorted by start; query every span that overlaps a window.

    Add everything, then query: the first query after an add sorts the buckets once.
    """

    def __init__(self) -> None:
        self._pending: dict[str, list[tuple[datetime, datetime, str]]] = {}
        self._buckets: dict[str, _Bucket] = {}

    def add(self, key: str, start: datetime, end: datetime, number: str) -> None:
        """Record that change `number` holds `key` over [start, end)."""
        self._pending.setdefault(key, []).append((start, end, number))

    def _bucket(self, key: str) -> _Bucket | None:
        extra = self._pending.pop(key, None)
        bucket = self._buckets.get(key)
        if extra:
            spans = sorted(
                [
                    *(
                        zip(bucket.starts, bucket.ends, bucket.numbers, strict=True)
                        if bucket
                        else ()
                    ),
                    *extra,
                ]
            )
            bucket = self._buckets[key] = _Bucket(
                [s for s, _, _ in spans],
                [e for _, e, _ in spans],
                [n for _, _, n in spans],
                max(e - s for s, e, _ in spans),
            )
        return bucket

    def overlapping(self, key: str, start: datetime, end: datetime) -> Iterator[str]:
        """The numbers of changes under `key` that overlap [start, end); touching is not overlap."""
        bucket = self._bucket(key)
        if bucket is None:
            return
        # No span starting before start - longest can still reach start, so bisect past them;
        # spans starting at or after `end` cannot overlap either.
        low = bisect_left(bucket.starts, start - bucket.longest)
        high = bisect_left(bucket.starts, end)
        ends, numbers = bucket.ends, bucket.numbers
        for i in range(low, high):
            if ends[i] > start:
                yield numbers[i]
