"""Ask before doing something that cannot be undone from the keyboard: enter yes, escape no."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from sms_tui.safe_text import one_line


class ConfirmDialog(ModalScreen[bool]):
    """The question in plain text; dismisses True on enter, False on escape."""

    CSS_PATH = "confirm_dialog.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "answer(True)", "Yes", id="confirm.yes", tooltip="Do it"),
        Binding(
            "escape", "answer(False)", "No", id="confirm.no", tooltip="Leave things as they are"
        ),
    ]

    def __init__(self, title: str, lines: Sequence[str], yes: str) -> None:
        super().__init__()
        self.confirm_title = title
        self.lines = tuple(lines)
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box") as box:
            box.border_title = Content(one_line(self.confirm_title, limit=70))
            yield Static(
                Content("\n").join(Content(one_line(line)) for line in self.lines),
                id="confirm-lines",
            )
            yield Static(Content(f"enter {self.yes} \u00b7 esc cancel"), id="confirm-keys")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
