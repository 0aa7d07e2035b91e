"""A DataTable for operators over SSH: row cursor, vim keys, and no per-cell mouse work."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from sms_tui.table_keys import row_bindings


class KeyTable(DataTable[object], inherit_bindings=False):
    """A row-cursor table with k9s/vim movement keys, each with an id so it can be remapped.

    `enter` is left to the screen, which knows what opening a row means. The mouse hover
    cursor is off: it repaints the whole table on every motion, which costs about 100 KB/s
    over SSH (PERF-NOTES).
    """

    HELP_GROUP: ClassVar[str] = "Table"

    DEFAULT_CSS = """
    KeyTable {
        scrollbar-size-vertical: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *row_bindings(),
        Binding(
            "left",
            "cursor_left",
            "Scroll left",
            show=False,
            id="table.left",
            tooltip="Scroll the columns left",
        ),
        Binding(
            "right",
            "cursor_right",
            "Scroll right",
            show=False,
            id="table.right",
            tooltip="Scroll the columns right",
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row")
        # Every cell would otherwise carry a link id, and hovering repaints the whole table.
        self.auto_links = False

    def on_mouse_move(self, event: events.MouseMove) -> None:
        # Stops DataTable's hover cursor, which repaints the table on each motion.
        event.prevent_default()
