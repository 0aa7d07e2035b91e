"""The change calendar's body: the week grid or the agenda, drawn line by line.

A Line-API widget: the screen hands it a WeekView, it lays out only the lines on screen
and keeps the cursor's line in view. Moving a change repaints one widget of a few dozen
lines, with no child widgets to rebuild.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from sms_tui.change_calendar import Line, WeekView, agenda_lines, week_lines

STYLES = (
    "header",
    "today",
    "day",
    "hour",
    "rule",
    "free",
    "muted",
    "blackout",
    "maintenance",
    "change",
    "selected",
    "conflict",
    "cursor",
)


class CalendarGrid(Widget, can_focus=True):
    """The week (days by hours) or the agenda (a list by day) of the view it is given."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"calendar-grid--{name}" for name in STYLES}

    DEFAULT_CSS = """
    CalendarGrid {
        height: 1fr;
        background: $surface;
        color: $foreground;
        & > .calendar-grid--header { background: $panel; text-style: bold; }
        & > .calendar-grid--today { background: $panel; color: $text-accent; text-style: bold; }
        & > .calendar-grid--day { color: $text-accent; text-style: bold; }
        & > .calendar-grid--hour { color: $text-muted; }
        & > .calendar-grid--rule { color: $panel-lighten-2; }
        & > .calendar-grid--muted { color: $text-muted; }
        & > .calendar-grid--blackout { color: $text-error; background: $error-muted; }
        & > .calendar-grid--maintenance { color: $text-success; }
        & > .calendar-grid--change { background: $primary-muted; color: $text; }
        & > .calendar-grid--selected { background: $accent-muted; color: $text; text-style: bold; }
        & > .calendar-grid--conflict { background: $error-muted; color: $text-error; text-style: bold; }
        & > .calendar-grid--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
        }
        &:focus > .calendar-grid--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
    }
    """

    view: reactive[WeekView | None] = reactive(None, init=False, repaint=False)
    agenda: reactive[bool] = reactive(False, init=False, repaint=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.top = 0
        """The first hour (week) or line (agenda) on screen."""
        self._lines: list[Line] = []
        self._styles: dict[str, Style] = {}
        self._base = Style()

    @property
    def body_height(self) -> int:
        """Lines below the week's header (the agenda has none)."""
        return max(self.size.height - (0 if self.agenda else 1), 1)

    def watch_view(self) -> None:
        self._layout()

    def watch_agenda(self) -> None:
        self.top = 0
        self._layout()

    def on_resize(self) -> None:
        self._layout()

    def _layout(self) -> None:
        view, width = self.view, self.size.width
        if view is None or width == 0:
            self._lines = []
        elif self.agenda:
            lines, cursor = agenda_lines(view, width)
            self.top = self._keep(cursor, len(lines))
            self._lines = lines[self.top : self.top + self.body_height]
        else:
            self.top = self._keep(view.hour, 24)
            self._lines = week_lines(view, width, self.top, self.body_height)
        self.refresh()

    def _keep(self, cursor: int, total: int) -> int:
        """The top that keeps `cursor` in view, moving as little as it can."""
        height = self.body_height
        top = min(self.top, max(total - height, 0))
        top = min(max(top, cursor - height + 1), cursor)
        return max(top, 0)

    def render_lines(self, crop: Region) -> list[Strip]:
        # Styles are resolved and combined once a frame, not once per span.
        base = self._base = self.rich_style
        self._styles = {
            name: base + self.get_component_rich_style(f"calendar-grid--{name}", partial=True)
            for name in STYLES
        }
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width, base = self.size.width, self._base
        if y >= len(self._lines):
            return Strip.blank(width, base)
        styles = self._styles
        segments = [Segment(text, styles.get(name, base)) for text, name in self._lines[y]]
        return Strip(segments).crop_extend(0, width, base)
