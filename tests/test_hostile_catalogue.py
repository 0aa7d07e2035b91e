"""Every hostile string stored in the catalogue is shown as plain, harmless text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database
from textual import events
from textual.widgets import Input

from sms_tui.app import SmsApp, make_app
from sms_tui.models import BusinessCalendar, Service
from sms_tui.safe_text import one_line
from sms_tui.screens.catalogue import CatalogueScreen
from sms_tui.screens.service_detail import ServiceDetailScreen
from sms_tui.store import open_store
from sms_tui.store.catalogue import create_calendar, create_service
from sms_tui.widgets.filter_bar import FilterBar
from sms_tui.widgets.service_table import ServiceTable
from tests.catalogue_fixtures import on_catalogue
from tests.conftest import NOW, hostile_strings
from tests.snapshot_apps.catalogue_desk import ui_config
from tests.snapshot_apps.screen_text import row_texts, screen_lines, screen_text

HOSTILE = hostile_strings()
CLICK = "[@click=app.quit]View attachment[/]"
# What must never reach the terminal: C0 but none (tabs and newlines neither, in a rendered
# line), DEL, C1 and the bidi controls.
RAW = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
SIZE = (200, 60)


@pytest.fixture
def desk(db_file: Path) -> Iterator[Database]:
    """A service named after each hostile string, with hostile owners and descriptions too."""
    database = open_store(db_file)
    calendar = BusinessCalendar(name="[b]24x7[/b] \x1b[2J", always_open=True)
    create_calendar(database, calendar, "alice", NOW)
    for i, name in enumerate(HOSTILE):
        service = Service(
            name=name,
            owner=HOSTILE[(i + 1) % len(HOSTILE)],
            description=HOSTILE[(i + 2) % len(HOSTILE)],
            calendar=calendar.name,
        )
        create_service(database, service, "alice", NOW)
    yield database
    database.conn.close()


@pytest.fixture
def app(desk: Database) -> SmsApp:
    return make_app(desk, ui_config())


def assert_harmless(app: SmsApp) -> None:
    for line in screen_lines(app):
        assert not RAW.search(line), repr(line)


def visible_part(text: str) -> str:
    """As much of the neutralised text as any column is sure to show whole."""
    return one_line(text)[:40]


async def test_every_hostile_string_is_a_literal_cell(app: SmsApp) -> None:
    async with on_catalogue(app, SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one(ServiceTable)
        assert table.row_count == len(HOSTILE)
        for i, name in enumerate(HOSTILE):
            cells = row_texts(table, name)
            assert cells[0] == one_line(name)
            assert cells[3] == one_line(HOSTILE[(i + 1) % len(HOSTILE)])
        text = screen_text(app)
        for name in HOSTILE:
            assert visible_part(name) in text, name
        assert CLICK in text
        assert "[red]x[/red]" in text
        assert "\u241b[2J\u241b[Hclear screen" in text
        assert_harmless(app)


async def test_the_preview_of_every_row_is_harmless(app: SmsApp) -> None:
    async with on_catalogue(app, SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one(ServiceTable)
        for row in range(table.row_count):
            table.move_cursor(row=row)
            await pilot.pause()
            assert_harmless(app)
        assert "[b]24x7[/b] \u241b[2J" in screen_text(app)


async def test_the_detail_of_every_hostile_service_is_literal_and_harmless(app: SmsApp) -> None:
    async with on_catalogue(app, (120, 40)) as pilot:
        await pilot.pause()
        for i, name in enumerate(HOSTILE):
            await app.push_screen(ServiceDetailScreen(app.session, name))
            await pilot.pause(0)
            text = screen_text(app)
            assert visible_part(name) in text, name
            owner = HOSTILE[(i + 1) % len(HOSTILE)]
            # A 5000-character name fills the screen; its owner is further down, off screen.
            if len(name) < 1000:
                assert visible_part(owner) in text, owner
            assert_harmless(app)
            # Not popped: resuming the list between details would only add time.


async def test_a_click_on_a_click_action_in_a_name_does_nothing(app: SmsApp) -> None:
    async with on_catalogue(app, SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one(ServiceTable)
        row = [str(key.value) for key in table.rows].index(CLICK)
        # Below the header bar, the filter bar and the column labels.
        offset = (4, 3 + row)
        await pilot.click(offset=offset)
        await pilot.click(offset=offset)
        await pilot.pause()
        assert app.is_running
        detail = app.screen
        assert isinstance(detail, ServiceDetailScreen) and detail.service_name == CLICK
        line = next(n for n, text in enumerate(screen_lines(app)) if CLICK in text)
        column = screen_lines(app)[line].index(CLICK) + 3
        await pilot.click(offset=(column, line))
        await pilot.pause()
        assert app.is_running and app.screen is detail


async def test_the_filter_shows_typed_markup_literally(app: SmsApp) -> None:
    async with on_catalogue(app, SIZE) as pilot:
        await pilot.press("slash", *"[red]x")
        await pilot.pause()
        assert isinstance(app.screen, CatalogueScreen)
        assert app.screen.filter_text == "[red]x"
        assert "[red]x" in screen_lines(app)[1]
        table = app.screen.query_one(ServiceTable)
        # The name, and the services whose owner or description holds it.
        assert "[red]x[/red]" in [str(key.value) for key in table.rows]
        assert table.row_count == 3


async def test_a_name_of_the_longest_length_fits(app: SmsApp) -> None:
    longest = max(HOSTILE, key=len)
    assert len(longest) == 5000
    async with on_catalogue(app, (80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(ServiceTable)
        assert row_texts(table, longest)[0] == longest
        assert all(len(line) == 80 for line in screen_lines(app))
        await app.push_screen(ServiceDetailScreen(app.session, longest))
        await pilot.pause()
        header = screen_lines(app)[0]
        assert "Catalogue \u203a xxxx" in header and "…" in header
        assert "/srv/sms-tui/desk.db" in header


async def test_a_pasted_escape_sequence_in_the_filter_is_neutralised(app: SmsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        app.screen.query_one(FilterBar).query_one(Input).post_message(
            events.Paste("\x1b]52;c;SGVsbG8=\x07pay\x1b[2J")
        )
        await pilot.pause()
        value = app.screen.query_one(FilterBar).query_one(Input).value
        assert "\x1b" not in value and "\x07" not in value
        assert value == "\u241b]52;c;SGVsbG8=\u2407pay\u241b[2J"
