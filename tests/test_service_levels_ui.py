"""Service levels in the catalogue, by keys alone: the service detail's additions and the report."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database
from textual.pilot import Pilot

from sms_tui.app import SmsApp, make_app
from sms_tui.screens.catalogue import CatalogueScreen
from sms_tui.screens.service_detail import ServiceDetailScreen
from sms_tui.screens.sla_report import SlaReportScreen
from sms_tui.store import open_store
from sms_tui.widgets.key_table import KeyTable
from tests.catalogue_fixtures import on_catalogue
from tests.service_levels_desk import add_service_levels
from tests.snapshot_apps.catalogue_desk import build_catalogue, ui_config
from tests.snapshot_apps.screen_text import screen_text


@pytest.fixture
def desk(db_file: Path) -> Iterator[Database]:
    database = open_store(db_file)
    build_catalogue(database)
    add_service_levels(database)
    yield database
    database.conn.close()


@pytest.fixture
def app(desk: Database) -> SmsApp:
    return make_app(desk, ui_config())


async def until(pilot: Pilot[Any], condition: Callable[[], bool], seconds: float = 5) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition()


def report_ready(app: SmsApp) -> bool:
    screen = app.screen
    return isinstance(screen, SlaReportScreen) and screen.report is not None


async def test_email_detail_shows_its_figures_by_hand(app: SmsApp) -> None:
    async with on_catalogue(app, (120, 40)) as pilot:
        await pilot.press("enter")  # E-mail, the first service
        await pilot.pause()
        assert isinstance(app.screen, ServiceDetailScreen)
        await pilot.press("i")
        await pilot.pause()
        text = screen_text(app)
        # See tests/service_levels_desk.py for the hand computation.
        assert "Response met          50% (1/2)  50% (1/2)  50% (1/2)" in text
        assert "Resolution met        50% (1/2)  50% (1/2)  50% (1/2)" in text
        assert "Mean time to resolve  4.0 h      4.0 h      4.0 h" in text
        assert "Breaches P1           1+1        1+1        1+1" in text
        assert "Open incidents (2)" in text


async def test_incidents_open_from_the_service_detail_and_back(app: SmsApp) -> None:
    async with on_catalogue(app, (80, 24)) as pilot:
        await pilot.press("j", "j", "j", "enter")  # Payroll
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ServiceDetailScreen)
        await pilot.press("i")
        await pilot.pause()
        focused = app.focused
        assert isinstance(focused, KeyTable) and focused.id == "detail-incidents"
        assert "INC-000003" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "IncidentDetailScreen"
        assert "INC-000003" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        # Escape leaves the list first, then the page.
        await pilot.press("escape")
        assert app.focused is screen.query_one("#detail-body")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CatalogueScreen)


async def test_changes_and_supporting_cis_follow_the_walk_down(app: SmsApp) -> None:
    async with on_catalogue(app, (80, 24)) as pilot:
        await pilot.press("j", "j", "j", "enter")  # Payroll
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        text = screen_text(app)
        # The change is on san-prd-01, two steps below Payroll's CIs.
        assert "Changes this week (Mon 11-23 to Sun 11-29): 1" in text
        assert "CHG-00001  scheduled  Wed 11-25 20:00-22:00  Replace a SAN" in text
        await pilot.press("escape", "G")
        await pilot.pause()
        text = screen_text(app)
        assert "payroll-api (application)" in text
        assert "  depends on db-prd-03 (database)" in text
        assert "    runs on san-prd-01 (storage)" in text


async def test_report_screen_by_keys_alone(app: SmsApp) -> None:
    async with on_catalogue(app, (80, 24)) as pilot:
        await pilot.press("r")
        await until(pilot, lambda: report_ready(app))
        screen = app.screen
        assert isinstance(screen, SlaReportScreen)
        text = screen_text(app)
        assert "2026-10-25 to 2026-11-23 (30 days)" in text
        assert "E-mail" in text and "All services" in text
        row = next(line for line in text.splitlines() if line.startswith(" E-mail"))
        assert row.split()[1:5] == ["50%", "50%", "4.0", "h"]
        await pilot.press("p")
        await until(pilot, lambda: report_ready(app) and screen.period.length_days == 90)
        assert "(90 days)" in screen_text(app)
        await pilot.press("p")
        await until(pilot, lambda: report_ready(app) and screen.period.length_days == 7)
        await pilot.press("left_square_bracket")
        await until(pilot, lambda: "2026-11-10 to 2026-11-16" in screen_text(app))
        # The week before has nothing to judge.
        assert "E-mail" in screen_text(app) and "50%" not in screen_text(app)
        await pilot.press("right_square_bracket")
        await until(pilot, lambda: "50%" in screen_text(app))
        await pilot.press("enter")  # the cursor is still on the first service, E-mail
        await pilot.pause()
        assert isinstance(app.screen, ServiceDetailScreen)
        assert app.screen.service_name == "E-mail"
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, CatalogueScreen)


async def test_the_report_key_is_listed_in_help_and_palette(app: SmsApp) -> None:
    async with on_catalogue(app, (80, 24)) as pilot:
        assert "r SLA report" in screen_text(app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert "SLA report" in screen_text(app)


async def _open_report(pilot: Pilot[Any]) -> None:
    await pilot.press("5", "r")
    await until(pilot, lambda: report_ready(pilot.app))  # type: ignore[arg-type]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_sla_report(
    snap_compare: Callable[..., bool], desk: Database, size: tuple[int, int]
) -> None:
    app = make_app(desk, ui_config())
    assert snap_compare(app, run_before=_open_report, terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_service_levels(
    snap_compare: Callable[..., bool], desk: Database, size: tuple[int, int]
) -> None:
    app = make_app(desk, ui_config())
    assert snap_compare(app, press=["5", "enter", "i"], terminal_size=size)


async def test_the_detail_follows_commits_by_another_operator(app: SmsApp, db_file: Path) -> None:
    from sms_tui.incident_edits import Move
    from sms_tui.models import IncidentState, ResolutionCode
    from sms_tui.store.incidents import get_incident, update_incident
    from tests.conftest import NOW

    other = open_store(db_file)
    try:
        async with on_catalogue(app, (120, 40)) as pilot:
            await pilot.press("j", "j", "j", "enter", "i")  # Payroll, its incidents
            await pilot.pause()
            assert "Open incidents (1)" in screen_text(app)
            current = get_incident(other, "INC-000003")
            move = Move(IncidentState.RESOLVED, resolution_code=ResolutionCode.FIXED, note="ok")
            update_incident(other, "INC-000003", current.version, [move], operator="alice", now=NOW)
            await until(pilot, lambda: "Open incidents (0)" in screen_text(app))
            assert "INC-000003" not in screen_text(app)
    finally:
        other.conn.close()


async def test_a_change_without_a_detail_screen_is_explained(
    app: SmsApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sms_tui import openers

    monkeypatch.delitem(openers.OPENERS, "change", raising=False)
    async with on_catalogue(app, (120, 40)) as pilot:
        await pilot.press("j", "j", "j", "enter", "c", "enter")  # Payroll, its change
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ServiceDetailScreen)
        messages = [n.message for n in app._notifications]
        assert messages == [
            "Changes have no detail screen yet; try `sms-tui change show CHG-00001`."
        ]


async def test_a_registered_change_opens_from_the_service(app: SmsApp) -> None:
    from sms_tui import openers

    assert "change" in openers.OPENERS
    async with on_catalogue(app, (120, 40)) as pilot:
        await pilot.press("j", "j", "j", "enter", "c", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ServiceDetailScreen)
        assert "CHG-00001" in screen_text(app)
