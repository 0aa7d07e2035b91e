"""Move a change through its lifecycle: choose a state, and give the review when closing.

Every state is offered, the allowed ones first, so choosing one the change cannot move to
says why at once, in the words of sms_tui.changes.lifecycle.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Static, TextArea

from sms_tui.changes import ChangeRefused, allowed_moves, check_transition
from sms_tui.models import Change, ChangeState
from sms_tui.screens.edit_dialog import EditDialog
from sms_tui.widgets.choice_list import ChoiceList
from sms_tui.widgets.safe_input import SafeInput, SafeTextArea


@dataclass(frozen=True)
class ChangeMove:
    """The state to move to, with the post-implementation review when there is one."""

    state: ChangeState
    review_outcome: str = ""
    review_notes: str = ""


def _label(state: ChangeState) -> str:
    return state.value.replace("_", " ")


class ChangeStateDialog(EditDialog[ChangeMove]):
    """A state list, then the review's outcome and notes (for review and closed)."""

    CSS_PATH = "change_state_dialog.tcss"
    AUTO_FOCUS = "#state"

    def __init__(
        self, change: Change, initial: ChangeMove | None = None, notice: Sequence[str] = ()
    ) -> None:
        super().__init__(f"{change.number}: move from {_label(change.state)}", notice)
        self.change = change
        self.initial = initial

    def _choices(self) -> list[tuple[str, str]]:
        allowed = list(allowed_moves(self.change))
        others = [s for s in ChangeState if s not in allowed and s is not self.change.state]
        return [(s.value, _label(s)) for s in allowed] + [
            (s.value, f"{_label(s)} (not allowed now)") for s in others
        ]

    def compose_form(self) -> ComposeResult:
        initial = self.initial
        yield Static(Content("Move to"), classes="field-label")
        yield ChoiceList(self._choices(), initial.state.value if initial else None, id="state")
        yield Static(Content("Review outcome"), classes="field-label")
        yield SafeInput(
            initial.review_outcome if initial else self.change.review_outcome,
            placeholder="successful, failed - backed out, ... (needed to close)",
            id="outcome",
            compact=True,
        )
        yield Static(Content("Review notes"), classes="field-label")
        yield SafeTextArea(
            initial.review_notes if initial else "", id="notes", compact=True, soft_wrap=True
        )

    def result(self) -> ChangeMove | str:
        value = self.query_one("#state", ChoiceList).value
        if value is None:
            return "choose a state"
        move = ChangeMove(
            ChangeState(value),
            self.query_one("#outcome", Input).value,
            self.query_one("#notes", TextArea).text,
        )
        try:
            check_transition(self.change, move.state, review_outcome=move.review_outcome)
        except ChangeRefused as refused:
            return refused.why
        return move
