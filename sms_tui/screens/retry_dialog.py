"""Someone else changed the incident first: say who changed what, and offer to do it again."""

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


class RetryDialog(ModalScreen[bool]):
    """The refusal in full; enter answers True (do it again on the fresh record), escape False."""

    CSS_PATH = "retry_dialog.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "answer(True)",
            "Reapply",
            id="retry.reapply",
            tooltip="Do the same again on the incident as it is now",
        ),
        Binding(
            "escape",
            "answer(False)",
            "Cancel",
            id="retry.cancel",
            tooltip="Leave the incident as the other operator left it",
        ),
    ]

    def __init__(self, title: str, lines: Sequence[str]) -> None:
        super().__init__()
        self.retry_title = title
        self.lines = tuple(lines)

    def compose(self) -> ComposeResult:
        with Vertical(id="retry-box") as box:
            box.border_title = Content(one_line(self.retry_title, limit=70))
            yield Static(
                Content("\n").join(Content(one_line(line)) for line in self.lines),
                id="retry-lines",
            )
            yield Static(
                Content("enter reapply on the fresh record \u00b7 esc cancel"), id="retry-keys"
            )

    def action_answer(self, again: bool) -> None:
        self.dismiss(again)
