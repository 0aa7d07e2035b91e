"""Ask for a one-line title (a new problem made from incidents), prefilled, kept if refused."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Static

from sms_tui.screens.edit_dialog import EditDialog
from sms_tui.widgets.safe_input import SafeInput


@dataclass(frozen=True)
class Title:
    """What the dialog saves (a bare str would read as a refusal)."""

    text: str


class TitleDialog(EditDialog[Title]):
    """One input; enter or ctrl+s saves what it holds, unless it is blank."""

    CSS_PATH = "title_dialog.tcss"
    AUTO_FOCUS = "#title-value"

    def __init__(
        self, title: str, label: str, value: str = "", about: str = "", notice: Sequence[str] = ()
    ) -> None:
        super().__init__(title, notice)
        self.label = label
        self.initial_value = value
        self.about = about

    def compose_form(self) -> ComposeResult:
        if self.about:
            yield Static(Content(self.about), id="title-about")
        yield Static(Content(self.label), classes="field-label")
        yield SafeInput(self.initial_value, id="title-value", compact=True)

    def result(self) -> Title | str:
        value = self.query_one("#title-value", Input).value
        return Title(value) if value.strip() else "type a title (it cannot be blank)"
