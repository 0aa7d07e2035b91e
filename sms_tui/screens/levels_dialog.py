"""Set impact and urgency; the priority the matrix gives them shows as you choose."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from sms_tui.incident_edits import SetLevels
from sms_tui.models import Level, Priority, PriorityRule
from sms_tui.screens.edit_dialog import EditDialog
from sms_tui.sla import priority_for
from sms_tui.widgets.choice_list import ChoiceList

LEVELS = [(level.value, level.value) for level in Level]


class LevelsDialog(EditDialog[SetLevels]):
    """Two short lists side by side; tab moves between them, enter saves."""

    CSS_PATH = "levels_dialog.tcss"
    AUTO_FOCUS = "#impact"

    def __init__(
        self,
        title: str,
        *,
        impact: Level,
        urgency: Level,
        priority: Priority,
        matrix: Sequence[PriorityRule],
        notice: Sequence[str] = (),
    ) -> None:
        super().__init__(title, notice)
        self.impact = impact
        self.urgency = urgency
        self.priority = priority
        self.matrix = tuple(matrix)

    def compose_form(self) -> ComposeResult:
        with Horizontal(id="levels"):
            with Vertical():
                yield Static(Content("Impact"), classes="field-label")
                yield ChoiceList(LEVELS, self.impact.value, id="impact")
            with Vertical():
                yield Static(Content("Urgency"), classes="field-label")
                yield ChoiceList(LEVELS, self.urgency.value, id="urgency")
        yield Static(id="levels-priority")

    def _chosen(self) -> tuple[Level, Level]:
        impact = self.query_one("#impact", ChoiceList).value or self.impact.value
        urgency = self.query_one("#urgency", ChoiceList).value or self.urgency.value
        return Level(impact), Level(urgency)

    def revalidate(self) -> None:
        super().revalidate()
        impact, urgency = self._chosen()
        try:
            new = priority_for(self.matrix, impact, urgency).value
        except ValueError as error:
            new = str(error)
        self.query_one("#levels-priority", Static).update(
            Content(f"Priority {self.priority.value} -> {new}")
        )

    def result(self) -> SetLevels | str:
        impact, urgency = self._chosen()
        return SetLevels(impact=impact, urgency=urgency)
