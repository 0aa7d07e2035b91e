"""Change conflicts: same CI, one hop in the CMDB, blackouts, maintenance windows, people."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sms_tui.impact import CmdbGraph
from sms_tui.models import (
    Change,
    ChangeState,
    RelationshipKind,
    Service,
    Window,
    WindowKind,
)
from sms_tui.scheduling import (
    WEEK,
    ConflictKind,
    IntervalIndex,
    Schedule,
    containing,
    overlapping,
)

K = ConflictKind
MON = datetime(2026, 11, 23, tzinfo=UTC)  # a Monday
H = timedelta(hours=1)
DEPENDS_ON = RelationshipKind.DEPENDS_ON


def change(number: int, start_h: float, hours: float, *cis: str, **fields: Any) -> Change:
    values: dict[str, Any] = {
        "number": f"CHG-{number:05d}",
        "title": f"change {number}",
        "planned_start": MON + start_h * H,
        "planned_end": MON + (start_h + hours) * H,
        "cis": list(cis),
        "requester": "alice",
        "implementer": f"impl{number}",
        "state": ChangeState.SCHEDULED,
    }
    values.update(fields)
    return Change(**values)


def window(name: str, kind: WindowKind, start_h: float, hours: float, **fields: Any) -> Window:
    return Window(
        name=name,
        kind=kind,
        starts_at=MON + start_h * H,
        ends_at=MON + (start_h + hours) * H,
        **fields,
    )


def kinds(schedule: Schedule, c: Change) -> list[tuple[ConflictKind, str]]:
    return [(x.kind, x.other) for x in schedule.conflicts(c)]


def test_overlap_on_the_same_ci_conflicts() -> None:
    other = change(2, 10, 2, "db-01", "app-01")
    c = change(1, 11, 2, "db-01")
    [conflict] = Schedule([other]).conflicts(c)
    assert (conflict.kind, conflict.other) == (K.SAME_CI, "CHG-00002")
    assert "db-01" in conflict.message and "app-01" not in conflict.message


def test_touching_changes_do_not_conflict() -> None:
    schedule = Schedule([change(2, 10, 2, "db-01", implementer="bob")])
    assert schedule.conflicts(change(1, 12, 1, "db-01", implementer="bob")) == []
    assert schedule.conflicts(change(1, 8, 2, "db-01", implementer="bob")) == []


def test_a_change_is_not_its_own_conflict() -> None:
    c = change(1, 10, 2, "db-01")
    assert Schedule([c]).conflicts(c) == []


def test_cancelled_rejected_and_closed_changes_hold_no_slot() -> None:
    others = [
        change(2, 10, 2, "db-01", state=ChangeState.CANCELLED),
        change(3, 10, 2, "db-01", state=ChangeState.REJECTED),
        change(4, 10, 2, "db-01", state=ChangeState.CLOSED),
    ]
    assert Schedule(others).conflicts(change(1, 10, 2, "db-01")) == []
    drafts = Schedule([change(5, 10, 2, "db-01", state=ChangeState.DRAFT)])
    assert kinds(drafts, change(1, 10, 2, "db-01")) == [(K.SAME_CI, "CHG-00005")]


def test_a_candidate_slot_is_checked_instead_of_the_planned_one() -> None:
    schedule = Schedule([change(2, 10, 2, "db-01")])
    c = change(1, 20, 1, "db-01")
    assert schedule.conflicts(c) == []
    assert len(schedule.conflicts(c, MON + 11 * H, MON + 12 * H)) == 1


def test_one_hop_dependency_conflicts_both_ways() -> None:
    graph = CmdbGraph([("app-01", DEPENDS_ON, "db-01"), ("db-01", DEPENDS_ON, "san-01")])
    on_app = change(2, 10, 2, "app-01")
    on_san = change(3, 10, 2, "san-01")
    schedule = Schedule([on_app, on_san], graph=graph)
    found = schedule.conflicts(change(1, 11, 1, "db-01"))
    assert [(x.kind, x.other) for x in found] == [
        (K.DEPENDENCY, "CHG-00002"),
        (K.DEPENDENCY, "CHG-00003"),
    ]
    assert "app-01 (next to db-01)" in found[0].message
    # Two hops away is not a conflict.
    assert kinds(Schedule([on_san], graph=graph), change(1, 11, 1, "app-01")) == []


def test_a_change_sharing_a_ci_is_not_also_a_dependency_conflict() -> None:
    graph = CmdbGraph([("app-01", DEPENDS_ON, "db-01")])
    schedule = Schedule([change(2, 10, 2, "app-01", "db-01")], graph=graph)
    assert kinds(schedule, change(1, 10, 2, "db-01")) == [(K.SAME_CI, "CHG-00002")]


def test_connected_to_is_not_a_dependency_by_default() -> None:
    edges = [("srv-01", RelationshipKind.CONNECTED_TO, "sw-01")]
    other = [change(2, 10, 2, "sw-01")]
    assert Schedule(other, graph=CmdbGraph(edges)).conflicts(change(1, 10, 1, "srv-01")) == []
    both = CmdbGraph(edges, connected_both_ways=True)
    assert kinds(Schedule(other, graph=both), change(1, 10, 1, "srv-01")) == [
        (K.DEPENDENCY, "CHG-00002")
    ]


def test_blackout_conflicts_and_touching_it_does_not() -> None:
    freeze = window("year-end", WindowKind.BLACKOUT, 24, 48)
    schedule = Schedule([], [freeze])
    [conflict] = schedule.conflicts(change(1, 70, 4, "db-01"))
    assert (conflict.kind, conflict.other) == (K.BLACKOUT, "year-end")
    assert "year-end" in conflict.message
    assert schedule.conflicts(change(1, 72, 4, "db-01")) == []
    assert schedule.conflicts(change(1, 20, 4, "db-01")) == []


def test_weekly_blackout_repeats_every_seven_days_from_its_start() -> None:
    # Mondays 09:00-17:00 from the second week on.
    trading = window("trading", WindowKind.BLACKOUT, 7 * 24 + 9, 8, weekly=True)
    schedule = Schedule([], [trading])
    assert schedule.conflicts(change(1, 10, 1, "db-01")) == []  # before the first occurrence
    for week in (1, 2, 5, 52):
        found = kinds(schedule, change(1, week * 7 * 24 + 16, 2, "db-01"))
        assert found == [(K.BLACKOUT, "trading")], week
        assert schedule.conflicts(change(1, week * 7 * 24 + 17, 2, "db-01")) == []
        assert schedule.conflicts(change(1, week * 7 * 24 + 7, 2, "db-01")) == []
    # A long change spanning a whole week catches an occurrence.
    assert kinds(schedule, change(1, 7 * 24 + 18, 6 * 24 + 16, "db-01"))


def test_service_blackout_binds_only_that_services_changes() -> None:
    payroll = Service(name="Payroll", calendar="office", cis=["pay-db"])
    freeze = window("month-end", WindowKind.BLACKOUT, 0, 48, service="Payroll")
    schedule = Schedule([], [freeze], [payroll])
    assert kinds(schedule, change(1, 10, 1, "pay-db")) == [(K.BLACKOUT, "month-end")]
    assert schedule.conflicts(change(1, 10, 1, "shop-db")) == []


def test_change_must_fit_inside_one_maintenance_occurrence_of_each_affected_service() -> None:
    mail = Service(name="Mail", calendar="24x7", cis=["mx-01"])
    shop = Service(name="Shop", calendar="24x7", cis=["web-01"])
    sunday = window(
        "mail-sunday", WindowKind.MAINTENANCE, 6 * 24 + 2, 4, service="Mail", weekly=True
    )
    schedule = Schedule([], [sunday], [mail, shop])
    inside = change(1, 7 * 24 + 6 * 24 + 2, 4, "mx-01")  # the next Sunday, exactly the window
    assert schedule.conflicts(inside) == []
    late = change(1, 6 * 24 + 5, 2, "mx-01")  # runs over the end
    assert kinds(schedule, late) == [(K.OUTSIDE_MAINTENANCE, "Mail")]
    monday = change(1, 10, 1, "mx-01")
    assert "mail-sunday" in schedule.conflicts(monday)[0].message
    # Shop has no maintenance window, so it does not constrain.
    assert schedule.conflicts(change(1, 10, 1, "web-01")) == []
    # A change spanning two occurrences fits neither.
    assert kinds(schedule, change(1, 6 * 24 + 2, 7 * 24 + 4, "mx-01"))


def test_any_of_a_services_maintenance_windows_will_do() -> None:
    mail = Service(name="Mail", calendar="24x7", cis=["mx-01"])
    windows = [
        window("a", WindowKind.MAINTENANCE, 2, 2, service="Mail"),
        window("b", WindowKind.MAINTENANCE, 26, 2, service="Mail"),
        window("general", WindowKind.MAINTENANCE, 0, 1),  # for no service: constrains nothing
    ]
    schedule = Schedule([], windows, [mail])
    assert schedule.conflicts(change(1, 26, 2, "mx-01")) == []
    assert kinds(schedule, change(1, 3, 2, "mx-01")) == [(K.OUTSIDE_MAINTENANCE, "Mail")]


def test_implementer_double_booked() -> None:
    schedule = Schedule([change(2, 10, 2, "db-01", implementer="bob")])
    found = schedule.conflicts(change(1, 11, 2, "web-01", implementer="bob"))
    assert [(x.kind, x.other) for x in found] == [(K.IMPLEMENTER, "CHG-00002")]
    assert "bob" in found[0].message
    assert schedule.conflicts(change(1, 11, 2, "web-01", implementer="carol")) == []
    assert schedule.conflicts(change(1, 11, 2, "web-01", implementer=None)) == []


def test_every_kind_at_once_is_reported() -> None:
    graph = CmdbGraph([("app-01", DEPENDS_ON, "db-01")])
    mail = Service(name="Mail", calendar="24x7", cis=["db-01"])
    schedule = Schedule(
        [
            change(2, 10, 2, "db-01"),
            change(3, 10, 2, "app-01"),
            change(4, 10, 2, "x", implementer="bob"),
        ],
        [
            window("freeze", WindowKind.BLACKOUT, 0, 24),
            window("mw", WindowKind.MAINTENANCE, 30, 2, service="Mail"),
        ],
        [mail],
        graph,
    )
    found = {x.kind for x in schedule.conflicts(change(1, 10, 2, "db-01", implementer="bob"))}
    assert found == set(ConflictKind)


def _brute_overlap(
    window: Window, start: datetime, end: datetime
) -> list[tuple[datetime, datetime]]:
    spans = [(window.starts_at + k * WEEK, window.ends_at + k * WEEK) for k in range(0, 60)]
    return [(s, e) for s, e in spans if s < end and e > start]


@settings(max_examples=150, deadline=None)
@given(
    st.integers(0, 400),  # window start, hours
    st.integers(1, 300),  # window length, hours (may exceed a week)
    st.integers(-200, 2_000),  # query start
    st.integers(1, 400),  # query length
)
def test_weekly_occurrences_match_brute_force(ws: int, wl: int, qs: int, ql: int) -> None:
    w = window("w", WindowKind.BLACKOUT, ws, wl, weekly=True)
    start, end = MON + qs * H, MON + (qs + ql) * H
    assert list(overlapping(w, start, end)) == _brute_overlap(w, start, end)
    holding = [(s, e) for s, e in _brute_overlap(w, start, end) if s <= start and end <= e]
    assert (containing(w, start, end) is not None) == bool(holding)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 200), st.integers(1, 50)), max_size=30),
    st.integers(0, 250),
    st.integers(1, 60),
)
def test_interval_index_matches_a_scan(spans: list[tuple[int, int]], qs: int, ql: int) -> None:
    index = IntervalIndex()
    for i, (s, length) in enumerate(spans):
        index.add("k", MON + s * H, MON + (s + length) * H, str(i))
    start, end = MON + qs * H, MON + (qs + ql) * H
    expected = {str(i) for i, (s, length) in enumerate(spans) if s < qs + ql and s + length > qs}
    assert set(index.overlapping("k", start, end)) == expected
