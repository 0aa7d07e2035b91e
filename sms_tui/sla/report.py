"""Service-level figures for a period: targets met, breaches by priority, MTTR, a trend. Pure.

Which incidents count in a period [start, end) (half-open, whole seconds):

- Each incident is judged as it stood at the period's last second (or at `now`, if that is
  earlier), so later events never change a finished period's figures.
- Response: an incident counts when it was first responded to within the period (met or
  breached by its response clock), or when it was still waiting for a response at the end of
  the period and its response target ran out within it (breached).
- Resolution: an incident counts when it was resolved (or closed) within the period and not
  reopened before its end (met or breached by its resolution clock), or when it was still
  unresolved at the end of the period and its resolution target ran out within it (breached).
  So a long-open incident counts once, as a breach, in the period it breached, and again
  when it is finally resolved.
- Breaches by priority are the breached response and resolution verdicts above.
- The mean time to resolve is the mean, over the incidents resolved in the period, of their
  resolution clock's business time: working hours of the service's calendar, pending time
  left out, exactly as the SLA counts it.
- An incident with no service, or whose priority has no target in its service, is not counted.
- The trend splits the period into days (up to 14 days) or 7-day steps from the start (the
  last may be shorter), each with the percentage of resolution verdicts met, or None when
  there was none. Each step is judged as a period of its own, so an incident that breached
  while open in one step and was resolved in a later one counts in both.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sms_tui.models import BusinessCalendar, Priority, Service
from sms_tui.sla.business_time import to_seconds
from sms_tui.sla.period import Period
from sms_tui.sla.report_clock import ReportIncident, life_until, read_clock, reopened, verdict
from sms_tui.sla.schedule import Schedule, schedule

__all__ = [
    "Breaches",
    "Period",
    "Ratio",
    "ReportIncident",
    "ServiceLevels",
    "SlaReport",
    "sla_report",
    "total_levels",
]


@dataclass(frozen=True, slots=True)
class Ratio:
    """How many verdicts met their target out of how many were counted."""

    met: int = 0
    counted: int = 0

    @property
    def percent(self) -> float | None:
        return None if not self.counted else 100 * self.met / self.counted

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.met + other.met, self.counted + other.counted)


@dataclass(frozen=True, slots=True)
class Breaches:
    """Breached verdicts of one priority in a period."""

    priority: Priority
    response: int = 0
    resolution: int = 0

    @property
    def total(self) -> int:
        return self.response + self.resolution


@dataclass(frozen=True, slots=True)
class ServiceLevels:
    """One service's figures for one period (or every service's, summed, for the total line)."""

    service: str
    response: Ratio
    resolution: Ratio
    resolved: int
    """Incidents resolved in the period: the ones the mean time to resolve is taken over."""
    resolve_seconds: int
    """Their business seconds to resolve, summed."""
    breaches: tuple[Breaches, ...]
    """Per priority, P1 first, only priorities with a breach."""
    trend: tuple[float | None, ...]
    trend_ratios: tuple[Ratio, ...] = field(repr=False, default=())

    @property
    def mttr_seconds(self) -> float | None:
        """Mean business seconds to resolve, None when nothing was resolved."""
        return None if not self.resolved else self.resolve_seconds / self.resolved

    @property
    def breach_count(self) -> int:
        return sum(b.total for b in self.breaches)


@dataclass(frozen=True, slots=True)
class SlaReport:
    """Every service's figures for a period, the total across them, and the trend's steps."""

    period: Period
    as_of: datetime
    buckets: tuple[Period, ...]
    services: tuple[ServiceLevels, ...]
    total: ServiceLevels


class _Tally:
    """The running counts of one service over one period and its buckets."""

    def __init__(self, buckets: int) -> None:
        self.response = [0, 0]
        self.resolution = [0, 0]
        self.resolved = 0
        self.resolve_seconds = 0
        self.breaches: dict[Priority, list[int]] = {}
        self.trend = [[0, 0] for _ in range(buckets)]

    def count(self, ratio: list[int], met: bool, priority: Priority, which: int) -> None:
        ratio[0] += met
        ratio[1] += 1
        if not met:
            self.breaches.setdefault(priority, [0, 0])[which] += 1

    def levels(self, name: str) -> ServiceLevels:
        ratios = tuple(Ratio(met, counted) for met, counted in self.trend)
        return ServiceLevels(
            service=name,
            response=Ratio(*self.response),
            resolution=Ratio(*self.resolution),
            resolved=self.resolved,
            resolve_seconds=self.resolve_seconds,
            breaches=tuple(
                Breaches(p, *self.breaches[p]) for p in sorted(self.breaches, key=_rank)
            ),
            trend=tuple(r.percent for r in ratios),
            trend_ratios=ratios,
        )


def _rank(priority: Priority) -> str:
    return priority.value


def _last_second(period: Period, now: int) -> int:
    return min(to_seconds(period.end) - 1, now)


def sla_report(
    incidents: Iterable[ReportIncident],
    services: Sequence[Service],
    calendars: Mapping[str, BusinessCalendar | Schedule],
    period: Period,
    now: datetime,
) -> SlaReport:
    """The figures of every service in `services` (in that order) over `period`, as of `now`.

    Incidents of other services, and services whose calendar is missing, count nowhere.
    """
    buckets = period.buckets()
    plans = {name: schedule(c) for name, c in calendars.items()}
    terms = {s.name: (s, plans.get(s.calendar)) for s in services}
    tallies = {s.name: _Tally(len(buckets)) for s in services}
    instant = to_seconds(now)
    start, last = to_seconds(period.start), _last_second(period, instant)
    edges = [(to_seconds(b.start), _last_second(b, instant)) for b in buckets]
    for incident in incidents:
        found = terms.get(incident.service) if incident.service is not None else None
        if found is None or incident.opened > last:
            continue
        service, plan = found
        target = service.target(incident.priority)
        if plan is None or target is None:
            continue
        tally = tallies[service.name]
        life = life_until(incident, last)
        respond, resolve = target.respond_minutes * 60, target.resolve_minutes * 60
        response = read_clock(life, last, plan, respond, response=True)
        resolution = read_clock(life, last, plan, resolve, response=False)
        met = verdict(response, start, last)
        if met is not None:
            tally.count(tally.response, met, incident.priority, 0)
        met = verdict(resolution, start, last)
        if met is not None:
            tally.count(tally.resolution, met, incident.priority, 1)
            if resolution.stopped_at is not None:
                tally.resolved += 1
                tally.resolve_seconds += resolution.elapsed
        again = reopened(life)
        for index, (bucket_start, bucket_last) in enumerate(edges):
            if incident.opened > bucket_last:
                continue
            reading = resolution
            if again:  # a reopen moves the stop: read the clock as it stood then
                earlier = life_until(incident, bucket_last)
                reading = read_clock(earlier, bucket_last, plan, resolve, response=False)
            met = verdict(reading, bucket_start, bucket_last)
            if met is not None:
                tally.trend[index][0] += met
                tally.trend[index][1] += 1
    levels = tuple(tallies[s.name].levels(s.name) for s in services)
    return SlaReport(period, now, buckets, levels, total_levels(levels, len(buckets)))


def total_levels(levels: Sequence[ServiceLevels], buckets: int) -> ServiceLevels:
    """Every service's figures summed: the report's bottom line."""
    breaches: dict[Priority, Breaches] = {}
    for line in levels:
        for b in line.breaches:
            before = breaches.get(b.priority, Breaches(b.priority))
            breaches[b.priority] = Breaches(
                b.priority, before.response + b.response, before.resolution + b.resolution
            )
    trend = [Ratio() for _ in range(buckets)]
    for line in levels:
        for index, ratio in enumerate(line.trend_ratios):
            trend[index] = trend[index] + ratio
    return ServiceLevels(
        service="All services",
        response=sum((line.response for line in levels), Ratio()),
        resolution=sum((line.resolution for line in levels), Ratio()),
        resolved=sum(line.resolved for line in levels),
        resolve_seconds=sum(line.resolve_seconds for line in levels),
        breaches=tuple(breaches[p] for p in sorted(breaches, key=_rank)),
        trend=tuple(r.percent for r in trend),
        trend_ratios=tuple(trend),
    )
