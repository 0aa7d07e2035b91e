"""Occurrences of maintenance and blackout windows, one-off or weekly.

A weekly window repeats every 7 days of UTC time from its first occurrence (starts_at to
ends_at) onwards, never before it. Being UTC, a window set at 02:00 London time in winter
falls at 03:00 local in summer; the model has no timezone to follow.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from sms_tui.models import Window

WEEK = timedelta(days=7)

Span = tuple[datetime, datetime]
"""A half-open stretch of time [start, end): touching spans do not overlap."""


def overlapping(window: Window, start: datetime, end: datetime) -> Iterator[Span]:
    """The window's occurrences that overlap [start, end), earliest first."""
    if not window.weekly:
        if window.starts_at < end and window.ends_at > start:
            yield window.starts_at, window.ends_at
        return
    # Occurrence k is [starts_at + k weeks, ends_at + k weeks). It overlaps when
    # ends_at + k*W > start and starts_at + k*W < end; floor division gives the bounds.
    first = max(0, (start - window.ends_at) // WEEK + 1)
    last = -((window.starts_at - end) // WEEK) - 1
    for k in range(first, last + 1):
        yield window.starts_at + k * WEEK, window.ends_at + k * WEEK


def containing(window: Window, start: datetime, end: datetime) -> Span | None:
    """The occurrence that holds all of [start, end), or None."""
    if start < window.starts_at:
        return None
    # The latest occurrence starting at or before `start` also ends latest, so it is the only
    # one worth checking (occurrences may overlap each other if a window lasts over a week).
    k = (start - window.starts_at) // WEEK if window.weekly else 0
    begins, ends = window.starts_at + k * WEEK, window.ends_at + k * WEEK
    return (begins, ends) if end <= ends else None


def next_occurrence(window: Window, after: datetime) -> Span | None:
    """The first occurrence ending after `after`: for messages that suggest a slot."""
    return next(
        overlapping(window, after, after + WEEK + (window.ends_at - window.starts_at)), None
    )
