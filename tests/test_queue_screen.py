"""The incident queue, driven by keys alone: views and counts, sort, filter, live refresh, clocks."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from sms_tui.app import SmsApp, make_app
from sms_tui.models import Level
from sms_tui.queue_views import QueuePage, View
from sms_tui.screens.help import HelpScreen
from sms_tui.screens.incident_detail import IncidentDetailScreen
from sms_tui.screens.queue import QueueScreen
from sms_tui.store import open_store
from sms_tui.store.families import INCIDENTS
from sms_tui.store.incidents import create_incident, get_incident
from sms_tui.store.records import update
from sms_tui.widgets.filter_bar import FilterBar
from sms_tui.widgets.key_table import KeyTable
from sms_tui.widgets.queue_table import QueueTable
from tests.snapshot_apps.queue_desk import EXPECTED_COUNTS, NOW, build_queue, ui_config
from tests.snapshot_apps.screen_text import screen_lines, screen_text

OPEN_BY_SLA = [
    "INC-000102",
    "INC-000101",
    "INC-000103",
    "INC-000111",
    "INC-000114",
    "INC-000112",
    "INC-000104",
    "INC-000105",
    "INC-000106",
    "INC-000107",
    "INC-000110",
]


@pytest.fixture
def desk(db_file: Path) -> Iterator[Database]:
    """The queue desk in a fresh on-disk store (WAL), as the app's connection."""
    database = open_store(db_file)
    build_queue(database)
    yield database
    database.conn.close()


@pytest.fixture
def app(desk: Database) -> SmsApp:
    return make_app(desk, ui_config())


async def settle(pilot: Pilot[None]) -> None:
    """Let the page and count workers finish and their results land."""
    app = pilot.app
    for _ in range(100):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            continue  # a newer read replaced it
        await pilot.pause()
        busy = any(worker.is_running for worker in app.workers)
        waiting = isinstance(app.screen, QueueScreen) and app.screen.page is None
        if not busy and not waiting:
            return
    raise AssertionError("the queue did not settle")


async def press(pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


def table(app: SmsApp) -> QueueTable:
    return app.screen.query_one(QueueTable)


def shown(app: SmsApp) -> list[str]:
    page = table(app).page
    return [] if page is None else [item.number for item in page.items]


def cursor_number(app: SmsApp) -> str | None:
    return table(app).current_number


def tabs_line(app: SmsApp) -> str:
    return screen_lines(app)[1]


def count_text(app: SmsApp) -> str:
    return str(app.screen.query_one("#filter-count").render())


def row_line(app: SmsApp, number: str) -> str:
    return next(line for line in screen_lines(app) if number in line)


def clock_cell(app: SmsApp, number: str) -> str:
    """The SLA cell of an incident's row: the first column, after one cell of gap."""
    return row_line(app, number)[1:11].rstrip()


async def test_opens_on_all_open_incidents_most_urgent_first(app: SmsApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        assert app.current_mode == "incidents"
        assert shown(app) == OPEN_BY_SLA
        assert cursor_number(app) == "INC-000102"
        assert count_text(app) == "11 incidents"
        assert screen_lines(app)[3].startswith(" SLA\u25b2")


async def test_rows_show_number_priority_state_title_service_ci_assignee_and_clock(
    app: SmsApp,
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        line = row_line(app, "INC-000111")
        for part in ("P1", "in progress", "Payroll API timeouts", "Payroll", "payroll-api"):
            assert part in line
        assert clock_cell(app, "INC-000111") == "2h 00m"
        # No service: the CI stands alone; unassigned and without a target, dashes.
        assert row_line(app, "INC-000107").split()[-3:] == ["-", "san-prd-01", "-"]
        assert clock_cell(app, "INC-000107") == "-"


async def test_the_line_below_shows_the_caller_and_whole_title(app: SmsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "j", "j")
        preview = screen_lines(app)[-2]
        assert preview.startswith(" INC-000103 in progress  Caller mx-prd-01 (monitoring)  Mail")
        await press(pilot, "slash", *"sam", "enter")
        assert "Caller Sam Ortiz  Outlook asks for the password again" in screen_lines(app)[-2]


@pytest.mark.parametrize(
    ("number", "clock"),
    [
        ("INC-000102", "! 2h ago"),
        ("INC-000101", "~ 4m 30s"),
        ("INC-000103", "~ 1h 45m"),
        ("INC-000104", "19h 30m"),
        ("INC-000105", "paused"),
        ("INC-000106", "-"),
        ("INC-000110", "! paused"),
    ],
)
async def test_clocks_read_without_colour(app: SmsApp, number: str, clock: str) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert clock_cell(app, number) == clock


async def test_each_view_has_a_key_and_a_count(app: SmsApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        line = tabs_line(app)
        for label, view in (
            ("My work", "mine"),
            ("Unassigned", "unassigned"),
            ("Breaching soon", "breaching"),
            ("Major", "major"),
            ("Pending", "pending"),
            ("All open", "open"),
            ("Resolved", "resolved"),
        ):
            assert f"{label} {EXPECTED_COUNTS[view]}" in line, label
        assert line.startswith(" w My work 3  u Unassigned 3  b Breaching soon 2")


@pytest.mark.parametrize(
    ("key", "view", "expected"),
    [
        ("w", View.MINE, ["INC-000103", "INC-000111", "INC-000105"]),
        ("u", View.UNASSIGNED, ["INC-000112", "INC-000104", "INC-000107"]),
        ("b", View.BREACHING, ["INC-000101", "INC-000103"]),
        ("p", View.PENDING, ["INC-000105", "INC-000110"]),
        ("r", View.RESOLVED, ["INC-000108", "INC-000109"]),
    ],
)
async def test_a_view_key_shows_that_view(
    app: SmsApp, key: str, view: View, expected: list[str]
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, key)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        assert screen.view == view
        assert shown(app) == expected
        assert count_text(app) == f"{len(expected)} incidents"
        assert cursor_number(app) == expected[0]


async def test_resolved_view_shows_met_and_breached(app: SmsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "r")
        assert clock_cell(app, "INC-000108") == "met"
        assert clock_cell(app, "INC-000109") == "! breached"


async def test_the_views_fit_80_columns_with_short_labels(app: SmsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = tabs_line(app)
        assert "Mine 3" in line and "Open 11" in line and "Resvd 2" in line
        assert max(len(line.rstrip()) for line in screen_lines(app)) <= 80


async def test_j_k_g_and_shift_g_move_the_cursor(app: SmsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "j", "j")
        assert cursor_number(app) == OPEN_BY_SLA[2]
        await press(pilot, "k")
        assert cursor_number(app) == OPEN_BY_SLA[1]
        await press(pilot, "G")
        assert cursor_number(app) == OPEN_BY_SLA[-1]
        await press(pilot, "home")
        assert cursor_number(app) == OPEN_BY_SLA[0]


async def test_s_cycles_the_sort_column_and_shift_s_flips_it(app: SmsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        assert shown(app) == sorted(OPEN_BY_SLA)
        assert "Number\u25b2" in screen_lines(app)[3]
        # The cursor stays on the incident it was on.
        assert cursor_number(app) == "INC-000102"
        await press(pilot, "S")
        assert shown(app) == sorted(OPEN_BY_SLA, reverse=True)
        assert "Number\u25bc" in screen_lines(app)[3]
        await press(pilot, "s")
        assert "Pr\u25b2" in screen_lines(app)[3]
        assert shown(app)[:2] == ["INC-000101", "INC-000111"]
        for _ in range(5):
            await press(pilot, "s")
        assert "SLA\u25b2" in screen_lines(app)[3]
        assert shown(app) == OPEN_BY_SLA


async def test_the_filter_narrows_as_you_type_and_counts(app: SmsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"web")
        assert shown(app) == ["INC-000101", "INC-000114"]
        assert count_text(app) == "2 of 11 incidents"
        await press(pilot, *" images")
        assert shown(app) == ["INC-000114"]
        await press(pilot, *["backspace"] * 7)
        assert shown(app) == ["INC-000101", "INC-000114"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("112", ["INC-000112"]),
        ("sam", ["INC-000112"]),
        ("payroll-api", ["INC-000111", "INC-000104"]),
        ("vpn remote", ["INC-000102"]),
    ],
)
async def test_the_filter_searches_number_caller_ci_and_service(
    app: SmsApp, text: str, expected: list[str]
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *text)
        assert shown(app) == expected


async def test_escape_clears_the_filter_and_enter_keeps_it(app: SmsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"mail", "enter")
        assert isinstance(app.focused, QueueTable)
        assert shown(app) == ["INC-000103", "INC-000112", "INC-000105", "INC-000110"]
        await press(pilot, "j")
        assert cursor_number(app) == "INC-000112"
        # The filter stays across views.
        await press(pilot, "w")
        assert shown(app) == ["INC-000103", "INC-000105"]
        await press(pilot, "escape")
        assert shown(app) == ["INC-000103", "INC-000111", "INC-000105"]
        assert not app.screen.query_one(FilterBar).active
        assert isinstance(app.focused, QueueTable)


async def test_a_filter_matching_nothing_says_so(app: SmsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"zzz")
        assert shown(app) == []
        assert "No incident matches the filter." in screen_text(app)
        await press(pilot, "enter", "enter", "j")
        assert cursor_number(app) is None
        assert app.is_running


def burst(app: SmsApp, *keys: str) -> None:
    """Queue keys all at once, as a fast typist's keys arrive over SSH in one packet."""
    for key in keys:
        character = key if len(key) == 1 else {"slash": "/", "enter": "\r"}.get(key)
        app.post_message(events.Key(key, character))


async def test_keys_typed_ahead_of_a_new_page_apply_to_it(desk: Database) -> None:
    chosen: dict[int, str] = {}

    def record(message: Message) -> None:
        if isinstance(message, QueueTable.IncidentChosen):
            chosen[id(message)] = message.number

    app = make_app(desk, ui_config())
    async with app.run_test(size=(80, 24), message_hook=record) as pilot:
        await settle(pilot)
        burst(app, "s", "home", "j")
        await settle(pilot)
        assert shown(app) == sorted(OPEN_BY_SLA)
        assert cursor_number(app) == "INC-000102"
        burst(app, "slash", *"mail", "enter", "j", "enter")
        await settle(pilot)
        assert list(chosen.values()) == ["INC-000105"]
        detail = app.screen
        assert isinstance(detail, IncidentDetailScreen) and detail.number == "INC-000105"
        await press(pilot, "escape")
        assert shown(app) == ["INC-000103", "INC-000105", "INC-000110", "INC-000112"]
        assert cursor_number(app) == "INC-000105"
        burst(app, "escape", "w", "G")
        await settle(pilot)
        assert shown(app) == ["INC-000103", "INC-000105", "INC-000111"]
        assert cursor_number(app) == "INC-000111"


async def test_view_keys_are_text_while_typing_the_filter(app: SmsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"wubmporsS")
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        assert screen.view == View.OPEN
        assert screen.filter_text == "wubmporsS"


async def test_enter_opens_the_highlighted_incident_and_escape_comes_back(desk: Database) -> None:
    chosen: dict[int, str] = {}

    def record(message: Message) -> None:
        # The hook sees a message at each node it bubbles through: count each once.
        if isinstance(message, QueueTable.IncidentChosen):
            chosen[id(message)] = message.number

    app = make_app(desk, ui_config())
    async with app.run_test(size=(80, 24), message_hook=record) as pilot:
        await settle(pilot)
        await press(pilot, "j", "j", "enter")
        assert list(chosen.values()) == ["INC-000103"]
        detail = app.screen
        assert isinstance(detail, IncidentDetailScreen)
        assert detail.number == "INC-000103"
        await press(pilot, "escape")
        assert isinstance(app.screen, QueueScreen)
        assert cursor_number(app) == "INC-000103"


async def wait_for(pilot: Pilot[None], condition: Callable[[], bool], seconds: float = 3) -> None:
    """Let the app run until `condition()` holds; the data_version poll runs once a second."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition()


async def test_a_change_from_another_connection_shows_and_keeps_the_cursor(
    app: SmsApp, db_file: Path
) -> None:
    other = open_store(db_file)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await press(pilot, "j", "j", "j")
            assert cursor_number(app) == "INC-000111"
            assert table(app).cursor == 3
            # Bob opens a P1 on the web shop: it breaches before INC-000111 and sorts above.
            create_incident(
                other,
                title="Web shop down",
                operator="bob",
                now=NOW,
                service="Web shop",
                impact=Level.HIGH,
                urgency=Level.HIGH,
                opened_at=NOW - timedelta(minutes=30),
            )
            await wait_for(pilot, lambda: count_text(app) == "12 incidents")
            assert cursor_number(app) == "INC-000111"
            assert table(app).cursor == 4
            assert table(app).screen_row == 4
            await wait_for(pilot, lambda: "Open 12" in tabs_line(app))
    finally:
        other.conn.close()


async def test_a_change_to_the_cursor_incident_updates_its_row(app: SmsApp, db_file: Path) -> None:
    other = open_store(db_file)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await press(pilot, "j")
            incident = get_incident(other, "INC-000101")
            update(
                other,
                INCIDENTS,
                "INC-000101",
                incident.version,
                {"title": "Checkout fixed?"},
                "bob",
                NOW,
            )
            await wait_for(pilot, lambda: "Checkout fixed?" in screen_text(app))
            assert cursor_number(app) == "INC-000101"
    finally:
        other.conn.close()


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


async def test_a_tick_repaints_only_the_clock_cells_whose_text_changed(desk: Database) -> None:
    clock = Clock(NOW)
    app = make_app(desk, ui_config(clock=clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        queue = table(app)
        painted: list[tuple[Region, ...]] = []
        original = queue.refresh

        def spy(*regions: Region, **kwargs: bool) -> QueueTable:
            painted.append(regions)
            return original(*regions, **kwargs)

        queue.refresh = spy  # type: ignore[method-assign]
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        # The desk's clocks sit on whole minutes at NOW, so one second on, each moves a
        # minute: one clock cell each, nothing else.
        clock.now = screen.now = NOW + timedelta(seconds=1)
        await pilot.pause()
        assert len(painted) == 6
        assert all(len(regions) == 1 and regions[0].width == 11 for regions in painted)
        assert {regions[0].x for regions in painted} == {0}
        painted.clear()
        # The next second only INC-000101 changes: it shows seconds, being near breach.
        clock.now = screen.now = NOW + timedelta(seconds=2)
        await pilot.pause()
        assert painted == [(Region(0, 2, 11, 1),)]
        assert clock_cell(app, "INC-000101") == "~ 4m 28s"
        assert clock_cell(app, "INC-000103") == "~ 1h 44m"
        painted.clear()
        # A tick that changes no text repaints nothing at all.
        screen.now = NOW + timedelta(seconds=2, milliseconds=500)
        await pilot.pause()
        assert painted == []


async def test_the_clock_ticks_every_second(desk: Database) -> None:
    clock = Clock(NOW)
    app = make_app(desk, ui_config(clock=clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        clock.now = NOW + timedelta(seconds=31)
        await wait_for(pilot, lambda: clock_cell(app, "INC-000101") == "~ 3m 59s")


async def test_help_lists_the_queue_keys(app: SmsApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        listed = {(e.key_text, e.description) for e in help_screen.entries}
        assert {
            ("w", "My work"),
            ("u", "Unassigned"),
            ("b", "Breaching soon"),
            ("m", "Major"),
            ("p", "Pending"),
            ("o", "All open"),
            ("r", "Resolved"),
            ("s", "Sort"),
            ("S", "Flip"),
            ("/", "Filter"),
            ("⏎", "Open"),
            ("↓ j", "Next row"),
            ("1", "Incidents"),
        } <= listed


async def test_the_palette_offers_the_views(app: SmsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("My work", "Breaching soon", "Sort", "Flip", "Filter", "Open"):
            assert title in titles


async def test_a_remapped_view_key_shows_in_its_tab(desk: Database) -> None:
    app = make_app(desk, ui_config(keymap={"queue.view.mine": "M"}))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert tabs_line(app).startswith(" M My work 3")
        await press(pilot, "M")
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        assert screen.view == View.MINE


async def test_the_catalogue_is_one_key_away(app: SmsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "5")
        assert app.current_mode == "catalogue"
        await press(pilot, "1")
        assert isinstance(app.screen, QueueScreen)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_queue(
    snap_compare: Callable[..., bool], desk: Database, size: tuple[int, int]
) -> None:
    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await press(pilot, "j")

    assert snap_compare(make_app(desk, ui_config()), run_before=ready, terminal_size=size)


def test_snapshot_queue_resolved(snap_compare: Callable[..., bool], desk: Database) -> None:
    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await press(pilot, "r")

    assert snap_compare(make_app(desk, ui_config()), run_before=ready, terminal_size=(80, 24))


def test_snapshot_queue_filtered_by_number(
    snap_compare: Callable[..., bool], desk: Database
) -> None:
    async def ready(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await press(pilot, "s", "S", "slash", *"inc-00011")

    assert snap_compare(make_app(desk, ui_config()), run_before=ready, terminal_size=(120, 40))


async def test_an_own_save_in_the_detail_shows_on_return(app: SmsApp, desk: Database) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "j", "enter")
        assert isinstance(app.screen, IncidentDetailScreen)
        # The same connection writes: data_version does not move, the queue reads on return.
        incident = get_incident(desk, "INC-000101")
        update(
            desk, INCIDENTS, "INC-000101", incident.version, {"title": "Checkout ok"}, "alice", NOW
        )
        await press(pilot, "escape")
        await settle(pilot)
        assert "Checkout ok" in row_line(app, "INC-000101")
        assert cursor_number(app) == "INC-000101"


def queue_bindings() -> list[Binding]:
    classes = [QueueScreen, QueueTable, KeyTable, SmsApp]
    return [
        binding
        for cls in classes
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", []))
    ]


def test_every_queue_binding_has_an_id_a_description_and_a_tooltip() -> None:
    for binding in queue_bindings():
        assert binding.id and binding.description and binding.tooltip, binding


def test_a_queue_binding_id_names_the_same_action_as_the_catalogue_table() -> None:
    # "table.down" remaps j in both tables at once: it must mean the same thing in each.
    actions: dict[str, set[str]] = {}
    for binding in queue_bindings():
        assert binding.id is not None
        actions.setdefault(binding.id, set()).add(binding.action)
    assert all(len(names) == 1 for names in actions.values()), actions


async def test_a_change_elsewhere_repaints_only_the_rows_that_changed(
    desk: Database, db_file: Path
) -> None:
    reads: dict[int, QueuePage] = {}

    def record(message: Message) -> None:
        if isinstance(message, QueueScreen.PageRead):
            reads[id(message)] = message.page

    other = open_store(db_file)
    app = make_app(desk, ui_config())
    try:
        async with app.run_test(size=(120, 40), message_hook=record) as pilot:
            await settle(pilot)
            queue = table(app)
            painted: list[tuple[Region, ...]] = []
            original = queue.refresh

            def spy(*regions: Region, **kwargs: bool) -> QueueTable:
                painted.append(regions)
                return original(*regions, **kwargs)

            queue.refresh = spy  # type: ignore[method-assign]
            # A resolved incident changes: the page is read again, and nothing on it changed.
            seen = len(reads)
            resolved = get_incident(other, "INC-000108")
            update(other, INCIDENTS, "INC-000108", resolved.version, {"title": "x"}, "bob", NOW)
            await wait_for(pilot, lambda: len(reads) > seen)
            await settle(pilot)
            assert painted == []
            # The incident on the fifth row changes: that row alone is drawn again.
            shown_one = get_incident(other, "INC-000114")
            update(
                other,
                INCIDENTS,
                "INC-000114",
                shown_one.version,
                {"title": "Images back"},
                "bob",
                NOW,
            )
            await wait_for(pilot, lambda: "Images back" in screen_text(app))
            assert painted == [(Region(0, 5, 120, 1),)]
    finally:
        other.conn.close()
