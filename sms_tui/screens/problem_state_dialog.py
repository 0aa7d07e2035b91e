"""Move a problem through its lifecycle: the allowed states first, each refusal said at once.

Resolving has its own dialog (it offers to resolve the open incidents too), so it is not here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from sms_tui.models import Problem, ProblemState
from sms_tui.problem_rules import ALLOWED, ProblemRefused, check_transition
from sms_tui.screens.edit_dialog import EditDialog
from sms_tui.widgets.choice_list import ChoiceList

RESOLVE_HINT = "To resolve, press R on the problem: it offers to resolve its incidents too."


def _label(state: ProblemState) -> str:
    return state.value.replace("_", " ")


@dataclass(frozen=True)
class MoveProblem:
    """What the dialog saves: the state to move to."""

    state: ProblemState


class ProblemStateDialog(EditDialog[MoveProblem]):
    """A list of states; enter moves the problem to the highlighted one if the rules allow."""

    CSS_PATH = "problem_state_dialog.tcss"
    AUTO_FOCUS = "#problem-state"

    def __init__(
        self,
        title: str,
        problem: Problem,
        initial: MoveProblem | None = None,
        notice: Sequence[str] = (),
    ) -> None:
        super().__init__(title, notice)
        self.problem = problem
        self.initial = initial

    def _states(self) -> list[tuple[str, str]]:
        current = self.problem.state
        allowed = [s for s in ALLOWED[current] if s != ProblemState.RESOLVED]
        others = [
            s
            for s in ProblemState
            if s not in allowed and s not in (current, ProblemState.RESOLVED)
        ]
        return [(s.value, _label(s)) for s in allowed] + [
            (s.value, f"{_label(s)} (not from {_label(current)})") for s in others
        ]

    def compose_form(self) -> ComposeResult:
        yield Static(Content(f"Move from {_label(self.problem.state)} to"), classes="field-label")
        initial = self.initial.state.value if self.initial else None
        yield ChoiceList(self._states(), initial, id="problem-state")
        yield Static(Content(RESOLVE_HINT), id="state-hint")

    def result(self) -> MoveProblem | str:
        value = self.query_one("#problem-state", ChoiceList).value
        if value is None:
            return (
                "a closed problem is final"
                if self.problem.state == ProblemState.CLOSED
                else "choose a state"
            )
        state = ProblemState(value)
        try:
            check_transition(self.problem, state)
        except ProblemRefused as refused:
            return str(refused)
        return MoveProblem(state)
