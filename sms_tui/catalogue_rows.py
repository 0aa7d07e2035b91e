"""What the catalogue shows for each service, and how the filter matches it. Pure: no Textual."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sms_tui.models import (
    WEEKDAYS,
    BusinessCalendar,
    Criticality,
    Service,
    ServiceStatus,
    SlaTarget,
)


def short_duration(minutes: int) -> str:
    """A target in a few characters: '15m', '4h', '1h30m'. Hours, not days: business days vary."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}m"
    return f"{hours}h{rest:02d}m" if rest else f"{hours}h"


def long_duration(minutes: int) -> str:
    """A target spelled out for the detail view: '15 min', '4 h', '1 h 30 min'."""
    hours, rest = divmod(minutes, 60)
    parts = [f"{hours} h"] if hours else []
    if rest or not hours:
        parts.append(f"{rest} min")
    return " ".join(parts)


def sla_summary(targets: Sequence[SlaTarget]) -> str:
    """Respond/resolve per priority: 'P1 15m/4h · P2 1h/8h'."""
    if not targets:
        return "no targets"
    return " · ".join(
        f"{t.priority.value} {short_duration(t.respond_minutes)}/{short_duration(t.resolve_minutes)}"
        for t in targets
    )


@dataclass(frozen=True)
class ServiceRow:
    """One line of the catalogue: the service's values as shown, and the text the filter searches."""

    name: str
    status: ServiceStatus
    criticality: Criticality
    owner: str
    calendar: str
    hours: str
    sla: str
    open_incidents: int
    description: str

    @property
    def haystack(self) -> str:
        return "\n".join(
            (
                self.name,
                self.owner,
                self.status.value,
                self.criticality.value,
                self.description,
                self.calendar,
                self.hours,
            )
        ).casefold()

    def matches(self, query: str) -> bool:
        """True when every word of the query occurs somewhere in the row, ignoring case."""
        haystack = self.haystack
        return all(word in haystack for word in query.casefold().split())


def service_rows(
    services: Iterable[Service],
    calendars: Mapping[str, BusinessCalendar],
    open_counts: Mapping[str, int],
) -> tuple[ServiceRow, ...]:
    """The catalogue's rows, in the order the services came (the store sorts them by name)."""
    rows = []
    for service in services:
        calendar = calendars.get(service.calendar)
        rows.append(
            ServiceRow(
                name=service.name,
                status=service.status,
                criticality=service.criticality,
                owner=service.owner,
                calendar=service.calendar,
                hours=calendar.summary() if calendar else f"unknown calendar {service.calendar}",
                sla=sla_summary(service.targets),
                open_incidents=open_counts.get(service.name, 0),
                description=service.description,
            )
        )
    return tuple(rows)


def filter_rows(rows: Iterable[ServiceRow], query: str) -> tuple[ServiceRow, ...]:
    """The rows the filter lets through; an empty or blank query lets everything through."""
    if not query.strip():
        return tuple(rows)
    return tuple(row for row in rows if row.matches(query))


def calendar_fields(calendar: BusinessCalendar, today: date) -> list[tuple[str, str]]:
    """A business calendar as label/value lines: timezone, hours per weekday, holidays."""
    fields = [("Calendar", calendar.name), ("Timezone", calendar.timezone)]
    if calendar.always_open:
        fields.append(("Hours", "24x7: every day, all day"))
    else:
        for day in WEEKDAYS:
            spans = "  ".join(i.label() for i in calendar.hours.get(day, []))
            fields.append((day.value.title(), spans or "closed"))
    upcoming = [d for d in calendar.holidays if d >= today]
    past = [d for d in calendar.holidays if d < today]
    if upcoming:
        fields.append(("Holidays", ", ".join(d.isoformat() for d in sorted(upcoming))))
    if past:
        fields.append(("Past holidays", ", ".join(d.isoformat() for d in sorted(past))))
    if not calendar.holidays:
        fields.append(("Holidays", "none"))
    return fields
