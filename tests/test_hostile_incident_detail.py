"""Hostile titles, callers and work notes show as plain, harmless text in the detail and toasts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database
from textual import events
from textual.widgets import Input

from sms_tui.app import SmsApp, make_app
from sms_tui.safe_text import one_line
from sms_tui.screens.incident_detail import IncidentDetailScreen
from sms_tui.screens.new_incident import NewIncidentDialog
from sms_tui.store import open_store
from sms_tui.store.incident_actions import add_work_note
from sms_tui.store.incidents import create_incident, get_incident
from tests.conftest import hostile_strings
from tests.snapshot_apps.queue_desk import NOW, build_queue, ui_config
from tests.snapshot_apps.screen_text import screen_lines, screen_text

HOSTILE = [text for text in hostile_strings() if text.strip()]
RAW = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def desk(db_file: Path) -> Iterator[Database]:
    """The queue desk plus one incident per hostile string, as title, caller and work note."""
    database = open_store(db_file)
    build_queue(database)
    for i, text in enumerate(HOSTILE):
        created = create_incident(
            database,
            title=text,
            caller=HOSTILE[(i + 1) % len(HOSTILE)],
            description=HOSTILE[(i + 2) % len(HOSTILE)],
            service="E-mail",
            operator="alice",
            now=NOW,
        )
        add_work_note(database, created.number, 1, text, operator="alice", now=NOW)
    yield database
    database.conn.close()


def assert_harmless(app: SmsApp) -> None:
    for line in screen_lines(app):
        assert not RAW.search(line), repr(line)


async def test_every_hostile_incident_renders_as_literal_text(desk: Database) -> None:
    app = make_app(desk, ui_config())
    async with app.run_test(size=(160, 60)) as pilot:
        for i, text in enumerate(HOSTILE):
            number = f"INC-{115 + i:06d}"
            await app.push_screen(IncidentDetailScreen(app.session, number))
            await pilot.pause()
            shown = screen_text(app)
            assert one_line(text)[:40] in shown, text
            assert_harmless(app)
            await pilot.press("G")
            await pilot.pause()
            assert_harmless(app)
            app.pop_screen()


async def test_markup_in_a_title_stays_literal_in_the_heading(desk: Database) -> None:
    app = make_app(desk, ui_config())
    markup = "[bold]$x[/bold] and \\[escaped]"
    number = f"INC-{115 + HOSTILE.index(markup):06d}"
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(IncidentDetailScreen(app.session, number))
        await pilot.pause()
        assert markup in screen_text(app)


@pytest.mark.parametrize("index", range(0, len(HOSTILE), 3))
async def test_a_hostile_title_in_the_new_form_and_its_toast_is_plain(
    desk: Database, index: int
) -> None:
    text = HOSTILE[index]
    app = make_app(desk, ui_config())
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(IncidentDetailScreen(app.session, "INC-000101"))
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewIncidentDialog)
        app.screen.query_one("#title", Input).value = text
        await pilot.pause()
        assert_harmless(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, IncidentDetailScreen)
        messages = [n.message for n in app._notifications]
        assert messages[-1].startswith("Opened INC-")
        assert not RAW.search(messages[-1])
        assert_harmless(app)


async def test_a_pasted_escape_sequence_in_a_work_note_is_shown_and_saved_harmless(
    desk: Database,
) -> None:
    app = make_app(desk, ui_config())
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(IncidentDetailScreen(app.session, "INC-000104"))
        await pilot.press("c")
        await pilot.pause()
        # As the terminal driver does: the app forwards a paste to the focused widget.
        app.post_message(events.Paste("\x1b]52;c;cGF5bG9hZA==\x07 and \u202eevil"))
        await pilot.pause()
        assert_harmless(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        note = get_incident(desk, "INC-000104").work_notes[-1].text
        assert note == "\u241b]52;c;cGF5bG9hZA==\u2407 and \ufffdevil"
        assert_harmless(app)
