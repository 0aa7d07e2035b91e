"""Resolve a problem: its root cause, and whether to resolve its open incidents with a note.

Resolving the incidents too is the default: the fix that resolves the problem is what resolves
the incidents it caused. The note becomes each incident's resolution note.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static, TextArea

from sms_tui.models import Incident, Problem, ProblemState
from sms_tui.problem_rules import ProblemRefused, check_transition
from sms_tui.screens.edit_dialog import EditDialog
from sms_tui.widgets.choice_list import ChoiceList
from sms_tui.widgets.safe_input import SafeTextArea

YES, NO = "yes", "no"


@dataclass(frozen=True)
class ResolveChoice:
    """What the dialog saves: the root cause, and the incidents' fate and note."""

    root_cause: str
    resolve_incidents: bool
    note: str


def default_note(problem: Problem) -> str:
    return f"Resolved by problem {problem.number}: {problem.title}"


class ResolveProblemDialog(EditDialog[ResolveChoice]):
    """Root cause (required), then yes/no for the open incidents, then their resolution note."""

    CSS_PATH = "resolve_problem_dialog.tcss"
    AUTO_FOCUS = "#resolve-incidents"

    def __init__(
        self,
        title: str,
        problem: Problem,
        open_incidents: Sequence[Incident],
        initial: ResolveChoice | None = None,
        notice: Sequence[str] = (),
    ) -> None:
        super().__init__(title, notice)
        self.problem = problem
        self.open_incidents = tuple(open_incidents)
        self.initial = initial or ResolveChoice(problem.root_cause, True, default_note(problem))

    def compose_form(self) -> ComposeResult:
        count = len(self.open_incidents)
        yield Static(Content("Root cause (required)"), classes="field-label")
        yield SafeTextArea(
            self.initial.root_cause, id="resolve-root-cause", compact=True, soft_wrap=True
        )
        yield Static(
            Content(f"Resolve its {count} open incident{'s' if count != 1 else ''} too?"),
            id="incidents-label",
            classes="field-label",
        )
        choices = [
            (YES, "yes, resolve them (fixed) with the note below"),
            (NO, "no, leave them open"),
        ]
        yield ChoiceList(
            choices, YES if self.initial.resolve_incidents else NO, id="resolve-incidents"
        )
        yield Static(
            Content("Resolution note for the incidents"), id="note-label", classes="field-label"
        )
        yield SafeTextArea(self.initial.note, id="resolve-note", compact=True, soft_wrap=True)

    def on_mount(self) -> None:
        super().on_mount()
        if not self.open_incidents:
            self.set_focus(self.query_one("#resolve-root-cause"))

    @property
    def resolve_incidents(self) -> bool:
        return bool(self.open_incidents) and self.query_one(ChoiceList).value == YES

    def revalidate(self) -> None:
        shown = self.resolve_incidents
        for selector in ("#resolve-note", "#note-label"):
            self.query_one(selector).display = shown
        for selector in ("#resolve-incidents", "#incidents-label"):
            self.query_one(selector).display = bool(self.open_incidents)
        super().revalidate()

    def result(self) -> ResolveChoice | str:
        root_cause = self.query_one("#resolve-root-cause", TextArea).text
        note = self.query_one("#resolve-note", TextArea).text
        draft = self.problem.model_copy(update={"root_cause": root_cause})
        try:
            check_transition(draft, ProblemState.RESOLVED)
        except ProblemRefused as refused:
            return str(refused)
        if self.resolve_incidents and not note.strip():
            return "type the resolution note for the incidents, or choose to leave them open"
        return ResolveChoice(root_cause, self.resolve_incidents, note)
