"""The incident queue: a window onto a page of rows read from SQL, with a live SLA clock per row.

It is not a DataTable. It holds one page (a few screens of rows) of a query that may match
thousands, draws only the lines on screen, and asks its screen for another page when the
cursor nears the edge of the one it has. Each second it recomputes the clocks on screen
and repaints only the clock cells whose text changed: over SSH that is a few bytes a minute
per row instead of the whole table every second.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from sms_tui.clock_text import ClockFace, ClockLevel, item_face
from sms_tui.queue_keys import table_bindings
from sms_tui.queue_views import QueueItem, QueuePage, ServiceSla, Sort
from sms_tui.widgets.paged_table import PagedTable
from sms_tui.widgets.queue_columns import GAP, Column, columns_for
from sms_tui.widgets.queue_rows import Palette, RowPainter

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class QueueTable(PagedTable, can_focus=True):
    """Rows of the page it is given, from row `top`; a row cursor; clocks read at `now`."""

    HELP_GROUP: ClassVar[str] = "Table"

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "queue-table--header",
        "queue-table--cursor",
        "queue-table--muted",
        "queue-table--P1",
        "queue-table--P2",
        "queue-table--breached",
        "queue-table--warning",
        "queue-table--paused",
        "queue-table--met",
        "queue-table--running",
        "queue-table--none",
    }

    DEFAULT_CSS = """
    QueueTable {
        height: 1fr;
        background: $surface;
        color: $foreground;
        & > .queue-table--header { background: $panel; text-style: bold; }
        & > .queue-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
        }
        &:focus > .queue-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
        & > .queue-table--muted { color: $text-muted; }
        & > .queue-table--P1 { color: $text-error; text-style: bold; }
        & > .queue-table--P2 { color: $text-warning; text-style: bold; }
        & > .queue-table--breached { color: $text-error; text-style: bold; }
        & > .queue-table--warning { color: $text-warning; text-style: bold; }
        & > .queue-table--paused { color: $text-muted; }
        & > .queue-table--met { color: $text-success; }
        & > .queue-table--none { color: $text-muted; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = table_bindings()

    @dataclass
    class Highlighted(Message):
        """The cursor is on another incident, or on none (no rows, or its row is not read yet)."""

        number: str | None

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, QueueTable.Highlighted)

    @dataclass
    class IncidentChosen(Message):
        """The operator picked the incident under the cursor (enter, or a click on it)."""

        number: str

    @dataclass
    class RowsWanted(Message):
        """The rows from `top` are on screen (or nearly) but not in the page: read them."""

        top: int

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, QueueTable.RowsWanted)

    # No automatic repaints: each watcher repaints just what changed (a tick, one cell).
    page: reactive[QueuePage | None] = reactive(None, init=False, repaint=False)
    slas: reactive[Mapping[str, ServiceSla]] = reactive(dict, init=False, repaint=False)
    now: reactive[datetime] = reactive(_EPOCH, init=False, repaint=False)
    sort: reactive[Sort] = reactive(Sort, init=False, repaint=False)
    hint: reactive[str] = reactive("", init=False, repaint=False)
    selected: reactive[frozenset[str]] = reactive(frozenset, init=False, repaint=False)
    """Incidents marked for a bulk action: drawn with a * in the row's first cell."""
    pending: reactive[bool] = reactive(False, init=False, repaint=False)
    """A page that moves the cursor is on its way: movement keys wait for it."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._columns: tuple[Column, ...] = ()
        # Each incident's clock as last drawn, with the row it was computed from.
        self._faces: dict[str, tuple[QueueItem, datetime, ClockFace]] = {}
        self._painter = RowPainter()
        self._palette = Palette(Style(), Style(), Style(), Style(), {}, {})
        self._queued: list[Callable[[], None]] = []

    @property
    def current_number(self) -> str | None:
        """The incident under the cursor, if its row has been read."""
        item = self._item(self.cursor)
        return None if item is None else item.number

    @property
    def screen_row(self) -> int:
        """How far down the screen the cursor is, in rows."""
        return self.cursor - self.top

    def _item(self, index: int) -> QueueItem | None:
        return None if self.page is None else self.page.item(index)

    def _held_page(self) -> QueuePage | None:
        return self.page

    def _ask_for_rows(self, top: int) -> None:
        self.post_message(self.RowsWanted(top))

    def _announce_cursor(self) -> None:
        self.post_message(self.Highlighted(self.current_number))

    def _scrolled(self) -> None:
        self.watch_now()

    def on_resize(self, event: events.Resize) -> None:
        self._columns = columns_for(event.size.width)
        self._scroll_to_cursor()
        self.refresh()
        self._want_rows()

    def watch_page(self, old: QueuePage | None, new: QueuePage | None) -> None:
        if new is None:
            return
        before = self._on_screen(old)
        if old is None or bool(old.total) != bool(new.total):
            self.refresh_bindings()
        if new.cursor is not None:
            # Keep the cursor's row on screen: a refreshed queue does not jump under the eye.
            row = self.screen_row
            self.cursor = new.cursor
            self.top = self.cursor - row
        self.cursor = max(min(self.cursor, new.total - 1), 0)
        self._scroll_to_cursor()
        # Rows and clocks of incidents still on the page are drawn again only if they changed.
        numbers = {item.number for item in new.items}
        self._faces = {n: face for n, face in self._faces.items() if n in numbers}
        self._painter.forget(numbers)
        self._repaint_changed(before)
        self._want_rows()
        self.post_message(self.Highlighted(self.current_number))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose":
            # Shown dim with nothing to open; a page on its way may bring something.
            return True if self.pending or self._total else None
        return True

    def _on_screen(self, page: QueuePage | None) -> tuple[int, int, list[QueueItem | None]]:
        """Where the view stands and what each row on screen shows, to compare with later."""
        rows = [None if page is None else page.item(self.top + y) for y in range(self.body_height)]
        return self.top, self.cursor, rows

    def _repaint_changed(self, before: tuple[int, int, list[QueueItem | None]]) -> None:
        # Another operator's save re-reads the page every time; most of the time the rows on
        # screen are the same, and repainting them all would cost a screenful over SSH.
        top, cursor, rows = before
        if top != self.top:
            self.refresh()
            return
        now = self._on_screen(self.page)[2]
        width = self.size.width
        for y, (was, is_now) in enumerate(zip(rows, now, strict=True)):
            moved = cursor != self.cursor and self.top + y in (cursor, self.cursor)
            if moved or was != is_now:
                self.refresh(Region(0, y + 1, width, 1))

    def watch_slas(self) -> None:
        self._faces.clear()
        self.refresh()

    def watch_sort(self) -> None:
        self.refresh(Region(0, 0, self.size.width, 1))

    def watch_hint(self) -> None:
        self.refresh()

    def watch_selected(self) -> None:
        self.refresh()

    def watch_now(self) -> None:
        """Recompute the clocks on screen; repaint the cells whose text changed, nothing else."""
        if not self._columns:
            return
        # The clock's cell, with the gap before it: the first thing on each line.
        cell = GAP + self._columns[0].width
        for y in range(1, self.body_height + 1):
            item = self._item(self.top + y - 1)
            if item is None:
                continue
            face = item_face(item, self.slas, self.now)
            cached = self._faces.get(item.number)
            self._faces[item.number] = (item, self.now, face)
            if cached is None or cached[2] != face:
                self.refresh(Region(0, y, cell, 1))

    def _when_loaded(self, action: Callable[[], None]) -> None:
        # Keys typed ahead of a new page ("s g", "/web⏎ j ⏎" in one SSH packet) apply to it,
        # in order, once it is here: never to the rows it replaces.
        if self.pending:
            self._queued.append(action)
        else:
            action()

    def watch_pending(self, pending: bool) -> None:
        while not self.pending and self._queued:
            self._queued.pop(0)()

    # The same action names as KeyTable's: a binding id names one action everywhere.
    def action_cursor_down(self) -> None:
        self._when_loaded(lambda: self.move_to(self.cursor + 1))

    def action_cursor_up(self) -> None:
        self._when_loaded(lambda: self.move_to(self.cursor - 1))

    def action_page_down(self) -> None:
        self._when_loaded(lambda: self.move_to(self.cursor + self.body_height))

    def action_page_up(self) -> None:
        self._when_loaded(lambda: self.move_to(self.cursor - self.body_height))

    def action_scroll_top(self) -> None:
        self._when_loaded(lambda: self.move_to(0))

    def action_scroll_bottom(self) -> None:
        self._when_loaded(lambda: self.move_to(self._total - 1))

    def action_choose(self) -> None:
        self._when_loaded(self._choose)

    def _choose(self) -> None:
        number = self.current_number
        if number is not None:
            self.post_message(self.IncidentChosen(number))

    def _read_palette(self) -> Palette:
        def style(name: str) -> Style:
            return self.get_component_rich_style(f"queue-table--{name}", partial=True)

        return Palette(
            base=self.rich_style,
            cursor=style("cursor"),
            header=style("header"),
            muted=style("muted"),
            priorities={name: style(name) for name in ("P1", "P2")},
            clocks={level: style(level.value) for level in ClockLevel},
        )

    def render_lines(self, crop: Region) -> list[Strip]:
        # Styles are resolved once a frame; an unchanged palette keeps the painter's rows.
        palette = self._read_palette()
        if palette != self._palette:
            self._palette = palette
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        palette = self._palette
        if y == 0:
            return self._painter.header(self._columns, self.sort, palette, width)
        index = self.top + y - 1
        if index >= self._total:
            if y == 1 and self.hint:
                return self._painter.note(" " + self.hint, palette, width)
            return Strip.blank(width, palette.base)
        item = self._item(index)
        cursor = index == self.cursor
        if item is None:
            return self._painter.note(" \u2026", palette, width, cursor=cursor)
        strip = self._painter.row(
            item, self._face(item), self._columns, palette, width, cursor=cursor
        )
        if item.number not in self.selected:
            return strip
        # The mark goes in the gap before the clock, so the painter's cached rows stay as they are.
        first = next(iter(strip), None)
        mark = Strip([Segment("*", first.style if first else None)], 1)
        return Strip.join([mark, strip.crop(1, width)])

    def _face(self, item: QueueItem) -> ClockFace:
        cached = self._faces.get(item.number)
        if cached is not None and cached[1] == self.now and cached[0] == item:
            return cached[2]
        face = item_face(item, self.slas, self.now)
        self._faces[item.number] = (item, self.now, face)
        return face
