"""The CMDB list: a window onto a page of CIs read from SQL, drawn line by line.

Like the queue's table it is not a DataTable: it holds one page (a few screens of rows) of
a query that may match 50,000 CIs, draws only the lines on screen, and asks its screen for
another page when the cursor nears the edge of the one it has.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from sms_tui.cmdb_views import CiPage, CiRow
from sms_tui.safe_text import one_line
from sms_tui.table_keys import row_bindings
from sms_tui.widgets.paged_table import PagedTable

GAP = 1


@dataclass(frozen=True)
class Column:
    label: str
    width: int
    key: str


def columns_for(width: int) -> tuple[Column, ...]:
    """The columns that fit: the name grows with the terminal, location only when wide."""
    fixed = [Column("Class", 14, "ci_class"), Column("Env", 11, "environment")]
    if width >= 100:
        fixed += [Column("Status", 11, "status"), Column("Owner", 14, "owner")]
        fixed.append(Column("Location", 18, "location"))
    else:
        fixed += [Column("Status", 8, "status"), Column("Owner", 10, "owner")]
    used = sum(c.width + GAP for c in fixed) + GAP
    return (Column("Name", max(width - used - GAP, 12), "name"), *fixed)


def _cell(row: CiRow, key: str) -> str:
    value = getattr(row, key)
    text = value if isinstance(value, str) else ""
    if key in ("ci_class", "status", "environment"):
        text = value.value.replace("_", " ")
    return one_line(text) or "-"


def _fit(text: str, width: int) -> str:
    if len(text) > width:
        return text[: max(width - 1, 0)] + "\u2026"
    return text.ljust(width)


class CiTable(PagedTable, can_focus=True):
    """Rows of the page it is given, from row `top`, with a row cursor."""

    HELP_GROUP: ClassVar[str] = "Table"

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "ci-table--header",
        "ci-table--cursor",
        "ci-table--muted",
    }

    DEFAULT_CSS = """
    CiTable {
        height: 1fr;
        background: $surface;
        color: $foreground;
        & > .ci-table--header { background: $panel; text-style: bold; }
        & > .ci-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
        }
        &:focus > .ci-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
        & > .ci-table--muted { color: $text-muted; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *row_bindings(),
        Binding(
            "enter", "choose", "Open", id="cmdb.open", tooltip="Show the highlighted CI in full"
        ),
    ]

    @dataclass
    class Highlighted(Message):
        """The cursor is on another CI, or on none."""

        name: str | None

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, CiTable.Highlighted)

    @dataclass
    class Chosen(Message):
        """The operator picked the CI under the cursor."""

        name: str

    @dataclass
    class RowsWanted(Message):
        """The rows from `top` are on screen (or nearly) but not in the page: read them."""

        top: int

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, CiTable.RowsWanted)

    page: reactive[CiPage | None] = reactive(None, init=False, repaint=False)
    hint: reactive[str] = reactive("", init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._columns: tuple[Column, ...] = ()

    @property
    def current_name(self) -> str | None:
        """The CI under the cursor, if its row has been read."""
        row = None if self.page is None else self.page.item(self.cursor)
        return None if row is None else row.name

    def _held_page(self) -> CiPage | None:
        return self.page

    def _ask_for_rows(self, top: int) -> None:
        self.post_message(self.RowsWanted(top))

    def _announce_cursor(self) -> None:
        self.post_message(self.Highlighted(self.current_name))

    def on_resize(self, event: events.Resize) -> None:
        self._columns = columns_for(event.size.width)
        self._scroll_to_cursor()
        self.refresh()
        self._want_rows()

    def watch_page(self, old: CiPage | None, new: CiPage | None) -> None:
        if new is None:
            return
        if old is None or old.query != new.query:
            self.cursor = self.top = 0
        self.cursor = max(min(self.cursor, new.total - 1), 0)
        self._scroll_to_cursor()
        self.refresh()
        self._want_rows()
        self.post_message(self.Highlighted(self.current_name))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose":
            return True if self._total else None
        return True

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_page_down(self) -> None:
        self.move_to(self.cursor + self.body_height)

    def action_page_up(self) -> None:
        self.move_to(self.cursor - self.body_height)

    def action_scroll_top(self) -> None:
        self.move_to(0)

    def action_scroll_bottom(self) -> None:
        self.move_to(self._total - 1)

    def action_choose(self) -> None:
        self._choose()

    def _choose(self) -> None:
        name = self.current_name
        if name is not None:
            self.post_message(self.Chosen(name))

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"ci-table--{name}", partial=True)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y == 0:
            style = base + self._style("header")
            cells = [_fit(c.label, c.width) for c in self._columns]
            return Strip([Segment(" " + " ".join(cells), style)]).adjust_cell_length(width, style)
        index = self.top + y - 1
        cursor = index == self.cursor
        if index >= self._total:
            if y == 1 and self.hint:
                style = base + self._style("muted")
                return Strip([Segment(_fit(" " + one_line(self.hint), width), style)], width)
            return Strip.blank(width, base)
        row = None if self.page is None else self.page.item(index)
        style = base + self._style("cursor") if cursor else base
        if row is None:
            return Strip([Segment(_fit(" \u2026", width), style + self._style("muted"))], width)
        cells = [_fit(_cell(row, c.key), c.width) for c in self._columns]
        return Strip([Segment(" " + " ".join(cells), style)]).adjust_cell_length(width, style)
