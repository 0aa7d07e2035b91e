"""The CMDB section driven by keys alone: filter, open, follow edges, back, x-ray, impact,
records, forms; hostile names as plain text; snapshots of the list, detail and x-ray."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from sqlite_utils import Database
from textual.pilot import Pilot
from textual.widgets import Input

from sms_tui.app import SmsApp, make_app
from sms_tui.screens.ci_detail import CiDetailScreen
from sms_tui.screens.ci_impact import CiImpactScreen
from sms_tui.screens.ci_records import CiRecordsScreen
from sms_tui.screens.ci_xray import CiXrayScreen
from sms_tui.screens.cmdb import CmdbScreen
from sms_tui.store import open_store
from sms_tui.store.cmdb import get_ci, relationships_of
from sms_tui.widgets.ci_table import CiTable
from sms_tui.widgets.xray_tree import XrayTree
from tests.snapshot_apps.catalogue_desk import ui_config
from tests.snapshot_apps.cmdb_desk import HOSTILE_NAME, MARKUP_NAME, build_cmdb
from tests.snapshot_apps.screen_text import screen_text

RAW = "\x1b"


@pytest.fixture
def cmdb(db_file: Path) -> Iterator[Database]:
    database = open_store(db_file)
    build_cmdb(database)
    yield database
    database.conn.close()


@pytest.fixture
def app(cmdb: Database) -> SmsApp:
    return make_app(cmdb, ui_config())


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@asynccontextmanager
async def on_cmdb(app: SmsApp, size: tuple[int, int] = (80, 24)) -> AsyncIterator[Pilot[None]]:
    """Run the app and go to the CMDB as an operator does: 4."""
    async with app.run_test(size=size) as pilot:
        await pilot.press("4")
        await settle(pilot)
        yield pilot


def table(app: SmsApp) -> CiTable:
    return app.screen.query_one(CiTable)


def detail(app: SmsApp) -> CiDetailScreen:
    screen = app.screen
    assert isinstance(screen, CiDetailScreen)
    return screen


async def test_four_opens_the_cmdb_with_every_ci(app: SmsApp) -> None:
    async with on_cmdb(app) as pilot:
        assert isinstance(app.screen, CmdbScreen)
        text = screen_text(app)
        assert "15 CIs" in text
        assert "auth-api" in text and "application" in text and "production" in text
        # Names sort as SQLite compares them: the two hostile names come first.
        await pilot.press("j", "j", "j")
        assert table(app).current_name == "cl-db"
        await pilot.press("G")
        assert table(app).current_name == "vm-pay-01"


async def test_filter_as_you_type_then_open_with_enter(app: SmsApp) -> None:
    async with on_cmdb(app) as pilot:
        await pilot.press("slash", *"dbprd3")
        await settle(pilot)
        assert table(app).current_name == "db-prd-03"
        assert "1 of 15 CIs" in screen_text(app)
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert detail(app).ci_name == "db-prd-03"
        text = screen_text(app)
        assert "PostgreSQL 16" in text and "1 inc" in text and "1 KE" in text


async def test_class_and_environment_keys_cycle_the_filters(app: SmsApp) -> None:
    async with on_cmdb(app) as pilot:
        await pilot.press("c", "c")  # business service, then application
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CmdbScreen)
        assert screen.shown == 4
        await pilot.press("e", "e")  # production, then staging
        await settle(pilot)
        assert table(app).current_name == "payroll-api-stg"
        assert "application" in screen_text(app) and "staging" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert screen.shown == 15


async def test_enter_follows_edges_and_backspace_goes_back_along_the_path(app: SmsApp) -> None:
    async with on_cmdb(app) as pilot:
        await pilot.press("slash", *"payroll-api", "enter", "enter")
        await settle(pilot)
        assert detail(app).ci_name == "payroll-api"
        # Depends on: auth-api, db-prd-03; the cursor starts on the first edge.
        await pilot.press("down", "enter")
        await pilot.pause()
        assert detail(app).path == ["payroll-api", "db-prd-03"]
        await pilot.press("down", "down", "enter")  # payroll-api, then Runs on: cl-db
        await pilot.pause()
        assert detail(app).path == ["payroll-api", "db-prd-03", "cl-db"]
        assert "CMDB \u203a payroll-api \u203a db-prd-03 \u203a cl-db" in screen_text(app)
        await pilot.press("backspace")
        await pilot.pause()
        assert detail(app).ci_name == "db-prd-03"
        assert detail(app).current_edge is not None
        assert detail(app).current_edge.name == "cl-db"  # type: ignore[union-attr]
        await pilot.press("escape")
        await pilot.pause()
        assert detail(app).ci_name == "payroll-api"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CmdbScreen)


async def test_xray_expands_by_keys_and_marks_cycles(app: SmsApp) -> None:
    async with on_cmdb(app, (100, 30)) as pilot:
        await pilot.press("slash", *"auth-api", "enter", "enter")
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, CiXrayScreen)
        text = screen_text(app)
        assert "Needed by" in text and "depended on by payroll-api" in text
        tree = app.screen.query_one(XrayTree)
        # root, Needed by, payroll-api: open it.
        await pilot.press("j", "j", "l")
        await pilot.pause()
        text = screen_text(app)
        assert "service Payroll" in text
        assert "auth-api  application" in text and "\u21bb cycle" in text
        assert "depended on by svc-pay" in text
        assert tree.cursor_node is not None and tree.cursor_node.is_expanded
        await pilot.press("h")
        await pilot.pause()
        assert not tree.cursor_node.is_expanded
        await pilot.press("enter")
        await pilot.pause()
        assert detail(app).ci_name == "payroll-api"


async def test_impact_key_shows_services_and_cis_hit(app: SmsApp) -> None:
    async with on_cmdb(app, (120, 40)) as pilot:
        await pilot.press("slash", *"esx-01", "enter", "enter")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, CiImpactScreen)
        text = screen_text(app)
        assert "If esx-01 fails: 5 CIs down, 1 service hit." in text
        assert "critical" in text and "Payroll" in text
        assert "esx-01 -> vm-pay-01 -> payroll-api" in text
        assert "cl-db" not in text  # esx-02 keeps the cluster up


async def test_incidents_key_lists_them_and_enter_opens_one(app: SmsApp) -> None:
    async with on_cmdb(app, (100, 30)) as pilot:
        await pilot.press("slash", *"payroll-api", "enter", "enter")
        await settle(pilot)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, CiRecordsScreen)
        assert "1 incident on payroll-api" in screen_text(app)
        assert "INC-000001" in screen_text(app)
        assert "Payslips fail to render" in screen_text(app)


async def test_link_form_refuses_a_duplicate_and_keeps_the_input(
    app: SmsApp, cmdb: Database
) -> None:
    async with on_cmdb(app, (100, 30)) as pilot:
        await pilot.press("slash", *"payroll-api", "enter", "enter")
        await settle(pilot)
        await pilot.press("l", *"db-prd-03", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "relationship payroll-api depends_on db-prd-03 already exists" in text
        await pilot.press("ctrl+a", "ctrl+k", *"esx-02", "enter")
        await pilot.pause()
        assert any(
            (r.source, r.kind.value, r.target) == ("payroll-api", "depends_on", "esx-02")
            for r in relationships_of(cmdb, "payroll-api")
        )
        assert "esx-02" in screen_text(app)


async def test_edit_form_saves_a_new_version(app: SmsApp, cmdb: Database) -> None:
    async with on_cmdb(app, (100, 30)) as pilot:
        await pilot.press("slash", *"san-01", "enter", "enter")
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *"Storage team", "ctrl+s")
        await pilot.pause()
        ci = get_ci(cmdb, "san-01")
        assert (ci.owner, ci.version, ci.updated_by) == ("Storage team", 2, "alice")
        assert "Storage team" in screen_text(app)


async def test_hostile_names_and_values_show_as_plain_text(app: SmsApp) -> None:
    async with on_cmdb(app, (120, 40)) as pilot:
        text = screen_text(app)
        assert RAW not in text
        assert "\u241b[31mred via raw SGR\u241b[0m" in text
        assert MARKUP_NAME in text  # the markup stays literal
        await pilot.press("slash", *"[bold]", "enter", "enter")
        await settle(pilot)
        assert detail(app).ci_name == MARKUP_NAME
        text = screen_text(app)
        assert MARKUP_NAME in text and "[link=x]y[/link]" in text and RAW not in text
        assert "\x9d" not in text
        await pilot.press("x")
        await pilot.pause()
        text = screen_text(app)
        assert MARKUP_NAME in text and RAW not in text
        await pilot.press("escape", "escape", "escape")
        await settle(pilot)
        await pilot.press("slash", *"db-prd-03", "enter", "enter")
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        text = screen_text(app)
        assert "depended on by \u241b[31mred via raw SGR\u241b[0m" in text
        assert HOSTILE_NAME not in text


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_cmdb_list(
    snap_compare: Callable[..., bool], cmdb: Database, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app(cmdb, ui_config()), press=["4", "j", "j"], terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_ci_detail(
    snap_compare: Callable[..., bool], cmdb: Database, size: tuple[int, int]
) -> None:
    keys = ["4", "slash", *"payroll-api", "enter", "enter"]
    assert snap_compare(make_app(cmdb, ui_config()), press=keys, terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_snapshot_ci_xray(
    snap_compare: Callable[..., bool], cmdb: Database, size: tuple[int, int]
) -> None:
    keys = ["4", "slash", *"db-prd-03", "enter", "enter", "x", "j", "j", "j", "l"]
    assert snap_compare(make_app(cmdb, ui_config()), press=keys, terminal_size=size)


async def test_n_opens_a_new_incident_with_the_ci_and_its_service_filled_in(app: SmsApp) -> None:
    from sms_tui.screens.new_incident import NewIncidentDialog
    from sms_tui.widgets.fuzzy_picker import FuzzyPicker

    async with on_cmdb(app, (100, 30)) as pilot:
        await pilot.press("slash", *"payroll-api", "enter", "enter")
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NewIncidentDialog)
        ci = dialog.query_one("#ci", FuzzyPicker).choice
        service = dialog.query_one("#service", FuzzyPicker).choice
        assert (ci and ci.key, service and service.key) == ("payroll-api", "Payroll")


async def test_shift_n_opens_a_new_change_on_the_ci(app: SmsApp) -> None:
    new_change = pytest.importorskip("sms_tui.screens.new_change")
    async with on_cmdb(app, (100, 30)) as pilot:
        await pilot.press("slash", *"db-prd-03", "enter", "enter")
        await settle(pilot)
        await pilot.press("N")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, new_change.NewChangeScreen)
        assert dialog.initial_cis == ("db-prd-03",)


async def test_every_ci_key_is_in_the_help_screen(app: SmsApp) -> None:
    async with on_cmdb(app, (100, 40)) as pilot:
        await pilot.press("slash", *"esx-01", "enter", "enter")
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        for words in ("X-ray", "Impact", "Incidents", "Changes", "New incident", "Edit", "Link"):
            assert words in text, words
        assert "Unlink" in text


async def test_n_adds_a_ci_and_opens_it(app: SmsApp, cmdb: Database) -> None:
    async with on_cmdb(app, (100, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"esx-03", "ctrl+s")
        await settle(pilot)
        assert detail(app).ci_name == "esx-03"
        ci = get_ci(cmdb, "esx-03")
        assert (ci.ci_class.value, ci.updated_by, ci.version) == ("server", "alice", 1)
        await pilot.press("escape")
        await settle(pilot)
        assert "16 CIs" in screen_text(app)


async def test_a_ci_form_refused_by_the_store_keeps_what_was_typed(app: SmsApp) -> None:
    async with on_cmdb(app, (100, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"esx-01", "ctrl+s")
        await pilot.pause()
        text = screen_text(app)
        assert "ci 'esx-01' already exists" in text
        assert "esx-01" in app.screen.query_one("#name", Input).value
