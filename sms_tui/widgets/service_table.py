"""The catalogue's table: one row per service, with columns chosen to fit the terminal's width."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rich.text import Text
from textual import events, on
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable

from sms_tui.catalogue_rows import ServiceRow
from sms_tui.models import Criticality, ServiceStatus
from sms_tui.safe_text import one_line
from sms_tui.widgets.key_table import KeyTable

WIDE = 110
"""From this width the SLA targets get a column of their own."""
NARROW = 72
"""Below this width the hours column gives way to the service name."""

STATUS_STYLE = {
    ServiceStatus.LIVE: "green",
    ServiceStatus.PIPELINE: "yellow",
    ServiceStatus.RETIRED: "dim",
}
CRITICALITY_STYLE = {
    Criticality.CRITICAL: "bold red",
    Criticality.HIGH: "bold",
    Criticality.MEDIUM: "",
    Criticality.LOW: "dim",
}


@dataclass(frozen=True)
class Column:
    """A column of the table; width 0 takes whatever the others leave."""

    key: str
    label: str
    width: int
    justify: Literal["left", "right"] = "left"


def columns_for(width: int) -> tuple[Column, ...]:
    """The columns that fit `width` cells: every one readable, none cut to a stump.

    Hours and SLA targets drop out first: the preview below the table shows them in full.
    """
    fixed: tuple[Column, ...]
    if width >= WIDE:
        fixed = (
            Column("status", "Status", 8),
            Column("criticality", "Criticality", 11),
            Column("owner", "Owner", 14),
            Column("hours", "Hours", 20),
            Column("sla", "SLA respond/resolve", 24),
            Column("open", "Open", 4, "right"),
        )
    elif width >= NARROW:
        fixed = (
            Column("status", "Status", 8),
            Column("criticality", "Crit.", 8),
            Column("owner", "Owner", 14),
            Column("hours", "Hours", 14),
            Column("open", "Open", 4, "right"),
        )
    else:
        fixed = (
            Column("status", "Status", 8),
            Column("criticality", "Crit.", 8),
            Column("owner", "Owner", 12),
            Column("open", "Open", 4, "right"),
        )
    # Each column has one cell of padding on each side; one more cell for the scrollbar.
    used = sum(c.width for c in fixed) + 2 * (len(fixed) + 1) + 1
    return (Column("name", "Service", max(width - used, 12)), *fixed)


def _cell(row: ServiceRow, column: Column) -> Text:
    value: str
    style = ""
    if column.key == "status":
        value, style = row.status.value, STATUS_STYLE[row.status]
    elif column.key == "criticality":
        value, style = row.criticality.value, CRITICALITY_STYLE[row.criticality]
    elif column.key == "open":
        value = str(row.open_incidents)
        style = "bold" if row.open_incidents else "dim"
    else:
        value = str(getattr(row, column.key))
    # Text, never str: DataTable parses a plain str cell as markup.
    return Text(
        one_line(value), style=style, no_wrap=True, overflow="ellipsis", justify=column.justify
    )


class ServiceTable(KeyTable):
    """Shows the rows it is given; keeps the cursor on the same service when they change."""

    @dataclass
    class Highlighted(Message):
        """The cursor is on another service, or on none (the table is empty)."""

        name: str | None

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ServiceTable.Highlighted)

    @dataclass
    class Chosen(Message):
        """A service was picked with the mouse (a click on the highlighted row)."""

        name: str

    services: reactive[tuple[ServiceRow, ...]] = reactive((), init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._layout: tuple[Column, ...] = ()

    @property
    def current_name(self) -> str | None:
        """The service under the cursor."""
        return self.current_key

    def watch_services(self, old: tuple[ServiceRow, ...], new: tuple[ServiceRow, ...]) -> None:
        if self._layout and [r.name for r in old] == [r.name for r in new]:
            # Same rows in the same order (an owner or a count changed): touch only those
            # cells, so that a busy desk does not repaint the whole table every second.
            for before, after in zip(old, new, strict=True):
                for column in self._layout:
                    cell = _cell(after, column)
                    if cell != _cell(before, column):
                        self.update_cell(after.name, column.key, cell)
            return
        self._fill(keep=self.current_name)

    def on_resize(self, event: events.Resize) -> None:
        if columns_for(event.size.width) != self._layout:
            self._fill(keep=self.current_name)

    def _fill(self, keep: str | None) -> None:
        layout = columns_for(self.size.width or 80)
        columns = None if layout == self._layout else layout
        self._layout = layout
        rows = [(row.name, [_cell(row, column) for column in layout]) for row in self.services]
        self.post_message(self.Highlighted(self.refill(columns, rows, keep)))

    @on(DataTable.RowHighlighted)
    def _announce_highlight(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        # Where the cursor is now, not where the event says: it may predate a refill.
        self.post_message(self.Highlighted(self.current_name))

    @on(DataTable.RowSelected)
    def _announce_choice(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Chosen(event.row_key.value))
