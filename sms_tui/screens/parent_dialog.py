"""Link a parent incident (or stand alone again): type part of its number or title, pick it."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from sms_tui.fuzzy_pick import Choice
from sms_tui.incident_edits import SetParent
from sms_tui.screens.edit_dialog import EditDialog
from sms_tui.widgets.fuzzy_picker import FuzzyPicker

NO_PARENT = Choice("", "(none) \u00b7 stand alone", "none detach unlink")


class ParentDialog(EditDialog[SetParent]):
    """A fuzzy picker over the open incidents it is given; enter links the highlighted one."""

    CSS_PATH = "parent_dialog.tcss"
    AUTO_FOCUS = "#parent-picker Input"

    def __init__(
        self,
        title: str,
        candidates: Sequence[Choice],
        query: str = "",
        notice: Sequence[str] = (),
    ) -> None:
        super().__init__(title, notice)
        self.candidates = (*candidates, NO_PARENT)
        self.initial_query = query

    def compose_form(self) -> ComposeResult:
        yield Static(Content("Parent incident"), classes="field-label")
        yield FuzzyPicker(
            self.candidates,
            value=self.initial_query,
            placeholder="type a number or words of the title",
            id="parent-picker",
        )

    @property
    def query_text(self) -> str:
        return self.query_one(FuzzyPicker).query_text

    def result(self) -> SetParent | str:
        choice = self.query_one(FuzzyPicker).choice
        if choice is None:
            typed = self.query_text.strip()
            return f"no open incident matches {typed!r}" if typed else "type a number or title"
        return SetParent(choice.key or None)
