"""Fixtures shared by every test module. Topic fixtures live beside their tests."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlite_utils import Database

from sms_tui.store import open_memory, open_store

pytest_plugins = ["tests.catalogue_fixtures"]

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
HOSTILE_FILE = SHARED / "hostile-strings.json"

# A fixed moment for every test: domain code never reads the wall clock.
NOW = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)  # a Monday


@pytest.fixture
def now() -> datetime:
    return NOW


@pytest.fixture
def db() -> Iterator[Database]:
    """A fresh, migrated in-memory store per test."""
    database = open_memory()
    yield database
    database.conn.close()


@pytest.fixture
def db_file(tmp_path: Path) -> Iterator[Path]:
    """A fresh, migrated store on disk (WAL), for tests that need a real file or two connections."""
    path = tmp_path / "desk.db"
    open_store(path).conn.close()
    yield path


def hostile_strings() -> list[str]:
    """../shared/hostile-strings.json plus our own additions."""
    strings: list[str] = json.loads(HOSTILE_FILE.read_text(encoding="utf-8"))
    return [
        *strings,
        "\u001b[31mred via raw SGR\u001b[0m",
        "\u009d0;osc via C1\u009c",
        "[bold]$x[/bold] and \\[escaped]",
        "\u200f\u2067isolate\u2069 rtl",
        "\u001b]8;;https://e.vil\u001b\\hyperlink\u001b]8;;\u001b\\ via OSC 8",
        "\u001b]2;title via OSC 2\u0007 and BEL",
        "\u001bcfull reset via RIS",
        "\u001b[?1000hmouse tracking on",
        "\u009d52;c;SGVsbG8=\u0007 clipboard via 8-bit OSC",
        "next line \u0085 via NEL",
        "[@click=app.switch_section('catalogue')]jump[/]",
    ]
