"""Record validation: each refusal names the field and says why."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

import pytest
from pydantic import ValidationError

from sms_tui.models import (
    NAME_MAX,
    BusinessCalendar,
    Change,
    Desk,
    Incident,
    Relationship,
    Service,
    SlaTarget,
    WorkingInterval,
)
from sms_tui.store.desk import parse_desk
from sms_tui.store.errors import Invalid
from sms_tui.store.validation import describe

OFFICE = {
    "mon": [{"start": "08:00", "end": "12:00"}, {"start": "13:00", "end": "17:00"}],
    "tue": [{"start": "08:00", "end": "12:00"}, {"start": "13:00", "end": "17:00"}],
    "wed": [{"start": "08:00", "end": "12:00"}, {"start": "13:00", "end": "17:00"}],
    "thu": [{"start": "08:00", "end": "12:00"}, {"start": "13:00", "end": "17:00"}],
    "fri": [{"start": "08:00", "end": "12:00"}, {"start": "13:00", "end": "17:00"}],
}


def _error(call) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as raised:
        call()
    return describe(raised.value)


def test_calendar_summary_groups_days_with_the_same_hours() -> None:
    calendar = BusinessCalendar(
        name="Office", timezone="Europe/Paris", hours=OFFICE, holidays=[date(2026, 12, 25)]
    )
    assert calendar.summary() == "Mon-Fri 08:00-12:00 13:00-17:00 Europe/Paris"
    assert BusinessCalendar(name="Always", always_open=True).summary() == "24x7"


def test_calendar_refuses_unknown_zone_overlaps_and_no_hours() -> None:
    assert "timezone: unknown timezone 'Mars/Olympus'" in _error(
        lambda: BusinessCalendar(name="x", timezone="Mars/Olympus", hours=OFFICE)
    )
    overlap = {"mon": [{"start": "08:00", "end": "12:00"}, {"start": "11:00", "end": "13:00"}]}
    assert "mon: 08:00-12:00 overlaps 11:00-13:00" in _error(
        lambda: BusinessCalendar(name="x", hours=overlap)
    )
    assert "working hours" in _error(lambda: BusinessCalendar(name="x"))
    assert "must be before end" in _error(lambda: WorkingInterval(start=time(17), end=time(9)))


def test_service_refuses_duplicate_targets_and_blank_names() -> None:
    targets = [SlaTarget(priority="P1", respond_minutes=15, resolve_minutes=240)] * 2
    assert "more than one target for P1" in _error(
        lambda: Service(name="Mail", calendar="c", targets=targets)
    )
    assert "name: must not be blank" in _error(lambda: Service(name="   ", calendar="c"))
    assert "resolve_minutes must not be shorter" in _error(
        lambda: SlaTarget(priority="P2", respond_minutes=60, resolve_minutes=30)
    )


def test_over_long_names_are_refused_but_the_limit_fits_any_hostile_string() -> None:
    assert Service(name="x" * NAME_MAX, calendar="c").name
    assert "name: String should have at most 5000 characters" in _error(
        lambda: Service(name="x" * (NAME_MAX + 1), calendar="c")
    )


def test_times_need_a_zone_and_are_kept_in_utc_whole_seconds() -> None:
    message = _error(
        lambda: Incident(number="INC-000001", title="t", opened_at=datetime(2026, 1, 1))
    )
    assert "opened_at: needs a timezone" in message
    incident = Incident(number="INC-000001", title="t", opened_at="2026-11-22T10:00:00.750+01:00")  # type: ignore[arg-type]
    assert incident.opened_at.isoformat() == "2026-11-22T09:00:00+00:00"


def test_incident_state_rules() -> None:
    opened = datetime.fromisoformat("2026-11-22T09:00:00+00:00")
    assert "pending_reason" in _error(
        lambda: Incident(number="INC-000001", title="t", opened_at=opened, state="pending")
    )
    assert "resolution_code" in _error(
        lambda: Incident(number="INC-000001", title="t", opened_at=opened, state="resolved")
    )
    assert "resolved_at is before opened_at" in _error(
        lambda: Incident(
            number="INC-000001",
            title="t",
            opened_at=opened,
            state="resolved",
            resolution_code="fixed",
            resolved_at=opened - timedelta(hours=1),
        )
    )
    assert "number" in _error(lambda: Incident(number="123", title="t", opened_at=opened))


def test_change_window_and_relationship_rules() -> None:
    start = datetime.fromisoformat("2026-11-22T22:00:00+00:00")
    assert "planned_end must be after planned_start" in _error(
        lambda: Change(
            number="CHG-00001", title="t", requester="a", planned_start=start, planned_end=start
        )
    )
    assert "cannot relate to itself" in _error(
        lambda: Relationship(source="a", kind="depends_on", target="a")
    )


def test_unknown_fields_are_refused() -> None:
    assert "colour: Extra inputs are not permitted" in _error(
        lambda: Service(name="Mail", calendar="c", colour="blue")  # type: ignore[call-arg]
    )


def test_a_desk_report_names_each_row_and_field() -> None:
    desk = Desk().model_dump(mode="json")
    desk["calendars"] = [{"name": "24x7", "always_open": True}]
    desk["services"] = [
        {"name": "Mail", "calendar": "24x7"},
        {"name": "Payroll", "calendar": "Nope"},
        {"name": "", "calendar": "24x7"},
    ]
    with pytest.raises(Invalid) as refused:
        parse_desk(json.dumps(desk))
    assert "services[2].name: String should have at least 1 character" in str(refused.value)
    desk["services"].pop()
    with pytest.raises(Invalid) as refused:
        parse_desk(json.dumps(desk))
    assert "services[1] (Payroll).calendar: unknown calendar 'Nope'" in str(refused.value)
    assert str(refused.value).startswith("1 problem found, nothing was written")
