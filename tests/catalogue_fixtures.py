"""Fixtures for the catalogue's UI tests: the fixed test catalogue on disk, and the app on it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from sms_tui.store import open_store


@pytest.fixture
def desk(db_file: Path) -> Iterator[Database]:
    """The test catalogue in a fresh on-disk store (WAL), as the app's connection."""
    from tests.snapshot_apps.catalogue_desk import build_catalogue

    database = open_store(db_file)
    build_catalogue(database)
    yield database
    database.conn.close()


@pytest.fixture
def app(desk: Database):  # type: ignore[no-untyped-def]
    """The app as the CLI builds it, on the test catalogue, with a fixed clock."""
    from sms_tui.app import make_app
    from tests.snapshot_apps.catalogue_desk import ui_config

    return make_app(desk, ui_config())


@asynccontextmanager
async def on_catalogue(app: Any, size: tuple[int, int]) -> AsyncIterator[Any]:
    """Run the app on a terminal of `size` and go to the catalogue, as an operator does: 5.

    The app opens on its first section, the incident queue.
    """
    async with app.run_test(size=size) as pilot:
        await pilot.press("5")
        await pilot.pause()
        yield pilot
