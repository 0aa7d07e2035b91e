"""SLA clocks from state history: response, resolution, pauses, reopen, breach and warning."""

from __future__ import annotations

import json
from datetime import timedelta

from sms_tui.models import Incident, IncidentState, PendingReason, Priority, ResolutionCode
from sms_tui.sla import (
    ClockKind,
    ClockState,
    Pause,
    Phase,
    clocks,
    first_response,
    incident_clocks,
)
from tests.sla_calendars import HOUR, always, local, office, step, target

S = IncidentState
P3 = target(1, 8)
OPENED = local("2026-11-23 09:00")  # Monday


def test_running_clocks_report_elapsed_remaining_and_due() -> None:
    response, resolution = clocks([], OPENED, office(), P3, local("2026-11-23 09:30"))
    assert response.kind == ClockKind.RESPONSE
    assert (response.state, response.phase) == (ClockState.RUNNING, Phase.RUNNING)
    assert (response.elapsed, response.remaining) == (30 * 60, 30 * 60)
    assert response.due == local("2026-11-23 10:00")
    assert response.percent == 50
    assert resolution.due == local("2026-11-23 17:00")
    assert resolution.stopped_at is None


def test_response_clock_is_met_at_first_assignment() -> None:
    history = [step(OPENED, S.NEW), step(local("2026-11-23 09:40"), S.ASSIGNED)]
    response, resolution = clocks(history, OPENED, office(), P3, local("2026-11-23 12:00"))
    assert (response.state, response.phase) == (ClockState.MET, Phase.STOPPED)
    assert response.elapsed == 40 * 60
    assert response.stopped_at == local("2026-11-23 09:40")
    assert response.due is None
    assert resolution.state == ClockState.RUNNING
    assert resolution.elapsed == 3 * HOUR


def test_response_clock_stays_stopped_after_the_first_response() -> None:
    history = [
        step(local("2026-11-23 09:10"), S.IN_PROGRESS),
        step(local("2026-11-23 09:20"), S.PENDING),
        step(local("2026-11-23 11:00"), S.IN_PROGRESS),
    ]
    response, _ = clocks(history, OPENED, office(), P3, local("2026-11-24 12:00"))
    assert response.state == ClockState.MET
    assert response.elapsed == 10 * 60
    assert response.pauses == ()


def test_response_clock_breached_when_first_response_is_late() -> None:
    history = [step(local("2026-11-23 11:00"), S.ASSIGNED)]
    response, _ = clocks(history, OPENED, office(), P3, local("2026-11-23 12:00"))
    assert (response.state, response.phase) == (ClockState.BREACHED, Phase.STOPPED)
    assert response.remaining == -HOUR
    assert response.due == local("2026-11-23 10:00")  # when it breached


def test_resolving_straight_from_new_stops_both_clocks() -> None:
    history = [step(local("2026-11-23 09:30"), S.RESOLVED)]
    response, resolution = clocks(history, OPENED, office(), P3, local("2026-11-23 12:00"))
    assert response.state == resolution.state == ClockState.MET
    assert response.elapsed == resolution.elapsed == 30 * 60


def test_running_clock_past_its_target_is_breached_and_still_running() -> None:
    history = [step(local("2026-11-23 09:05"), S.IN_PROGRESS)]
    _, resolution = clocks(history, OPENED, office(), P3, local("2026-11-24 10:00"))
    assert (resolution.state, resolution.phase) == (ClockState.BREACHED, Phase.RUNNING)
    assert resolution.breached
    assert resolution.remaining == -HOUR
    assert resolution.due == local("2026-11-23 17:00")
    assert resolution.percent == 112.5
    assert not resolution.warning


def test_clock_is_breached_once_the_target_is_used_up_outside_hours() -> None:
    _, resolution = clocks([], OPENED, office(), P3, local("2026-11-23 20:00"))
    assert resolution.remaining == 0
    assert resolution.state == ClockState.BREACHED


def test_warning_at_75_percent_used() -> None:
    _, before = clocks([], OPENED, office(), P3, local("2026-11-23 14:59"))
    _, at_75 = clocks([], OPENED, office(), P3, local("2026-11-23 15:00"))
    assert not before.warning
    assert at_75.warning
    assert at_75.state == ClockState.RUNNING


def test_met_clock_raises_no_warning() -> None:
    history = [step(local("2026-11-23 09:55"), S.ASSIGNED)]
    response, _ = clocks(history, OPENED, office(), P3, local("2026-11-23 12:00"))
    assert response.used > 0.75
    assert not response.warning


def test_pending_pauses_resolution_clock() -> None:
    history = [
        step(local("2026-11-23 09:10"), S.IN_PROGRESS),
        step(local("2026-11-23 10:00"), S.PENDING, PendingReason.VENDOR),
    ]
    _, resolution = clocks(history, OPENED, office(), P3, local("2026-11-23 16:00"))
    assert (resolution.state, resolution.phase) == (ClockState.PAUSED, Phase.PAUSED)
    assert resolution.elapsed == HOUR
    assert resolution.due is None  # a paused clock cannot breach
    assert resolution.pauses == (Pause(local("2026-11-23 10:00"), None, PendingReason.VENDOR),)


def test_leaving_pending_resumes_the_clock() -> None:
    history = [
        step(local("2026-11-23 10:00"), S.PENDING),
        step(local("2026-11-23 14:00"), S.IN_PROGRESS),
    ]
    _, resolution = clocks(history, OPENED, office(), P3, local("2026-11-23 15:00"))
    assert resolution.state == ClockState.RUNNING
    assert resolution.elapsed == 2 * HOUR
    assert resolution.due == local("2026-11-24 13:00")


def test_pending_before_first_response_pauses_the_response_clock() -> None:
    history = [
        step(local("2026-11-23 09:20"), S.PENDING),
        step(local("2026-11-23 13:00"), S.NEW),
    ]
    response, _ = clocks(history, OPENED, office(), P3, local("2026-11-23 13:30"))
    assert response.state == ClockState.RUNNING
    assert response.elapsed == 50 * 60
    assert response.pauses == (
        Pause(local("2026-11-23 09:20"), local("2026-11-23 13:00"), PendingReason.CALLER),
    )


def test_pause_over_a_weekend_counts_only_the_working_time_either_side() -> None:
    history = [
        step(local("2026-11-27 09:00"), S.IN_PROGRESS),  # Friday
        step(local("2026-11-27 15:00"), S.PENDING),
        step(local("2026-11-30 11:00"), S.IN_PROGRESS),  # Monday
    ]
    opened = local("2026-11-27 09:00")
    _, resolution = clocks(history, opened, office(), P3, local("2026-11-30 12:00"))
    assert resolution.elapsed == 6 * HOUR + HOUR
    assert resolution.state == ClockState.RUNNING
    assert resolution.due == local("2026-11-30 13:00")


def test_paused_clock_after_a_breach_stays_breached() -> None:
    history = [
        step(local("2026-11-23 10:00"), S.ASSIGNED),
        step(local("2026-11-24 10:00"), S.PENDING),
    ]
    _, resolution = clocks(history, OPENED, office(), P3, local("2026-11-25 10:00"))
    assert (resolution.state, resolution.phase) == (ClockState.BREACHED, Phase.PAUSED)
    assert resolution.remaining == -HOUR


def test_reopen_after_resolve_resumes_the_resolution_clock() -> None:
    history = [
        step(local("2026-11-23 09:10"), S.IN_PROGRESS),
        step(local("2026-11-23 11:00"), S.RESOLVED),
        step(local("2026-11-23 14:00"), S.IN_PROGRESS),  # reopened
    ]
    _, resolved = clocks(history[:2], OPENED, office(), P3, local("2026-11-23 15:00"))
    _, reopened = clocks(history, OPENED, office(), P3, local("2026-11-23 15:00"))
    assert resolved.state == ClockState.MET
    assert resolved.elapsed == 2 * HOUR
    assert reopened.state == ClockState.RUNNING
    assert reopened.elapsed == 3 * HOUR


def test_closed_keeps_the_resolution_clock_stopped() -> None:
    history = [
        step(local("2026-11-23 11:00"), S.RESOLVED),
        step(local("2026-11-24 11:00"), S.CLOSED),
    ]
    _, resolution = clocks(history, OPENED, office(), P3, local("2026-12-01 11:00"))
    assert (resolution.state, resolution.phase) == (ClockState.MET, Phase.STOPPED)
    assert resolution.elapsed == 2 * HOUR
    assert resolution.stopped_at == local("2026-11-23 11:00")


def test_priority_raised_after_a_partial_breach_applies_the_new_target_to_time_spent() -> None:
    history = [step(local("2026-11-23 09:05"), S.IN_PROGRESS)]
    now = local("2026-11-23 12:00")
    _, as_p3 = clocks(history, OPENED, office(), P3, now)
    _, as_p1 = clocks(history, OPENED, office(), target(0.25, 2, Priority.P1), now)
    assert as_p3.state == ClockState.RUNNING
    assert as_p1.elapsed == as_p3.elapsed == 3 * HOUR
    assert as_p1.state == ClockState.BREACHED
    assert as_p1.remaining == -HOUR
    assert as_p1.due == local("2026-11-23 11:00")


def test_lowered_priority_keeps_the_elapsed_time_and_gives_more_room() -> None:
    now = local("2026-11-23 12:00")
    _, as_p5 = clocks([], OPENED, office(), target(8, 40, Priority.P5), now)
    assert (as_p5.elapsed, as_p5.remaining) == (3 * HOUR, 37 * HOUR)


def test_incident_opened_outside_working_hours_starts_at_the_next_interval() -> None:
    saturday = local("2026-11-21 10:00")
    response, _ = clocks([], saturday, office(), P3, local("2026-11-23 09:30"))
    assert response.elapsed == 30 * 60
    assert response.due == local("2026-11-23 10:00")


def test_service_moved_to_a_24x7_calendar_recounts_the_whole_life() -> None:
    friday = local("2026-11-20 16:00")
    _, office_hours = clocks([], friday, office(), P3, local("2026-11-23 10:00"))
    _, round_the_clock = clocks([], friday, always(), P3, local("2026-11-23 10:00"))
    assert office_hours.elapsed == 2 * HOUR
    assert round_the_clock.elapsed == 66 * HOUR


def test_an_edit_in_the_past_changes_the_next_read() -> None:
    history = [step(local("2026-11-23 09:10"), S.IN_PROGRESS)]
    now = local("2026-11-23 16:00")
    _, before = clocks(history, OPENED, office(), P3, now)
    history.append(step(local("2026-11-23 10:00"), S.PENDING))  # recorded late, out of order
    history.append(step(local("2026-11-23 12:00"), S.IN_PROGRESS))
    _, after = clocks(history, OPENED, office(), P3, now)
    assert before.elapsed - after.elapsed == 2 * HOUR


def test_history_after_now_is_ignored() -> None:
    history = [step(local("2026-11-23 11:00"), S.RESOLVED)]
    _, resolution = clocks(history, OPENED, office(), P3, local("2026-11-23 10:00"))
    assert resolution.state == ClockState.RUNNING
    assert resolution.elapsed == HOUR


def test_now_before_the_opening_reads_as_the_opening() -> None:
    response, _ = clocks([], OPENED, office(), P3, OPENED - timedelta(minutes=5))
    assert (response.elapsed, response.due) == (0, local("2026-11-23 10:00"))


def test_steps_recorded_before_the_opening_count_from_the_opening() -> None:
    history = [step(OPENED - timedelta(hours=2), S.ASSIGNED)]
    response, resolution = clocks(history, OPENED, office(), P3, local("2026-11-23 12:00"))
    assert (response.state, response.elapsed) == (ClockState.MET, 0)
    assert response.stopped_at == OPENED
    assert resolution.elapsed == 3 * HOUR


def test_incident_created_already_assigned_has_met_its_response() -> None:
    history = [step(OPENED, S.ASSIGNED)]
    response, _ = clocks(history, OPENED, office(), P3, local("2026-11-23 12:00"))
    assert (response.state, response.elapsed) == (ClockState.MET, 0)


def test_each_pending_reason_is_its_own_pause() -> None:
    history = [
        step(local("2026-11-23 10:00"), S.PENDING, PendingReason.CALLER),
        step(local("2026-11-23 11:00"), S.PENDING, PendingReason.CHANGE),
        step(local("2026-11-23 12:00"), S.ASSIGNED),
    ]
    _, resolution = clocks(history, OPENED, office(), P3, local("2026-11-23 13:00"))
    assert [p.reason for p in resolution.pauses] == [PendingReason.CALLER, PendingReason.CHANGE]
    assert resolution.pauses[0].ended_at == resolution.pauses[1].started_at
    assert resolution.elapsed == 2 * HOUR


def test_incident_clocks_reads_opening_and_history_from_the_record() -> None:
    incident = Incident(
        number="INC-000001",
        title="Mail is down",
        opened_at=OPENED,
        state=S.RESOLVED,
        resolution_code=ResolutionCode.FIXED,
        history=[step(OPENED, S.NEW), step(local("2026-11-23 10:30"), S.RESOLVED)],
    )
    response, resolution = incident_clocks(incident, office(), P3, local("2026-11-24 09:00"))
    assert response.state == ClockState.BREACHED
    assert resolution.state == ClockState.MET


def test_first_response_is_the_first_step_out_of_new_or_pending() -> None:
    history = [
        step(local("2026-11-23 09:20"), S.PENDING),
        step(local("2026-11-23 11:00"), S.ASSIGNED),
        step(local("2026-11-23 12:00"), S.IN_PROGRESS),
    ]
    assert first_response(history, OPENED) == local("2026-11-23 11:00")
    assert first_response(history[:1], OPENED) is None


def test_clock_as_json_gives_state_due_and_remaining_seconds() -> None:
    history = [step(local("2026-11-23 10:00"), S.PENDING, PendingReason.VENDOR)]
    response, resolution = clocks(history, OPENED, office(), P3, local("2026-11-23 11:00"))
    assert json.loads(json.dumps(resolution.as_json())) == {
        "kind": "resolution",
        "state": "paused",
        "phase": "paused",
        "target_seconds": 8 * HOUR,
        "elapsed_seconds": HOUR,
        "remaining_seconds": 7 * HOUR,
        "due": None,
        "percent_used": 12.5,
        "warning": False,
        "stopped_at": None,
        "pauses": [
            {"started_at": "2026-11-23T10:00:00Z", "ended_at": None, "reason": "awaiting_vendor"}
        ],
    }
    assert response.as_json()["due"] == "2026-11-23T10:00:00Z"
