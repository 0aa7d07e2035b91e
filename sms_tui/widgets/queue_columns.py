"""The queue's columns for a given width, and each cell's plain text. No styling, no widgets."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size

from sms_tui.clock_text import WIDTH as CLOCK_WIDTH
from sms_tui.queue_views import QueueItem, SortColumn, state_label
from sms_tui.safe_text import one_line

WIDE = 110
"""From this width the service and the CI each get a column, and states are spelled out."""
NARROW = 64
"""Below this width the state and service columns give way to the title."""
TITLE_MIN = 12
GAP = 1
"""Cells between columns, and before the first and after the last."""


@dataclass(frozen=True)
class Column:
    """A column: what it shows, its header, its width, and the sort it stands for."""

    key: str
    label: str
    width: int
    sort: SortColumn


def columns_for(width: int) -> tuple[Column, ...]:
    """The columns that fit `width` cells; the title takes what the others leave.

    The SLA clock comes first. Urgency reads first, and Textual repaints a line from the
    widget's left edge to the end of what changed: a clock on the left costs a dozen cells
    a tick, one on the right the whole line.
    """
    number = Column("number", "Number", 10, SortColumn.NUMBER)
    priority = Column("priority", "Pri", 3, SortColumn.PRIORITY)
    clock = Column("clock", "SLA", CLOCK_WIDTH, SortColumn.CLOCK)
    before: tuple[Column, ...]
    after: tuple[Column, ...]
    if width >= WIDE:
        before = (clock, number, priority, Column("state", "State", 11, SortColumn.STATE))
        after = (
            Column("service", "Service", 18, SortColumn.SERVICE),
            Column("ci", "CI", 16, SortColumn.SERVICE),
            Column("assignee", "Assignee", 12, SortColumn.ASSIGNEE),
        )
    elif width >= NARROW:
        before = (clock, number, priority, Column("state", "State", 8, SortColumn.STATE))
        after = (
            Column("service_or_ci", "Service/CI", 12, SortColumn.SERVICE),
            Column("assignee", "Assignee", 8, SortColumn.ASSIGNEE),
        )
    else:
        before = (clock, number, priority)
        after = (Column("assignee", "Assignee", 8, SortColumn.ASSIGNEE),)
    used = sum(c.width for c in before + after) + GAP * (len(before) + len(after) + 2)
    title = Column("title", "Title", max(width - used, TITLE_MIN), SortColumn.TITLE)
    return (*before, title, *after)


def cell_text(item: QueueItem, column: Column) -> str:
    """A cell's text as it will show: plain, one line, controls neutralised. Not the clock."""
    key = column.key
    if key == "number":
        return item.number
    if key == "priority":
        return item.priority.value
    if key == "state":
        return state_label(item.state, narrow=column.width < 11)
    if key == "title":
        return one_line(item.title)
    if key == "service":
        return one_line(item.service or "-")
    if key == "ci":
        return one_line(item.ci or "-")
    if key == "service_or_ci":
        return one_line(item.service or item.ci or "-")
    if key == "assignee":
        return one_line(item.assignee or "-")
    return ""


def fit(text: str, width: int) -> str:
    """Exactly `width` cells: padded, or cut with an ellipsis (wide characters counted)."""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, max(width - 1, 0)) + "\u2026" if width else ""


def header_label(column: Column, sorted_by: SortColumn | None, descending: bool) -> str:
    """The column's header, with an arrow on the one the queue is sorted by."""
    if column.sort != sorted_by or column.key == "ci":
        return fit(column.label, column.width)
    arrow = "\u25bc" if descending else "\u25b2"
    label = column.label[: max(column.width - 1, 0)]
    return fit(label + arrow, column.width)
