"""Properties of business time and clocks over random calendars, zones and histories."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from sms_tui.models import (
    WEEKDAYS,
    BusinessCalendar,
    IncidentState,
    PendingReason,
    Priority,
    SlaTarget,
    StateChange,
    Weekday,
    WorkingInterval,
)
from sms_tui.sla import ClockState, add_business_time, business_seconds_between, clocks
from tests.sla_calendars import always

S = IncidentState
DAY = 86_400
FAST = settings(max_examples=60, deadline=None)


def _at(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp())


# Each zone's 2026 DST changes, roughly (and a new year), where the arithmetic has most to get wrong.
HOT_SPOTS = {
    "Europe/London": [_at("2026-03-29T01:00Z"), _at("2026-10-25T01:00Z")],
    "America/New_York": [_at("2026-03-08T07:00Z"), _at("2026-11-01T06:00Z")],
    "Australia/Lord_Howe": [_at("2026-04-04T15:00Z"), _at("2026-10-03T15:30Z")],  # 30-minute shift
    "Pacific/Chatham": [_at("2026-04-04T14:00Z"), _at("2026-09-26T14:00Z")],  # +12:45
    "Asia/Kolkata": [_at("2026-12-31T18:30Z")],  # +05:30, no DST
    "UTC": [_at("2026-12-31T23:00Z")],
}
ZONES = list(HOT_SPOTS)
LOW, HIGH = _at("2025-12-01T00:00Z"), _at("2027-01-31T00:00Z")


def _instants(step: int, zone: str | None = None) -> st.SearchStrategy[int]:
    spots = HOT_SPOTS[zone] if zone else [t for ts in HOT_SPOTS.values() for t in ts]
    near = st.builds(int.__add__, st.sampled_from(spots), st.integers(-3 * DAY, 3 * DAY))
    return st.one_of(st.integers(LOW, HIGH), near, near).map(lambda t: t - t % step)


seconds = _instants(1)


@st.composite
def calendars(draw: st.DrawFn, zone: str | None = None) -> BusinessCalendar:
    """Up to three intervals a day on minute marks, holidays near the zone's hot spots."""
    zone = zone or draw(st.sampled_from(ZONES))
    hours: dict[Weekday, list[WorkingInterval]] = {}
    for day in WEEKDAYS:
        marks = sorted(draw(st.lists(st.integers(0, 1439), max_size=6, unique=True)))
        pairs = zip(marks[0::2], marks[1::2], strict=False)
        hours[day] = [
            WorkingInterval(start=time(a // 60, a % 60), end=time(b // 60, b % 60))
            for a, b in pairs
        ]
    if not any(hours.values()):
        hours[WEEKDAYS[0]] = [WorkingInterval(start=time(9), end=time(17))]
    near = st.builds(
        lambda spot, days: datetime.fromtimestamp(spot + days * DAY, UTC).date(),
        st.sampled_from(HOT_SPOTS[zone]),
        st.integers(-3, 3),
    )
    anywhere = st.dates(date(2025, 12, 1), date(2027, 1, 31))
    holidays = draw(st.lists(st.one_of(anywhere, near), max_size=8))
    return BusinessCalendar(name="random", timezone=zone, hours=hours, holidays=holidays)


@st.composite
def spans(draw: st.DrawFn) -> tuple[BusinessCalendar, int, int]:
    """A calendar and a span of up to three days on minute marks, mostly across a DST change."""
    zone = draw(st.sampled_from(ZONES))
    if draw(st.integers(0, 3)):
        spot = draw(st.sampled_from(HOT_SPOTS[zone]))
        start = spot - draw(st.integers(0, 36 * 60)) * 60
        end = spot + draw(st.integers(0, 36 * 60)) * 60
    else:
        start = draw(_instants(60, zone))
        end = start + 60 * draw(st.integers(0, 3 * 24 * 60))
    return draw(calendars(zone)), start - start % 60, end - end % 60


def utc(instant: int) -> datetime:
    return datetime.fromtimestamp(instant, UTC)


def by_the_minute(calendar: BusinessCalendar, start: int, end: int) -> int:
    """The definition, done slowly: count each minute whose local wall time is working time."""
    zone, holidays, total = ZoneInfo(calendar.timezone), set(calendar.holidays), 0
    for instant in range(start, end, 60):
        wall = datetime.fromtimestamp(instant, zone)
        if wall.date() in holidays:
            continue
        spans = calendar.hours.get(WEEKDAYS[wall.weekday()], [])
        total += 60 * any(span.start <= wall.time() < span.end for span in spans)
    return total


@settings(max_examples=100, deadline=None)
@given(spans())
def test_business_time_matches_minute_by_minute_counting(
    span: tuple[BusinessCalendar, int, int],
) -> None:
    calendar, start, end = span
    assert business_seconds_between(calendar, utc(start), utc(end)) == by_the_minute(
        calendar, start, end
    )


@FAST
@given(calendars(), seconds, st.integers(0, 200 * DAY))
def test_adding_business_time_then_measuring_it_gives_it_back(
    calendar: BusinessCalendar, start: int, amount: int
) -> None:
    due = add_business_time(calendar, utc(start), amount)
    assert business_seconds_between(calendar, utc(start), due) == amount
    if amount:  # and it is the earliest such instant
        assert (
            business_seconds_between(calendar, utc(start), utc(int(due.timestamp()) - 1)) < amount
        )


@FAST
@given(calendars(), seconds, st.integers(0, 40 * DAY), st.integers(0, 40 * DAY))
def test_business_time_adds_up_and_never_exceeds_wall_time(
    calendar: BusinessCalendar, start: int, first: int, second: int
) -> None:
    a, b, c = utc(start), utc(start + first), utc(start + first + second)
    ab, bc, ac = (business_seconds_between(calendar, x, y) for x, y in ((a, b), (b, c), (a, c)))
    assert ab + bc == ac
    assert 0 <= ab <= first
    assert ab <= ac  # monotonic in the end


@FAST
@given(st.sampled_from(ZONES), seconds, st.integers(0, 400 * DAY))
def test_always_open_business_time_equals_wall_time(zone: str, start: int, length: int) -> None:
    calendar = always(zone)
    assert business_seconds_between(calendar, utc(start), utc(start + length)) == length
    assert add_business_time(calendar, utc(start), length) == utc(start + length)


@st.composite
def histories(draw: st.DrawFn) -> tuple[int, list[StateChange], int]:
    """An opening, a history that never goes back to new, and a `now` after it."""
    opened = draw(seconds)
    at, history = opened, []
    for _ in range(draw(st.integers(0, 8))):
        at += draw(st.integers(0, 3 * DAY))
        state = draw(st.sampled_from([S.ASSIGNED, S.IN_PROGRESS, S.PENDING, S.RESOLVED, S.CLOSED]))
        reason = draw(st.sampled_from(PendingReason)) if state == S.PENDING else None
        history.append(StateChange(at=utc(at), state=state, reason=reason))
    return opened, history, at + draw(st.integers(0, 5 * DAY))


targets = st.builds(
    lambda respond, extra: SlaTarget(
        priority=Priority.P3, respond_minutes=respond, resolve_minutes=respond + extra
    ),
    st.integers(1, 3000),
    st.integers(0, 6000),
)


@FAST
@given(calendars(), histories(), targets)
def test_clock_readings_are_consistent(
    calendar: BusinessCalendar, story: tuple[int, list[StateChange], int], target: SlaTarget
) -> None:
    opened, history, now = story
    for clock in clocks(history, utc(opened), calendar, target, utc(now)):
        assert clock.elapsed + clock.remaining == clock.target
        if clock.state == ClockState.RUNNING:
            assert clock.due is not None and clock.due >= utc(now)
            assert business_seconds_between(calendar, utc(now), clock.due) == clock.remaining
        if clock.breached:
            assert clock.due is not None and clock.due <= utc(now)
            assert clock.remaining <= 0
        if clock.warning:
            assert not clock.breached and clock.used >= 0.75


def _state_at(history: Sequence[StateChange], instant: int) -> StateChange | None:
    before = [c for c in sorted(history, key=lambda c: c.at) if c.at <= utc(instant)]
    return before[-1] if before else None


def _pended(history: list[StateChange], start: int, end: int) -> list[StateChange]:
    """The same history with [start, end) overwritten by a pending stretch."""
    ordered = sorted(history, key=lambda c: c.at)
    resumed = _state_at(history, end) or StateChange(at=utc(end), state=S.NEW)
    return [
        *(c for c in ordered if c.at < utc(start)),
        StateChange(at=utc(start), state=S.PENDING, reason=PendingReason.VENDOR),
        resumed.model_copy(update={"at": utc(end)}),
        *(c for c in ordered if c.at > utc(end)),
    ]


@FAST
@given(calendars(), histories(), targets, st.data())
def test_pausing_never_consumes_time(
    calendar: BusinessCalendar,
    story: tuple[int, list[StateChange], int],
    target: SlaTarget,
    data: st.DataObject,
) -> None:
    opened, history, now = story
    start = data.draw(st.integers(opened, now))
    end = data.draw(st.integers(start, now + DAY))
    plain = clocks(history, utc(opened), calendar, target, utc(now))
    paused = clocks(_pended(history, start, end), utc(opened), calendar, target, utc(now))
    assert paused.response.elapsed <= plain.response.elapsed
    assert paused.resolution.elapsed <= plain.resolution.elapsed
    # Exactly the business time the resolution clock was running inside the pause is saved.
    saved = 0
    cuts = sorted({start, min(end, now), *(int(c.at.timestamp()) for c in history)})
    for since, until in itertools.pairwise(cuts):
        state = _state_at(history, since)
        running = state is None or state.state in (S.ASSIGNED, S.IN_PROGRESS)
        if running and start <= since and until <= min(end, now):
            saved += business_seconds_between(calendar, utc(since), utc(until))
    assert plain.resolution.elapsed - paused.resolution.elapsed == saved


@FAST
@given(calendars(), histories(), targets, targets, st.integers(0, 10 * DAY))
def test_elapsed_time_grows_with_now_and_ignores_the_target(
    calendar: BusinessCalendar,
    story: tuple[int, list[StateChange], int],
    target: SlaTarget,
    other: SlaTarget,
    later: int,
) -> None:
    opened, history, now = story
    first = clocks(history, utc(opened), calendar, target, utc(now))
    retargeted = clocks(history, utc(opened), calendar, other, utc(now))
    after = clocks(history, utc(opened), calendar, target, utc(now + later))
    for a, b, c in zip(first, retargeted, after, strict=True):
        assert a.elapsed == b.elapsed <= c.elapsed


@FAST
@given(st.sampled_from(ZONES), seconds, st.integers(0, 60 * DAY), targets)
def test_always_open_clock_without_pauses_counts_wall_time(
    zone: str, opened: int, length: int, target: SlaTarget
) -> None:
    history = [StateChange(at=utc(opened + length // 3), state=S.IN_PROGRESS)]
    _, resolution = clocks(history, utc(opened), always(zone), target, utc(opened + length))
    assert resolution.elapsed == length
