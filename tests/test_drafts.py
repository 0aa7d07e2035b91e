"""Drafts: what was typed into a dialog survives the app ending without a save, and is
offered back; saving or cancelling the dialog is the end of it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database
from textual.widgets import Input, TextArea

from sms_tui.app import SmsApp, make_app
from sms_tui.drafts import DraftBox
from sms_tui.screens.assign_dialog import AssignDialog
from sms_tui.screens.incident_detail import IncidentDetailScreen
from sms_tui.screens.new_incident import NewIncidentDialog
from sms_tui.screens.note_dialog import NoteDialog
from sms_tui.store import open_store
from sms_tui.store.incidents import get_incident
from sms_tui.widgets.choice_list import ChoiceList
from sms_tui.widgets.fuzzy_picker import FuzzyPicker
from tests.conftest import NOW, hostile_strings
from tests.snapshot_apps.queue_desk import OPERATOR, build_queue, ui_config

NUMBER = "INC-000101"


def test_box_keeps_replaces_and_drops_drafts(tmp_path: Path) -> None:
    box = DraftBox.beside(str(tmp_path / "desk.db"), "alice")
    assert box.all() == []
    box.put("Work note · INC-000001", {"note-text": "first"}, NOW)
    box.put("New incident", {"title": "printer"}, NOW + timedelta(minutes=1))
    box.put("Work note · INC-000001", {"note-text": "second"}, NOW + timedelta(minutes=2))
    assert [(d.form, d.fields) for d in box.all()] == [
        ("New incident", {"title": "printer"}),
        ("Work note · INC-000001", {"note-text": "second"}),
    ]
    box.drop("New incident")
    assert [d.form for d in DraftBox.beside(str(tmp_path / "desk.db"), "alice").all()] == [
        "Work note · INC-000001"
    ]
    assert DraftBox.beside(str(tmp_path / "desk.db"), "bob").all() == []
    assert box.path == tmp_path / "desk.db-drafts" / "alice.json"


@pytest.mark.parametrize("content", ["", "{not json", "[1, 2]", '{"x": {"fields": 3}}'])
def test_an_unreadable_drafts_file_holds_no_drafts(tmp_path: Path, content: str) -> None:
    box = DraftBox(tmp_path / "alice.json")
    box.path.write_text(content)
    assert box.all() == []
    box.put("New incident", {"title": "ok"}, NOW)
    assert [d.fields for d in box.all()] == [{"title": "ok"}]


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[tuple[Database, str]]:
    path = tmp_path / "desk.db"
    db = open_store(path)
    build_queue(db)
    yield db, str(path)
    db.conn.close()


def _app(desk: tuple[Database, str]) -> SmsApp:
    db, path = desk
    return make_app(db, ui_config(db_path=path, keep_drafts=True))


async def test_a_work_note_typed_before_the_app_ended_is_offered_and_restored(
    desk: tuple[Database, str],
) -> None:
    note = "Checked the cables\nand the [bold]switch[/bold] \x1b]52;c;x\x07"
    app = _app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(IncidentDetailScreen(app.session, NUMBER))
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        app.screen.query_one(TextArea).insert(note)
        await pilot.pause()
    # The app ended with the dialog open, as when the line drops.
    box = DraftBox.beside(desk[1], OPERATOR)
    assert [d.fields["note-text"] for d in box.all()] == [note]

    app = _app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("Unsaved draft from last time: Work note" in m for m in said), said
        await app.push_screen(IncidentDetailScreen(app.session, NUMBER))
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        assert app.screen.text == note
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert box.all() == []
    assert get_incident(desk[0], NUMBER).work_notes[-1].text == note


async def test_cancelling_a_dialog_drops_its_draft(desk: tuple[Database, str]) -> None:
    app = _app(desk)
    box = DraftBox.beside(desk[1], OPERATOR)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(IncidentDetailScreen(app.session, NUMBER))
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewIncidentDialog)
        await pilot.press(*"Lift stuck")
        await pilot.pause()
        assert [d.fields["title"] for d in box.all()] == ["Lift stuck"]
        await pilot.press("escape")
        await pilot.pause()
    assert box.all() == []


async def test_a_picker_and_choices_come_back_too(desk: tuple[Database, str]) -> None:
    app = _app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(IncidentDetailScreen(app.session, NUMBER))
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Lift stuck", "enter", *"Ann", "enter", *"mail")
        await pilot.pause()
        app.screen.query_one("#impact", ChoiceList).focus()
        await pilot.press("j")
        await pilot.pause()
    fields = DraftBox.beside(desk[1], OPERATOR).all()[0].fields
    assert fields["title"] == "Lift stuck" and fields["caller"] == "Ann"
    assert fields["service"] == "E-mail" and fields["impact"] == "low"

    app = _app(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(IncidentDetailScreen(app.session, NUMBER))
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NewIncidentDialog)
        assert form.query_one("#title", Input).value == "Lift stuck"
        assert form.query_one("#caller", Input).value == "Ann"
        assert form.query_one("#impact", ChoiceList).value == "low"
        service = form.query_one("#service", FuzzyPicker).choice
        assert service is not None and service.key == "E-mail"


async def test_drafts_are_off_unless_the_run_keeps_them(desk: tuple[Database, str]) -> None:
    db, path = desk
    app = make_app(db, ui_config(db_path=path))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(IncidentDetailScreen(app.session, NUMBER))
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AssignDialog)
        await pilot.press(*"bob")
        await pilot.pause()
    assert not Path(f"{path}-drafts").exists()


@pytest.mark.parametrize("text", hostile_strings()[::4])
def test_hostile_text_round_trips_through_the_drafts_file(tmp_path: Path, text: str) -> None:
    box = DraftBox(tmp_path / "alice.json")
    box.put(text, {"title": text}, NOW)
    assert [(d.form, d.fields) for d in box.all()] == [(text, {"title": text})]
