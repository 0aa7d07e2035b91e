"""Argument types shared by the command groups: counts, offsets and times, each refused
with one line that says what was expected."""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime


def count(text: str) -> int:
    """A whole number of at least 1 (a limit, a depth)."""
    value = _integer(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def offset(text: str) -> int:
    """A whole number of rows to skip, 0 or more."""
    value = _integer(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative, not {value}")
    return value


def moment(text: str) -> datetime:
    """A time with its zone ('2026-11-24T20:00Z'), or a date meaning its midnight UTC."""
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), datetime.min.time(), UTC)
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not an ISO 8601 date or time: {text!r} (for example 2026-11-24 or 2026-11-24T20:00Z)"
        ) from None
    if value.tzinfo is None or value.utcoffset() is None:
        raise argparse.ArgumentTypeError(f"{text!r} needs a timezone, for example Z or +01:00")
    return value.astimezone(UTC)


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
