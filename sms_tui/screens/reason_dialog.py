"""Ask for a few lines of text: a conflict override's reason, an approval's comment.

A pure form: it dismisses with the text (or None), and the screen that opened it saves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static, TextArea

from sms_tui.screens.edit_dialog import EditDialog
from sms_tui.widgets.safe_input import SafeTextArea


@dataclass(frozen=True)
class Reason:
    """What the operator typed."""

    text: str


class ReasonDialog(EditDialog[Reason]):
    """A text box under a label; `required` refuses a blank answer, naming what is missing."""

    CSS_PATH = "reason_dialog.tcss"
    AUTO_FOCUS = "#reason-text"

    def __init__(
        self,
        title: str,
        label: str,
        *,
        required: bool,
        text: str = "",
        notice: Sequence[str] = (),
    ) -> None:
        super().__init__(title, notice)
        self.label = label
        self.required = required
        self.initial_text = text

    def compose_form(self) -> ComposeResult:
        yield Static(Content(self.label), classes="field-label")
        yield SafeTextArea(self.initial_text, id="reason-text", compact=True, soft_wrap=True)

    def result(self) -> Reason | str:
        text = self.query_one("#reason-text", TextArea).text
        if self.required and not text.strip():
            return f"{self.label.lower()} is required"
        return Reason(text)
