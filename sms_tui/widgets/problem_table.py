"""The problems screen's table: problem rows or known-error rows, with columns fitting the width."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rich.text import Text
from textual import events, on
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable

from sms_tui.models import ProblemState
from sms_tui.problem_rows import ListRow, ProblemListRow
from sms_tui.safe_text import one_line
from sms_tui.widgets.key_table import KeyTable

WIDE = 110
"""From this width the CIs (and the KEDB's symptom) get room of their own."""

STATE_LABEL = {
    ProblemState.UNDER_INVESTIGATION: "investigating",
    ProblemState.KNOWN_ERROR: "known error",
}
"""Short enough for the state column; the detail screen spells the state out."""

STATE_STYLE = {
    ProblemState.NEW: "bold",
    ProblemState.UNDER_INVESTIGATION: "bold",
    ProblemState.KNOWN_ERROR: "",
    ProblemState.RESOLVED: "dim",
    ProblemState.CLOSED: "dim",
}


@dataclass(frozen=True)
class Column:
    """A column; width 0 takes whatever the others leave."""

    key: str
    label: str
    width: int
    justify: Literal["left", "right"] = "left"


def columns_for(kind: type[ListRow], width: int) -> tuple[Column, ...]:
    """The columns that fit `width` cells for this kind of row; the title takes the rest."""
    head: tuple[Column, ...]
    tail: tuple[Column, ...]
    wide = width >= WIDE
    if kind is ProblemListRow:
        head = (
            Column("number", "Number", 9),
            Column("state", "State", 13),
            Column("priority", "Pri", 3),
        )
        tail = (
            Column("incidents", "Open/all", 8, "right"),
            Column("cis", "CIs", 24 if wide else 14),
        )
    else:
        head = (Column("number", "Number", 8),)
        tail = (Column("symptom", "Symptom", 30),) if wide else ()
        tail += (Column("cis", "CIs", 18 if wide else 14), Column("problem", "Problem", 9))
    # Each column has one cell of padding on each side; one more cell for the scrollbar.
    used = sum(c.width for c in (*head, *tail)) + 2 * (len(head) + len(tail) + 1) + 1
    return (*head, Column("title", "Title", max(width - used, 12)), *tail)


def _cell(row: ListRow, column: Column) -> Text:
    style = ""
    if isinstance(row, ProblemListRow) and column.key == "state":
        value, style = STATE_LABEL.get(row.state, row.state.value), STATE_STYLE[row.state]
    elif isinstance(row, ProblemListRow) and column.key == "incidents":
        value = f"{row.open_incidents}/{row.total_incidents}"
        style = "bold" if row.open_incidents else "dim"
    else:
        value = str(getattr(row, column.key)) or "-"
    # Text, never str: DataTable parses a plain str cell as markup.
    return Text(
        one_line(value), style=style, no_wrap=True, overflow="ellipsis", justify=column.justify
    )


class ProblemTable(KeyTable):
    """Shows the rows it is given; keeps the cursor on the same record when they change."""

    @dataclass
    class Highlighted(Message):
        """The cursor is on another record, or on none."""

        number: str | None

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ProblemTable.Highlighted)

    @dataclass
    class Chosen(Message):
        """A record was picked with the mouse."""

        number: str

    records: reactive[tuple[ListRow, ...]] = reactive((), init=False)

    def __init__(self, kind: type[ListRow], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind = kind
        self._layout: tuple[Column, ...] = ()

    @property
    def current_number(self) -> str | None:
        return self.current_key

    def watch_records(self) -> None:
        self._fill(keep=self.current_number)

    def on_resize(self, event: events.Resize) -> None:
        if columns_for(self.kind, event.size.width) != self._layout:
            self._fill(keep=self.current_number)

    def _fill(self, keep: str | None) -> None:
        layout = columns_for(self.kind, self.size.width or 80)
        columns = None if layout == self._layout else layout
        self._layout = layout
        rows = [(row.number, [_cell(row, column) for column in layout]) for row in self.records]
        self.post_message(self.Highlighted(self.refill(columns, rows, keep)))

    @on(DataTable.RowHighlighted)
    def _announce_highlight(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(self.current_number))

    @on(DataTable.RowSelected)
    def _announce_choice(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Chosen(event.row_key.value))
