"""Change scheduling, pure: conflicts of a change in its slot, and window occurrences."""

from sms_tui.scheduling.conflicts import INACTIVE, Conflict, ConflictKind, Schedule
from sms_tui.scheduling.intervals import IntervalIndex
from sms_tui.scheduling.windows import WEEK, Span, containing, next_occurrence, overlapping

__all__ = [
    "INACTIVE",
    "WEEK",
    "Conflict",
    "ConflictKind",
    "IntervalIndex",
    "Schedule",
    "Span",
    "containing",
    "next_occurrence",
    "overlapping",
]
