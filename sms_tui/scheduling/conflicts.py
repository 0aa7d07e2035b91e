"""Conflicts of one change with the others, the CMDB and the windows, each with its reason."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sms_tui.impact.graph import CmdbGraph
from sms_tui.models import Change, ChangeState, Service, Window, WindowKind
from sms_tui.scheduling.intervals import IntervalIndex
from sms_tui.scheduling.windows import containing, overlapping

INACTIVE = frozenset({ChangeState.CANCELLED, ChangeState.REJECTED, ChangeState.CLOSED})
"""States of a change that no longer holds its slot."""


class ConflictKind(StrEnum):
    SAME_CI = "same_ci"
    DEPENDENCY = "dependency"
    BLACKOUT = "blackout"
    OUTSIDE_MAINTENANCE = "outside_maintenance"
    IMPLEMENTER = "implementer"


@dataclass(frozen=True, slots=True)
class Conflict:
    """One reason a change should not go ahead in its slot.

    `other` is the other change's number, the blackout window's name, or the service whose
    maintenance windows the change does not fit.
    """

    kind: ConflictKind
    other: str
    message: str


def _when(start: datetime, end: datetime) -> str:
    return f"{start:%a %d %b %H:%M}-{end:%a %d %b %H:%M} UTC"


def _names(values: Iterable[str]) -> str:
    return ", ".join(sorted(values))


class Schedule:
    """The changes, windows, services and CMDB a change is checked against, indexed once.

    Build one per calendar load and ask `conflicts` for each change or each candidate slot
    while a change is being moved; the change itself is never its own conflict.
    """

    def __init__(
        self,
        changes: Iterable[Change],
        windows: Iterable[Window] = (),
        services: Iterable[Service] = (),
        graph: CmdbGraph | None = None,
    ) -> None:
        self.changes: dict[str, Change] = {}
        self._by_ci = IntervalIndex()
        self._by_implementer = IntervalIndex()
        for change in changes:
            if change.state in INACTIVE:
                continue
            self.changes[change.number] = change
            start, end = change.planned_start, change.planned_end
            for ci in change.cis:
                self._by_ci.add(ci, start, end, change.number)
            if change.implementer:
                self._by_implementer.add(change.implementer, start, end, change.number)
        windows = list(windows)
        self.blackouts = [w for w in windows if w.kind is WindowKind.BLACKOUT]
        self.maintenance: dict[str, list[Window]] = {}
        for window in windows:
            # A maintenance window for no service says nothing about where changes must go.
            if window.kind is WindowKind.MAINTENANCE and window.service:
                self.maintenance.setdefault(window.service, []).append(window)
        self.services_of: dict[str, list[str]] = {}
        for service in services:
            for ci in service.cis:
                self.services_of.setdefault(ci, []).append(service.name)
        self.graph = graph

    def conflicts(
        self, change: Change, start: datetime | None = None, end: datetime | None = None
    ) -> list[Conflict]:
        """Every conflict of `change` over its planned slot, or over [start, end) if given."""
        start = change.planned_start if start is None else start
        end = change.planned_end if end is None else end
        services = sorted({s for ci in change.cis for s in self.services_of.get(ci, ())})
        same = self._others_on(self._by_ci, set(change.cis), change, start, end)
        return [
            *self._same_ci(same),
            *self._dependencies(change, set(same), start, end),
            *self._blackouts(change, services, start, end),
            *self._maintenance(services, start, end),
            *self._implementer(change, start, end),
        ]

    def _others_on(
        self,
        index: IntervalIndex,
        keys: Iterable[str],
        change: Change,
        start: datetime,
        end: datetime,
    ) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for key in keys:
            for number in index.overlapping(key, start, end):
                if number != change.number:
                    found.setdefault(number, set()).add(key)
        return found

    def _slot(self, number: str) -> str:
        other = self.changes[number]
        return _when(other.planned_start, other.planned_end)

    def _same_ci(self, found: dict[str, set[str]]) -> list[Conflict]:
        return [
            Conflict(
                ConflictKind.SAME_CI,
                number,
                f"{number} also changes {_names(cis)}, {self._slot(number)}",
            )
            for number, cis in sorted(found.items())
        ]

    def _dependencies(
        self, change: Change, same: set[str], start: datetime, end: datetime
    ) -> list[Conflict]:
        if self.graph is None:
            return []
        own = set(change.cis)
        near: dict[str, set[str]] = {}
        for ci in own:
            for other in self.graph.neighbours(ci) - own:
                near.setdefault(other, set()).add(ci)
        found = self._others_on(self._by_ci, near, change, start, end)
        conflicts = []
        for number, cis in sorted(found.items()):
            # A change that shares a CI is already reported as such; one reason is enough.
            if number in same:
                continue
            links = "; ".join(f"{other} (next to {_names(near[other])})" for other in sorted(cis))
            conflicts.append(
                Conflict(
                    ConflictKind.DEPENDENCY,
                    number,
                    f"{number} changes a related CI, {self._slot(number)}: {links}",
                )
            )
        return conflicts

    def _blackouts(
        self, change: Change, services: list[str], start: datetime, end: datetime
    ) -> list[Conflict]:
        conflicts = []
        for window in self.blackouts:
            # A blackout for one service only binds changes to that service's CIs.
            if window.service and window.service not in services:
                continue
            hit = next(overlapping(window, start, end), None)
            if hit is not None:
                scope = f" for {window.service}" if window.service else ""
                conflicts.append(
                    Conflict(
                        ConflictKind.BLACKOUT,
                        window.name,
                        f"falls in blackout {window.name}{scope}, {_when(*hit)}",
                    )
                )
        return conflicts

    def _maintenance(self, services: list[str], start: datetime, end: datetime) -> list[Conflict]:
        conflicts = []
        for service in services:
            windows = self.maintenance.get(service)
            if windows and not any(containing(w, start, end) for w in windows):
                names = _names(w.name for w in windows)
                conflicts.append(
                    Conflict(
                        ConflictKind.OUTSIDE_MAINTENANCE,
                        service,
                        f"not inside a maintenance window of {service} ({names})",
                    )
                )
        return conflicts

    def _implementer(self, change: Change, start: datetime, end: datetime) -> list[Conflict]:
        if not change.implementer:
            return []
        found = self._others_on(self._by_implementer, [change.implementer], change, start, end)
        return [
            Conflict(
                ConflictKind.IMPLEMENTER,
                number,
                f"{change.implementer} is implementing {number}, {self._slot(number)}",
            )
            for number in sorted(found)
        ]
