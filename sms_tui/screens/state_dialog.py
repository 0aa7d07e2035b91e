"""Move through the lifecycle: choose a state, and what it needs (a reason, a code and a note).

Every state is offered, so an operator learns the rules from the form: choosing one the
incident cannot move to says why at once, in the words of incident_rules.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static, TextArea

from sms_tui.incident_edits import Move
from sms_tui.incident_rules import ALLOWED, Refused, check_transition
from sms_tui.models import Incident, IncidentState, PendingReason, ResolutionCode
from sms_tui.screens.edit_dialog import EditDialog
from sms_tui.widgets.choice_list import ChoiceList
from sms_tui.widgets.safe_input import SafeTextArea


def _label(value: str) -> str:
    return value.replace("_", " ")


class StateDialog(EditDialog[Move]):
    """A state list, then a reason list (pending) or a code list (resolved), then the note."""

    CSS_PATH = "state_dialog.tcss"
    AUTO_FOCUS = "#state"

    def __init__(
        self,
        title: str,
        incidents: Sequence[Incident],
        initial: Move | None = None,
        notice: Sequence[str] = (),
    ) -> None:
        super().__init__(title, notice)
        self.incidents = tuple(incidents)
        self.initial = initial

    def _states(self) -> list[tuple[str, str]]:
        """The moves the rules allow first, in their order; then the rest, marked."""
        current = {i.state for i in self.incidents}
        allowed = list(dict.fromkeys(s for state in current for s in ALLOWED[state]))
        others = [s for s in IncidentState if s not in allowed and s not in current]
        now = " or ".join(sorted(_label(s.value) for s in current))
        return [(s.value, _label(s.value)) for s in allowed] + [
            (s.value, f"{_label(s.value)} (not from {now})") for s in others
        ]

    def compose_form(self) -> ComposeResult:
        initial = self.initial
        now = ", ".join(sorted({_label(i.state.value) for i in self.incidents}))
        yield Static(Content(f"Move from {now} to"), classes="field-label")
        yield ChoiceList(self._states(), initial.state.value if initial else None, id="state")
        yield Static(Content("Waiting on"), classes="field-label -pending")
        yield ChoiceList(
            [(r.value, _label(r.value)) for r in PendingReason],
            initial.reason.value if initial and initial.reason else None,
            id="reason",
        )
        yield Static(Content("Resolution code"), classes="field-label -resolved")
        yield ChoiceList(
            [(c.value, _label(c.value)) for c in ResolutionCode],
            initial.resolution_code.value if initial and initial.resolution_code else None,
            id="code",
        )
        yield Static(Content("Note"), id="note-label", classes="field-label")
        yield SafeTextArea(initial.note if initial else "", id="note", compact=True, soft_wrap=True)

    @property
    def state(self) -> IncidentState | None:
        value = self.query_one("#state", ChoiceList).value
        return None if value is None else IncidentState(value)

    def revalidate(self) -> None:
        state = self.state
        pending, resolved = state == IncidentState.PENDING, state == IncidentState.RESOLVED
        for selector, shown in (("#reason", pending), ("#code", resolved)):
            self.query_one(selector).display = shown
        for selector, shown in ((".-pending", pending), (".-resolved", resolved)):
            self.query_one(selector).display = shown
        label = "Resolution note (required)" if resolved else "Work note (optional)"
        self.query_one("#note-label", Static).update(Content(label))
        super().revalidate()

    def result(self) -> Move | str:
        state = self.state
        if state is None:
            return "choose a state"
        reason = self.query_one("#reason", ChoiceList).value
        code = self.query_one("#code", ChoiceList).value
        move = Move(
            state,
            reason=PendingReason(reason) if state == IncidentState.PENDING and reason else None,
            resolution_code=(
                ResolutionCode(code) if state == IncidentState.RESOLVED and code else None
            ),
            note=self.query_one("#note", TextArea).text,
        )
        for incident in self.incidents:
            try:
                check_transition(
                    incident,
                    move.state,
                    reason=move.reason,
                    resolution_code=move.resolution_code,
                    note=move.note,
                )
            except Refused as refused:
                return str(refused)
        return move
