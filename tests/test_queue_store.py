"""The queue's reads: views, sort orders, the filter, paging and finding an incident again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlite_utils import Database

from sms_tui.models import Incident, IncidentState, StateChange
from sms_tui.queue_views import QueueQuery, Sort, SortColumn, View
from sms_tui.store import open_memory
from sms_tui.store.families import INCIDENTS
from sms_tui.store.queue import count, locate, page, read_page, service_slas, view_counts
from sms_tui.store.records import insert_rows
from sms_tui.store.transaction import write
from tests.snapshot_apps.queue_desk import EXPECTED_COUNTS, NOW, build_queue

OPEN_BY_SLA = [
    "INC-000102",  # breached 2h ago
    "INC-000101",  # due in 4m 30s
    "INC-000103",
    "INC-000111",
    "INC-000114",
    "INC-000112",
    "INC-000104",
    # no running clock: by number
    "INC-000105",
    "INC-000106",
    "INC-000107",
    "INC-000110",
]


@pytest.fixture
def desk() -> Iterator[Database]:
    database = open_memory()
    build_queue(database)
    yield database
    database.conn.close()


def numbers(db: Database, query: QueueQuery, offset: int = 0, limit: int = 100) -> list[str]:
    items, _ = page(db, query, offset, limit, NOW)
    return [item.number for item in items]


def query(view: View = View.OPEN, text: str = "", sort: Sort | None = None) -> QueueQuery:
    return QueueQuery(view, "alice", text, sort or Sort())


def test_every_view_counts_what_it_holds(desk: Database) -> None:
    counts = view_counts(desk, "alice", NOW)
    assert {view.value: n for view, n in counts.items()} == EXPECTED_COUNTS
    for view in View:
        assert len(numbers(desk, query(view))) == counts[view]


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        (View.MINE, ["INC-000103", "INC-000111", "INC-000105"]),
        (View.UNASSIGNED, ["INC-000112", "INC-000104", "INC-000107"]),
        (View.BREACHING, ["INC-000101", "INC-000103"]),
        (View.PENDING, ["INC-000105", "INC-000110"]),
        (View.RESOLVED, ["INC-000108", "INC-000109"]),
    ],
)
def test_a_view_holds_its_incidents_most_urgent_first(
    desk: Database, view: View, expected: list[str]
) -> None:
    assert numbers(desk, query(view)) == expected


def test_all_open_sorts_by_resolution_due_with_stopped_and_paused_clocks_last(
    desk: Database,
) -> None:
    assert numbers(desk, query()) == OPEN_BY_SLA


def test_major_is_p1_p2_or_flagged_major(desk: Database) -> None:
    assert sorted(numbers(desk, query(View.MAJOR))) == [
        "INC-000101",
        "INC-000102",
        "INC-000103",
        "INC-000110",
        "INC-000111",
        "INC-000114",
    ]


def test_breaching_soon_is_a_window_on_the_clock(desk: Database) -> None:
    later = query(View.BREACHING)
    assert count(desk, later, NOW + timedelta(minutes=5)) == 1  # INC-000101 has breached
    items, total = page(desk, later, 0, 10, NOW + timedelta(hours=2))
    assert [i.number for i in items] == ["INC-000111", "INC-000114"] and total == 2


@pytest.mark.parametrize(
    ("column", "first", "last"),
    [
        (SortColumn.NUMBER, "INC-000101", "INC-000114"),
        (SortColumn.PRIORITY, "INC-000101", "INC-000106"),
        (SortColumn.STATE, "INC-000112", "INC-000110"),
        (SortColumn.TITLE, "INC-000105", "INC-000114"),
        (SortColumn.SERVICE, "INC-000103", "INC-000107"),
        (SortColumn.ASSIGNEE, "INC-000103", "INC-000107"),
        (SortColumn.CLOCK, "INC-000102", "INC-000110"),
    ],
)
def test_every_column_sorts_both_ways(
    desk: Database, column: SortColumn, first: str, last: str
) -> None:
    up = numbers(desk, query(sort=Sort(column)))
    down = numbers(desk, query(sort=Sort(column, descending=True)))
    assert (up[0], up[-1]) == (first, last)
    assert sorted(up) == sorted(down) and len(up) == 11
    # Incidents without a service, an assignee or a running clock stay last either way.
    if column not in (SortColumn.SERVICE, SortColumn.ASSIGNEE, SortColumn.CLOCK):
        assert down[0] == last
    assert up[-1] == down[-1] or column not in (SortColumn.SERVICE, SortColumn.ASSIGNEE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("112", ["INC-000112"]),
        ("inc-00011", ["INC-000111", "INC-000114", "INC-000112", "INC-000110"]),
        ("WEB SHOP", ["INC-000101", "INC-000114"]),  # title or service, any case
        ("payroll-api", ["INC-000111", "INC-000104"]),  # a CI
        ("db-prd-03", ["INC-000111"]),  # not the first CI
        ("sam ortiz", ["INC-000112"]),  # the caller, every word
        ("monitoring mx", ["INC-000103"]),
        ("mail  invites", ["INC-000105"]),
        ("zzz", []),
    ],
)
def test_the_filter_matches_number_title_caller_ci_and_service(
    desk: Database, text: str, expected: list[str]
) -> None:
    assert numbers(desk, query(text=text)) == expected
    assert count(desk, query(text=text), NOW) == len(expected)


def test_the_filter_treats_like_wildcards_literally(desk: Database) -> None:
    assert numbers(desk, query(text="%")) == []
    assert numbers(desk, query(text="_")) == []
    assert numbers(desk, query(text="\\")) == []
    assert numbers(desk, query(text="month's")) == ["INC-000104"]


def test_a_page_is_a_slice_with_the_total(desk: Database) -> None:
    items, total = page(desk, query(), 3, 4, NOW)
    assert [i.number for i in items] == OPEN_BY_SLA[3:7]
    assert total == 11
    items, total = page(desk, query(text="e"), 2, 2, NOW)
    assert len(items) == 2 and total == count(desk, query(text="e"), NOW)
    assert page(desk, query(), 50, 10, NOW) == ((), 11)


def test_a_page_row_carries_what_the_queue_shows(desk: Database) -> None:
    items, _ = page(desk, query(text="INC-000111"), 0, 1, NOW)
    (item,) = items
    assert (item.title, item.service, item.ci, item.assignee, item.major) == (
        "Payroll API timeouts during the monthly run",
        "Payroll",
        "payroll-api",
        "alice",
        True,
    )
    assert [step.state for step in item.history] == [
        IncidentState.NEW,
        IncidentState.ASSIGNED,
        IncidentState.IN_PROGRESS,
    ]


def test_locate_finds_an_incident_in_the_order_or_says_none(desk: Database) -> None:
    for position, number in enumerate(OPEN_BY_SLA):
        assert locate(desk, query(), number, NOW) == position
    assert locate(desk, query(), "INC-000108", NOW) is None  # resolved: not open


def test_read_page_follows_the_anchor(desk: Database) -> None:
    result = read_page(desk, query(), NOW, before=2, limit=5, cursor=0, anchor="INC-000112")
    assert result.cursor == 5
    assert result.offset == 3
    assert [i.number for i in result.items] == OPEN_BY_SLA[3:8]


def test_read_page_keeps_the_row_when_the_anchor_left_the_view(desk: Database) -> None:
    result = read_page(desk, query(), NOW, before=2, limit=5, cursor=4, anchor="INC-000108")
    assert result.cursor == 4
    result = read_page(desk, query(), NOW, before=2, limit=5, cursor=40, anchor=None)
    assert result.cursor == 10
    assert result.offset == 6 and len(result.items) == 5


def test_read_page_from_a_row_leaves_the_cursor(desk: Database) -> None:
    result = read_page(desk, query(), NOW, before=2, limit=4, start=6)
    assert result.cursor is None and result.offset == 6


def test_service_slas_give_each_service_its_calendar_and_targets(desk: Database) -> None:
    slas = service_slas(desk)
    assert slas["Payroll"].schedule.timezone == "Europe/Paris"
    assert slas["Web shop"].targets[next(iter(slas["Web shop"].targets))].resolve_minutes == 60


def test_a_thousand_incidents_page_without_reading_them_all(desk: Database) -> None:
    template = Incident(
        number="INC-001000",
        title="Bulk",
        service="E-mail",
        opened_at=NOW - timedelta(hours=1),
        history=[StateChange(at=NOW - timedelta(hours=1), state=IncidentState.NEW)],
    )
    bulk = [
        template.model_copy(update={"number": f"INC-{n:06d}", "title": f"Bulk {n}"})
        for n in range(1000, 2000)
    ]
    with write(desk):
        insert_rows(desk, INCIDENTS, bulk)
    result = read_page(
        desk, query(sort=Sort(SortColumn.NUMBER)), NOW, before=10, limit=30, cursor=600
    )
    assert result.total == 1011
    assert len(result.items) == 30
    # The desk's eleven open incidents number below 1000; the bulk ones follow them.
    assert result.items[10].number == f"INC-{1000 + 600 - 11:06d}"
