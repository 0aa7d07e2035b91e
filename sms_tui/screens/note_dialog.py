"""Add a work note: a few lines of free text, kept whole if the save is refused."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static, TextArea

from sms_tui.incident_edits import AddWorkNote
from sms_tui.screens.edit_dialog import EditDialog
from sms_tui.widgets.safe_input import SafeTextArea


class NoteDialog(EditDialog[AddWorkNote]):
    """A text box for the note; ctrl+s saves, enter starts a new line."""

    CSS_PATH = "note_dialog.tcss"
    AUTO_FOCUS = "#note-text"

    def __init__(self, title: str, text: str = "", notice: Sequence[str] = ()) -> None:
        super().__init__(title, notice)
        self.initial_text = text

    def compose_form(self) -> ComposeResult:
        yield Static(Content("Work note"), classes="field-label")
        yield SafeTextArea(self.initial_text, id="note-text", compact=True, soft_wrap=True)

    def on_mount(self) -> None:
        super().on_mount()
        area = self.query_one(TextArea)
        area.move_cursor(area.document.end)

    @property
    def text(self) -> str:
        return self.query_one("#note-text", TextArea).text

    def result(self) -> AddWorkNote | str:
        if not self.text.strip():
            return "type the note (it cannot be blank)"
        return AddWorkNote(self.text)
