"""The SLA engine: business time over calendars, clocks from state history, priority. Pure.

No UI, no database and no wall clock: `now` is always an argument.
"""

from sms_tui.sla.business_time import add_business_time, business_seconds_between
from sms_tui.sla.clocks import (
    WARNING_AT,
    Clock,
    ClockKind,
    Clocks,
    ClockState,
    Pause,
    clocks,
    incident_clocks,
)
from sms_tui.sla.priority import PriorityMatrixError, missing_cells, priority_for
from sms_tui.sla.schedule import Schedule, schedule
from sms_tui.sla.timeline import Phase, first_response

__all__ = [
    "WARNING_AT",
    "Clock",
    "ClockKind",
    "ClockState",
    "Clocks",
    "Pause",
    "Phase",
    "PriorityMatrixError",
    "Schedule",
    "add_business_time",
    "business_seconds_between",
    "clocks",
    "first_response",
    "incident_clocks",
    "missing_cells",
    "priority_for",
    "schedule",
]
