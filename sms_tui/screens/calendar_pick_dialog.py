"""Pick the one service or CI the calendar is narrowed to; an empty answer shows all again."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from sms_tui.fuzzy_pick import Choice
from sms_tui.safe_text import one_line
from sms_tui.screens.edit_dialog import EditDialog
from sms_tui.widgets.fuzzy_picker import FuzzyPicker


@dataclass(frozen=True)
class Picked:
    """The name chosen, or None to show everything again."""

    name: str | None


class CalendarPickDialog(EditDialog[Picked]):
    """A fuzzy picker over names; enter on an empty field clears the filter."""

    CSS_PATH = "calendar_pick_dialog.tcss"
    AUTO_FOCUS = "#pick Input"

    def __init__(self, title: str, label: str, names: Sequence[str], value: str = "") -> None:
        super().__init__(title)
        self.label = label
        self.names = tuple(names)
        self.value = value

    def compose_form(self) -> ComposeResult:
        yield Static(Content(self.label), classes="field-label")
        yield FuzzyPicker(
            [Choice(name, name) for name in self.names],
            value=self.value,
            placeholder="type to find; empty shows all",
            id="pick",
        )

    def result(self) -> Picked | str:
        picker = self.query_one("#pick", FuzzyPicker)
        if picker.choice is not None:
            return Picked(picker.choice.key)
        typed = picker.query_text.strip()
        if typed:
            return f"nothing matches {one_line(typed, limit=30)!r}"
        return Picked(None)
