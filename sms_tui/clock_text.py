"""An incident's resolution clock as a few characters for the queue. Pure: no Textual.

Breach and warning read without colour, since SSH sessions often lose it: a breached clock
starts with "!", a clock in warning with "~", a paused one says "paused". Far from breach
the text moves once a minute; seconds show only in the last ten minutes, so most ticks
change nothing and send nothing over the wire.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sms_tui.queue_views import QueueItem, ServiceSla
from sms_tui.sla import Clock, ClockState, Phase, clocks

SECONDS_BELOW = 600
"""Remaining business seconds under which the clock shows seconds too."""
WIDTH = 10
"""The most cells a clock's text takes ("! breached", "! 364d ago")."""


class ClockLevel(StrEnum):
    """How urgent a clock looks; the widget styles each level."""

    NONE = "none"
    RUNNING = "running"
    WARNING = "warning"
    BREACHED = "breached"
    PAUSED = "paused"
    MET = "met"


@dataclass(frozen=True, slots=True)
class ClockFace:
    """What one clock cell shows."""

    text: str
    level: ClockLevel


NO_CLOCK = ClockFace("-", ClockLevel.NONE)


def remaining_text(seconds: int) -> str:
    """Time left: '123h', '4h 05m', '35m', and '9m 05s' near the end."""
    seconds = max(seconds, 0)
    if seconds < SECONDS_BELOW:
        minutes, rest = divmod(seconds, 60)
        return f"{minutes}m {rest:02d}s"
    hours, rest = divmod(seconds // 60, 60)
    if hours >= 100:
        return f"{hours}h"
    if hours:
        return f"{hours}h {rest:02d}m"
    return f"{rest}m"


def ago_text(seconds: int) -> str:
    """Wall time since a breach, coarse: '35m', '5h', '12d'."""
    minutes = max(seconds, 0) // 60
    if minutes < 60:
        return f"{minutes}m"
    hours = minutes // 60
    return f"{hours}h" if hours < 48 else f"{hours // 24}d"


def clock_face(clock: Clock | None, now: datetime) -> ClockFace:
    """The cell for a resolution clock read at `now`; "-" when the incident has no target."""
    if clock is None:
        return NO_CLOCK
    if clock.phase == Phase.STOPPED:
        if clock.state == ClockState.MET:
            return ClockFace("met", ClockLevel.MET)
        return ClockFace("! breached", ClockLevel.BREACHED)
    if clock.state == ClockState.BREACHED:
        if clock.phase == Phase.PAUSED or clock.due is None:
            return ClockFace("! paused", ClockLevel.BREACHED)
        ago = int((now - clock.due).total_seconds())
        return ClockFace(f"! {ago_text(ago)} ago", ClockLevel.BREACHED)
    if clock.phase == Phase.PAUSED:
        return ClockFace("paused", ClockLevel.PAUSED)
    left = remaining_text(clock.remaining)
    if clock.warning:
        return ClockFace(f"~ {left}", ClockLevel.WARNING)
    return ClockFace(left, ClockLevel.RUNNING)


def resolution_clock(
    item: QueueItem, slas: Mapping[str, ServiceSla], now: datetime
) -> Clock | None:
    """The item's resolution clock at `now`, or None without a service or a target."""
    sla = slas.get(item.service) if item.service is not None else None
    target = sla.targets.get(item.priority) if sla is not None else None
    if sla is None or target is None:
        return None
    return clocks(item.history, item.opened_at, sla.schedule, target, now).resolution


def item_face(item: QueueItem, slas: Mapping[str, ServiceSla], now: datetime) -> ClockFace:
    """What the queue's SLA cell shows for `item` at `now`."""
    return clock_face(resolution_clock(item, slas, now), now)
