"""What the incident queue can show: its views, its sort columns, the query and its rows. Pure.

The store turns a QueueQuery into SQL (sms_tui.store.queue); the screen and its widgets only
ever see these values. No Textual and no database here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sms_tui.models import IncidentState, Priority, SlaTarget, StateChange
from sms_tui.sla import Schedule

BREACHING_SOON = timedelta(hours=2)
"""How close to its resolution due time a running incident is "breaching soon"."""


class View(StrEnum):
    """A named slice of the queue, each with its own key and count."""

    MINE = "mine"
    UNASSIGNED = "unassigned"
    BREACHING = "breaching"
    MAJOR = "major"
    PENDING = "pending"
    OPEN = "open"
    RESOLVED = "resolved"


@dataclass(frozen=True)
class ViewSpec:
    """How a view is named on screen and in help, and its default key."""

    view: View
    key: str
    label: str
    short: str
    about: str


VIEWS: tuple[ViewSpec, ...] = (
    ViewSpec(View.MINE, "w", "My work", "Mine", "Open incidents assigned to me"),
    ViewSpec(View.UNASSIGNED, "u", "Unassigned", "Unasg", "Open incidents with nobody on them"),
    ViewSpec(
        View.BREACHING,
        "b",
        "Breaching soon",
        "Soon",
        "Running incidents whose resolution is due in the next 2 hours",
    ),
    ViewSpec(View.MAJOR, "m", "Major", "Major", "Open P1 and P2 incidents, and major incidents"),
    ViewSpec(
        View.PENDING, "p", "Pending", "Pend", "Incidents waiting on a caller, vendor or change"
    ),
    ViewSpec(View.OPEN, "o", "All open", "Open", "Every open incident"),
    ViewSpec(View.RESOLVED, "r", "Resolved", "Resvd", "Resolved incidents not yet closed"),
)
DEFAULT_VIEW = View.OPEN


class SortColumn(StrEnum):
    """A column the queue can be sorted by, in the order the sort key cycles through them."""

    NUMBER = "number"
    PRIORITY = "priority"
    STATE = "state"
    TITLE = "title"
    SERVICE = "service"
    ASSIGNEE = "assignee"
    CLOCK = "clock"


SORT_CYCLE: tuple[SortColumn, ...] = tuple(SortColumn)


def next_sort(column: SortColumn) -> SortColumn:
    """The column after `column` in the cycle, wrapping round."""
    return SORT_CYCLE[(SORT_CYCLE.index(column) + 1) % len(SORT_CYCLE)]


@dataclass(frozen=True)
class Sort:
    """A sort column and direction. Ascending SLA puts the longest breached first."""

    column: SortColumn = SortColumn.CLOCK
    descending: bool = False


@dataclass(frozen=True)
class QueueQuery:
    """Which incidents, in which order: everything that decides the rows but the time."""

    view: View
    operator: str
    text: str = ""
    sort: Sort = Sort()

    @property
    def words(self) -> tuple[str, ...]:
        """The filter's words; a row must match every one of them somewhere."""
        return tuple(self.text.split())


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One incident as the queue shows it, with what its SLA clock is computed from."""

    number: str
    title: str
    caller: str
    priority: Priority
    state: IncidentState
    service: str | None
    ci: str | None
    assignee: str | None
    major: bool
    opened_at: datetime
    history: tuple[StateChange, ...]


@dataclass(frozen=True, slots=True)
class ServiceSla:
    """A service's business calendar, compiled, and its targets per priority."""

    schedule: Schedule
    targets: Mapping[Priority, SlaTarget]


@dataclass(frozen=True)
class QueuePage:
    """A slice of the queue: `items` are rows `offset`... of `total` matching the query.

    `cursor` says where the cursor goes (a row index), or None to leave it where it is.
    """

    query: QueueQuery
    offset: int
    items: tuple[QueueItem, ...]
    total: int
    cursor: int | None = None

    def item(self, index: int) -> QueueItem | None:
        """The row at `index` of the whole query, if this page holds it."""
        at = index - self.offset
        return self.items[at] if 0 <= at < len(self.items) else None

    def holds(self, start: int, stop: int) -> bool:
        """Does the page hold every row from `start` to `stop` (clipped to the total)?"""
        stop = min(stop, self.total)
        if start >= stop:
            return True
        return self.offset <= start and stop <= self.offset + len(self.items)


STATE_LABELS: Mapping[IncidentState, tuple[str, str]] = {
    IncidentState.NEW: ("new", "new"),
    IncidentState.ASSIGNED: ("assigned", "assigned"),
    IncidentState.IN_PROGRESS: ("in progress", "working"),
    IncidentState.PENDING: ("pending", "pending"),
    IncidentState.RESOLVED: ("resolved", "resolved"),
    IncidentState.CLOSED: ("closed", "closed"),
}


def state_label(state: IncidentState, *, narrow: bool = False) -> str:
    """A state as a word: 'in progress', or 'working' where 8 cells is all there is."""
    wide, short = STATE_LABELS[state]
    return short if narrow else wide
