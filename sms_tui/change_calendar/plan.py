"""The changes around a week, ready to draw: conflicts known, a draft slot tried out live.

Built once per load (the week with a week either side, so a change dragged over the edge
still meets its neighbours); moving a change builds a Schedule with the draft slot in its
place, so every flag on screen, the moved change's and its neighbours', is up to date
before anything is saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sms_tui.change_calendar.filters import CalendarFilter
from sms_tui.change_calendar.week import DAY, Marked, Placed, WeekView
from sms_tui.impact import CmdbGraph
from sms_tui.models import Change, ChangeState, Service, Window, WindowKind
from sms_tui.scheduling import INACTIVE, Conflict, Schedule, overlapping

HIDDEN = frozenset({ChangeState.CANCELLED, ChangeState.REJECTED})
"""Changes that never happened stay off the calendar (the CLI still lists them)."""


@dataclass(frozen=True, slots=True)
class Draft:
    """A change's slot while it is being moved, not yet saved."""

    number: str
    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where the calendar's cursor is, and which change it holds."""

    day: int = 0
    hour: int = 0
    selected: str | None = None


class WeekPlan:
    """The loaded changes, windows, services and CMDB, with the conflicts of every change."""

    def __init__(
        self,
        changes: Iterable[Change],
        windows: Sequence[Window],
        services: Sequence[Service],
        graph: CmdbGraph | None,
    ) -> None:
        self.changes = {c.number: c for c in changes}
        self.windows = tuple(windows)
        self.services = tuple(services)
        self.graph = graph
        self.service_cis = {s.name: set(s.cis) for s in services}
        self._base = self._schedule(None)
        # Conflict counts in the saved slots, filled as changes are first drawn; and the
        # last draft's schedule and counts, since one move asks for them several times.
        self._counts: dict[str, int] = {}
        self._last: tuple[Draft, Schedule, dict[str, int]] | None = None

    def _schedule(self, draft: Draft | None) -> Schedule:
        changes = list(self.changes.values())
        if draft is not None:
            changes = [self.placed_change(c, draft) for c in changes]
        return Schedule(changes, self.windows, self.services, self.graph)

    @staticmethod
    def placed_change(change: Change, draft: Draft | None) -> Change:
        if draft is None or draft.number != change.number:
            return change
        return change.model_copy(update={"planned_start": draft.start, "planned_end": draft.end})

    def schedule(self, draft: Draft | None) -> Schedule:
        if draft is None:
            return self._base
        return self._with(draft)[0]

    def _with(self, draft: Draft) -> tuple[Schedule, dict[str, int]]:
        """The schedule with the draft slot, and the counts the move changed.

        Only the moved change and those it clashed with, before or after, can have another
        count: a clash with another change is mutual, and windows do not move.
        """
        if self._last is not None and self._last[0] == draft:
            return self._last[1], self._last[2]
        schedule = self._schedule(draft)
        moving = self.changes[draft.number]
        before = self._base.conflicts(moving)
        after = schedule.conflicts(self.placed_change(moving, draft))
        touched = {draft.number} | {c.other for c in (*before, *after)}
        counts = {
            number: len(schedule.conflicts(self.placed_change(self.changes[number], draft)))
            for number in touched
            if number in self.changes
        }
        self._last = (draft, schedule, counts)
        return schedule, counts

    def count(self, number: str, draft: Draft | None = None) -> int:
        """How many conflicts the change has, with the draft slot if there is one."""
        if draft is not None and draft.number in self.changes:
            moved = self._with(draft)[1]
            if number in moved:
                return moved[number]
        found = self._counts.get(number)
        if found is None:
            found = self._counts[number] = len(self._base.conflicts(self.changes[number]))
        return found

    def conflicts(self, number: str, draft: Draft | None = None) -> list[Conflict]:
        change = self.changes.get(number)
        if change is None:
            return []
        return self.schedule(draft).conflicts(self.placed_change(change, draft))

    def services_of(self, change: Change) -> list[str]:
        return sorted(n for n, cis in self.service_cis.items() if not cis.isdisjoint(change.cis))

    def view(
        self,
        monday: datetime,
        query: CalendarFilter,
        login: str,
        cursor: Cursor,
        *,
        draft: Draft | None = None,
        today: date | None = None,
    ) -> WeekView:
        """The week from `monday` as drawn: filtered changes with their conflict counts."""
        end = monday + 7 * DAY
        placed = []
        for change in self.changes.values():
            if change.state in HIDDEN or not query.keeps(change, login, self.service_cis):
                continue
            change = self.placed_change(change, draft)
            if not (change.planned_start < end and change.planned_end > monday):
                continue
            placed.append(
                Placed(
                    number=change.number,
                    title=change.title,
                    state=change.state,
                    start=change.planned_start,
                    end=change.planned_end,
                    # A finished change's clashes are history, not something to act on.
                    conflicts=0 if change.state in INACTIVE else self.count(change.number, draft),
                    moving=draft is not None and draft.number == change.number,
                )
            )
        placed.sort(key=lambda p: (p.start, p.number))
        return WeekView(
            monday=monday,
            changes=tuple(placed),
            windows=self._marked(monday, end, query, cursor.selected),
            today=today,
            day=cursor.day,
            hour=cursor.hour,
            selected=cursor.selected,
        )

    def _marked(
        self, start: datetime, end: datetime, query: CalendarFilter, selected: str | None
    ) -> tuple[Marked, ...]:
        # Desk-wide blackouts, and the windows of the services that matter right now (the
        # filtered one, the selected change's): every service's would cover the whole week.
        services = set()
        if query.service is not None:
            services.add(query.service)
        if selected is not None and selected in self.changes:
            services.update(self.services_of(self.changes[selected]))
        marked = []
        for window in self.windows:
            blackout = window.kind is WindowKind.BLACKOUT
            if window.service is not None and window.service not in services:
                continue
            for begins, ends in overlapping(window, start, end):
                # A service's own blackout binds only its changes: say whose it is.
                name = (
                    f"{window.name} ({window.service})"
                    if blackout and window.service
                    else window.name
                )
                marked.append(Marked(begins, ends, name, blackout))
        return tuple(marked)
