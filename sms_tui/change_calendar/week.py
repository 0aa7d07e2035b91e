"""A week of changes as a grid of days by hours: one line per hour, one column per day.

Each change is a block from its start hour to its end: its number on the first line, its
title on the next, a bar below. A conflicting change carries "!" before its number as well
as its colour, the change being moved "*"; a cell that several changes share ends in "+n".
Empty cells in a blackout are shaded, those in a maintenance window dotted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from rich.cells import cell_len

from sms_tui.change_calendar.cells import fit
from sms_tui.models import ChangeState

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
LABEL = 6  # "23:00 "
CONFLICT_GLYPH = "!"
MOVING_GLYPH = "*"
CURSOR_MARK = "\u203a"
LEGEND = (
    "  ! conflict   * being moved   +n more in the hour   \u2591 blackout   "
    "\u00b7 maintenance window of the selected change's services"
)

Span = tuple[str, str]
"""Text and the name of its style: 'change', 'conflict', 'cursor', 'blackout', ..."""
Line = tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Placed:
    """A change as the calendar shows it: its slot (the draft one while it moves) and flags."""

    number: str
    title: str
    state: ChangeState
    start: datetime
    end: datetime
    conflicts: int = 0
    moving: bool = False

    @property
    def glyph(self) -> str:
        if self.conflicts:
            return CONFLICT_GLYPH
        return MOVING_GLYPH if self.moving else " "

    def overlaps(self, start: datetime, end: datetime) -> bool:
        return self.start < end and self.end > start


@dataclass(frozen=True, slots=True)
class Marked:
    """A stretch of a window's occurrence: a blackout (shaded) or a maintenance window (dotted)."""

    start: datetime
    end: datetime
    name: str
    blackout: bool


@dataclass(frozen=True)
class WeekView:
    """Everything the week and agenda views draw, and where the cursor is."""

    monday: datetime
    changes: tuple[Placed, ...] = ()
    windows: tuple[Marked, ...] = ()
    today: date | None = None
    day: int = 0
    hour: int = 0
    selected: str | None = None
    by_day: tuple[tuple[Placed, ...], ...] = field(init=False, compare=False, repr=False)
    _hours: dict[tuple[int, int], list[Placed]] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Bucketed once per view, by day and by hour: a redraw then touches each change once.
        days: list[list[Placed]] = [[] for _ in range(7)]
        hours: dict[tuple[int, int], list[Placed]] = {}
        end = self.monday + 7 * DAY
        for change in self.changes:
            if not change.overlaps(self.monday, end):
                continue
            first = max((change.start - self.monday) // HOUR, 0)
            last = min(-((self.monday - change.end) // HOUR), 7 * 24)  # ceiling division
            for slot in range(first, last):
                day, hour = divmod(slot, 24)
                if not days[day] or days[day][-1] is not change:
                    days[day].append(change)
                hours.setdefault((day, hour), []).append(change)
        object.__setattr__(self, "by_day", tuple(tuple(d) for d in days))
        object.__setattr__(self, "_hours", hours)

    @property
    def cursor_start(self) -> datetime:
        return self.monday + self.day * DAY + self.hour * HOUR

    def at(self, day: int, hour: int) -> list[Placed]:
        """The changes in the hour, the selected one first, then by start."""
        start = self.monday + day * DAY + hour * HOUR
        found = list(self._hours.get((day, hour), ()))
        # The selected change first, then those starting in this hour, so that each number
        # shows at least once where changes crowd.
        found.sort(key=lambda c: (c.number != self.selected, c.start < start, c.start, c.number))
        return found

    def window_at(self, day: int, hour: int) -> Marked | None:
        start = self.monday + day * DAY + hour * HOUR
        hits = [w for w in self.windows if w.start < start + HOUR and w.end > start]
        hits.sort(key=lambda w: not w.blackout)  # a blackout outweighs a maintenance window
        return hits[0] if hits else None


def monday_of(moment: datetime) -> datetime:
    """00:00 UTC on the Monday of the week holding `moment`."""
    day = moment.astimezone(UTC).date()
    monday = day - timedelta(days=day.weekday())
    return datetime(monday.year, monday.month, monday.day, tzinfo=UTC)


def column_width(width: int) -> int:
    """Cells per day column, a rule included, for a grid `width` cells wide."""
    return max((width - LABEL) // 7, 4)


def week_lines(view: WeekView, width: int, top: int, rows: int) -> list[Line]:
    """The header, then `rows` hour lines from hour `top`."""
    column = column_width(width)
    lines = [_header(view, column, width)]
    for hour in range(top, min(top + rows, 24)):
        lines.append(_hour_line(view, hour, column, width))
    if rows > 25:
        lines.append(_padded([], width, "free"))
        lines.append(_padded([(fit(LEGEND, width), "muted")], width, "free"))
    return lines


def _header(view: WeekView, column: int, width: int) -> Line:
    spans: list[Span] = [(" " * LABEL, "header")]
    for d in range(7):
        day = (view.monday + d * DAY).date()
        text = f"\u2502{day:%a %d}" + (" today" if day == view.today else "")
        spans.append((fit(text, column), "today" if day == view.today else "header"))
    return _padded(spans, width, "header")


def _hour_line(view: WeekView, hour: int, column: int, width: int) -> Line:
    spans: list[Span] = [(f"{hour:02d}:00 ", "hour")]
    for d in range(7):
        text, style = _cell(view, d, hour, column - 1)
        if d == view.day and hour == view.hour:
            # A marker as well as the colour: the cursor must show on a terminal without it.
            spans.append((CURSOR_MARK, "cursor"))
            style = "cursor"
        else:
            spans.append(("\u2502", "rule"))
        spans.append((text, style))
    return _padded(spans, width, "free")


def _cell(view: WeekView, day: int, hour: int, width: int) -> Span:
    here = view.at(day, hour)
    if not here:
        window = view.window_at(day, hour)
        if window is None:
            return " " * width, "free"
        if window.blackout:
            return "\u2591" * width, "blackout"
        return fit(" \u00b7 " + window.name, width), "maintenance"
    change = here[0]
    more = f"+{len(here) - 1}" if len(here) > 1 else ""
    start = view.monday + day * DAY + hour * HOUR
    first = change.start >= start or hour == 0  # its first line on this day
    second = not first and (change.start >= start - HOUR or hour == 1)
    if first:
        body = change.glyph + change.number
    elif second:
        body = " " + change.title
    else:
        body = " \u2502"
    text = fit(body, width - len(more)) + more if width > len(more) else fit(more, width)
    if change.conflicts:
        style = "conflict"
    elif change.number == view.selected:
        style = "selected"
    else:
        style = "change"
    return text, style


def _padded(spans: Sequence[Span], width: int, style: str) -> Line:
    used = sum(cell_len(text) for text, _ in spans)
    if used < width:
        return (*spans, (" " * (width - used), style))
    return tuple(spans)
