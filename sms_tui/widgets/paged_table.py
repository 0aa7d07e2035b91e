"""The row cursor and scrolling of a table that holds one page of a long query.

The queue and the CMDB list draw their own lines (a query may match 100,000 rows), so they
share this instead of DataTable's: a cursor over every row of the query, the window of rows
on screen, and a request for another page when the window nears the edge of the one held.
"""

from __future__ import annotations

from typing import Protocol

from textual import events
from textual.geometry import Region
from textual.widget import Widget


class RowPage(Protocol):
    """What a table needs of the page it holds."""

    @property
    def total(self) -> int: ...

    def holds(self, start: int, stop: int) -> bool: ...


class PagedTable(Widget):
    """A header line, then rows from `top`, with the cursor on row `cursor` of the query."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.cursor = 0
        self.top = 0

    # What each table says for itself.
    def _held_page(self) -> RowPage | None:
        raise NotImplementedError

    def _ask_for_rows(self, top: int) -> None:
        raise NotImplementedError

    def _announce_cursor(self) -> None:
        raise NotImplementedError

    def _choose(self) -> None:
        raise NotImplementedError

    def _scrolled(self) -> None:
        """The window moved to other rows (after its repaint was asked for)."""

    @property
    def body_height(self) -> int:
        """Rows on screen (the first line is the header)."""
        return max(self.size.height - 1, 1)

    @property
    def _total(self) -> int:
        page = self._held_page()
        return 0 if page is None else page.total

    def _scroll_to_cursor(self) -> None:
        height = self.body_height
        top = min(self.top, max(self._total - height, 0))
        top = min(max(top, self.cursor - height + 1), self.cursor)
        self.top = max(top, 0)

    def _want_rows(self) -> None:
        page = self._held_page()
        if page is None:
            return
        slack = self.body_height // 2
        if not page.holds(max(self.top - slack, 0), self.top + self.body_height + slack):
            self._ask_for_rows(self.top)

    def move_to(self, index: int) -> None:
        """Put the cursor on row `index` of the query (clipped), scrolling as needed."""
        index = max(min(index, self._total - 1), 0)
        if index == self.cursor:
            return
        old_cursor, old_top = self.cursor, self.top
        self.cursor = index
        self._scroll_to_cursor()
        if self.top != old_top:
            self.refresh()
            self._scrolled()
            self._want_rows()
        else:
            # Only the two rows the cursor left and reached change.
            width = self.size.width
            self.refresh(
                Region(0, old_cursor - self.top + 1, width, 1),
                Region(0, self.cursor - self.top + 1, width, 1),
            )
        self._announce_cursor()

    def on_click(self, event: events.Click) -> None:
        if event.y < 1:
            return
        index = self.top + event.y - 1
        if index == self.cursor:
            self._choose()
        elif index < self._total:
            self.move_to(index)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.move_to(self.cursor + 3)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.move_to(self.cursor - 3)
