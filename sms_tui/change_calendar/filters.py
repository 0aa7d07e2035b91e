"""Which changes the calendar shows: mine, awaiting approval, one service, one CI.

Filters narrow what is drawn, never what conflicts are checked against.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sms_tui.models import Change, ChangeState


@dataclass(frozen=True, slots=True)
class CalendarFilter:
    """Every field set narrows the calendar; the defaults show everything."""

    mine: bool = False
    awaiting: bool = False
    service: str | None = None
    ci: str | None = None

    def keeps(self, change: Change, login: str, service_cis: Mapping[str, set[str]]) -> bool:
        if self.mine and login not in (change.requester, change.implementer):
            return False
        if self.awaiting and change.state is not ChangeState.AWAITING_APPROVAL:
            return False
        if self.ci is not None and self.ci not in change.cis:
            return False
        if self.service is not None:
            return not service_cis.get(self.service, set()).isdisjoint(change.cis)
        return True

    def describe(self) -> str:
        """One line for the filter bar: 'mine · awaiting approval · service Shop'."""
        parts = []
        if self.mine:
            parts.append("mine")
        if self.awaiting:
            parts.append("awaiting approval")
        if self.service is not None:
            parts.append(f"service {self.service}")
        if self.ci is not None:
            parts.append(f"CI {self.ci}")
        return " \u00b7 ".join(parts) or "all changes"


def shown(
    changes: Iterable[Change],
    query: CalendarFilter,
    login: str,
    service_cis: Mapping[str, set[str]],
) -> list[Change]:
    return [c for c in changes if query.keeps(c, login, service_cis)]
