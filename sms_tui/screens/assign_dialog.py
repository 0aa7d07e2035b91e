"""Assign to a person or a group: type part of a name, login or group, and pick the match."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from sms_tui.fuzzy_pick import Choice
from sms_tui.incident_edits import Assign
from sms_tui.models import Operator
from sms_tui.screens.edit_dialog import EditDialog
from sms_tui.widgets.fuzzy_picker import FuzzyPicker

GROUP = "group:"
"""Choice keys of groups start with this; a login cannot contain a colon."""


def assign_choices(operators: Sequence[Operator]) -> list[Choice]:
    """Every operator, then every group they belong to, each found by name, login or group."""
    people = [
        Choice(
            op.login,
            f"{op.login} \u00b7 {op.display_name or op.login}"
            + (f" \u00b7 {', '.join(op.groups)}" if op.groups else ""),
            "person",
        )
        for op in operators
    ]
    members: dict[str, int] = {}
    for op in operators:
        for group in op.groups:
            members[group] = members.get(group, 0) + 1
    groups = [
        Choice(f"{GROUP}{name}", f"{name} \u00b7 group of {count}", "group team")
        for name, count in sorted(members.items(), key=lambda item: item[0].casefold())
    ]
    return [*people, *groups]


def choice_edit(choice: Choice) -> Assign:
    """What picking a choice assigns: the group, or the person (their group is left as it is)."""
    if choice.key.startswith(GROUP):
        return Assign(group=choice.key.removeprefix(GROUP))
    return Assign(assignee=choice.key)


class AssignDialog(EditDialog[Assign]):
    """A fuzzy picker over people and groups; enter assigns the highlighted match."""

    CSS_PATH = "assign_dialog.tcss"
    AUTO_FOCUS = "#assign-picker Input"

    def __init__(
        self,
        title: str,
        operators: Sequence[Operator],
        query: str = "",
        notice: Sequence[str] = (),
    ) -> None:
        super().__init__(title, notice)
        self.choices = assign_choices(operators)
        self.initial_query = query

    def compose_form(self) -> ComposeResult:
        yield Static(Content("Assign to (person or group)"), classes="field-label")
        yield FuzzyPicker(
            self.choices,
            value=self.initial_query,
            placeholder="type a name, login or group",
            id="assign-picker",
        )

    @property
    def query_text(self) -> str:
        return self.query_one(FuzzyPicker).query_text

    def result(self) -> Assign | str:
        choice = self.query_one(FuzzyPicker).choice
        if choice is None:
            typed = self.query_text.strip()
            return f"no one matches {typed!r}" if typed else "type a name, login or group"
        return choice_edit(choice)
