"""The queue's SLA cell: readable without colour, minutes far from breach, seconds near it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sms_tui.clock_text import (
    NO_CLOCK,
    ClockFace,
    ClockLevel,
    ago_text,
    clock_face,
    item_face,
    remaining_text,
    resolution_clock,
)
from sms_tui.models import (
    BusinessCalendar,
    IncidentState,
    PendingReason,
    Priority,
    SlaTarget,
    StateChange,
)
from sms_tui.queue_views import QueueItem, ServiceSla
from sms_tui.sla import schedule

OPENED = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
TARGET = SlaTarget(priority=Priority.P2, respond_minutes=30, resolve_minutes=240)
SLAS = {
    "Mail": ServiceSla(
        schedule(BusinessCalendar(name="24x7", always_open=True)), {Priority.P2: TARGET}
    )
}


def item(*steps: tuple[int, IncidentState], service: str | None = "Mail") -> QueueItem:
    """A P2 opened at 09:00 on a 24x7 service with 4 hours to resolve; steps in minutes."""
    history = tuple(
        StateChange(
            at=OPENED + timedelta(minutes=m),
            state=state,
            reason=PendingReason.CALLER if state == IncidentState.PENDING else None,
        )
        for m, state in steps
    )
    return QueueItem(
        number="INC-000001",
        title="t",
        caller="",
        priority=Priority.P2,
        state=steps[-1][1] if steps else IncidentState.NEW,
        service=service,
        ci=None,
        assignee=None,
        major=False,
        opened_at=OPENED,
        history=history,
    )


def at(minutes: float) -> datetime:
    return OPENED + timedelta(minutes=minutes)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (400 * 3600, "400h"),
        (100 * 3600 + 59 * 60, "100h"),
        (99 * 3600 + 59 * 60 + 59, "99h 59m"),
        (3600, "1h 00m"),
        (3599, "59m"),
        (600, "10m"),
        (599, "9m 59s"),
        (5, "0m 05s"),
        (0, "0m 00s"),
        (-30, "0m 00s"),
    ],
)
def test_remaining_shows_seconds_only_in_the_last_ten_minutes(seconds: int, text: str) -> None:
    assert remaining_text(seconds) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(59, "0m"), (35 * 60, "35m"), (3600, "1h"), (47 * 3600, "47h"), (49 * 3600, "2d")],
)
def test_time_since_breach_is_coarse(seconds: int, text: str) -> None:
    assert ago_text(seconds) == text


def test_running_far_from_breach_shows_hours_and_minutes() -> None:
    assert item_face(item(), SLAS, at(60)) == ClockFace("3h 00m", ClockLevel.RUNNING)


def test_warning_from_75_percent_has_a_tilde() -> None:
    assert item_face(item(), SLAS, at(180)) == ClockFace("~ 1h 00m", ClockLevel.WARNING)


def test_near_breach_shows_seconds() -> None:
    assert item_face(item(), SLAS, at(235.5)) == ClockFace("~ 4m 30s", ClockLevel.WARNING)


def test_breached_says_how_long_ago_with_a_bang() -> None:
    assert item_face(item(), SLAS, at(240 + 125)) == ClockFace("! 2h ago", ClockLevel.BREACHED)


def test_pending_shows_paused() -> None:
    face = item_face(item((30, IncidentState.PENDING)), SLAS, at(600))
    assert face == ClockFace("paused", ClockLevel.PAUSED)


def test_pending_after_breach_shows_breached_and_paused() -> None:
    face = item_face(item((300, IncidentState.PENDING)), SLAS, at(600))
    assert face == ClockFace("! paused", ClockLevel.BREACHED)


def test_resolved_in_time_is_met() -> None:
    face = item_face(item((100, IncidentState.RESOLVED)), SLAS, at(600))
    assert face == ClockFace("met", ClockLevel.MET)


def test_resolved_late_is_breached() -> None:
    face = item_face(item((300, IncidentState.RESOLVED)), SLAS, at(600))
    assert face == ClockFace("! breached", ClockLevel.BREACHED)


def test_no_service_or_no_target_has_no_clock() -> None:
    assert resolution_clock(item(service=None), SLAS, at(10)) is None
    assert item_face(item(service="Unknown"), SLAS, at(10)) == NO_CLOCK
    assert clock_face(None, at(10)).text == "-"


def test_far_from_breach_the_text_changes_once_a_minute() -> None:
    faces = {item_face(item(), SLAS, at(60) + timedelta(seconds=s)).text for s in range(60)}
    assert faces == {"3h 00m", "2h 59m"}
