"""The change calendar, pure: what a week holds, and the lines of its week and agenda views.

No Textual here: the views are lines of (text, style name) spans that a widget paints.
"""

from sms_tui.change_calendar.agenda import agenda_lines
from sms_tui.change_calendar.filters import CalendarFilter
from sms_tui.change_calendar.week import (
    DAY,
    HOUR,
    Line,
    Marked,
    Placed,
    WeekView,
    monday_of,
    week_lines,
)

__all__ = [
    "DAY",
    "HOUR",
    "CalendarFilter",
    "Line",
    "Marked",
    "Placed",
    "WeekView",
    "agenda_lines",
    "monday_of",
    "week_lines",
]
