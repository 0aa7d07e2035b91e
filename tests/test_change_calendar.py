"""The change calendar driven by keys alone: agenda and week, live conflicts, save, override."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from sqlite_utils import Database
from textual.pilot import Pilot

from sms_tui.app import SmsApp, make_app
from sms_tui.models import ChangeState
from sms_tui.screens.change_calendar import ChangeCalendarScreen
from sms_tui.screens.change_detail import ChangeDetailScreen
from sms_tui.screens.new_change import NewChangeScreen
from sms_tui.screens.reason_dialog import ReasonDialog
from sms_tui.store import open_store
from sms_tui.store.change_schedule import OVERRIDE_FIELD, schedule
from sms_tui.store.changes import get_change
from sms_tui.widgets.calendar_grid import CalendarGrid
from tests.change_desk import at, seed_changes
from tests.conftest import NOW
from tests.snapshot_apps.catalogue_desk import ui_config
from tests.snapshot_apps.screen_text import screen_text


@pytest.fixture
def desk(db_file: Path) -> Iterator[Database]:
    """The change desk in a fresh on-disk store, as the app's connection."""
    database = open_store(db_file)
    seed_changes(database, NOW)
    yield database
    database.conn.close()


@asynccontextmanager
async def on_calendar(
    desk: Database, size: tuple[int, int]
) -> AsyncIterator[tuple[SmsApp, Pilot[None], ChangeCalendarScreen]]:
    """The app at `size`, gone to the changes section as an operator does: 3."""
    app = make_app(desk, ui_config())
    async with app.run_test(size=size) as pilot:
        await pilot.press("3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChangeCalendarScreen)
        yield app, pilot, screen


def on_top(app: SmsApp) -> object:
    """The screen on top, unnarrowed: a dialog may have closed since the last check."""
    return app.screen


def info(app: SmsApp) -> str:
    return screen_text(app).splitlines()[-3] + "\n" + screen_text(app).splitlines()[-2]


async def test_80_columns_open_on_the_agenda_of_this_week(desk: Database) -> None:
    async with on_calendar(desk, (80, 24)) as (app, _pilot, screen):
        assert screen.query_one(CalendarGrid).agenda
        text = screen_text(app)
        assert "Week of Mon 23 Nov 2026" in text
        assert "\u203a 14:00-15:00  CHG-00004 draft" in text  # the cursor is on Monday's change
        assert "  20:00-22:00  CHG-00001 scheduled" in text
        assert "Friday 27 November" in text and "\u2591 blackout Month-end freeze" in text


async def test_120_columns_open_on_the_week_grid_and_v_switches(desk: Database) -> None:
    async with on_calendar(desk, (120, 40)) as (app, pilot, screen):
        grid = screen.query_one(CalendarGrid)
        assert not grid.agenda
        lines = screen_text(app).splitlines()
        assert any(line.startswith("14:00 ") and " CHG-00004" in line for line in lines)
        assert any(line.startswith("00:00 ") and "\u2591\u2591\u2591" in line for line in lines)
        await pilot.press("v")
        assert grid.agenda


async def test_reschedule_by_keys_shows_the_conflict_before_saving(desk: Database) -> None:
    async with on_calendar(desk, (120, 40)) as (app, pilot, screen):
        await pilot.press("j", "j", "j", "j")  # 10:00 -> 14:00, onto CHG-00004
        assert screen.cursor.selected == "CHG-00004"
        await pilot.press("shift+right", "shift+right")  # Wednesday 14:00: free
        assert "No conflict." in info(app)
        assert "*CHG-00004" in screen_text(app)
        await pilot.press("shift+up", "shift+up", "shift+up", "shift+up")  # Wed 10:00
        text = info(app)
        assert "Moving CHG-00004 to Wed 25 Nov 10:00-11:00" in text
        assert "! 1 conflict(s): CHG-00002 also changes mail-01" in text
        # Both sides of the clash are flagged, by glyph as well as colour.
        assert "!CHG-00004" in screen_text(app)
        assert get_change(desk, "CHG-00004").planned_start == at("2026-11-23 14:00")

        await pilot.press("s")
        assert isinstance(app.screen, ReasonDialog)
        await pilot.press(*"Vendor only free then", "ctrl+s")
        await pilot.pause()
        assert on_top(app) is screen and screen.draft is None
        saved = get_change(desk, "CHG-00004")
        assert (saved.planned_start, saved.planned_end) == (
            at("2026-11-25 10:00"),
            at("2026-11-25 11:00"),
        )
        reason = desk.execute(
            "SELECT new_value, operator FROM audit WHERE key = 'CHG-00004' AND field = ?",
            [OVERRIDE_FIELD],
        ).fetchall()
        assert reason == [("Vendor only free then", "alice")]


async def test_a_free_slot_saves_at_once_and_grow_shrink_change_the_end(desk: Database) -> None:
    async with on_calendar(desk, (120, 40)) as (app, pilot, _screen):
        await pilot.press("j", "j", "j", "j", "shift+down", "plus", "plus", "minus")
        assert "Moving CHG-00004 to Mon 23 Nov 15:00-17:00" in info(app)
        await pilot.press("s")
        await pilot.pause()
        assert not isinstance(app.screen, ReasonDialog)
        saved = get_change(desk, "CHG-00004")
        assert (saved.planned_start, saved.planned_end, saved.version) == (
            at("2026-11-23 15:00"),
            at("2026-11-23 17:00"),
            2,
        )
        assert "Saved CHG-00004" in info(app)


async def test_escape_puts_the_change_back_unsaved(desk: Database) -> None:
    async with on_calendar(desk, (80, 24)) as (_app, pilot, screen):
        await pilot.press("shift+right", "shift+right")
        assert screen.draft is not None
        await pilot.press("escape")
        assert screen.draft is None
        assert screen.cursor.selected == "CHG-00004" and screen.cursor.day == 0
        assert get_change(desk, "CHG-00004").version == 1


async def test_someone_elses_save_keeps_the_draft_and_says_who(
    desk: Database, db_file: Path
) -> None:
    async with on_calendar(desk, (120, 40)) as (app, pilot, screen):
        await pilot.press("j", "j", "j", "j", "shift+down")
        other = open_store(db_file)
        schedule(other, "CHG-00004", 1, at("2026-11-23 16:00"), at("2026-11-23 17:00"), operator="dave", now=NOW)  # fmt: skip
        other.conn.close()
        await pilot.press("s")
        await pilot.pause()
        assert "Not saved: CHG-00004 was changed by dave" in info(app)
        assert screen.draft is not None and screen.draft.start == at("2026-11-23 15:00")


async def test_tab_jumps_between_changes_and_weeks_move(desk: Database) -> None:
    async with on_calendar(desk, (120, 40)) as (app, pilot, screen):
        await pilot.press("tab")  # from Monday 10:00, the next change starts at 14:00
        assert screen.cursor.selected == "CHG-00004"
        await pilot.press("tab", "tab", "tab")
        assert screen.cursor.selected == "CHG-00003"
        await pilot.press("shift+tab")
        assert screen.cursor.selected == "CHG-00002"
        await pilot.press("right_square_bracket")
        assert "Week of Mon 30 Nov 2026" in screen_text(app)
        await pilot.press("t")
        assert "Week of Mon 23 Nov 2026" in screen_text(app)
        assert (screen.cursor.day, screen.cursor.hour) == (0, 10)


async def test_filters_mine_awaiting_and_clear(desk: Database) -> None:
    async with on_calendar(desk, (80, 24)) as (app, pilot, _screen):
        await pilot.press("a")
        text = screen_text(app)
        assert "awaiting approval" in text and "2 change(s)" in text
        assert "CHG-00004" not in text
        await pilot.press("a", "m")  # alice requested 1 and 2
        assert "mine \u00b7 agenda \u00b7 2 change(s)" in screen_text(app)
        await pilot.press("x")
        assert "all changes \u00b7 agenda \u00b7 4 change(s)" in screen_text(app)
        await pilot.press("C")
        await pilot.press(*"core", "enter")
        await pilot.pause()
        assert "CI core-sw \u00b7 agenda \u00b7 1 change(s)" in screen_text(app)


async def test_n_creates_a_change_at_the_cursor_slot(desk: Database) -> None:
    async with on_calendar(desk, (80, 24)) as (app, pilot, screen):
        await pilot.press("n")
        assert isinstance(app.screen, NewChangeScreen)
        text = screen_text(app)
        assert "2026-11-23 10:00" in text and "2026-11-23 11:00" in text
        await pilot.press(*"Rotate keys", "enter", "enter", "enter", *"nope", "ctrl+s")
        assert "no CI named 'nope'" in screen_text(app)
        await pilot.press(*["backspace"] * 4, *"core-sw", "ctrl+s")
        await pilot.pause()
        assert on_top(app) is screen
        made = get_change(desk, "CHG-00005")
        assert (made.title, made.cis, made.planned_start) == (
            "Rotate keys",
            ["core-sw"],
            at("2026-11-23 10:00"),
        )
        assert screen.cursor.selected == "CHG-00005"


async def test_enter_opens_the_detail_where_a_change_manager_approves(desk: Database) -> None:
    async with on_calendar(desk, (80, 24)) as (app, pilot, screen):
        await pilot.press("tab", "tab", "tab", "enter")  # CHG-00003, the emergency change
        assert isinstance(app.screen, ChangeDetailScreen)
        text = screen_text(app)
        assert "CHG-00003  Replace core switch" in text
        assert "0 of 1 needed" in text
        await pilot.press("a", *"Outage ongoing", "ctrl+s")
        await pilot.pause()
        assert get_change(desk, "CHG-00003").state is ChangeState.SCHEDULED
        assert "alice" in screen_text(app) and "Outage ongoing" in screen_text(app)
        await pilot.press("escape")
        assert on_top(app) is screen


async def test_self_approval_is_refused_in_the_dialog_with_the_comment_kept(
    desk: Database,
) -> None:
    async with on_calendar(desk, (80, 24)) as (app, pilot, _screen):
        await pilot.press("tab", "tab", "enter")  # CHG-00002, which alice requested
        await pilot.press("a", *"looks fine", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReasonDialog)
        text = screen_text(app)
        assert "alice requested this change and cannot decide on it" in text
        assert "looks fine" in text


@pytest.mark.parametrize("size", [(80, 24)], ids=["80x24"])
def test_snapshot_agenda(
    snap_compare: Callable[..., bool], desk: Database, size: tuple[int, int]
) -> None:
    assert snap_compare(make_app(desk, ui_config()), press=["3"], terminal_size=size)


@pytest.mark.parametrize("size", [(120, 40)], ids=["120x40"])
def test_snapshot_week_moving_into_a_conflict(
    snap_compare: Callable[..., bool], desk: Database, size: tuple[int, int]
) -> None:
    keys = ["3", "j", "j", "j", "j", "shift+right", "shift+right", *["shift+up"] * 4]
    assert snap_compare(make_app(desk, ui_config()), press=keys, terminal_size=size)
