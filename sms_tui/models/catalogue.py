"""The service catalogue: services, their business calendars and SLA targets."""

from __future__ import annotations

import itertools
from datetime import date, time
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator, model_validator

from sms_tui.models.fields import Name, OptionalName, Priority, Record, Text, Versioned


class Weekday(StrEnum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"


WEEKDAYS = list(Weekday)


class WorkingInterval(Record):
    """One stretch of working time in a day, in the calendar's timezone."""

    start: time
    end: time

    @model_validator(mode="after")
    def _start_before_end(self) -> WorkingInterval:
        if self.start >= self.end:
            raise ValueError(f"start {self.start:%H:%M} must be before end {self.end:%H:%M}")
        return self

    def label(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


class BusinessCalendar(Versioned):
    """When a service is supported: a timezone, working intervals per weekday and holidays, or 24x7."""

    name: Name
    timezone: str = "UTC"
    always_open: bool = False
    hours: dict[Weekday, list[WorkingInterval]] = Field(default_factory=dict)
    holidays: list[date] = Field(default_factory=list)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown timezone {value!r}") from None
        return value

    @field_validator("hours")
    @classmethod
    def _no_overlap(
        cls, value: dict[Weekday, list[WorkingInterval]]
    ) -> dict[Weekday, list[WorkingInterval]]:
        for day, intervals in value.items():
            ordered = sorted(intervals, key=lambda i: i.start)
            for before, after in itertools.pairwise(ordered):
                if after.start < before.end:
                    raise ValueError(f"{day.value}: {before.label()} overlaps {after.label()}")
            value[day] = ordered
        return value

    @model_validator(mode="after")
    def _has_hours(self) -> BusinessCalendar:
        if not self.always_open and not any(self.hours.values()):
            raise ValueError("a calendar needs working hours on at least one day, or always_open")
        return self

    def summary(self) -> str:
        """Hours of service in a few words: '24x7' or 'Mon-Fri 08:00-12:00 13:00-17:00 Europe/Paris'."""
        if self.always_open:
            return "24x7"
        groups: list[tuple[list[Weekday], str]] = []
        for day in WEEKDAYS:
            spans = " ".join(i.label() for i in self.hours.get(day, []))
            if not spans:
                continue
            previous = groups[-1] if groups else None
            if (
                previous
                and previous[1] == spans
                and WEEKDAYS.index(previous[0][-1]) + 1 == WEEKDAYS.index(day)
            ):
                previous[0].append(day)
            else:
                groups.append(([day], spans))
        parts = []
        for days, spans in groups:
            first, last = days[0].value.title(), days[-1].value.title()
            parts.append(f"{first}-{last} {spans}" if len(days) > 1 else f"{first} {spans}")
        return f"{', '.join(parts)} {self.timezone}"


class SlaTarget(Record):
    """How fast a priority must be responded to and resolved, in business minutes."""

    priority: Priority
    respond_minutes: int = Field(gt=0, le=525_600)
    resolve_minutes: int = Field(gt=0, le=525_600)

    @model_validator(mode="after")
    def _resolve_after_respond(self) -> SlaTarget:
        if self.resolve_minutes < self.respond_minutes:
            raise ValueError("resolve_minutes must not be shorter than respond_minutes")
        return self


class ServiceStatus(StrEnum):
    PIPELINE = "pipeline"
    LIVE = "live"
    RETIRED = "retired"


class Criticality(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Service(Versioned):
    """A catalogue entry: what the business consumes, who owns it, and the levels promised."""

    name: Name
    description: Text = ""
    owner: OptionalName = ""
    status: ServiceStatus = ServiceStatus.LIVE
    criticality: Criticality = Criticality.MEDIUM
    calendar: Name
    targets: list[SlaTarget] = Field(default_factory=list)
    cis: list[Name] = Field(default_factory=list)

    @field_validator("targets")
    @classmethod
    def _one_target_per_priority(cls, value: list[SlaTarget]) -> list[SlaTarget]:
        seen = [t.priority for t in value]
        duplicated = sorted({p for p in seen if seen.count(p) > 1})
        if duplicated:
            raise ValueError(f"more than one target for {', '.join(duplicated)}")
        return sorted(value, key=lambda t: t.priority)

    def target(self, priority: Priority) -> SlaTarget | None:
        return next((t for t in self.targets if t.priority == priority), None)
