"""The SLA report's figures as words and glyphs, one form for the screens and the command line.

Pure: no Textual, no SQL. Percentages are rounded down, so "100%" always means every target
was met. The sparkline is block heights, readable without colour.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from sms_tui.models import iso
from sms_tui.sla.report import Period, Ratio, ServiceLevels, SlaReport

BLOCKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"
NO_DATA = "\u00b7"
"""A step of the trend with nothing to judge."""


def sparkline(values: Sequence[float | None]) -> str:
    """One glyph per value from 0 to 100: the lowest block for 0, the full block for 100."""
    glyphs = []
    for value in values:
        if value is None:
            glyphs.append(NO_DATA)
        else:
            share = min(max(value, 0.0), 100.0) / 100
            glyphs.append(BLOCKS[math.floor(share * (len(BLOCKS) - 1) + 0.5)])
    return "".join(glyphs)


def percent_text(ratio: Ratio) -> str:
    """'92%', rounded down, or '-' when nothing was counted."""
    if not ratio.counted:
        return "-"
    return f"{ratio.met * 100 // ratio.counted}%"


def ratio_text(ratio: Ratio) -> str:
    """'92% (11/12)', or '-' when nothing was counted."""
    if not ratio.counted:
        return "-"
    return f"{percent_text(ratio)} ({ratio.met}/{ratio.counted})"


def hours_text(seconds: float | None) -> str:
    """Business time in hours with one decimal, '3.2 h', or '-'."""
    if seconds is None:
        return "-"
    return f"{seconds / 3600:.1f} h"


def breaches_text(levels: ServiceLevels) -> str:
    """'P1 1+2 · P3 0+1' (response + resolution), or 'none'."""
    if not levels.breaches:
        return "none"
    return " \u00b7 ".join(
        f"{b.priority.value} {b.response}+{b.resolution}" for b in levels.breaches
    )


def period_text(period: Period) -> str:
    return f"{period.first_day:%Y-%m-%d} to {period.last_day:%Y-%m-%d} ({period.length_days} days)"


def _floor1(value: float | None) -> float | None:
    return None if value is None else math.floor(value * 10) / 10


def levels_json(levels: ServiceLevels) -> dict[str, Any]:
    """One service's figures as JSON-ready values."""
    return {
        "service": levels.service,
        "response": {
            "met": levels.response.met,
            "counted": levels.response.counted,
            "percent": _floor1(levels.response.percent),
        },
        "resolution": {
            "met": levels.resolution.met,
            "counted": levels.resolution.counted,
            "percent": _floor1(levels.resolution.percent),
        },
        "resolved": levels.resolved,
        "mttr_business_hours": (
            None if levels.mttr_seconds is None else round(levels.mttr_seconds / 3600, 2)
        ),
        "breaches": {
            b.priority.value: {"response": b.response, "resolution": b.resolution}
            for b in levels.breaches
        },
        "trend": [_floor1(value) for value in levels.trend],
        "sparkline": sparkline(levels.trend),
    }


def report_json(report: SlaReport) -> dict[str, Any]:
    """The whole report as JSON-ready values; the period's end is exclusive."""
    return {
        "from": report.period.first_day.isoformat(),
        "to": report.period.last_day.isoformat(),
        "start": iso(report.period.start),
        "end": iso(report.period.end),
        "as_of": iso(report.as_of),
        "trend_steps": [iso(b.start) for b in report.buckets],
        "services": [levels_json(line) for line in report.services],
        "total": levels_json(report.total),
    }


CSV_HEADER = (
    "service",
    "response_met",
    "response_counted",
    "response_percent",
    "resolution_met",
    "resolution_counted",
    "resolution_percent",
    "resolved",
    "mttr_business_hours",
    "breaches",
    "trend",
)


def csv_rows(report: SlaReport) -> list[tuple[object, ...]]:
    """One row per service and a last row for all services, under CSV_HEADER."""
    rows: list[tuple[object, ...]] = []
    for line in (*report.services, report.total):
        data = levels_json(line)
        rows.append(
            (
                line.service,
                line.response.met,
                line.response.counted,
                _blank(data["response"]["percent"]),
                line.resolution.met,
                line.resolution.counted,
                _blank(data["resolution"]["percent"]),
                line.resolved,
                _blank(data["mttr_business_hours"]),
                breaches_text(line),
                data["sparkline"],
            )
        )
    return rows


def _blank(value: object) -> object:
    return "" if value is None else value
