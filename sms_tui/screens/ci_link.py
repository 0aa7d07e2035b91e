"""Add a relationship from the CI on screen: what kind, in which direction, to which CI."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Static

from sms_tui.models import RelationshipKind
from sms_tui.screens.edit_dialog import EditDialog
from sms_tui.widgets.choice_list import ChoiceList
from sms_tui.widgets.safe_input import SafeInput

# (choice, label, kind, the CI on screen is the source)
DIRECTIONS = (
    ("depends_on", "depends on", RelationshipKind.DEPENDS_ON, True),
    ("runs_on", "runs on", RelationshipKind.RUNS_ON, True),
    ("connected_to", "is connected to", RelationshipKind.CONNECTED_TO, True),
    ("needed_by", "is depended on by", RelationshipKind.DEPENDS_ON, False),
    ("hosts", "hosts", RelationshipKind.RUNS_ON, False),
)


@dataclass(frozen=True)
class LinkDraft:
    """'source kind target' as the form reads it; `choice` is kept to reopen the form as it was."""

    choice: str
    other: str
    source: str
    kind: RelationshipKind
    target: str


def draft_for(ci: str, choice: str, other: str) -> LinkDraft:
    """The relationship the form describes, with `ci` at the end the choice says."""
    _, _, kind, outgoing = next(d for d in DIRECTIONS if d[0] == choice)
    source, target = (ci, other) if outgoing else (other, ci)
    return LinkDraft(choice, other, source, kind, target)


class LinkDialog(EditDialog[LinkDraft]):
    """'<this CI> <kind> <other CI>'; the store refuses a missing CI or a duplicate."""

    CSS_PATH = "ci_link.tcss"
    AUTO_FOCUS = "#other"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "tab",
            "focus_next",
            "Next field",
            id="ci_link.next",
            tooltip="Go to the next field",
            show=False,
        ),
    ]

    def __init__(self, ci: str, draft: LinkDraft | None = None, notice: Sequence[str] = ()) -> None:
        super().__init__(f"Link {ci}", notice)
        self.ci = ci
        self.draft = draft

    def compose_form(self) -> ComposeResult:
        yield Static(Content.assemble("This CI (", self.ci, ")"), classes="field-label")
        yield ChoiceList(
            [(choice, label) for choice, label, _, _ in DIRECTIONS],
            self.draft.choice if self.draft else DIRECTIONS[0][0],
            id="direction",
        )
        with Horizontal(classes="form-row"):
            yield Static(Content("Other CI"), classes="field-label")
            yield SafeInput(
                self.draft.other if self.draft else "",
                placeholder="its exact name",
                id="other",
                compact=True,
            )

    def result(self) -> LinkDraft | str:
        other = self.query_one("#other", Input).value.strip()
        if not other:
            return "name the other CI"
        if other == self.ci:
            return "a CI cannot relate to itself"
        choice = self.query_one("#direction", ChoiceList).value or DIRECTIONS[0][0]
        return draft_for(self.ci, choice, other)
