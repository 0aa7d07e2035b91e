"""Snapshots of the suggestions panel in the incident detail, and of global search."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database
from textual.pilot import Pilot

from sms_tui.app import SmsApp, make_app
from sms_tui.screens.incident_detail import IncidentDetailScreen
from sms_tui.screens.search import SearchScreen
from sms_tui.store import open_store
from tests.conftest import NOW
from tests.snapshot_apps.catalogue_desk import ui_config
from tests.snapshot_apps.suggestions import suggestions_settled
from tests.suggestion_desk import seed_suggestions

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


@pytest.fixture
def desk(db_file: Path) -> Iterator[Database]:
    database = open_store(db_file)
    seed_suggestions(database, NOW)
    yield database
    database.conn.close()


async def settled(app: SmsApp, pilot: Pilot[None]) -> None:
    await suggestions_settled(pilot)


@SIZES
def test_snapshot_detail_with_suggestions(
    snap_compare: Callable[..., bool], desk: Database, size: tuple[int, int]
) -> None:
    app = make_app(desk, ui_config(clock=lambda: NOW))

    async def ready(pilot: Pilot[None]) -> None:
        await app.push_screen(IncidentDetailScreen(app.session, "INC-000001"))
        await settled(app, pilot)
        await pilot.press("s")  # at 80x24 shows the panel; at 120x40 it is there already
        await settled(app, pilot)

    assert snap_compare(app, run_before=ready, terminal_size=size)


@SIZES
def test_snapshot_search(
    snap_compare: Callable[..., bool], desk: Database, size: tuple[int, int]
) -> None:
    app = make_app(desk, ui_config(clock=lambda: NOW))

    async def ready(pilot: Pilot[None]) -> None:
        await pilot.press("colon", *"pay")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        for _ in range(60):
            await pilot.pause(0.05)
            await app.workers.wait_for_complete()
            if screen.names is not None and screen.results:
                break
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, run_before=ready, terminal_size=size)
