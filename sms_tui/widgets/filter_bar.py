"""A one-line filter: an input that appears on demand, and how many items are shown."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Static

from sms_tui.widgets.safe_input import SafeInput


class FilterBar(HorizontalGroup):
    """Shows "3 of 8 services"; while `active`, an input whose text is posted as you type."""

    DEFAULT_CSS = """
    FilterBar {
        height: 1;
        background: $surface;
        & > Input {
            width: 1fr;
            display: none;
        }
        & > Input.-textual-compact {
            padding: 0 1;
        }
        &.-active > Input {
            display: block;
        }
        & > #filter-hint {
            width: 1fr;
            color: $text-muted;
            padding: 0 1;
        }
        &.-active > #filter-hint {
            display: none;
        }
        & > #filter-count {
            width: auto;
            padding: 0 1;
        }
    }
    """

    @dataclass
    class Changed(Message):
        """The filter text changed (posted on every keystroke; stale ones merge)."""

        query: str

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, FilterBar.Changed)

    active: reactive[bool] = reactive(False, init=False)
    shown: reactive[int] = reactive(0, init=False)
    total: reactive[int] = reactive(0, init=False)

    def __init__(self, noun: str, hint: str, *, blink: bool = True) -> None:
        super().__init__()
        self.noun = noun
        self.hint = hint
        self.blink = blink

    def compose(self) -> ComposeResult:
        # SafeInput: a pasted escape sequence must not reach the terminal as it is drawn.
        yield SafeInput(
            placeholder=f"filter {self.noun}",
            compact=True,
            id="filter-input",
            select_on_focus=False,
        )
        yield Static(Content(self.hint), id="filter-hint")
        yield Static(id="filter-count")

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = self.blink
        self._show_count()

    def focus_input(self) -> None:
        """Put the keyboard in the filter field at once.

        Widget.focus() waits its turn in the queue, behind keys already typed: over SSH "/web"
        arrives in one packet, and "web" would go to the table.
        """
        self.screen.set_focus(self.query_one(Input))

    def watch_active(self, active: bool) -> None:
        self.set_class(active, "-active")
        if active:
            self.focus_input()
        else:
            self.query_one(Input).value = ""
        self._show_count()

    def watch_shown(self) -> None:
        self._show_count()

    def watch_total(self) -> None:
        self._show_count()

    def _show_count(self) -> None:
        if self.active or self.shown != self.total:
            text = f"{self.shown} of {self.total} {self.noun}"
        else:
            text = f"{self.total} {self.noun}"
        self.query_one("#filter-count", Static).update(Content(text))

    @on(Input.Changed)
    def _post_change(self, event: Input.Changed) -> None:
        event.stop()
        # A closed filter filters nothing, even if a stray key reached its field.
        self.post_message(self.Changed(event.value if self.active else ""))
