"""Edit a problem's title, priority, assignee and CIs in one form, checked as it is typed."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import astuple, dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Static

from sms_tui.models import Priority, Problem
from sms_tui.screens.edit_dialog import EditDialog
from sms_tui.widgets.choice_list import ChoiceList
from sms_tui.widgets.safe_input import SafeInput

PRIORITIES = [(p.value, p.value) for p in Priority]


@dataclass(frozen=True)
class ProblemEdit:
    """The four fields as the form holds them; a blank assignee unassigns."""

    title: str
    priority: Priority
    assignee: str
    cis: tuple[str, ...]


def edit_of(problem: Problem) -> ProblemEdit:
    """The form's starting values: the problem as it was read."""
    return ProblemEdit(problem.title, problem.priority, problem.assignee or "", tuple(problem.cis))


def rebase(typed: ProblemEdit, read: ProblemEdit, fresh: ProblemEdit) -> ProblemEdit:
    """The form to reopen after a refusal: what the operator changed from `read`, and the
    fresh values everywhere else, so saving again does not undo someone else's edit."""
    return ProblemEdit(
        *(
            mine if mine != old else theirs
            for mine, old, theirs in zip(astuple(typed), astuple(read), astuple(fresh), strict=True)
        )
    )


def split_cis(text: str) -> tuple[str, ...]:
    """CI names from 'a, b, a': trimmed, blanks dropped, each once, in the order typed."""
    return tuple(dict.fromkeys(name.strip() for name in text.split(",") if name.strip()))


class ProblemEditDialog(EditDialog[ProblemEdit]):
    """Title, priority, assignee and CIs; enter or ctrl+s saves once every field is valid."""

    CSS_PATH = "problem_edit_dialog.tcss"
    AUTO_FOCUS = "#edit-title"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "tab",
            "app.focus_next",
            "Next field",
            show=False,
            id="problem_edit.next",
            tooltip="Go to the next field",
        ),
        Binding(
            "shift+tab",
            "app.focus_previous",
            "Previous field",
            show=False,
            id="problem_edit.previous",
            tooltip="Go to the previous field",
        ),
    ]

    def __init__(
        self,
        title: str,
        values: ProblemEdit,
        *,
        logins: Collection[str],
        ci_exists: Callable[[str], bool],
        notice: Sequence[str] = (),
    ) -> None:
        super().__init__(title, notice)
        self.values = values
        self.logins = frozenset(logins)
        self.ci_exists = ci_exists

    def compose_form(self) -> ComposeResult:
        v = self.values
        with Horizontal(classes="form-row"):
            yield Static(Content("Title"), classes="field-label")
            yield SafeInput(v.title, id="edit-title", compact=True)
        with Horizontal(classes="form-row"):
            yield Static(Content("Priority"), classes="field-label")
            yield ChoiceList(PRIORITIES, v.priority.value, id="edit-priority")
        with Horizontal(classes="form-row"):
            yield Static(Content("Assignee"), classes="field-label")
            yield SafeInput(
                v.assignee, placeholder="a login; blank unassigns", id="edit-assignee", compact=True
            )
        with Horizontal(classes="form-row"):
            yield Static(Content("CIs"), classes="field-label")
            yield SafeInput(
                ", ".join(v.cis), placeholder="names, comma-separated", id="edit-cis", compact=True
            )

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def result(self) -> ProblemEdit | str:
        title = self._value("#edit-title").strip()
        if not title:
            return "title: type a title (it cannot be blank)"
        assignee = self._value("#edit-assignee").strip()
        if assignee and assignee not in self.logins:
            return f"assignee: no operator {assignee!r}"
        cis = split_cis(self._value("#edit-cis"))
        missing = [name for name in cis if not self.ci_exists(name)]
        if missing:
            return f"CIs: no CI {missing[0]!r}"
        priority = self.query_one("#edit-priority", ChoiceList).value or self.values.priority.value
        return ProblemEdit(title, Priority(priority), assignee, cis)
