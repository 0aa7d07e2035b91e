"""Edit one free-text field of a record (a problem's root cause or workaround), kept if refused."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static, TextArea

from sms_tui.screens.edit_dialog import EditDialog
from sms_tui.widgets.safe_input import SafeTextArea


@dataclass(frozen=True)
class TextValue:
    """What the dialog saves: the text as typed (a bare str would read as a refusal)."""

    text: str


class TextDialog(EditDialog[TextValue]):
    """A text box preset with the field's text; ctrl+s saves it (blank clears the field)."""

    CSS_PATH = "text_dialog.tcss"
    AUTO_FOCUS = "#text-value"

    def __init__(self, title: str, label: str, text: str = "", notice: Sequence[str] = ()) -> None:
        super().__init__(title, notice)
        self.label = label
        self.initial_text = text

    def compose_form(self) -> ComposeResult:
        yield Static(Content(self.label), classes="field-label")
        yield SafeTextArea(self.initial_text, id="text-value", compact=True, soft_wrap=True)

    def on_mount(self) -> None:
        super().on_mount()
        area = self.query_one(TextArea)
        area.move_cursor(area.document.end)

    def result(self) -> TextValue:
        return TextValue(self.query_one("#text-value", TextArea).text)
