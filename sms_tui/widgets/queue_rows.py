"""How the queue's lines are drawn: the header, a row, its SLA cell. One segment per cell.

A row's cells but the clock are kept between frames while the incident is unchanged, so a
repaint (a new page, a filter keystroke) mostly reuses what it drew before; the clock cell
is drawn apart, since it is the part that moves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from sms_tui.clock_text import ClockFace, ClockLevel
from sms_tui.queue_views import QueueItem, Sort
from sms_tui.widgets.queue_columns import GAP, Column, cell_text, fit, header_label

_STRONG_PRIORITIES = ("P1", "P2")


@dataclass(frozen=True)
class Palette:
    """The styles of one frame: resolved once, not once per cell."""

    base: Style
    cursor: Style
    header: Style
    muted: Style
    priorities: Mapping[str, Style]
    clocks: Mapping[ClockLevel, Style]


_Key = tuple[str, bool]
_Cells = tuple[QueueItem, Palette, tuple[Column, ...], list[Segment]]


class RowPainter:
    """Draws lines for a given set of columns, remembering the rows it drew last."""

    def __init__(self) -> None:
        self._cells: dict[_Key, _Cells] = {}

    def forget(self, keep: set[str] | None = None) -> None:
        """Drop the rows remembered, but those of the incidents in `keep`."""
        if keep is None:
            self._cells.clear()
        else:
            self._cells = {key: cells for key, cells in self._cells.items() if key[0] in keep}

    def header(
        self, columns: tuple[Column, ...], sort: Sort, palette: Palette, width: int
    ) -> Strip:
        style = palette.base + palette.header
        gap = Segment(" " * GAP, style)
        segments = [gap]
        for column in columns:
            segments.append(Segment(header_label(column, sort.column, sort.descending), style))
            segments.append(gap)
        return Strip(segments).adjust_cell_length(width, style)

    def note(self, text: str, palette: Palette, width: int, *, cursor: bool = False) -> Strip:
        """A line of muted text: a hint, or a row not read yet."""
        style = palette.base + (palette.cursor if cursor else Style()) + palette.muted
        return Strip([Segment(fit(text, width), style)], width)

    def row(
        self,
        item: QueueItem,
        face: ClockFace,
        columns: tuple[Column, ...],
        palette: Palette,
        width: int,
        *,
        cursor: bool,
    ) -> Strip:
        # The clock is the first column (see columns_for), drawn with the gap before it as
        # one segment from the left edge: its repaint each tick is that segment and no more.
        base = palette.base + palette.cursor if cursor else palette.base
        clock, *rest = columns
        text = " " * GAP + fit(face.text, clock.width)
        segments = [Segment(text, base + palette.clocks[face.level]), Segment(" " * GAP, base)]
        if rest:
            segments.extend(self._cells_of(item, tuple(rest), palette, base, cursor))
        return Strip(segments).adjust_cell_length(width, base)

    def _cells_of(
        self,
        item: QueueItem,
        columns: tuple[Column, ...],
        palette: Palette,
        base: Style,
        cursor: bool,
    ) -> list[Segment]:
        key = (item.number, cursor)
        cached = self._cells.get(key)
        if cached is not None:
            seen, seen_palette, seen_columns, segments = cached
            if seen_palette is palette and seen_columns == columns and seen == item:
                return segments
        gap = Segment(" " * GAP, base)
        segments = []
        for column in columns:
            text = cell_text(item, column)
            style = base
            if column.key == "priority" and text in _STRONG_PRIORITIES:
                style = base + palette.priorities[text]
            elif text == "-":
                style = base + palette.muted
            segments.append(Segment(fit(text, column.width), style))
            segments.append(gap)
        self._cells[key] = (item, palette, columns, segments)
        return segments
