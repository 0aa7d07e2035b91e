"""Linked records on a detail page as a short list: move with j/k or the arrows, enter opens one."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from sms_tui.widgets.choice_list import MarkedList


class LinkList(MarkedList):
    """One line per linked record, keyed by its number; enter posts `OptionSelected`."""

    HELP_GROUP: ClassVar[str] = "Linked records"

    DEFAULT_CSS = """
    LinkList {
        height: auto;
        max-height: 10;
        padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "down,j", "cursor_down", "Next", show=False, id="links.down", tooltip="Next record"
        ),
        Binding(
            "up,k", "cursor_up", "Previous", show=False, id="links.up", tooltip="Previous record"
        ),
        Binding(
            "enter",
            "select",
            "Open",
            show=False,
            id="links.open",
            tooltip="Open the highlighted record",
        ),
    ]
