"""The SLA report against figures computed by hand on two small, explicit desks."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from sms_tui.models import (
    BusinessCalendar,
    IncidentState,
    PendingReason,
    Priority,
    Service,
    SlaTarget,
    StateChange,
    Weekday,
    WorkingInterval,
)
from sms_tui.sla.report import Breaches, Period, Ratio, ReportIncident, SlaReport, sla_report
from sms_tui.sla_report_view import breaches_text, hours_text, percent_text, sparkline
from tests.conftest import NOW

NEW, ASSIGNED, PROGRESS, PENDING, RESOLVED, CLOSED = (
    IncidentState.NEW,
    IncidentState.ASSIGNED,
    IncidentState.IN_PROGRESS,
    IncidentState.PENDING,
    IncidentState.RESOLVED,
    IncidentState.CLOSED,
)
HOUR = 3600

CALENDARS = {
    "24x7": BusinessCalendar(name="24x7", always_open=True),
    "Office": BusinessCalendar(
        name="Office",
        timezone="UTC",
        hours={
            day: [WorkingInterval(start=time(9), end=time(17))]
            for day in (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI)
        },
    ),
}
MAIL = Service(
    name="Mail",
    calendar="24x7",
    targets=[
        SlaTarget(priority=Priority.P1, respond_minutes=15, resolve_minutes=240),
        SlaTarget(priority=Priority.P2, respond_minutes=60, resolve_minutes=480),
    ],
)
PAY = Service(
    name="Pay",
    calendar="Office",
    targets=[SlaTarget(priority=Priority.P3, respond_minutes=60, resolve_minutes=480)],
)
# Monday 16 to Sunday 22 November 2026: [16th 00:00, 23rd 00:00) UTC. NOW is Monday 23rd 10:30.
WEEK = Period.days(date(2026, 11, 16), date(2026, 11, 22))


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def incident(
    number: str,
    service: str | None,
    priority: Priority,
    opened: datetime,
    *steps: tuple[datetime, IncidentState],
) -> ReportIncident:
    history = [StateChange(at=opened, state=NEW)]
    for moment, state in steps:
        reason = PendingReason.CALLER if state is PENDING else None
        history.append(StateChange(at=moment, state=state, reason=reason))
    return ReportIncident.of(number, service, priority, opened, history)


P1, P2, P3 = Priority.P1, Priority.P2, Priority.P3

DESK = [
    # A: responded in 10 min, resolved in 2 h: both met, on Tue 17th.
    incident("A", "Mail", P1, at(17, 10), (at(17, 10, 10), ASSIGNED), (at(17, 12), RESOLVED)),
    # B: responded in 30 min (> 15), resolved in 5 h (> 4): both breached, on the 17th.
    incident("B", "Mail", P1, at(17, 11), (at(17, 11, 30), ASSIGNED), (at(17, 16), RESOLVED)),
    # C: pending 09:00-13:00 pauses the clock: 1 h + 1 h = 2 h to resolve, met, on the 18th.
    incident(
        "C",
        "Mail",
        P2,
        at(18, 8),
        (at(18, 8, 20), ASSIGNED),
        (at(18, 9), PENDING),
        (at(18, 13), PROGRESS),
        (at(18, 14), RESOLVED),
    ),
    # D: opened and responded to on Sunday 15th (before the period), resolved Monday 16th
    # 02:00 after 6 h (< 8): resolution met in the period; its response is not.
    incident("D", "Mail", P2, at(15, 20), (at(15, 20, 30), ASSIGNED), (at(16, 2), RESOLVED)),
    # E: opened Sunday 22nd 22:00, no response by the end: the response target ran out at
    # 22:15 (breach counted); the resolution target runs out on the 23rd, after the period.
    incident("E", "Mail", P1, at(22, 22)),
    # F: response met (5 min); resolved after 1 h on the 20th (met then), reopened on the
    # 21st at 09:00 and resolved again at 13:00: 1 h + 4 h = 5 h, breached, counted once.
    incident(
        "F",
        "Mail",
        P1,
        at(20, 9),
        (at(20, 9, 5), ASSIGNED),
        (at(20, 10), RESOLVED),
        (at(21, 9), PROGRESS),
        (at(21, 13), RESOLVED),
        (at(21, 14), CLOSED),
    ),
    # G: Mail has no P3 target; H has no service; I is over before the period: none count.
    incident("G", "Mail", P3, at(17, 9), (at(17, 9, 1), ASSIGNED), (at(17, 10), RESOLVED)),
    incident("H", None, P1, at(17, 9), (at(17, 9, 1), ASSIGNED), (at(17, 10), RESOLVED)),
    incident("I", "Mail", P2, at(10, 9), (at(10, 9, 1), ASSIGNED), (at(11, 10), RESOLVED)),
    # Pay runs Monday to Friday 09:00-17:00 UTC.
    # J: opened Friday 20th 16:00, responded 16:30 (met, on the 20th); by the end of the
    # period only 1 business hour of 8 is used, so its resolution does not count.
    incident("J", "Pay", P3, at(20, 16), (at(20, 16, 30), ASSIGNED), (at(23, 10), RESOLVED)),
    # K: opened Wednesday 18th 15:00, responded Thursday 09:30: Wed 15-17 is already 2 h
    # > 1 h, breached (counted on the 19th, when it responded). Resolved Friday 20th 10:00 after
    # 2 h + 8 h + 1 h = 11 business hours > 8: breached; the target ran out Thursday 15:00.
    incident("K", "Pay", P3, at(18, 15), (at(19, 9, 30), ASSIGNED), (at(20, 10), RESOLVED)),
    # L: Monday 16th, responded in 15 min, resolved at 13:00 after 4 h: both met.
    incident("L", "Pay", P3, at(16, 9), (at(16, 9, 15), ASSIGNED), (at(16, 13), RESOLVED)),
]


def report() -> SlaReport:
    return sla_report(DESK, [MAIL, PAY], CALENDARS, WEEK, NOW)


def test_response_and_resolution_met_per_service() -> None:
    mail, pay = report().services
    # Mail responses: A met, B breached, C met, E breached, F met (D responded before).
    assert mail.response == Ratio(met=3, counted=5)
    # Mail resolutions: A met, B breached, C met, D met, F breached (E not due yet).
    assert mail.resolution == Ratio(met=3, counted=5)
    # Pay responses: J met, K breached, L met; resolutions: K breached, L met.
    assert pay.response == Ratio(met=2, counted=3)
    assert pay.resolution == Ratio(met=1, counted=2)


def test_mean_time_to_resolve_in_business_hours() -> None:
    mail, pay = report().services
    # Mail: A 2 h + B 5 h + C 2 h (pending left out) + D 6 h + F 5 h = 20 h over 5.
    assert (mail.resolved, mail.resolve_seconds) == (5, 20 * HOUR)
    assert mail.mttr_seconds == 4 * HOUR
    # Pay: K 11 business hours + L 4 h = 15 h over 2, in office hours (not 43 wall hours).
    assert (pay.resolved, pay.resolve_seconds) == (2, 15 * HOUR)
    assert hours_text(pay.mttr_seconds) == "7.5 h"


def test_breaches_by_priority() -> None:
    mail, pay = report().services
    # Mail P1: responses B and E, resolutions B and F.
    assert mail.breaches == (Breaches(P1, response=2, resolution=2),)
    assert pay.breaches == (Breaches(P3, response=1, resolution=1),)
    assert breaches_text(mail) == "P1 2+2"


def test_total_line_adds_every_service() -> None:
    total = report().total
    assert total.response == Ratio(5, 8)
    assert total.resolution == Ratio(4, 7)
    assert total.mttr_seconds == 35 * HOUR / 7
    assert total.breaches == (Breaches(P1, 2, 2), Breaches(P3, 1, 1))


def test_daily_trend_judges_each_day_on_its_own() -> None:
    result = report()
    assert [b.start.day for b in result.buckets] == [16, 17, 18, 19, 20, 21, 22]
    mail, pay = result.services
    # 16th D met; 17th A met, B breached; 18th C met; 20th F's first resolution met;
    # 21st F's second resolution breached; nothing to judge on the 19th and 22nd.
    assert mail.trend == (100.0, 50.0, 100.0, None, 100.0, 0.0, None)
    assert sparkline(mail.trend) == "\u2588\u2585\u2588\u00b7\u2588\u2581\u00b7"
    # 16th L met; 19th K breached while still open; 20th K resolved late.
    assert pay.trend == (100.0, None, None, 0.0, 0.0, None, None)


def test_percent_is_rounded_down() -> None:
    mail, pay = report().services
    assert percent_text(mail.response) == "60%"
    assert percent_text(pay.response) == "66%"
    assert percent_text(Ratio(999, 1000)) == "99%"
    assert percent_text(Ratio()) == "-"


def test_a_finished_period_does_not_change_later() -> None:
    later = [
        *DESK,
        incident("M", "Mail", P1, at(23, 1), (at(23, 2), RESOLVED)),
    ]
    # E answered and resolved after the period; the report is run a month later.
    later[4] = incident("E", "Mail", P1, at(22, 22), (at(23, 9), ASSIGNED), (at(23, 11), RESOLVED))
    again = sla_report(later, [MAIL, PAY], CALENDARS, WEEK, NOW + timedelta(days=30))
    assert again.services == report().services


def test_a_period_still_running_stops_at_now() -> None:
    # Up to Wednesday 18th 10:00: only D, L, A, B (the 17th) and C's response have happened.
    now = at(18, 10)
    mail, pay = sla_report(DESK, [MAIL, PAY], CALENDARS, WEEK, now).services
    assert mail.response == Ratio(2, 3)  # A met, B breached, C met; D before the period
    assert mail.resolution == Ratio(2, 3)  # D, A met; B breached; C is paused
    assert pay.resolution == Ratio(1, 1)


def test_services_without_incidents_or_calendar_show_nothing_counted() -> None:
    lonely = Service(name="Lonely", calendar="missing", targets=MAIL.targets)
    result = sla_report(DESK, [lonely], CALENDARS, WEEK, NOW)
    (line,) = result.services
    assert (line.response, line.resolution, line.mttr_seconds) == (Ratio(), Ratio(), None)
    assert line.trend == (None,) * 7


def test_longer_periods_trend_by_week() -> None:
    month = Period.days(date(2026, 11, 1), date(2026, 11, 30))
    buckets = month.buckets()
    assert [b.start.day for b in buckets] == [1, 8, 15, 22, 29]
    assert buckets[-1].end == datetime(2026, 12, 1, tzinfo=UTC)
    assert Period.last_days(date(2026, 11, 23), 90).length_days == 90
    assert len(Period.last_days(date(2026, 11, 23), 90).buckets()) == 13
    assert WEEK.shifted(-1).label() == "2026-11-09 to 2026-11-15"


def test_a_period_must_not_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="is before"):
        Period.days(date(2026, 11, 2), date(2026, 11, 1))
