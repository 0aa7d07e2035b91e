"""The suggestions panel, by keys alone: in the incident detail and the new-incident form."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Static

from sms_tui.app import SmsApp, make_app
from sms_tui.matching import Query
from sms_tui.models import KnownError
from sms_tui.screens.incident_detail import IncidentDetailScreen
from sms_tui.screens.new_incident import NewIncidentDialog
from sms_tui.store import families, open_store, records
from sms_tui.store.incidents import get_incident
from sms_tui.widgets.suggestions_panel import SuggestionsPanel
from tests.conftest import NOW, hostile_strings
from tests.snapshot_apps.catalogue_desk import ui_config
from tests.snapshot_apps.screen_text import screen_text
from tests.snapshot_apps.suggestions import suggestions_settled
from tests.suggestion_desk import WORKAROUND, add_hostile, seed_suggestions

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


async def settled(app: SmsApp, pilot: Pilot[None]) -> None:
    await suggestions_settled(pilot)


def workarounds(app: SmsApp) -> str:
    """The detail's workaround section as plain text (it may be scrolled out of view)."""
    shown = app.screen.query_one("#incident-workarounds", Static).render()
    assert isinstance(shown, Content)
    return shown.plain


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*(TYPED.get(c, c) for c in text))


async def test_detail_suggests_the_named_host_and_its_known_error(app: SmsApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(IncidentDetailScreen(app.session, "INC-000001"))
        await settled(app, pilot)
        panel = app.screen.query_one(SuggestionsPanel)
        assert panel.display
        found = panel.found
        assert found is not None
        assert found.cis[0].key == "db-prd-03"
        assert found.known_errors[0].key == "KE-00001"
        text = screen_text(app)
        assert "db-prd-03 \u00b7 database" in text
        assert "hostname db-prd-03 in text" in text
        assert "ORA-00060 deadlock on the payroll" in text


async def test_enter_links_the_known_error_and_its_workaround_shows(
    app: SmsApp, desk: Database
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(IncidentDetailScreen(app.session, "INC-000001"))
        await settled(app, pilot)
        assert WORKAROUND not in screen_text(app)
        await pilot.press("s")
        panel = app.screen.query_one(SuggestionsPanel)
        assert panel.has_focus
        while panel.highlighted_key != "known_error:KE-00001":
            before = panel.highlighted
            await pilot.press("down")
            assert panel.highlighted != before, "KE-00001 not in the panel"
        await pilot.press("enter")
        await settled(app, pilot)
        assert get_incident(desk, "INC-000001").known_errors == ["KE-00001"]
        assert WORKAROUND in workarounds(app)
        assert "\u2713 100 KE-00001  linked" in screen_text(app)


async def test_at_80x24_the_panel_waits_behind_s(app: SmsApp, desk: Database) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(IncidentDetailScreen(app.session, "INC-000001"))
        await settled(app, pilot)
        panel = app.screen.query_one(SuggestionsPanel)
        assert not panel.display
        await pilot.press("s")
        await pilot.pause()
        assert panel.display and panel.has_focus
        assert panel.region.bottom <= 23
        await pilot.press("enter")  # the best CI: db-prd-03
        await settled(app, pilot)
        assert get_incident(desk, "INC-000001").cis == ["db-prd-03"]
        await pilot.press("s")
        await pilot.pause()
        assert not panel.display
        assert app.screen.query_one("#detail-body").has_focus


async def test_the_new_incident_form_suggests_as_you_type_and_adds_links(
    app: SmsApp, desk: Database
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(IncidentDetailScreen(app.session, "INC-000001"))
        await settled(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewIncidentDialog)
        panel = app.screen.query_one(SuggestionsPanel)
        await type_text(pilot, "mail relay queue stuck")
        await settled(app, pilot)
        assert panel.found is not None
        assert panel.found.known_errors[0].key == "KE-00002"
        assert panel.found.cis[0].key == "mail-relay-07"
        while not panel.has_focus:
            await pilot.press("tab")
        await pilot.press("enter")  # the best CI
        while panel.highlighted_key != "known_error:KE-00002":
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert "adds mail-relay-07, KE-00002" in screen_text(app), screen_text(app)
        await pilot.press("ctrl+s")
        await settled(app, pilot)
        assert isinstance(app.screen, IncidentDetailScreen)
        created = get_incident(desk, app.screen.number)
        assert created.title == "mail relay queue stuck"
        assert created.cis == ["mail-relay-07"]
        assert created.known_errors == ["KE-00002"]
        assert "Restart the relay service." in workarounds(app)


async def test_the_index_follows_records_written_after_it_was_built(
    app: SmsApp, desk: Database
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(IncidentDetailScreen(app.session, "INC-000001"))
        await settled(app, pilot)
        records.create(
            desk,
            families.KNOWN_ERRORS,
            KnownError(
                number="KE-00000",
                title="db-prd-03 payroll ORA-00060 deadlock in batch",
                workaround="Kill the blocking session.",
                cis=["db-prd-03"],
                published_at=NOW,
            ),
            "bob",
            NOW,
        )
        await pilot.pause(1.5)  # the index looks at the audit trail once a second
        await settled(app, pilot)
        found = app.screen.query_one(SuggestionsPanel).found
        assert found is not None
        assert "KE-00003" in [s.key for s in found.known_errors]


async def test_hostile_ci_names_and_known_error_titles_show_as_plain_text(
    app: SmsApp, desk: Database
) -> None:
    strings = [s for s in hostile_strings() if len(s) < 200]
    made = [add_hostile(desk, text, NOW, n) for n, text in enumerate(strings)]
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(IncidentDetailScreen(app.session, "INC-000001"))
        await settled(app, pilot)
        panel = app.screen.query_one(SuggestionsPanel)
        panel.limit = len(made) + 5
        for n, (ci, number) in enumerate(made):
            panel.match_query = Query(f"zebra-{n} zebra outage {ci}")
            await settled(app, pilot)
            assert panel.found is not None
            assert ci in [s.key for s in panel.found.cis], strings[n]
            assert number in [s.key for s in panel.found.known_errors], strings[n]
            text = screen_text(app)
            assert "\x1b" not in text and "\x9d" not in text and "\u202e" not in text
