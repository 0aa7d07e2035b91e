"""Type to find: an input over a short list of the best fuzzy matches, up/down to choose."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input

from sms_tui.fuzzy_pick import Choice, rank
from sms_tui.safe_text import one_line
from sms_tui.widgets.choice_list import MarkedList
from sms_tui.widgets.safe_input import SafeInput


class FuzzyPicker(Widget):
    """An input and the matches for what is typed in it; the highlighted match is `choice`."""

    HELP_GROUP: ClassVar[str] = "Picker"

    DEFAULT_CSS = """
    FuzzyPicker {
        height: auto;
        & > Input { width: 1fr; }
        & > OptionList {
            height: auto;
            max-height: 5;
            display: none;
        }
        &.-open > OptionList {
            display: block;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "down",
            "move(1)",
            "Next match",
            show=False,
            id="picker.down",
            tooltip="Highlight the next match",
        ),
        Binding(
            "up",
            "move(-1)",
            "Previous match",
            show=False,
            id="picker.up",
            tooltip="Highlight the previous match",
        ),
    ]

    @dataclass
    class Changed(Message):
        """The text or the highlighted match changed (posted per keystroke; stale ones merge)."""

        picker: FuzzyPicker
        choice: Choice | None

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, FuzzyPicker.Changed) and message.picker is self.picker

        @property
        def control(self) -> FuzzyPicker:
            return self.picker

    @dataclass
    class Submitted(Message):
        """Enter was pressed in the picker's input."""

        picker: FuzzyPicker
        choice: Choice | None

        @property
        def control(self) -> FuzzyPicker:
            return self.picker

    choices: reactive[tuple[Choice, ...]] = reactive((), init=False)
    choice: reactive[Choice | None] = reactive(None, init=False)

    def __init__(
        self,
        choices: Sequence[Choice] = (),
        *,
        value: str = "",
        placeholder: str = "",
        blank_is_none: bool = True,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.set_reactive(FuzzyPicker.choices, tuple(choices))
        self._value = value
        self._placeholder = placeholder
        self.blank_is_none = blank_is_none
        """With nothing typed, is nothing chosen (True) or the first choice (False)?"""
        self._matches: list[Choice] = []

    def compose(self) -> ComposeResult:
        yield SafeInput(
            self._value, placeholder=self._placeholder, compact=True, select_on_focus=False
        )
        options = MarkedList()
        options.can_focus = False
        yield options

    def on_mount(self) -> None:
        self._match(self._value)

    @property
    def query_text(self) -> str:
        return self.query_one(Input).value

    def focus_input(self) -> None:
        self.screen.set_focus(self.query_one(Input))

    def watch_choices(self) -> None:
        self._match(self.query_text)

    def _match(self, text: str) -> None:
        self._matches = rank(text, self.choices, limit=20)
        options = self.query_one(MarkedList)
        options.show([one_line(c.label, limit=120) for c in self._matches])
        none = self.blank_is_none and not text.strip()
        options.highlighted = None if none or not self._matches else 0
        self._chose()

    def _chose(self) -> None:
        index = self.query_one(MarkedList).highlighted
        self.choice = None if index is None else self._matches[index]
        self.post_message(self.Changed(self, self.choice))

    def action_move(self, step: int) -> None:
        options = self.query_one(MarkedList)
        if not self._matches:
            return
        index = options.highlighted
        index = 0 if index is None else (index + step) % len(self._matches)
        options.highlighted = index
        self._chose()

    def on_descendant_focus(self) -> None:
        # A class, not :focus-within, which does not restyle the list when focus moves in.
        self.add_class("-open")

    def on_descendant_blur(self) -> None:
        self.remove_class("-open")
        # Closed, the field shows what was picked, not the letters that found it. Matched
        # again first: keys typed in a burst may still have their Changed messages queued.
        if not self._matches or self.choice is None:
            self._match(self.query_text)
        choice = self.choice
        if choice is not None and self.query_text != choice.label:
            self.query_one(Input).value = choice.label

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._match(event.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(self, self.choice))
