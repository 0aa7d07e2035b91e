"""Every hostile string stored as an incident's title, caller or service shows in the queue as
plain, harmless text: no escape, C1 or bidi control reaches the terminal, markup stays literal."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from rich.cells import cell_len
from sqlite_utils import Database
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from sms_tui.app import SmsApp, make_app
from sms_tui.models import (
    BusinessCalendar,
    Desk,
    Incident,
    IncidentState,
    Priority,
    Service,
    SlaTarget,
    StateChange,
)
from sms_tui.safe_text import one_line
from sms_tui.screens.queue import QueueScreen
from sms_tui.store import open_store
from sms_tui.store.desk import write_desk
from tests.conftest import NOW, hostile_strings
from tests.snapshot_apps.queue_desk import ui_config
from tests.snapshot_apps.screen_text import screen_lines, screen_text

HOSTILE = hostile_strings()
TITLES = [text for text in HOSTILE if text.strip()]
RAW = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
SIZE = (200, 60)


def hostile_desk() -> Desk:
    """An incident titled with each hostile string, called in by another, on a third service."""
    calendar = BusinessCalendar(name="[b]24x7[/b] \x1b[2J", always_open=True)
    target = SlaTarget(priority=Priority.P3, respond_minutes=60, resolve_minutes=600)
    services = [Service(name=name, calendar=calendar.name, targets=[target]) for name in TITLES]
    incidents = [
        Incident(
            number=f"INC-{n:06d}",
            title=title,
            caller=HOSTILE[(n + 1) % len(HOSTILE)],
            service=TITLES[(n + 2) % len(TITLES)],
            opened_at=NOW - timedelta(minutes=n),
            history=[StateChange(at=NOW - timedelta(minutes=n), state=IncidentState.NEW)],
        )
        for n, title in enumerate(TITLES, start=1)
    ]
    return Desk(calendars=[calendar], services=services, incidents=incidents)


@pytest.fixture
def desk(db_file: Path) -> Iterator[Database]:
    database = open_store(db_file)
    write_desk(database, hostile_desk(), "alice", NOW)
    yield database
    database.conn.close()


@pytest.fixture
def app(desk: Database) -> SmsApp:
    return make_app(desk, ui_config())


async def settle(pilot: Pilot[None]) -> None:
    app = pilot.app
    for _ in range(100):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            continue
        await pilot.pause()
        waiting = isinstance(app.screen, QueueScreen) and app.screen.page is None
        if not any(w.is_running for w in app.workers) and not waiting:
            return


def assert_harmless(app: SmsApp) -> None:
    for line in screen_lines(app):
        assert not RAW.search(line), repr(line)


async def test_every_hostile_title_is_a_literal_row(app: SmsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        for title in TITLES:
            assert one_line(title)[:30] in text, title
        assert "[red]x[/red]" in text
        assert "[@click=app.quit]View attachment[/]" in text
        assert "\u241b[2J\u241b[Hclear screen" in text
        assert "bidi \ufffdevil\ufffd override" in text
        assert_harmless(app)
        await pilot.click("QueueTable", offset=(60, 5))
        assert app.is_running


async def test_every_hostile_caller_shows_literally_below_the_queue(app: SmsApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", "home")  # by number, from the top: row n - 1 is INC-n
        await settle(pilot)
        for n in range(1, len(TITLES) + 1):
            preview = screen_lines(app)[-2]
            assert preview.startswith(f" INC-{n:06d} new  Caller ")
            assert one_line(HOSTILE[(n + 1) % len(HOSTILE)])[:40] in preview, n
            await pilot.press("j")
            await settle(pilot)
            assert_harmless(app)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_hostile_rows_fit_the_width(app: SmsApp, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert all(cell_len(line) == size[0] for line in screen_lines(app))
        assert_harmless(app)


@pytest.mark.parametrize(
    ("typed", "title"),
    [("[red]", "[red]x[/red]"), ("%s", "$name ${title} %s {0}"), ("DROP TABLE", "'; DROP")],
)
async def test_a_hostile_filter_is_literal_text(app: SmsApp, typed: str, title: str) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *typed)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        assert screen.page is not None
        assert any(item.title.startswith(title) for item in screen.page.items)
        assert all(typed.casefold() in (i.title + i.caller + str(i.service)).casefold()
                   for i in screen.page.items)  # fmt: skip
        assert_harmless(app)
