"""Maintenance and blackout windows: weekly slots per service, and freezes in the coming weeks."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sms_tui.demo.catalogue import Offering
from sms_tui.demo.world import World
from sms_tui.models import Window, WindowKind

# (service key, local weekday Monday=0, start hour, hours long, timezone)
WEEKLY = (
    ("mail", 6, 2, 4, "Europe/London"),
    ("shop", 1, 2, 2, "Europe/London"),
    ("payroll", 2, 19, 3, "Europe/Paris"),
    ("erp", 5, 22, 6, "Europe/London"),
    ("sso", 6, 6, 2, "Europe/London"),
    ("files", 3, 20, 2, "Europe/London"),
    ("wms", 6, 1, 4, "America/New_York"),
)
LONDON, PARIS = ZoneInfo("Europe/London"), ZoneInfo("Europe/Paris")


def _local(day: date, hour: int, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(hour), zone).astimezone(UTC)


def payroll_freeze(now: datetime) -> tuple[datetime, datetime]:
    """The next month-end payroll freeze not yet over: the 24th 18:00 to the 2nd 08:00, Paris."""
    year, month = now.year, now.month
    while True:
        start = _local(date(year, month, 24), 18, PARIS)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        end = _local(date(year, month, 2), 8, PARIS)
        if end > now:
            return start, end


def year_end_freeze(now: datetime) -> tuple[datetime, datetime]:
    """The next year-end change freeze: 18 December 18:00 to 4 January 08:00, London."""
    year = now.year if now.month > 1 or now.day > 4 else now.year - 1
    while True:
        end = _local(date(year + 1, 1, 4), 8, LONDON)
        if end > now:
            return _local(date(year, 12, 18), 18, LONDON), end
        year += 1


def peak_trading(now: datetime) -> tuple[datetime, datetime]:
    """The web shop's Black Friday freeze: the Monday before to the Tuesday after Cyber Monday."""
    year = now.year
    while True:
        november = date(year, 11, 1)
        friday = november + timedelta(days=(3 - november.weekday()) % 7 + 22)
        end = _local(friday + timedelta(days=4), 8, LONDON)
        if end > now:
            return _local(friday - timedelta(days=4), 0, LONDON), end
        year += 1


def windows(world: World) -> list[Window]:
    """Weekly maintenance windows (named services, and some generated ones) and three freezes."""
    now, by_key = world.now, {o.key: o for o in world.offers}
    rows: list[dict[str, Any]] = []
    slots = [w for w in WEEKLY if w[0] in by_key]
    generated = [o for o in world.live if not o.named]
    for i, offer in enumerate(generated[::4]):
        slots.append((offer.key, 5 + i % 2, 20 + i % 4, 2, "Europe/London"))
    for key, weekday, hour, hours, zone in slots:
        start = _weekly_start(now, weekday, hour, ZoneInfo(zone))
        rows.append(
            _row(
                f"{by_key[key].name} weekly maintenance",
                WindowKind.MAINTENANCE,
                start,
                start + timedelta(hours=hours),
                by_key[key],
                weekly=True,
            )
        )
    rows.append(
        _row(
            "Infrastructure weekly maintenance",
            WindowKind.MAINTENANCE,
            _weekly_start(now, 6, 5, LONDON),
            _weekly_start(now, 6, 9, LONDON),
            None,
            weekly=True,
        )
    )
    freezes = (
        ("Payroll month-end freeze {:%b %Y}", payroll_freeze, by_key["payroll"]),
        ("Peak trading freeze {:%Y} (Black Friday)", peak_trading, by_key["shop"]),
        ("Year-end change freeze {:%Y}", year_end_freeze, None),
    )
    for label, when, frozen in freezes:
        start, end = when(now)
        rows.append(_row(label.format(start), WindowKind.BLACKOUT, start, end, frozen))
    author = world.staff.change_managers[0]
    return [
        Window.model_validate({**row, "updated_at": now - timedelta(days=20), "updated_by": author})
        for row in rows
    ]


def _weekly_start(now: datetime, weekday: int, hour: int, zone: ZoneInfo) -> datetime:
    """The first occurrence about twelve weeks ago, so the recent past shows the pattern too."""
    day = (now - timedelta(weeks=12)).astimezone(zone).date()
    day += timedelta(days=(weekday - day.weekday()) % 7)
    return _local(day, hour, zone)


def _row(
    name: str,
    kind: WindowKind,
    start: datetime,
    end: datetime,
    offer: Offering | None,
    weekly: bool = False,
) -> dict[str, Any]:
    service = offer.name if offer else None
    return {
        "name": name,
        "kind": kind,
        "starts_at": start,
        "ends_at": end,
        "service": service,
        "weekly": weekly,
    }
