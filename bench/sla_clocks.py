"""Speed of the SLA engine: µs per business-time call and per incident's clocks.

Prints medians over several runs for an office-hours calendar (Europe/London, Mon-Fri with a
lunch break and bank holidays) and, measured in the same run, a 24x7 calendar and the ratio.
The goal is under ~50 µs per clock so that 20 clocks ticking each second, or a query over
100,000 incidents, stay cheap.

    .venv/bin/python bench/sla_clocks.py [--runs 7] [--calls 2000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

# Run from a checkout without installing: the package sits beside bench/.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sms_tui.models import (
    WEEKDAYS,
    BusinessCalendar,
    IncidentState,
    PendingReason,
    Priority,
    SlaTarget,
    StateChange,
    WorkingInterval,
)
from sms_tui.sla import add_business_time, business_seconds_between, clocks, schedule

BANK_HOLIDAYS = [
    date(2026, 1, 1), date(2026, 4, 3), date(2026, 4, 6), date(2026, 5, 4),
    date(2026, 5, 25), date(2026, 8, 31), date(2026, 12, 25), date(2026, 12, 28),
]  # fmt: skip
OFFICE = BusinessCalendar(
    name="office",
    timezone="Europe/London",
    hours={
        day: [
            WorkingInterval(start=clock_time(9), end=clock_time(12, 30)),
            WorkingInterval(start=clock_time(13, 30), end=clock_time(17, 30)),
        ]
        for day in WEEKDAYS[:5]
    },
    holidays=BANK_HOLIDAYS,
)
ALWAYS = BusinessCalendar(name="24x7", timezone="Europe/London", always_open=True)
TARGET = SlaTarget(priority=Priority.P3, respond_minutes=240, resolve_minutes=2400)
HOUR = 3600


def starts(calls: int) -> list[datetime]:
    """Start instants spread over 2026 (across both DST changes), a few hours apart."""
    first = datetime(2026, 1, 5, 8, 17, tzinfo=UTC)
    return [first + timedelta(minutes=431 * i) for i in range(calls)]


def history(opened: datetime) -> list[StateChange]:
    """A typical life: assigned, in progress, pending on the caller, back in progress."""
    steps = [
        (0, IncidentState.NEW),
        (20, IncidentState.ASSIGNED),
        (90, IncidentState.IN_PROGRESS),
        (600, IncidentState.PENDING),
        (3000, IncidentState.IN_PROGRESS),
    ]
    return [
        StateChange(
            at=opened + timedelta(minutes=m),
            state=s,
            reason=PendingReason.CALLER if s == IncidentState.PENDING else None,
        )
        for m, s in steps
    ]


def median_us(work: Callable[[datetime], object], points: list[datetime], runs: int) -> float:
    """The median over `runs` of the mean µs per call of `work` over all the points."""
    work(points[0])  # compile the calendar and load the zone once, outside the timing
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        for point in points:
            work(point)
        timings.append((time.perf_counter() - began) / len(points) * 1e6)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--calls", type=int, default=2000)
    args = parser.parse_args()
    points = starts(args.calls)
    ninety = timedelta(days=90)
    # Business time in 90 calendar days of office hours: about 62 working days of 7.5 hours.
    ninety_business = business_seconds_between(OFFICE, points[0], points[0] + ninety)
    histories = {p: history(p) for p in points}

    cases: list[tuple[str, Callable[[BusinessCalendar], Callable[[datetime], object]]]] = [
        ("business_seconds_between, 2 h", lambda c: lambda p: business_seconds_between(c, p, p + timedelta(hours=2))),
        ("business_seconds_between, 90 d", lambda c: lambda p: business_seconds_between(c, p, p + ninety)),
        ("add_business_time, 2 h", lambda c: lambda p: add_business_time(c, p, 2 * HOUR)),
        ("add_business_time, 90 d", lambda c: lambda p: add_business_time(c, p, ninety_business if c is OFFICE else 90 * 24 * HOUR)),
        ("clocks (both), 4 steps, 3 d old", lambda c: lambda p: clocks(histories[p], p, c, TARGET, p + timedelta(days=3))),
        ("clocks (both), 4 steps, 120 d old", lambda c: lambda p: clocks(histories[p], p, c, TARGET, p + timedelta(days=120))),
        ("  same, calendar compiled once", lambda c: (lambda plan: lambda p: clocks(histories[p], p, plan, TARGET, p + timedelta(days=120)))(schedule(c))),
    ]  # fmt: skip
    print(f"SLA engine, µs per call: median of {args.runs} runs x {args.calls} calls")
    print(f"{'case':<36} {'office':>9} {'24x7':>9} {'ratio':>7}")
    for name, make in cases:
        office = median_us(make(OFFICE), points, args.runs)
        always = median_us(make(ALWAYS), points, args.runs)
        print(f"{name:<36} {office:>9.1f} {always:>9.1f} {office / always:>6.1f}x")


if __name__ == "__main__":
    main()
