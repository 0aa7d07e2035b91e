"""Global search by keys alone: `:` opens it, a number or a fuzzy name finds, enter opens."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from sms_tui.app import SmsApp, make_app
from sms_tui.openers import OPENERS
from sms_tui.screens.incident_detail import IncidentDetailScreen
from sms_tui.screens.search import SearchScreen
from sms_tui.screens.service_detail import ServiceDetailScreen
from sms_tui.search_commands import SearchCommands
from sms_tui.store import open_store
from sms_tui.store.incidents import create_incident
from tests.conftest import NOW, hostile_strings
from tests.snapshot_apps.catalogue_desk import ui_config
from tests.snapshot_apps.screen_text import screen_text
from tests.suggestion_desk import add_hostile, seed_suggestions

TYPED = {" ": "space", ",": "comma", ".": "full_stop", "-": "minus"}


@pytest.fixture
def desk(db_file: Path) -> Iterator[Database]:
    database = open_store(db_file)
    seed_suggestions(database, NOW)
    yield database
    database.conn.close()


@pytest.fixture
def app(desk: Database) -> SmsApp:
    return make_app(desk, ui_config(clock=lambda: NOW))


async def search_for(app: SmsApp, pilot: Pilot[None], text: str) -> SearchScreen:
    await pilot.press("colon")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    await pilot.press(*(TYPED.get(c, c) for c in text))
    for _ in range(60):
        await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        if screen.names is not None and screen.results:
            break
    await pilot.pause(0.2)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return screen


def status(screen: SearchScreen) -> str:
    return str(screen.query_one("#search-status", Static).render())


async def test_a_number_opens_its_incident(app: SmsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await search_for(app, pilot, "1")
        assert screen.results[0].record.key == "INC-000001"
        assert "INC-000001 [new]  payroll run fails" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, IncidentDetailScreen)
        assert app.screen.number == "INC-000001"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.id is None or not isinstance(app.screen, SearchScreen)


async def test_a_fuzzy_name_opens_its_service(app: SmsApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await search_for(app, pilot, "payrol")
        keys = [(f.record.kind, f.record.key) for f in screen.results]
        assert ("service", "Payroll") in keys and ("ci", "payroll-api") in keys
        while (
            screen.results[
                screen.query_one("#search-results", OptionList).highlighted or 0
            ].record.kind
            != "service"
        ):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ServiceDetailScreen)


async def test_a_misspelt_title_opens_its_incident_showing_its_state(app: SmsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await search_for(app, pilot, "payrol run fials")
        assert screen.results[0].record.key == "INC-000001"
        assert "INC-000001 [new]  payroll run fails" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, IncidentDetailScreen)
        assert app.screen.number == "INC-000001"


async def test_hostile_incident_titles_show_as_plain_text(app: SmsApp, desk: Database) -> None:
    for text in [s for s in hostile_strings() if len(s) < 200]:
        create_incident(desk, title=f"{text} quagga", operator="alice", now=NOW)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await search_for(app, pilot, "quaga")
        assert len(screen.results) == 20
        assert {f.record.kind for f in screen.results} == {"incident"}
        text = screen_text(app)
        assert "\x1b" not in text and "\x9d" not in text and "\u202e" not in text
        assert "[bold]$x[/bold] and \\[escaped] quagga" in text  # markup shown, not applied


async def test_a_kind_without_a_detail_screen_says_so(
    app: SmsApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(OPENERS, "ci", raising=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await search_for(app, pilot, "relay-07")
        assert screen.results[0].record.key == "mail-relay-07"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert "mail-relay-07: CIs have no detail screen yet." in status(screen)


async def test_typos_find_names_and_nothing_says_so(app: SmsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await search_for(app, pilot, "db-prd-30")
        assert screen.results[0].record.key == "db-prd-03"
        await pilot.press(*["backspace"] * 9, *"qqqqzzzz")
        await pilot.pause(0.4)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.results == []
        assert "Nothing matches 'qqqqzzzz'." in status(screen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)


async def test_hostile_names_show_as_plain_text_in_results(app: SmsApp, desk: Database) -> None:
    strings = [s for s in hostile_strings() if len(s) < 200]
    for n, text in enumerate(strings):
        add_hostile(desk, text, NOW, n)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await search_for(app, pilot, "zebra")
        assert len(screen.results) == 20
        text = screen_text(app)
        assert "\x1b" not in text and "\x9d" not in text and "\u202e" not in text
        assert "[red]x[/red] zebra-0" in text  # markup shown, not applied


async def test_the_palette_finds_records_too(app: SmsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        provider = SearchCommands(app.screen)
        await provider.startup()
        hits = [hit async for hit in provider.search("INC-000001")]
        assert hits and "INC-000001" in (hits[0].text or "")
        hits = [hit async for hit in provider.search("relay")]
        assert any("mail-relay-07" in (hit.text or "") for hit in hits)
        await pilot.pause()


@pytest.mark.parametrize("section", ["1", "2", "3", "4", "5"])
async def test_g_opens_search_from_every_section_even_on_a_list(app: SmsApp, section: str) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(section)
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen), section
