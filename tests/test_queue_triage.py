"""Triage from the queue: enter opens the detail, space selects, action keys act on the selection."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database
from textual.pilot import Pilot

from sms_tui.app import SmsApp, make_app
from sms_tui.models import IncidentState
from sms_tui.screens.incident_detail import IncidentDetailScreen
from sms_tui.screens.new_incident import NewIncidentDialog
from sms_tui.screens.note_dialog import NoteDialog
from sms_tui.screens.queue import QueueScreen
from sms_tui.store import open_store
from sms_tui.store.incidents import get_incident
from sms_tui.widgets.queue_table import QueueTable
from tests.snapshot_apps.queue_desk import build_queue, ui_config
from tests.snapshot_apps.screen_text import screen_lines


@pytest.fixture
def desk(db_file: Path) -> Iterator[Database]:
    database = open_store(db_file)
    build_queue(database)
    yield database
    database.conn.close()


@pytest.fixture
def app(desk: Database) -> SmsApp:
    return make_app(desk, ui_config())


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(20):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in pilot.app.workers):
            return


async def press(pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


def cursor(app: SmsApp) -> str | None:
    return app.screen.query_one(QueueTable).current_number


def row_line(app: SmsApp, number: str) -> str:
    return next(line for line in screen_lines(app) if number in line)


async def test_enter_opens_the_detail_and_escape_comes_back(app: SmsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "j", "enter")
        screen = app.screen
        assert isinstance(screen, IncidentDetailScreen)
        assert screen.number == "INC-000101"
        await press(pilot, "escape")
        assert isinstance(app.screen, QueueScreen)
        assert cursor(app) == "INC-000101"


async def test_space_marks_rows_and_t_takes_them_all(app: SmsApp, desk: Database) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "u")  # unassigned: 112, 104, 107
        await press(pilot, "space", "j", "space")
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        assert screen.selected == frozenset({"INC-000112", "INC-000104"})
        assert row_line(app, "INC-000112").lstrip().startswith("*")
        await press(pilot, "t")
        for number in ("INC-000112", "INC-000104"):
            saved = get_incident(desk, number)
            assert (saved.assignee, saved.state) == ("alice", IncidentState.ASSIGNED)
        assert get_incident(desk, "INC-000107").assignee is None
        assert screen.selected == frozenset()


async def test_an_action_without_a_selection_applies_to_the_cursor_row(
    app: SmsApp, desk: Database
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "j", "c")
        assert isinstance(app.screen, NoteDialog)
        await press(pilot, *"looking", "ctrl+s")
        assert [n.text for n in get_incident(desk, "INC-000101").work_notes] == ["looking"]


async def test_space_again_unmarks(app: SmsApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "space", "space")
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        assert screen.selected == frozenset()


async def test_n_from_the_queue_creates_and_opens(app: SmsApp, desk: Database) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        assert isinstance(app.screen, NewIncidentDialog)
        await press(pilot, *"Printer smoking", "ctrl+s")
        screen = app.screen
        assert isinstance(screen, IncidentDetailScreen)
        assert get_incident(desk, screen.number).title == "Printer smoking"
