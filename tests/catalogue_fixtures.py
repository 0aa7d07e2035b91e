"""Fixtures for the catalogue's UI tests: the fixed test catalogue on disk, and the app on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

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
