"""The GLPI #3578 replay: a form saved over someone else's change loses neither of them.

Operator A opens an incident (reads version n); operator B moves it to pending; A adds a
work note and saves. B's state must survive, A must be told who changed what, A's note must
not be lost, and the audit must show exactly those two saves. Run once in the store with two
connections, once through the TUI with B in another connection to the same file.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from sms_tui import triage
from sms_tui.app import make_app
from sms_tui.incident_edits import AddWorkNote
from sms_tui.models import IncidentState, PendingReason
from sms_tui.screens.incident_detail import IncidentDetailScreen
from sms_tui.screens.note_dialog import NoteDialog
from sms_tui.store import StaleRecord, open_store
from sms_tui.store.incident_actions import add_work_note, move, take
from sms_tui.store.incidents import create_incident, get_incident, incident_audit
from tests.conftest import NOW
from tests.durability_desk import audit_problems, figure
from tests.incident_desk import MAIL, seed
from tests.snapshot_apps.queue_desk import build_queue, ui_config
from tests.snapshot_apps.screen_text import screen_text

B_SAVES = NOW + timedelta(minutes=1)
A_SAVES = NOW + timedelta(minutes=2)
NOTE = "Restarted the mail relay; watching the queue"


def saves_after(db: Database, number: str, version: int) -> list[tuple[int, str, str]]:
    """(version, operator, field) of every audited change after `version`, in order."""
    return [
        (e.version or 0, e.operator, e.field)
        for e in incident_audit(db, number)
        if (e.version or 0) > version
    ]


def test_a_stale_note_keeps_bs_state_tells_a_who_and_lands_on_retry(db_file: Path) -> None:
    a, b = open_store(db_file), open_store(db_file)
    try:
        seed(a, NOW)
        created = create_incident(
            a, title="Mail relay down", service=MAIL, operator="alice", now=NOW
        )
        number = take(a, created.number, created.version, operator="alice", now=NOW).number
        opened = get_incident(a, number)  # A opens the form: version n
        move(b, number, opened.version, IncidentState.PENDING, reason=PendingReason.VENDOR,
             operator="bob", now=B_SAVES)  # fmt: skip

        with pytest.raises(StaleRecord) as refused:
            add_work_note(a, number, opened.version, NOTE, operator="alice", now=A_SAVES)
        message = str(refused.value)
        assert message.startswith(f"{number} was changed by bob at ")
        assert "state" in message and "pending_reason" in message
        lines = triage.stale_lines(refused.value)
        assert "  state: assigned -> pending (bob, 2026-11-23 10:31 UTC)" in lines
        assert "  pending_reason: - -> awaiting_vendor (bob, 2026-11-23 10:31 UTC)" in lines
        assert get_incident(a, number).version == opened.version + 1  # the refusal wrote nothing

        # What the UI does on "save again": the same edit on the record as it is now.
        fresh = get_incident(a, number)
        outcomes = triage.apply(
            a, {number: fresh.version}, AddWorkNote(NOTE), operator="alice", now=A_SAVES
        )
        assert [o.ok for o in outcomes] == [True]

        final = get_incident(b, number)
        assert final.state == IncidentState.PENDING
        assert final.pending_reason == PendingReason.VENDOR
        assert [(n.author, n.text) for n in final.work_notes] == [("alice", NOTE)]
        assert final.version == opened.version + 2
        after = saves_after(b, number, opened.version)
        assert {(v, who) for v, who, _ in after} == {
            (opened.version + 1, "bob"),
            (opened.version + 2, "alice"),
        }
        assert [f for v, _, f in after if v == opened.version + 2] == ["work_notes"]
        assert {"state", "pending_reason"} <= {f for v, _, f in after if v == opened.version + 1}
        assert audit_problems(b, number) == []
    finally:
        a.conn.close()
        b.conn.close()


async def test_the_glpi_replay_through_the_tui(
    db_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number = "INC-000111"  # in progress, alice's
    desk = open_store(db_file)
    other = open_store(db_file)
    try:
        build_queue(desk)
        opened = get_incident(desk, number)
        app = make_app(desk, ui_config(clock=lambda: A_SAVES))
        async with app.run_test(size=(80, 24)) as pilot:
            await app.push_screen(IncidentDetailScreen(app.session, number))
            await pilot.pause()
            await pilot.press("c")  # A opens the note form on version n
            await pilot.pause()
            assert isinstance(app.screen, NoteDialog)
            move(other, number, opened.version, IncidentState.PENDING,
                 reason=PendingReason.CALLER, operator="bob", now=B_SAVES)  # fmt: skip
            await pilot.pause(1.3)  # the app hears of bob's commit and reloads under the form
            await pilot.press(*NOTE, "ctrl+s")
            await pilot.pause()

            dialog = app.screen
            assert isinstance(dialog, NoteDialog), "the refused form must come back"
            text = screen_text(app)
            assert f"{number} was changed by bob at 2026-11-23 10:31 UTC:" in text
            assert "state: in_progress -> pending (bob, 2026-11-23 10:31 UTC)" in text
            assert dialog.text == NOTE  # nothing typed is lost
            assert get_incident(other, number).work_notes == []

            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, IncidentDetailScreen)
            assert "pending" in screen_text(app)
        final = get_incident(other, number)
        assert final.state == IncidentState.PENDING
        assert [(n.author, n.text) for n in final.work_notes] == [("alice", NOTE)]
        after = saves_after(other, number, opened.version)
        assert sorted({(v, who) for v, who, _ in after}) == [
            (opened.version + 1, "bob"),
            (opened.version + 2, "alice"),
        ]
        assert [f for v, _, f in after if v == opened.version + 2] == ["work_notes"]
        assert audit_problems(other, number, start=opened) == []
        figure(capsys, f"stale form: 1 conflict told, retried, {len(after)} audit rows, none lost")
    finally:
        other.conn.close()
        desk.conn.close()
