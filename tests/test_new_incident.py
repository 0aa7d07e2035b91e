"""`n` opens a form checked as you type; saving creates the incident and opens its detail."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database
from textual.pilot import Pilot
from textual.widgets import Static

from sms_tui import triage
from sms_tui.app import SmsApp, make_app
from sms_tui.models import Level, Priority
from sms_tui.screens.incident_detail import IncidentDetailScreen
from sms_tui.screens.new_incident import NewIncidentDialog
from sms_tui.store import DatabaseBusy, families, open_store, records
from sms_tui.store.catalogue import list_services
from sms_tui.store.incidents import get_incident, priority_matrix
from sms_tui.triage import NewIncident
from tests.snapshot_apps.queue_desk import build_queue, ui_config
from tests.snapshot_apps.screen_text import screen_text
from tests.snapshot_apps.suggestions import suggestions_settled
from tests.test_triage_dialogs import UNSET, Host


@pytest.fixture
def desk(db_file: Path) -> Iterator[Database]:
    database = open_store(db_file)
    build_queue(database)
    yield database
    database.conn.close()


def form(
    desk: Database, draft: NewIncident | None = None, notice: list[str] | None = None
) -> NewIncidentDialog:
    return NewIncidentDialog(
        list_services(desk),
        records.select(desk, families.CIS),
        priority_matrix(desk),
        draft,
        notice or [],
    )


def problem(app: Any) -> str:
    return str(app.screen.query_one("#dialog-problem", Static).render())


async def test_the_form_asks_for_a_title_first_and_checks_pickers_as_you_type(
    desk: Database,
) -> None:
    app = Host(form(desk))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert problem(app) == "a title is required"
        await pilot.press("ctrl+s")
        assert app.result is UNSET
        await pilot.press(*"Payslips missing", "enter")
        await pilot.pause()
        assert problem(app) == ""
        await pilot.press("enter", *"zzzqqq")
        await pilot.pause()
        assert problem(app) == "no service matches 'zzzqqq'"
        await pilot.press(*["backspace"] * 6, *"payrol")
        await pilot.pause()
        assert problem(app) == ""
        assert "Priority P3" in screen_text(app)


async def test_the_form_returns_what_was_typed_and_picked(desk: Database) -> None:
    app = Host(form(desk))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Payslips missing", "enter", *"Dana", "enter", *"payrol", "enter")
        await pilot.pause()
        # The service's own CIs are offered first.
        assert screen_text(app).index("payroll-api") < screen_text(app).index("mx-prd-01")
        await pilot.press(*"db-prd", "tab", "k", "tab", "k", "tab", *"since 9am", "ctrl+s")
        assert app.result == NewIncident(
            title="Payslips missing",
            caller="Dana",
            service="Payroll",
            cis=("db-prd-03",),
            impact=Level.HIGH,
            urgency=Level.HIGH,
            description="since 9am",
        )


async def test_a_reopened_form_keeps_the_draft_and_shows_why(desk: Database) -> None:
    draft = NewIncident("Mail down", caller="Sam", service="E-mail", cis=("mx-prd-01",))
    app = Host(form(desk, draft, ["database busy, try again"]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "database busy, try again" in screen_text(app)
        await pilot.press("ctrl+s")
        assert app.result == draft


async def test_n_creates_the_incident_and_opens_its_detail(desk: Database) -> None:
    app = make_app(desk, ui_config())
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(IncidentDetailScreen(app.session, "INC-000101"))
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewIncidentDialog)
        await pilot.press(*"Payslips missing", "enter", *"Dana", "enter", *"payrol", "ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, IncidentDetailScreen)
        assert screen.number == "INC-000115"
        created = get_incident(desk, "INC-000115")
        assert (created.title, created.caller, created.service) == (
            "Payslips missing",
            "Dana",
            "Payroll",
        )
        assert created.priority == Priority.P3
        assert "Payslips missing" in screen_text(app)
        assert "Opened INC-000115: Payslips missing" in [n.message for n in app._notifications]


async def test_a_busy_database_reopens_the_form_with_everything_kept(
    desk: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = triage.create_incident
    calls: list[int] = []

    def busy_once(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise DatabaseBusy()
        return real(*args, **kwargs)

    monkeypatch.setattr(triage, "create_incident", busy_once)
    app: SmsApp = make_app(desk, ui_config())
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(IncidentDetailScreen(app.session, "INC-000101"))
        await pilot.press("n", *"Mail down", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NewIncidentDialog)
        assert "database busy, try again" in screen_text(app)
        assert "Mail down" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, IncidentDetailScreen)
        assert get_incident(desk, "INC-000115").title == "Mail down"


def test_snapshot_new_incident_form(snap_compare: Callable[..., bool], desk: Database) -> None:
    async def ready(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, SmsApp)
        await app.push_screen(IncidentDetailScreen(app.session, "INC-000101"))
        await pilot.press("n", *"Payslips missing", "enter", *"Dana", "enter", *"payrol")
        await suggestions_settled(pilot)

    assert snap_compare(make_app(desk, ui_config()), run_before=ready, terminal_size=(80, 24))
