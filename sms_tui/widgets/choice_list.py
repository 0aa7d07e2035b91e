"""Short lists whose highlighted line carries a marker (U+203A) as well as a colour, for SSH without colour."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from sms_tui.safe_text import one_line

MARK = "\u203a "
BLANK = "  "


class MarkedList(OptionList):
    """An option list of plain-text labels; the highlighted one starts with a marker."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, compact=True)
        self._labels: list[str] = []

    def show(self, labels: Sequence[str], keys: Sequence[str] | None = None) -> None:
        """Replace the options; `keys` become the option ids."""
        clean = [one_line(label) for label in labels]
        ids = list(keys) if keys is not None else [None] * len(clean)
        self._labels = []  # set_options clears the highlight before it adds the options
        self.set_options(
            Option(Content(BLANK + label), id=key) for label, key in zip(clean, ids, strict=True)
        )
        self._labels = clean

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        for index, label in enumerate(self._labels[: self.option_count]):
            mark = MARK if index == highlighted else BLANK
            self.replace_option_prompt_at_index(index, Content(mark + label))


class ChoiceList(MarkedList):
    """A fixed set of choices, always open; up/down or j/k choose, enter is the dialog's."""

    HELP_GROUP: ClassVar[str] = "Choices"

    DEFAULT_CSS = """
    ChoiceList {
        height: auto;
        max-height: 8;
        width: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Next", show=False, id="choice.down", tooltip="Next choice"),
        Binding(
            "k", "cursor_up", "Previous", show=False, id="choice.up", tooltip="Previous choice"
        ),
        Binding("g", "first", "First", show=False, id="choice.first", tooltip="First choice"),
        Binding("G", "last", "Last", show=False, id="choice.last", tooltip="Last choice"),
    ]

    def __init__(
        self,
        choices: Sequence[tuple[str, str]],
        value: str | None = None,
        *,
        id: str | None = None,
    ) -> None:
        """`choices` are (value, label) pairs; the label is plain text."""
        super().__init__(id=id)
        self._keys = [key for key, _ in choices]
        self._choice_labels = [label for _, label in choices]
        self._initial = value

    def on_mount(self) -> None:
        self.show(self._choice_labels, self._keys)
        if self._initial in self._keys:
            self.highlighted = self._keys.index(self._initial)
        elif self._keys:
            self.highlighted = 0

    @property
    def value(self) -> str | None:
        option = self.highlighted_option
        return None if option is None else option.id
