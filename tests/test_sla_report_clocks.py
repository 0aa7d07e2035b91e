"""The report's own reading of clocks agrees with the SLA engine's, on random histories."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sms_tui.models import BusinessCalendar, Priority, SlaTarget, StateChange
from sms_tui.sla import ClockState, clocks, schedule
from sms_tui.sla.report_clock import ReportIncident, life_until, read_clock
from tests.sla_calendars import always
from tests.test_sla_properties import FAST, calendars, histories, targets, utc


@FAST
@given(st.one_of(calendars(), st.just(always("UTC"))), histories(), targets)
def test_read_clock_agrees_with_the_engine(
    calendar: BusinessCalendar, story: tuple[int, list[StateChange], int], target: SlaTarget
) -> None:
    opened, history, now = story
    incident = ReportIncident.of("INC-000001", "S", Priority.P3, utc(opened), history)
    life = life_until(incident, now)
    plan = schedule(calendar)
    engine = clocks(history, utc(opened), calendar, target, utc(now))
    for clock, minutes, response in (
        (engine.response, target.respond_minutes, True),
        (engine.resolution, target.resolve_minutes, False),
    ):
        reading = read_clock(life, now, plan, minutes * 60, response=response)
        assert reading.elapsed == clock.elapsed
        assert reading.stopped_at == (
            None if clock.stopped_at is None else int(clock.stopped_at.timestamp())
        )
        if clock.state == ClockState.BREACHED:
            assert clock.due is not None
            assert reading.breached_at == int(clock.due.timestamp())
        else:
            assert reading.breached_at is None
