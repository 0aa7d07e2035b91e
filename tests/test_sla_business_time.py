"""Business-time arithmetic: working intervals, holidays, timezones and DST, 24x7."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from sms_tui.models import WEEKDAYS, Weekday, WorkingInterval
from sms_tui.sla import add_business_time, business_seconds_between, schedule
from tests.sla_calendars import HOUR, always, calendar, local, office

LUNCH = (("08:00", "12:00"), ("13:00", "17:00"))
NIGHT = (("00:00", "04:00"),)


def test_friday_afternoon_four_hours_is_due_monday_noon() -> None:
    due = add_business_time(office(), local("2026-11-20 16:00"), 4 * HOUR)
    assert due == local("2026-11-23 12:00")


def test_monday_holiday_moves_the_due_time_to_tuesday_noon() -> None:
    calendar = office(holidays=[date(2026, 11, 23)])
    assert add_business_time(calendar, local("2026-11-20 16:00"), 4 * HOUR) == local(
        "2026-11-24 12:00"
    )


def test_weekend_and_nights_are_not_counted() -> None:
    start, end = local("2026-11-20 16:00"), local("2026-11-23 12:00")
    assert business_seconds_between(office(), start, end) == 4 * HOUR


def test_due_time_is_the_end_of_the_day_when_the_target_runs_out_there() -> None:
    due = add_business_time(office(), local("2026-11-20 16:00"), HOUR)
    assert due == local("2026-11-20 17:00")


def test_adding_nothing_gives_the_start_back_even_outside_hours() -> None:
    saturday = local("2026-11-21 10:00")
    assert add_business_time(office(), saturday, 0) == saturday


def test_lunch_break_is_not_counted() -> None:
    lunch = calendar(LUNCH)
    assert add_business_time(lunch, local("2026-11-23 11:00"), 2 * HOUR) == local(
        "2026-11-23 14:00"
    )
    assert business_seconds_between(
        lunch, local("2026-11-23 07:00"), local("2026-11-23 18:00")
    ) == (8 * HOUR)


def test_time_starting_in_lunch_begins_after_lunch() -> None:
    due = add_business_time(calendar(LUNCH), local("2026-11-23 12:15"), 30 * 60)
    assert due == local("2026-11-23 13:30")


def test_time_starting_outside_hours_begins_at_the_next_interval() -> None:
    assert add_business_time(office(), local("2026-11-21 10:00"), HOUR) == local("2026-11-23 10:00")
    assert add_business_time(office(), local("2026-11-23 07:00"), HOUR) == local("2026-11-23 10:00")
    assert add_business_time(office(), local("2026-11-23 17:30"), HOUR) == local("2026-11-24 10:00")


def test_holiday_is_a_whole_local_day_in_the_calendar_zone() -> None:
    new_york = office("America/New_York", holidays=[date(2026, 11, 26)])
    start, end = (
        local("2026-11-26 00:00", "America/New_York"),
        local("2026-11-27 00:00", "America/New_York"),
    )
    assert business_seconds_between(new_york, start, end) == 0
    assert business_seconds_between(new_york, start, end + timedelta(days=1)) == 8 * HOUR


def test_consecutive_holidays_are_all_skipped() -> None:
    christmas = office(holidays=[date(2026, 12, 24), date(2026, 12, 25), date(2026, 12, 28)])
    due = add_business_time(christmas, local("2026-12-23 16:00"), 2 * HOUR)
    assert due == local("2026-12-29 10:00")


@pytest.mark.parametrize(
    ("timezone", "day"),
    [
        ("Europe/London", "2026-03-29"),
        ("Europe/London", "2026-10-25"),
        ("America/New_York", "2026-03-08"),
        ("America/New_York", "2026-11-01"),
    ],
)
def test_office_day_is_eight_hours_on_a_dst_change_day(timezone: str, day: str) -> None:
    every_day = calendar(timezone=timezone, days=WEEKDAYS)
    start, end = local(f"{day} 00:00", timezone), local(f"{day} 23:59", timezone)
    assert business_seconds_between(every_day, start, end) == 8 * HOUR
    assert add_business_time(every_day, start, 8 * HOUR) == local(f"{day} 17:00", timezone)


@pytest.mark.parametrize(
    ("timezone", "day", "hours"),
    [
        ("Europe/London", "2026-03-29", 3),
        ("Europe/London", "2026-10-25", 5),
        ("America/New_York", "2026-03-08", 3),
        ("America/New_York", "2026-11-01", 5),
    ],
)
def test_interval_spanning_a_dst_jump_follows_the_wall_clock(
    timezone: str, day: str, hours: int
) -> None:
    nights = calendar(NIGHT, timezone=timezone, days=WEEKDAYS)
    start, noon = local(f"{day} 00:00", timezone), local(f"{day} 12:00", timezone)
    assert business_seconds_between(nights, start, noon) == hours * HOUR
    assert add_business_time(nights, start, hours * HOUR) == local(f"{day} 04:00", timezone)


def test_due_time_inside_a_spring_forward_interval_skips_the_missing_hour() -> None:
    nights = calendar(NIGHT, days=WEEKDAYS)
    # 00:30 GMT, half an hour to the jump at 01:00 GMT (02:00 BST), then 30 minutes of BST.
    due = add_business_time(nights, local("2026-03-29 00:30"), HOUR)
    assert due == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert due.astimezone(ZoneInfo("Europe/London")).hour == 2


def test_repeated_fall_back_hour_counts_twice_in_an_interval_that_covers_it() -> None:
    early = calendar((("01:00", "01:30"),), days=WEEKDAYS)
    start, end = local("2026-10-25 00:00"), local("2026-10-25 06:00")
    assert business_seconds_between(early, start, end) == HOUR


def test_office_hours_keep_their_local_times_across_the_dst_weekend() -> None:
    due = add_business_time(office(), local("2026-03-27 16:00"), 4 * HOUR)
    assert due == local("2026-03-30 12:00")
    assert due == datetime(2026, 3, 30, 11, 0, tzinfo=UTC)


def test_long_span_counts_whole_weeks_and_holidays() -> None:
    holidays = [date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1)]
    start = local("2026-11-02 00:00")  # a Monday
    end = start + timedelta(weeks=13)
    assert (
        business_seconds_between(office(holidays=holidays), start, end) == (13 * 5 - 3) * 8 * HOUR
    )


def test_due_time_years_ahead_in_a_zone_without_dst() -> None:
    monday_hour = calendar((("09:00", "10:00"),), timezone="Asia/Tokyo", days=[Weekday.MON])
    start = local("2026-11-23 09:00", "Asia/Tokyo")
    due = add_business_time(monday_hour, start, 200 * HOUR)
    assert due == local("2030-09-16 10:00", "Asia/Tokyo")  # the 200th Monday
    assert business_seconds_between(monday_hour, start, due) == 200 * HOUR


def test_always_open_business_time_is_wall_time_even_on_a_dst_day() -> None:
    start = local("2026-03-29 00:00")
    assert business_seconds_between(always(), start, local("2026-03-30 00:00")) == 23 * HOUR
    assert add_business_time(always(), start, 23 * HOUR) == local("2026-03-30 00:00")


def test_always_open_ignores_holidays() -> None:
    open_always = always().model_copy(update={"holidays": [date(2026, 12, 25)]})
    start = local("2026-12-25 00:00")
    assert business_seconds_between(open_always, start, start + timedelta(days=1)) == 24 * HOUR


def test_end_before_start_is_no_business_time() -> None:
    assert (
        business_seconds_between(office(), local("2026-11-23 12:00"), local("2026-11-23 10:00"))
        == 0
    )


def test_fractions_of_a_second_are_dropped() -> None:
    start = local("2026-11-23 10:00") + timedelta(microseconds=900_000)
    assert business_seconds_between(office(), start, start + timedelta(seconds=1)) == 1
    assert add_business_time(office(), start, 60).microsecond == 0


def test_result_is_utc_for_any_input_zone() -> None:
    start = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Asia/Kolkata"))
    due = add_business_time(office(), start, 60)
    assert due.tzinfo is UTC


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="needs a timezone"):
        business_seconds_between(office(), datetime(2026, 11, 23, 10), local("2026-11-23 11:00"))


def test_negative_amount_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_business_time(office(), local("2026-11-23 10:00"), -1)


def test_edited_calendar_gives_the_new_answer() -> None:
    edited = office()
    start, end = local("2026-11-23 00:00"), local("2026-11-24 00:00")
    assert business_seconds_between(edited, start, end) == 8 * HOUR
    edited.hours[Weekday.MON] = [WorkingInterval(start=time(9), end=time(12))]
    assert business_seconds_between(edited, start, end) == 3 * HOUR


def test_compiled_schedule_answers_like_its_calendar() -> None:
    compiled = schedule(office())
    start, end = local("2026-11-20 16:00"), local("2026-11-23 12:00")
    assert business_seconds_between(compiled, start, end) == 4 * HOUR
    assert schedule(compiled) is compiled


def test_sla_engine_imports_without_textual_or_the_store() -> None:
    script = (
        "import sys\n"
        "import sms_tui.sla\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] == 'textual' or m.startswith('sms_tui.store')]\n"
        "print(loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
