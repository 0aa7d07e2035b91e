"""Changes as an RFC 5545 calendar that other calendar programs open (via `icalendar`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from icalendar import Calendar, Event

from sms_tui import __version__
from sms_tui.models import Change
from sms_tui.safe_text import neutralise

PRODID = f"-//sms-tui//change calendar {__version__}//EN"
UID_DOMAIN = "sms-tui.changes"


def calendar_bytes(changes: Iterable[Change], now: datetime) -> bytes:
    """One VEVENT per change, its UID stable across exports so a subscriber updates in place."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "sms-tui changes")
    for change in changes:
        event = Event()
        event.add("uid", f"{change.number}@{UID_DOMAIN}")
        event.add("dtstamp", now)
        event.add("dtstart", change.planned_start)
        event.add("dtend", change.planned_end)
        # RFC 5545 TEXT allows no controls but tab; other programs show what they are given.
        event.add("summary", neutralise(f"{change.number} {change.title}"))
        event.add("description", neutralise(_description(change)))
        event.add("categories", [change.change_type.value, change.state.value])
        event.add("sequence", change.version)
        event.add(
            "status",
            "CANCELLED" if change.state.value in ("cancelled", "rejected") else "CONFIRMED",
        )
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def _description(change: Change) -> str:
    lines = [
        f"State: {change.state.value}; type: {change.change_type.value}; risk: {change.risk.value}",
        f"CIs: {', '.join(change.cis) or '-'}",
        f"Requester: {change.requester}; implementer: {change.implementer or '-'}",
    ]
    if change.description.strip():
        lines += ["", change.description]
    return "\n".join(lines)
