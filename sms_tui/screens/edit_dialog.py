"""The shape every triage dialog shares: a boxed form, a live problem line, save and cancel.

A dialog is a pure form. It dismisses with the value it stands for (an Edit, a new incident)
or None, and never writes: the screen that opened it saves the value, and if the store
refuses (someone else changed the incident, the database was busy) opens it again with
the same values and the refusal shown above them, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static, TextArea

from sms_tui.key_help import THIS_SCREEN, screen_keys
from sms_tui.safe_text import one_line
from sms_tui.widgets.fuzzy_picker import FuzzyPicker

E = TypeVar("E")


class EditDialog(ModalScreen[E | None], Generic[E]):
    """A form over the screen below; `result()` says what it would save, or why it cannot."""

    DEFAULT_CSS = """
    EditDialog {
        align: center middle;
        & > #dialog-box {
            width: 76;
            max-width: 100%;
            height: auto;
            max-height: 100%;
            border: round $primary;
            background: $surface;
            padding: 0 1;
        }
        & #dialog-notice {
            display: none;
            color: $text-error;
            margin-bottom: 1;
        }
        & #dialog-notice.-shown { display: block; }
        & #dialog-problem { color: $text-warning; }
        & #dialog-keys { color: $text-muted; }
        & .field-label {
            color: $text-accent;
            text-style: bold;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            id="dialog.save",
            tooltip="Save what the form says (enter does too, outside a text box)",
        ),
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="dialog.cancel",
            tooltip="Close the form without saving",
        ),
    ]

    @dataclass
    class Opened(Message):
        """The dialog is on screen: the app offers back a draft of the same form."""

        dialog: EditDialog[Any]

    @dataclass
    class Closed(Message):
        """The dialog was saved or cancelled: its draft, if any, is done with."""

        dialog: EditDialog[Any]

    def __init__(self, title: str, notice: Sequence[str] = ()) -> None:
        super().__init__()
        self.dialog_title = title
        self.notice = tuple(notice)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog-box") as box:
            box.border_title = Content(one_line(self.dialog_title, limit=70))
            notice = Static(
                Content("\n").join(Content(one_line(line)) for line in self.notice),
                id="dialog-notice",
            )
            notice.set_class(bool(self.notice), "-shown")
            yield notice
            yield from self.compose_form()
            yield Static(id="dialog-problem")
            yield Static(id="dialog-keys")

    def compose_form(self) -> ComposeResult:
        """The dialog's own fields."""
        yield from ()

    def on_mount(self) -> None:
        keys = [e for e in screen_keys(self) if e.group == THIS_SCREEN]
        self.query_one("#dialog-keys", Static).update(
            Content(" \u00b7 ".join(f"{e.key_text} {e.description.lower()}" for e in keys))
        )
        self.revalidate()
        self.app.post_message(self.Opened(self))

    def result(self) -> E | str:
        """The value to save, or one line saying what is missing or refused."""
        raise NotImplementedError

    def revalidate(self) -> None:
        """Show at once what would stop a save: called as the operator types and chooses."""
        outcome = self.result()
        problem = outcome if isinstance(outcome, str) else ""
        self.query_one("#dialog-problem", Static).update(Content(one_line(problem)))

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(OptionList.OptionHighlighted)
    @on(FuzzyPicker.Changed)
    def _changed(self) -> None:
        self.revalidate()

    @on(Input.Submitted)
    @on(OptionList.OptionSelected)
    @on(FuzzyPicker.Submitted)
    def _submitted(self) -> None:
        self.field_submitted()

    def field_submitted(self) -> None:
        """Enter in a field (not a text box): saves, unless the form says otherwise."""
        self.action_save()

    def action_save(self) -> None:
        outcome = self.result()
        if isinstance(outcome, str):
            self.query_one("#dialog-problem", Static).update(Content(one_line(outcome)))
            self.app.bell()
            return
        self.app.post_message(self.Closed(self))
        self.dismiss(outcome)

    def action_cancel(self) -> None:
        self.app.post_message(self.Closed(self))
        self.dismiss(None)
