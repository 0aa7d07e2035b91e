"""Each triage dialog alone in a bare host app: what it returns, and what it refuses as you type."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.screen import ModalScreen
from textual.widgets import Static

from sms_tui.fuzzy_pick import Choice
from sms_tui.incident_edits import AddWorkNote, Assign, Move, SetLevels, SetParent
from sms_tui.models import (
    Incident,
    IncidentState,
    Level,
    Operator,
    PendingReason,
    Priority,
    PriorityRule,
    ResolutionCode,
    StateChange,
)
from sms_tui.screens.assign_dialog import AssignDialog
from sms_tui.screens.levels_dialog import LevelsDialog
from sms_tui.screens.note_dialog import NoteDialog
from sms_tui.screens.parent_dialog import ParentDialog
from sms_tui.screens.retry_dialog import RetryDialog
from sms_tui.screens.state_dialog import StateDialog
from sms_tui.sla.priority import priority_for
from tests.conftest import NOW
from tests.snapshot_apps.screen_text import screen_text

UNSET = object()


class Host(App[None]):
    """A bare app that opens one dialog and keeps what it dismissed with."""

    def __init__(self, dialog: ModalScreen[Any]) -> None:
        super().__init__()
        self.dialog = dialog
        self.result: object = UNSET

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self._done)

    def _done(self, value: object) -> None:
        self.result = value


def problem(app: App[Any]) -> str:
    return str(app.screen.query_one("#dialog-problem", Static).render())


OPERATORS = [
    Operator(login="alice", display_name="Alice Martin", groups=["Service Desk"]),
    Operator(login="bob", display_name="Bob Chen", groups=["Network"]),
    Operator(login="carol", display_name="Carol Diaz", groups=["Service Desk"]),
]

MATRIX = [
    PriorityRule(impact=i, urgency=u, priority=p)
    for (i, u), p in {
        (Level.HIGH, Level.HIGH): Priority.P1,
        (Level.HIGH, Level.MEDIUM): Priority.P2,
        (Level.MEDIUM, Level.HIGH): Priority.P2,
        (Level.HIGH, Level.LOW): Priority.P3,
        (Level.MEDIUM, Level.MEDIUM): Priority.P3,
        (Level.LOW, Level.HIGH): Priority.P3,
        (Level.MEDIUM, Level.LOW): Priority.P4,
        (Level.LOW, Level.MEDIUM): Priority.P4,
        (Level.LOW, Level.LOW): Priority.P5,
    }.items()
]


def incident(state: IncidentState = IncidentState.IN_PROGRESS, **fields: Any) -> Incident:
    history = [StateChange(at=NOW, state=IncidentState.NEW)]
    if state != IncidentState.NEW:
        history.append(StateChange(at=NOW, state=state, reason=fields.get("pending_reason")))
    return Incident(
        number="INC-000042",
        title="Printer on fire",
        state=state,
        opened_at=NOW,
        assignee="alice",
        history=history,
        **fields,
    )


async def test_note_dialog_refuses_a_blank_note_and_returns_the_text() -> None:
    app = Host(NoteDialog("Work note · INC-000042"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s")
        assert app.result is UNSET
        assert "cannot be blank" in problem(app)
        await pilot.press(*"Rebooted", "enter", *"[b]x[/b]", "ctrl+s")
        assert app.result == AddWorkNote("Rebooted\n[b]x[/b]")


async def test_note_dialog_keeps_the_text_and_shows_the_refusal_it_is_given() -> None:
    dialog = NoteDialog("Work note", "half typed", ["INC-000042 was changed by bob:"])
    app = Host(dialog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "INC-000042 was changed by bob:" in text
        assert "half typed" in text
        await pilot.press(*" and more", "ctrl+s")
        assert app.result == AddWorkNote("half typed and more")


async def test_escape_cancels_with_none() -> None:
    app = Host(NoteDialog("Work note", "text"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        assert app.result is None


async def test_assign_finds_a_person_by_a_misspelt_name() -> None:
    app = Host(AssignDialog("Assign", OPERATORS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "type a name" in problem(app)
        await pilot.press(*"crol")
        await pilot.pause()
        assert "carol · Carol Diaz" in screen_text(app)
        await pilot.press("enter")
        assert app.result == Assign(assignee="carol")


async def test_assign_to_a_group_and_up_down_pick_among_matches() -> None:
    app = Host(AssignDialog("Assign", OPERATORS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"netw")
        await pilot.pause()
        await pilot.press("enter")
        assert app.result == Assign(group="Network")


async def test_assign_says_when_nobody_matches() -> None:
    app = Host(AssignDialog("Assign", OPERATORS))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"zzzz", "enter")
        assert app.result is UNSET
        assert "no one matches 'zzzz'" in problem(app)


async def test_levels_show_the_new_priority_as_you_choose() -> None:
    dialog = LevelsDialog(
        "Impact", impact=Level.MEDIUM, urgency=Level.MEDIUM, priority=Priority.P3, matrix=MATRIX
    )
    app = Host(dialog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Priority P3 -> P3" in screen_text(app)
        await pilot.press("k")  # impact high
        await pilot.pause()
        assert "Priority P3 -> P2" in screen_text(app)
        await pilot.press("tab", "k")  # urgency high
        await pilot.pause()
        assert "Priority P3 -> P1" in screen_text(app)
        await pilot.press("enter")
        assert app.result == SetLevels(impact=Level.HIGH, urgency=Level.HIGH)
        assert priority_for(MATRIX, Level.HIGH, Level.HIGH) == Priority.P1


async def test_state_offers_allowed_moves_first_and_pending_asks_a_reason() -> None:
    app = Host(StateDialog("State", [incident()]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert text.index("pending") < text.index("resolved") < text.index("assigned")
        assert "closed (not from in progress)" in text
        assert "Waiting on" in text
        await pilot.press("tab", "j", "ctrl+s")
        assert app.result == Move(IncidentState.PENDING, reason=PendingReason.VENDOR)


async def test_state_resolved_needs_a_code_and_a_note() -> None:
    app = Host(StateDialog("State", [incident()]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        assert "Resolution code" in screen_text(app)
        assert "needs a resolution note" in problem(app)
        await pilot.press("ctrl+s")
        assert app.result is UNSET
        await pilot.press("tab", "j", "tab", *"Replaced the fuser", "ctrl+s")
        assert app.result == Move(
            IncidentState.RESOLVED,
            resolution_code=ResolutionCode.WORKAROUND,
            note="Replaced the fuser",
        )


async def test_state_close_from_in_progress_is_refused_with_why() -> None:
    app = Host(StateDialog("State", [incident()]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("G")
        await pilot.pause()
        assert "only a resolved incident can be closed (it is in_progress)" in problem(app)
        await pilot.press("ctrl+s")
        assert app.result is UNSET


async def test_state_reopen_from_resolved() -> None:
    resolved = incident(
        IncidentState.RESOLVED, resolution_code=ResolutionCode.FIXED, resolution_note="ok"
    )
    app = Host(StateDialog("State", [resolved]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert text.index("closed") < text.index("in progress")
        await pilot.press("j", "tab", *"came back", "ctrl+s")
        assert app.result == Move(IncidentState.IN_PROGRESS, note="came back")


async def test_state_dialog_reopened_keeps_every_choice_and_the_note() -> None:
    kept = Move(IncidentState.PENDING, reason=PendingReason.CHANGE, note="waiting on CHG-1")
    app = Host(StateDialog("State", [incident()], kept, ["changed by bob"]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "changed by bob" in screen_text(app)
        await pilot.press("ctrl+s")
        assert app.result == kept


async def test_parent_picks_an_incident_by_number_or_none() -> None:
    choices = [
        Choice("INC-000101", "INC-000101 · in_progress · Web shop checkout returns HTTP 500"),
        Choice("INC-000102", "INC-000102 · assigned · VPN gateway drops sessions"),
    ]
    app = Host(ParentDialog("Parent", choices))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"vpn", "enter")
        assert app.result == SetParent("INC-000102")
    app = Host(ParentDialog("Parent", choices))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"none", "enter")
        assert app.result == SetParent(None)


async def test_retry_dialog_answers_true_on_enter_and_false_on_escape() -> None:
    app = Host(RetryDialog("Not saved", ["INC-000042 was changed by bob:"]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "changed by bob" in screen_text(app)
        await pilot.press("enter")
        assert app.result is True
    app = Host(RetryDialog("Not saved", ["x"]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        assert app.result is False
