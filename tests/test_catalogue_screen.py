"""The service catalogue, driven by keys alone: list, filter, detail, live refresh, snapshots."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlite_utils import Database
from textual import events
from textual.pilot import Pilot

from sms_tui.app import SmsApp, make_app
from sms_tui.models import Service
from sms_tui.screens.catalogue import CatalogueScreen
from sms_tui.screens.service_detail import ServiceDetailScreen
from sms_tui.store import open_store
from sms_tui.store.catalogue import create_service, get_service, update_service
from sms_tui.widgets.filter_bar import FilterBar
from sms_tui.widgets.service_table import ServiceTable
from tests.catalogue_fixtures import on_catalogue
from tests.conftest import NOW
from tests.snapshot_apps.catalogue_desk import SERVICES, ui_config
from tests.snapshot_apps.screen_text import row_texts, screen_text

NAMES = sorted((s.name for s in SERVICES), key=str.casefold)


def table(app: SmsApp) -> ServiceTable:
    return app.screen.query_one(ServiceTable)


def shown_names(app: SmsApp) -> list[str]:
    return [str(row.value) for row in table(app).rows]


def cursor_name(app: SmsApp) -> str | None:
    return table(app).current_name


def count_text(app: SmsApp) -> str:
    return str(app.screen.query_one("#filter-count").render())


async def test_opens_on_the_catalogue_with_every_service(app: SmsApp) -> None:
    async with on_catalogue(app, (80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CatalogueScreen)
        assert shown_names(app) == NAMES
        assert count_text(app) == "7 services"
        text = screen_text(app)
        assert "alice" in text and "/srv/sms-tui/desk.db" in text
        assert "critical" in text and "retired" in text and "pipeline" in text


async def test_rows_show_status_owner_hours_targets_and_open_incidents(app: SmsApp) -> None:
    async with on_catalogue(app, (120, 40)) as pilot:
        await pilot.pause()
        row = row_texts(table(app), "Payroll")
        assert row[:4] == ["Payroll", "live", "critical", "HR systems"]
        assert row[4].startswith("Mon-Thu 08:00-12:00")
        assert row[5].startswith("P1 30m/4h · P2 1h/8h")
        assert row[6] == "1"
        text = screen_text(app)
        # The preview below the table shows the hours and every target in full.
        assert "Mon-Thu 08:00-12:00 13:00-17:00, Fri 08:00-12:00 Europe/Paris" not in text
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert cursor_name(app) == "Payroll"
        text = screen_text(app)
        assert "Mon-Thu 08:00-12:00 13:00-17:00, Fri 08:00-12:00 Europe/Paris" in text
        assert "P1 30m/4h · P2 1h/8h · P3 4h/20h" in text


async def test_j_and_k_move_the_cursor(app: SmsApp) -> None:
    async with on_catalogue(app, (80, 24)) as pilot:
        await pilot.press("j", "j")
        assert cursor_name(app) == NAMES[2]
        await pilot.press("k")
        assert cursor_name(app) == NAMES[1]
        await pilot.press("G")
        assert cursor_name(app) == NAMES[-1]
        await pilot.press("home")
        assert cursor_name(app) == NAMES[0]


async def test_filter_narrows_as_you_type_and_counts(app: SmsApp) -> None:
    async with on_catalogue(app, (80, 24)) as pilot:
        await pilot.press("slash", *"office")
        await pilot.pause()
        assert shown_names(app) == ["Expense claims", "Intranet", "Payroll", "Travel booking"]
        assert count_text(app) == "4 of 7 services"
        await pilot.press(*" hr")
        await pilot.pause()
        assert shown_names(app) == ["Payroll"]
        assert count_text(app) == "1 of 7 services"


async def test_escape_clears_and_closes_the_filter(app: SmsApp) -> None:
    async with on_catalogue(app, (80, 24)) as pilot:
        await pilot.press("slash", *"web")
        await pilot.pause()
        assert shown_names(app) == ["Web shop"]
        await pilot.press("escape")
        await pilot.pause()
        assert shown_names(app) == NAMES
        assert count_text(app) == "7 services"
        assert not app.screen.query_one(FilterBar).active
        assert isinstance(app.focused, ServiceTable)


async def test_enter_in_the_filter_keeps_it_and_returns_to_the_table(app: SmsApp) -> None:
    async with on_catalogue(app, (80, 24)) as pilot:
        await pilot.press("slash", *"24x7", "enter")
        await pilot.pause()
        assert isinstance(app.focused, ServiceTable)
        assert shown_names(app) == ["E-mail", "VPN remote access", "Web shop"]
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ServiceDetailScreen)
        assert app.screen.service_name == "VPN remote access"


def burst(app: SmsApp, *keys: str) -> None:
    """Queue keys all at once, as a fast typist's keys arrive over SSH in one packet."""
    for key in keys:
        character = key if len(key) == 1 else {"slash": "/", "enter": "\r"}.get(key)
        app.post_message(events.Key(key, character))


async def test_keys_in_one_burst_with_slash_go_to_the_filter(app: SmsApp) -> None:
    async with on_catalogue(app, (80, 24)) as pilot:
        await pilot.pause()
        burst(app, "slash", "w", "e", "b")
        await pilot.pause()
        assert app.screen.query_one(FilterBar).active
        assert shown_names(app) == ["Web shop"]
        burst(app, "escape", "k", "k")
        await pilot.pause()
        assert shown_names(app) == NAMES
        # The cursor stayed on Web shop when the filter cleared, then moved up twice.
        assert cursor_name(app) == "Travel booking"
        # Enter waits behind the keys before it: it opens where they led, never a stale row.
        burst(app, "j", "j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ServiceDetailScreen)
        assert app.screen.service_name == "Web shop"
        burst(app, "escape", "slash", "p", "a", "y", "enter")
        await pilot.pause()
        assert isinstance(app.focused, ServiceTable)
        assert shown_names(app) == ["Payroll"]
        # A second enter typed ahead opens the match: the first left the filter at once.
        burst(app, "escape", "slash", "p", "a", "y", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ServiceDetailScreen)
        assert app.screen.service_name == "Payroll"


async def test_a_filter_matching_nothing_says_so(app: SmsApp) -> None:
    async with on_catalogue(app, (80, 24)) as pilot:
        await pilot.press("slash", *"zzz")
        await pilot.pause()
        assert shown_names(app) == []
        assert "No service matches the filter." in screen_text(app)
        await pilot.press("enter", "enter")
        assert isinstance(app.screen, CatalogueScreen)


async def test_enter_opens_the_detail_and_escape_goes_back(app: SmsApp) -> None:
    async with on_catalogue(app, (80, 24)) as pilot:
        await pilot.press("j", "j", "j", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ServiceDetailScreen)
        assert screen.service_name == "Payroll"
        text = screen_text(app)
        for expected in (
            "Catalogue \u203a Payroll",
            "Status          live",
            "Criticality     critical",
            "Owner           HR systems",
            "Open incidents  1",
            "2026-11-23 10:30 UTC by alice",
            "Monthly pay for 3,200 staff.",
            "Runs on the 25th; a late run is a P1.",
            "Europe/Paris",
            "Mon            08:00-12:00  13:00-17:00",
            "Fri            08:00-12:00",
            "Sat            closed",
        ):
            assert expected in text, expected
        await pilot.press("pagedown")
        await pilot.pause()
        text = screen_text(app)
        for expected in (
            "Holidays       2026-12-25, 2027-01-01",
            "Past holidays  2026-11-11",
            "P1        30 min        4 h",
            "P3        4 h           20 h",
            "payroll-api  application · production · live",
            "db-prd-03    database · production · live",
        ):
            assert expected in text, expected
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CatalogueScreen)
        assert cursor_name(app) == "Payroll"


async def test_detail_of_a_24x7_service(app: SmsApp) -> None:
    async with on_catalogue(app, (120, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "E-mail" in text
        assert "24x7: every day, all day" in text
        assert re.search(r"Holidays +none", text)
        assert re.search(r"Version +1", text)


async def wait_for(pilot: Pilot[None], condition: object, seconds: float = 1.5) -> None:
    """Let the app run until `condition()` holds; the poll runs about once a second."""
    assert callable(condition)
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
        async with on_catalogue(app, (80, 24)) as pilot:
            await pilot.press("j", "j", "j")
            assert cursor_name(app) == "Payroll"
            payroll = get_service(other, "Payroll")
            update_service(other, "Payroll", payroll.version, {"owner": "Pay office"}, "bob", NOW)
            # A new service sorting before Payroll moves its row down by one.
            create_service(other, Service(name="Backup", calendar="24x7"), operator="bob", now=NOW)
            await wait_for(pilot, lambda: "Backup" in shown_names(app))
            assert row_texts(table(app), "Payroll")[3] == "Pay office"
            assert cursor_name(app) == "Payroll"
            assert table(app).cursor_row == 4
            assert count_text(app) == "8 services"
    finally:
        other.conn.close()


async def test_a_change_to_one_service_updates_its_cells_and_the_preview(
    app: SmsApp, db_file: Path
) -> None:
    other = open_store(db_file)
    try:
        async with on_catalogue(app, (80, 24)) as pilot:
            await pilot.press("j", "j", "j")
            payroll = get_service(other, "Payroll")
            targets = [{"priority": "P1", "respond_minutes": 5, "resolve_minutes": 90}]
            update_service(other, "Payroll", payroll.version, {"targets": targets}, "bob", NOW)
            await wait_for(pilot, lambda: "P1 5m/1h30m" in screen_text(app))
            assert cursor_name(app) == "Payroll"
            assert shown_names(app) == NAMES
    finally:
        other.conn.close()


async def test_the_open_detail_follows_changes_too(app: SmsApp, db_file: Path) -> None:
    other = open_store(db_file)
    try:
        async with on_catalogue(app, (80, 24)) as pilot:
            await pilot.press("enter")
            email = get_service(other, "E-mail")
            update_service(other, "E-mail", email.version, {"owner": "Mail team"}, "bob", NOW)
            await wait_for(pilot, lambda: "Mail team" in screen_text(app))
            assert "Version         2" in screen_text(app)
    finally:
        other.conn.close()


async def test_the_table_fits_the_width(app: SmsApp) -> None:
    async with on_catalogue(app, (80, 24)) as pilot:
        await pilot.pause()
        assert [c.key.value for c in table(app).ordered_columns] == [
            "name",
            "status",
            "criticality",
            "owner",
            "hours",
            "open",
        ]
        assert max(len(line.rstrip()) for line in screen_text(app).splitlines()) <= 80
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert [c.key.value for c in table(app).ordered_columns] == [
            "name",
            "status",
            "criticality",
            "owner",
            "hours",
            "sla",
            "open",
        ]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_catalogue(
    snap_compare: Callable[..., bool], desk: Database, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app(desk, ui_config()), press=["5", "j", "j", "j"], terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_catalogue_filtered(
    snap_compare: Callable[..., bool], desk: Database, size: tuple[int, int]
) -> None:
    keys = ["5", "slash", *"office", "enter", "j"]
    assert snap_compare(make_app(desk, ui_config()), press=keys, terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_service_detail(
    snap_compare: Callable[..., bool], desk: Database, size: tuple[int, int]
) -> None:
    keys = ["5", "j", "j", "j", "enter"]
    assert snap_compare(make_app(desk, ui_config()), press=keys, terminal_size=size)
