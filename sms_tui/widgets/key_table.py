"""A DataTable for operators over SSH: row cursor, vim keys, and no per-cell mouse work."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Literal, Protocol

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from sms_tui.table_keys import row_bindings


class ColumnSpec(Protocol):
    """What refill needs of a column."""

    @property
    def key(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def width(self) -> int: ...
    @property
    def justify(self) -> Literal["left", "right"]: ...


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

    @property
    def current_key(self) -> str | None:
        """The key of the row under the cursor, or None in an empty table."""
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value

    def refill(
        self,
        columns: Sequence[ColumnSpec] | None,
        rows: Sequence[tuple[str, Sequence[Text]]],
        keep: str | None,
    ) -> str | None:
        """Replace the rows (and the columns, when given), keeping the cursor on row `keep`
        if it is still there, else at the same height. Returns the key now under the cursor.
        """
        index = self.cursor_row
        if columns is None:
            self.clear()
        else:
            self.clear(columns=True)
            for column in columns:
                self.add_column(
                    Text(column.label, justify=column.justify), width=column.width, key=column.key
                )
        for key, cells in rows:
            self.add_row(*cells, key=key)
        keys = [key for key, _ in rows]
        if not keys:
            return None
        target = keys.index(keep) if keep in keys else min(index, len(keys) - 1)
        self.move_cursor(row=target, animate=False)
        return keys[target]
