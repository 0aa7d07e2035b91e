"""The `?` screen: the keys of the screen it was opened from, grouped by where they apply."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from sms_tui.key_help import KeyHelp, screen_keys
from sms_tui.safe_text import one_line
from sms_tui.widgets.key_scroll import KeyScroll


def help_lines(entries: Sequence[KeyHelp]) -> Content:
    """Key, description and tooltip in columns, under a heading per group."""
    key_width = max((len(e.key_text) for e in entries), default=4) + 2
    name_width = max((len(e.description) for e in entries), default=4) + 2
    lines: list[Content] = []
    group = None
    for entry in entries:
        if entry.group != group:
            if group is not None:
                lines.append(Content(""))
            group = entry.group
            lines.append(Content.styled(group, "bold $text-accent"))
        style = "" if entry.enabled else "dim"
        lines.append(
            Content.assemble(
                ("  " + one_line(entry.key_text).ljust(key_width), "bold " + style),
                (entry.description.ljust(name_width), style),
                (entry.tooltip, "dim"),
            )
        )
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """Lists the keys it is given; any of escape, q or ? closes it."""

    CSS_PATH = "help.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,q,question_mark",
            "close",
            "Close",
            id="help.close",
            tooltip="Close the help and go back",
        ),
    ]

    def __init__(self, title: str, entries: Sequence[KeyHelp]) -> None:
        super().__init__()
        self.help_title = title
        self.entries = tuple(entries)

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box") as box:
            box.border_title = Content(f"Keys \u00b7 {one_line(self.help_title)}")
            with KeyScroll(id="help-scroll"):
                yield Static(help_lines(self.entries), id="help-lines")

    def on_mount(self) -> None:
        # From the live bindings, so a remapped close key is what the box says.
        close = next((e for e in screen_keys(self) if e.action == "close"), None)
        if close is not None:
            self.query_one("#help-box").border_subtitle = Content(f"{close.key_text} close")

    def action_close(self) -> None:
        self.dismiss()
