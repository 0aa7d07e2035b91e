"""A week of changes as a list by day, for terminals too narrow for the grid (80x24).

A heading per day, then one line per window and change that touches it:
"  14:00-15:00 !CHG-00004 draft        Tune mail filters". The selected change's line is
the cursor; with none selected, the cursor day's heading is.
"""

from __future__ import annotations

from datetime import datetime

from rich.cells import cell_len

from sms_tui.change_calendar.cells import fit
from sms_tui.change_calendar.week import CURSOR_MARK, DAY, Line, Placed, Span, WeekView
from sms_tui.safe_text import one_line

STATE_WIDTH = 17


def _clock(moment: datetime, day_start: datetime) -> str:
    # A change running past midnight shows 24:00 on the day it leaves, 00:00 on the next.
    if moment <= day_start:
        return "00:00"
    if moment >= day_start + DAY:
        return "24:00"
    return f"{moment:%H:%M}"


def agenda_lines(view: WeekView, width: int) -> tuple[list[Line], int]:
    """The lines of the week, and the index of the cursor's line."""
    lines: list[Line] = []
    cursor = 0
    for d in range(7):
        start = view.monday + d * DAY
        day = start.date()
        changes = view.by_day[d]
        on_heading = d == view.day and view.selected not in {c.number for c in changes}
        if on_heading:
            cursor = len(lines)
        mark = CURSOR_MARK + " " if on_heading else ""
        heading = f"{mark}{day:%A %d %B}" + ("  \u00b7 today" if day == view.today else "")
        lines.append(_line([(heading, "today" if day == view.today else "day")], width, "day"))
        for window in view.windows:
            if window.start < start + DAY and window.end > start:
                when = f"{_clock(window.start, start)}-{_clock(window.end, start)}"
                kind, style = ("\u2591 blackout", "blackout") if window.blackout else (
                    "\u00b7 maintenance", "maintenance")  # fmt: skip
                lines.append(
                    _line([(f"  {when} {kind} {one_line(window.name)}", style)], width, style)
                )
        if not changes:
            lines.append(_line([("  no changes", "muted")], width, "free"))
        for change in sorted(changes, key=lambda c: (c.start, c.number)):
            if change.number == view.selected and d == view.day:
                cursor = len(lines)
            lines.append(_change_line(change, start, view, width, d == view.day))
    return lines, cursor


def _change_line(
    change: Placed, day_start: datetime, view: WeekView, width: int, on_day: bool
) -> Line:
    cursor = on_day and change.number == view.selected
    mark = CURSOR_MARK if cursor else " "
    when = f"{mark} {_clock(change.start, day_start)}-{_clock(change.end, day_start)} "
    if cursor:
        style = "cursor"
    elif change.conflicts:
        style = "conflict"
    else:
        style = "change"
    spans: list[Span] = [
        (when, "hour" if style != "cursor" else style),
        (change.glyph + change.number + " ", style),
        (
            fit(change.state.value.replace("_", " "), STATE_WIDTH) + " ",
            style if style == "cursor" else "muted",
        ),
    ]
    used = sum(cell_len(text) for text, _ in spans)
    spans.append((fit(change.title, max(width - used, 1)), style))
    return tuple(spans)


def _line(spans: list[Span], width: int, style: str) -> Line:
    used = sum(cell_len(text) for text, _ in spans)
    if used > width:
        return ((fit(spans[0][0], width), spans[0][1]),)
    return (*spans, (" " * (width - used), style))
