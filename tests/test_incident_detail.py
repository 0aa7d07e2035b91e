"""The incident detail, driven by keys alone: fields and clocks, every triage action, stale saves."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database
from textual.pilot import Pilot
from textual.widgets import Static

from sms_tui import triage
from sms_tui.app import SmsApp, make_app
from sms_tui.models import IncidentState, PendingReason, Priority, ResolutionCode
from sms_tui.screens.edit_dialog import EditDialog
from sms_tui.screens.incident_detail import IncidentDetailScreen
from sms_tui.screens.note_dialog import NoteDialog
from sms_tui.screens.parent_dialog import ParentDialog
from sms_tui.screens.retry_dialog import RetryDialog
from sms_tui.store import DatabaseBusy, open_store
from sms_tui.store.incident_actions import move, set_parent, take
from sms_tui.store.incidents import get_incident, incident_audit
from tests.snapshot_apps.queue_desk import NOW, build_queue, ui_config
from tests.snapshot_apps.screen_text import screen_text
from tests.snapshot_apps.suggestions import suggestions_settled


@pytest.fixture
def desk(db_file: Path) -> Iterator[Database]:
    """The queue desk (every kind of clock) in a fresh on-disk store, as the app's connection."""
    database = open_store(db_file)
    build_queue(database)
    yield database
    database.conn.close()


@pytest.fixture
def app(desk: Database) -> SmsApp:
    return make_app(desk, ui_config())


async def open_detail(app: SmsApp, pilot: Pilot[None], number: str) -> IncidentDetailScreen:
    screen = IncidentDetailScreen(app.session, number)
    await app.push_screen(screen)
    await pilot.pause()
    return screen


async def keys(pilot: Pilot[None], *pressed: str) -> None:
    await pilot.press(*pressed)
    await pilot.pause()


def problem(app: SmsApp) -> str:
    return str(app.screen.query_one("#dialog-problem", Static).render())


def notices(app: SmsApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_the_detail_shows_every_field_both_clocks_and_the_links(app: SmsApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(app, pilot, "INC-000111")
        text = screen_text(app)
        for expected in (
            "Incidents \u203a INC-000111",
            "INC-000111  P1  in progress  MAJOR",
            "Payroll API timeouts during the monthly run",
            "Response    met",
            "Resolution  running, 2h 00m left",
            "2h 00m of 4h 00m used (50%), due",
            "Priority        P1 (impact high, urgency high)",
            "Assignee        alice",
            "Service         Payroll",
        ):
            assert expected in text, expected
        await keys(pilot, "G")
        text = screen_text(app)
        assert "CIs           payroll-api, db-prd-03" in text
        assert "Parent        -" in text
        assert "opened" in text


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("INC-000101", "Resolution  ~ WARNING 4m 30s left"),
        ("INC-000102", "Resolution  ! BREACHED 2h 00m over"),
        ("INC-000105", "Resolution  paused, "),
        ("INC-000110", "Resolution  ! BREACHED"),
        ("INC-000109", "Resolution  ! BREACHED 4h 00m over, stopped"),
        ("INC-000108", "Resolution  met"),
    ],
)
async def test_clocks_read_without_colour(app: SmsApp, number: str, expected: str) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(app, pilot, number)
        assert expected in screen_text(app)


async def test_a_pending_incident_shows_its_pause_history(app: SmsApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(app, pilot, "INC-000105")
        text = screen_text(app)
        assert "paused 2026-11-23 09:30 UTC - now (awaiting caller)" in text
        assert "Pending on      awaiting caller" in text


async def test_no_service_means_no_sla_and_says_so(app: SmsApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(app, pilot, "INC-000107")
        assert "no SLA: the incident has no service" in screen_text(app)


async def test_t_takes_a_new_incident(app: SmsApp, desk: Database) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_detail(app, pilot, "INC-000104")
        await keys(pilot, "t")
        saved = get_incident(desk, "INC-000104")
        assert saved.assignee == "alice"
        assert saved.state == IncidentState.ASSIGNED
        assert "INC-000104  P3  assigned" in screen_text(app)
        assert "Took INC-000104" in notices(app)


async def test_a_assigns_through_a_fuzzy_picker(app: SmsApp, desk: Database) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_detail(app, pilot, "INC-000104")
        await keys(pilot, "a", *"crol")
        assert "carol · Carol Diaz" in screen_text(app)
        await keys(pilot, "enter")
        assert get_incident(desk, "INC-000104").assignee == "carol"
        assert isinstance(app.screen, IncidentDetailScreen)
        assert "Assignee        carol" in screen_text(app)


async def test_i_sets_impact_and_urgency_and_the_priority_follows(
    app: SmsApp, desk: Database
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_detail(app, pilot, "INC-000104")
        await keys(pilot, "i", "k")
        assert "Priority P3 -> P2" in screen_text(app)
        await keys(pilot, "tab", "k")
        assert "Priority P3 -> P1" in screen_text(app)
        await keys(pilot, "enter")
        assert get_incident(desk, "INC-000104").priority == Priority.P1
        assert "INC-000104  P1  new" in screen_text(app)


async def test_l_moves_to_pending_with_a_reason(app: SmsApp, desk: Database) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_detail(app, pilot, "INC-000111")
        await keys(pilot, "l", "tab", "j", "tab", *"asked the vendor", "ctrl+s")
        saved = get_incident(desk, "INC-000111")
        assert saved.state == IncidentState.PENDING
        assert saved.pending_reason == PendingReason.VENDOR
        assert saved.work_notes[-1].text == "asked the vendor"
        assert "Resolution  paused" in screen_text(app)


async def test_l_resolves_with_a_code_and_a_note(app: SmsApp, desk: Database) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_detail(app, pilot, "INC-000111")
        await keys(pilot, "l", "j")
        assert "needs a resolution note" in problem(app)
        await keys(pilot, "ctrl+s")
        assert isinstance(app.screen, EditDialog)
        await keys(pilot, "tab", "tab", *"restarted the pool", "ctrl+s")
        saved = get_incident(desk, "INC-000111")
        assert saved.state == IncidentState.RESOLVED
        assert saved.resolution_code == ResolutionCode.FIXED
        assert saved.resolution_note == "restarted the pool"


async def test_closing_from_in_progress_is_refused_with_why(app: SmsApp, desk: Database) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_detail(app, pilot, "INC-000111")
        await keys(pilot, "l", "G", "ctrl+s")
        assert "only a resolved incident can be closed (it is in_progress)" in problem(app)
        assert isinstance(app.screen, EditDialog)
        await keys(pilot, "escape")
        assert get_incident(desk, "INC-000111").state == IncidentState.IN_PROGRESS


async def test_a_store_refusal_reopens_the_dialog_saying_why(app: SmsApp, desk: Database) -> None:
    set_parent(desk, "INC-000114", 1, "INC-000101", operator="bob", now=NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_detail(app, pilot, "INC-000101")
        await keys(pilot, "P", *"INC-000114", "enter")
        assert isinstance(app.screen, ParentDialog)
        assert "INC-000101: INC-000114 cannot be its parent: that would make a loop" in (
            screen_text(app)
        )
        assert app.screen.query_text == "INC-000114"
        await keys(pilot, "escape")
        assert get_incident(desk, "INC-000101").parent is None


async def test_l_reopens_a_resolved_incident(app: SmsApp, desk: Database) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_detail(app, pilot, "INC-000108")
        await keys(pilot, "l", "j", "tab", *"customer says it is back", "ctrl+s")
        saved = get_incident(desk, "INC-000108")
        assert saved.state == IncidentState.IN_PROGRESS
        assert saved.resolution_code is None


async def test_c_adds_a_work_note_to_the_timeline(app: SmsApp, desk: Database) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_detail(app, pilot, "INC-000104")
        await keys(pilot, "c", *"Called the user", "enter", *"no answer", "ctrl+s")
        assert get_incident(desk, "INC-000104").work_notes[-1].text == "Called the user\nno answer"
        await keys(pilot, "G")
        text = screen_text(app)
        assert "Called the user" in text and "    no answer" in text
        assert "Work note added to INC-000104" in notices(app)


async def test_shift_m_marks_major_and_again_unmarks(app: SmsApp, desk: Database) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_detail(app, pilot, "INC-000104")
        await keys(pilot, "M")
        assert get_incident(desk, "INC-000104").major
        assert "INC-000104  P3  new  MAJOR" in screen_text(app)
        await keys(pilot, "M")
        assert not get_incident(desk, "INC-000104").major


async def test_shift_p_links_a_parent_by_fuzzy_search(app: SmsApp, desk: Database) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_detail(app, pilot, "INC-000114")
        await keys(pilot, "P", *"checkout", "enter")
        assert get_incident(desk, "INC-000114").parent == "INC-000101"
        await keys(pilot, "G")
        assert "Parent        INC-000101" in screen_text(app)


async def test_a_change_by_another_operator_shows_live(app: SmsApp, db_file: Path) -> None:
    other = open_store(db_file)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await open_detail(app, pilot, "INC-000104")
            take(other, "INC-000104", 1, operator="bob", now=NOW)
            for _ in range(40):
                if "Assignee        bob" in screen_text(app):
                    break
                await pilot.pause(0.05)
            assert "Assignee        bob" in screen_text(app)
    finally:
        other.conn.close()


async def test_a_stale_note_is_refused_with_who_changed_what_and_reapplied(
    app: SmsApp, desk: Database, db_file: Path
) -> None:
    other = open_store(db_file)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await open_detail(app, pilot, "INC-000111")
            # Bob puts it on hold before alice's detail has heard of it.
            move(
                other,
                "INC-000111",
                1,
                IncidentState.PENDING,
                reason=PendingReason.CALLER,
                operator="bob",
                now=NOW,
            )
            await keys(pilot, "c", *"Restarted the app pool", "ctrl+s")
            dialog = app.screen
            assert isinstance(dialog, NoteDialog)
            text = screen_text(app)
            assert "INC-000111 was changed by bob at 2026-11-23 10:30 UTC:" in text
            assert "state: in_progress -> pending (bob, 2026-11-23 10:30 UTC)" in text
            assert "pending_reason: - -> awaiting_caller" in text
            assert dialog.text == "Restarted the app pool"
            assert get_incident(desk, "INC-000111").work_notes == []
            await keys(pilot, "ctrl+s")
            assert isinstance(app.screen, IncidentDetailScreen)
        saved = get_incident(desk, "INC-000111")
        assert saved.state == IncidentState.PENDING  # bob's change survived
        assert [n.text for n in saved.work_notes] == ["Restarted the app pool"]
        audit = [(e.operator, e.field) for e in incident_audit(desk, "INC-000111")]
        assert ("bob", "state") in audit and ("alice", "work_notes") in audit
    finally:
        other.conn.close()


async def test_a_stale_take_offers_to_take_it_again(
    app: SmsApp, desk: Database, db_file: Path
) -> None:
    other = open_store(db_file)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await open_detail(app, pilot, "INC-000104")
            take(other, "INC-000104", 1, operator="bob", now=NOW)
            await keys(pilot, "t")
            assert isinstance(app.screen, RetryDialog)
            text = screen_text(app)
            assert "assignee: - -> bob" in text
            await keys(pilot, "enter")
            assert get_incident(desk, "INC-000104").assignee == "alice"
    finally:
        other.conn.close()


async def test_database_busy_says_try_again_and_keeps_the_text(
    app: SmsApp, desk: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = triage.update_incident
    calls: list[int] = []

    def busy_once(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise DatabaseBusy()
        return real(*args, **kwargs)

    monkeypatch.setattr(triage, "update_incident", busy_once)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_detail(app, pilot, "INC-000104")
        await keys(pilot, "c", *"first try", "ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, NoteDialog)
        assert "INC-000104: database busy, try again" in screen_text(app)
        assert dialog.text == "first try"
        await keys(pilot, "ctrl+s")
    assert [n.text for n in get_incident(desk, "INC-000104").work_notes] == ["first try"]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("number", ["INC-000101", "INC-000102", "INC-000105"])
def test_snapshot_incident_detail(
    snap_compare: Callable[..., bool], desk: Database, size: tuple[int, int], number: str
) -> None:
    """101 in warning, 102 breached, 105 paused."""

    async def ready(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, SmsApp)
        await open_detail(app, pilot, number)
        await suggestions_settled(pilot)

    assert snap_compare(make_app(desk, ui_config()), run_before=ready, terminal_size=size)


def test_snapshot_stale_note(
    snap_compare: Callable[..., bool], desk: Database, db_file: Path
) -> None:
    async def ready(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, SmsApp)
        await open_detail(app, pilot, "INC-000111")
        other = open_store(db_file)
        try:
            move(
                other,
                "INC-000111",
                1,
                IncidentState.PENDING,
                reason=PendingReason.CALLER,
                operator="bob",
                now=NOW,
            )
        finally:
            other.conn.close()
        await keys(pilot, "c", *"Restarted the app pool", "ctrl+s")

    assert snap_compare(make_app(desk, ui_config()), run_before=ready, terminal_size=(80, 24))


async def test_help_lists_every_action_with_its_key(app: SmsApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(app, pilot, "INC-000104")
        await keys(pilot, "question_mark")
        await pilot.pause()
        text = screen_text(app)
        for key, name in (
            ("t", "Take"),
            ("a", "Assign"),
            ("i", "Impact"),
            ("l", "State"),
            ("c", "Note"),
            ("M", "Major"),
            ("P", "Parent"),
            ("n", "New"),
            ("esc", "Back"),
        ):
            assert re.search(rf"\b{key} +{name} ", text), name


async def test_a_keymap_moves_an_action_key_by_its_id(desk: Database) -> None:
    app = make_app(desk, ui_config(keymap={"incident.note": "w"}))
    # Wide enough for the whole footer: a moved key goes to its end.
    async with app.run_test(size=(120, 24)) as pilot:
        await open_detail(app, pilot, "INC-000104")
        await keys(pilot, "w")
        assert isinstance(app.screen, NoteDialog)
        await keys(pilot, "escape")
        assert " w Not" in screen_text(app).splitlines()[-1]


def test_snapshot_resolve_dialog(snap_compare: Callable[..., bool], desk: Database) -> None:
    async def ready(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, SmsApp)
        await open_detail(app, pilot, "INC-000111")
        await keys(pilot, "l", "j")

    assert snap_compare(make_app(desk, ui_config()), run_before=ready, terminal_size=(80, 24))
