"""Editing a change's fields from its detail, by keys alone: save, refusals, a stale save."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from sqlite_utils import Database
from textual.pilot import Pilot
from textual.widgets import Input

from sms_tui.app import SmsApp, make_app
from sms_tui.changes import ChangeRefused
from sms_tui.changes.editing import check_edit, editable_fields
from sms_tui.models import ChangeState, ChangeType, Risk
from sms_tui.safe_text import one_line
from sms_tui.screens.change_detail import ChangeDetailScreen
from sms_tui.screens.change_edit_dialog import ChangeEditDialog
from sms_tui.screens.search import SearchScreen
from sms_tui.store import open_store
from sms_tui.store.change_actions import move
from sms_tui.store.changes import get_change, update_change
from sms_tui.widgets.choice_list import ChoiceList
from tests.change_desk import seed_changes
from tests.conftest import NOW, hostile_strings
from tests.snapshot_apps.catalogue_desk import ui_config
from tests.snapshot_apps.screen_text import screen_text


@pytest.fixture
def desk(db_file: Path) -> Iterator[Database]:
    database = open_store(db_file)
    seed_changes(database, NOW)
    yield database
    database.conn.close()


@asynccontextmanager
async def on_detail(desk: Database, number: str) -> AsyncIterator[tuple[SmsApp, Pilot[None]]]:
    """The app at 80x24 on the detail of `number`."""
    app = make_app(desk, ui_config())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_detail(pilot, number)
        yield app, pilot


async def open_detail(pilot: Pilot[None], number: str) -> None:
    """Go to the changes, search for `number` as typed, open it."""
    app = pilot.app
    await pilot.press("3", "colon", *number.replace("-", ""))
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    for _ in range(60):  # the search runs in a worker
        await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        if screen.results:
            break
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, ChangeDetailScreen)
    assert app.screen.number == number


def _review(desk: Database, number: str) -> None:
    for state in (ChangeState.IMPLEMENTING, ChangeState.REVIEW):
        version = get_change(desk, number).version
        move(desk, number, version, state, operator="eve", now=NOW)


def test_a_draft_change_may_edit_everything_but_the_review(desk: Database) -> None:
    draft = get_change(desk, "CHG-00004")
    assert {"change_type", "risk", "cis", "backout_plan", "title"} <= editable_fields(draft)
    with pytest.raises(ChangeRefused, match="review outcome is written while the change is in"):
        check_edit(draft, ["title", "review_outcome"])


def test_approvers_decide_on_type_risk_cis_and_plans_as_they_stand(desk: Database) -> None:
    awaiting = get_change(desk, "CHG-00002")
    check_edit(awaiting, ["title", "description", "implementer"])
    with pytest.raises(ChangeRefused, match="risk is fixed while the change is awaiting approval"):
        check_edit(awaiting, ["risk"])


def test_a_final_change_takes_no_edit(desk: Database) -> None:
    move(desk, "CHG-00004", 1, ChangeState.CANCELLED, operator="frank", now=NOW)
    cancelled = get_change(desk, "CHG-00004")
    assert editable_fields(cancelled) == frozenset()
    with pytest.raises(ChangeRefused, match="a cancelled change is final"):
        check_edit(cancelled, [])


async def test_e_edits_title_cis_type_and_risk_of_a_draft(desk: Database) -> None:
    async with on_detail(desk, "CHG-00004") as (app, pilot):
        await pilot.press("e")
        assert isinstance(app.screen, ChangeEditDialog)
        await pilot.press("end", *" and spam rules", "enter")  # title, then the CIs
        await pilot.press("end", *", core-sw", "enter", "enter")  # CIs, implementer kept
        await pilot.press("j", "enter", "j", "ctrl+s")  # type normal, risk medium
        await pilot.pause()
        assert isinstance(app.screen, ChangeDetailScreen)
        saved = get_change(desk, "CHG-00004")
        assert saved.title == "Tune mail filters and spam rules"
        assert saved.cis == ["mail-01", "core-sw"]
        assert (saved.change_type, saved.risk) == (ChangeType.NORMAL, Risk.MEDIUM)
        assert (saved.version, saved.updated_by, saved.implementer) == (2, "alice", "frank")
        assert "CHG-00004  Tune mail filters and spam rules" in screen_text(app)


async def test_an_unknown_ci_is_refused_in_the_form_and_nothing_is_written(
    desk: Database,
) -> None:
    async with on_detail(desk, "CHG-00004") as (app, pilot):
        await pilot.press("e", "enter", "end", *", nope", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChangeEditDialog)
        assert "CIs: no CI named 'nope'" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, ChangeDetailScreen)
        assert get_change(desk, "CHG-00004").version == 1


async def test_while_awaiting_approval_the_decided_fields_are_fixed(desk: Database) -> None:
    async with on_detail(desk, "CHG-00002") as (app, pilot):
        await pilot.press("e")
        text = screen_text(app)
        assert "Fixed while awaiting approval: CIs, backout plan, risk, test plan, type" in text
        assert app.screen.query_one("#risk", ChoiceList).disabled
        await pilot.press("end", *" to v2", "enter")  # the CIs are skipped: implementer next
        assert app.focused is not None and app.focused.id == "implementer"
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = get_change(desk, "CHG-00002")
        assert (saved.title, saved.risk, saved.version) == (
            "Upgrade mail server to v2",
            Risk.HIGH,
            2,
        )


async def test_a_final_change_refuses_e_with_the_reason(desk: Database) -> None:
    move(desk, "CHG-00004", 1, ChangeState.CANCELLED, operator="frank", now=NOW)
    async with on_detail(desk, "CHG-00004") as (app, pilot):
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ChangeDetailScreen)
        said = [n.message for n in app._notifications]
        assert said == ["CHG-00004: a cancelled change is final: nothing can be edited"]


async def test_a_stale_save_names_who_changed_what_and_keeps_the_typing(desk: Database) -> None:
    async with on_detail(desk, "CHG-00004") as (app, pilot):
        await pilot.press("e", "end", *" now")
        update_change(desk, "CHG-00004", 1, {"description": "bob's notes"}, operator="bob", now=NOW)
        app.session.changes.publish(2)  # as the app does when another connection commits
        await pilot.pause()
        detail = app.screen_stack[-2]
        assert isinstance(detail, ChangeDetailScreen) and detail.change is not None
        assert detail.change.version == 2  # reloaded under the form, which must still be stale
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChangeEditDialog)
        text = screen_text(app)
        assert "CHG-00004 was changed by bob" in text and "(description)" in text
        assert app.screen.query_one("#title", Input).value == "Tune mail filters now"
        assert get_change(desk, "CHG-00004").title == "Tune mail filters"
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = get_change(desk, "CHG-00004")
        assert (saved.title, saved.description, saved.version) == (
            "Tune mail filters now",
            "bob's notes",
            3,
        )


async def test_the_review_outcome_is_offered_in_review_and_saved(desk: Database) -> None:
    _review(desk, "CHG-00001")
    async with on_detail(desk, "CHG-00001") as (app, pilot):
        await pilot.press("e", "enter", "enter")  # the type, risk and CIs are fixed now
        assert app.focused is not None and app.focused.id == "outcome"
        await pilot.press(*"successful", "ctrl+s")
        await pilot.pause()
        assert get_change(desk, "CHG-00001").review_outcome == "successful"


async def test_hostile_titles_show_as_plain_text_and_an_untouched_form_writes_nothing(
    desk: Database,
) -> None:
    ours = hostile_strings()[-11:]
    for hostile in (ours[0], ours[2], ours[4], ours[-1]):  # SGR, markup, OSC 8, a click
        version = get_change(desk, "CHG-00004").version
        update_change(desk, "CHG-00004", version, {"title": hostile}, operator="bob", now=NOW)
        async with on_detail(desk, "CHG-00004") as (app, pilot):
            await pilot.press("e")
            text = screen_text(app)
            assert "\x1b" not in text and "\x9d" not in text
            assert one_line(hostile)[:30] in text
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, ChangeDetailScreen)
            assert get_change(desk, "CHG-00004").version == version + 1


async def test_an_edit_the_change_has_since_moved_past_is_dropped_and_said(
    desk: Database,
) -> None:
    async with on_detail(desk, "CHG-00004") as (app, pilot):
        await pilot.press("e", "end", *" v2", "enter", "enter", "enter", "enter", "j")  # risk
        move(desk, "CHG-00004", 1, ChangeState.SCHEDULED, operator="frank", now=NOW)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChangeEditDialog)
        text = screen_text(app)
        assert "CHG-00004 was changed by frank" in text and "(state)" in text
        assert "Not kept, fixed in this state now: risk" in text
        assert app.screen.query_one("#risk", ChoiceList).value == "low"
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = get_change(desk, "CHG-00004")
        assert (saved.title, saved.risk, saved.state) == (
            "Tune mail filters v2",
            Risk.LOW,
            ChangeState.SCHEDULED,
        )


def test_snapshot_edit_while_awaiting_approval(
    snap_compare: Callable[..., bool], desk: Database
) -> None:
    async def ready(pilot: Pilot[None]) -> None:
        await open_detail(pilot, "CHG-00002")
        await pilot.press("e")
        await pilot.pause()

    app = make_app(desk, ui_config())
    assert snap_compare(app, run_before=ready, terminal_size=(80, 24))
