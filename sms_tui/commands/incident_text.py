"""How the incident commands print: plain lines for people, JSON for scripts.

Every line for people goes through `say`, which neutralises the terminal controls a title,
caller or work note may carry; JSON is left to json.dumps, which escapes them.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sms_tui.commands.output import say
from sms_tui.models import Incident, iso
from sms_tui.queue_views import QueueItem
from sms_tui.safe_text import neutralise
from sms_tui.sla import Clock, Clocks, ClockState


def emit_json(value: Any) -> None:
    """One JSON document on stdout, all ASCII: C1 and bidi controls are escaped along with C0."""
    sys.stdout.write(json.dumps(value, indent=1) + "\n")


def clocks_json(clocks: Clocks | None) -> dict[str, Any] | None:
    """Both clocks as JSON: state, due time, remaining seconds and the rest; None if no SLA."""
    if clocks is None:
        return None
    return {"response": clocks.response.as_json(), "resolution": clocks.resolution.as_json()}


def incident_json(incident: Incident, clocks: Clocks | None, now: datetime) -> dict[str, Any]:
    """The incident's fields, its clocks read at `now`, and that `now` (as_of)."""
    return {**incident.model_dump(mode="json"), "clocks": clocks_json(clocks), "as_of": iso(now)}


def item_json(item: QueueItem, clocks: Clocks | None) -> dict[str, Any]:
    return {
        "number": item.number,
        "title": item.title,
        "caller": item.caller,
        "priority": item.priority.value,
        "state": item.state.value,
        "service": item.service,
        "ci": item.ci,
        "assignee": item.assignee,
        "major": item.major,
        "opened_at": iso(item.opened_at),
        "clocks": clocks_json(clocks),
    }


def duration(seconds: int) -> str:
    """Business time in two units at most: '2d 3h', '3h 20m', '12m', '45s'."""
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h"
    if hours:
        return f"{hours}h {minutes:02d}m"
    return f"{minutes}m" if minutes else f"{secs}s"


def clock_text(clock: Clock | None) -> str:
    """A clock in words that need no colour: 'breached 2h 05m over', '35m left (warning)'."""
    if clock is None:
        return "-"
    if clock.state == ClockState.MET:
        return "met"
    if clock.state == ClockState.BREACHED:
        return f"breached {duration(clock.remaining)} over"
    left = f"{duration(clock.remaining)} left"
    if clock.state == ClockState.PAUSED:
        return f"paused, {left}"
    return f"{left} (warning)" if clock.warning else left


def print_items(rows: Sequence[tuple[QueueItem, Clocks | None]], total: int, offset: int) -> None:
    """The page as aligned columns, then where it sits in the whole view."""
    say(f"{'NUMBER':<11} {'PRI':<3} {'STATE':<11} {'ASSIGNEE':<12} {'RESOLUTION SLA':<22} TITLE")
    for item, clocks in rows:
        sla = clock_text(None if clocks is None else clocks.resolution)
        major = "[major] " if item.major else ""
        say(
            f"{item.number:<11} {item.priority.value:<3} {item.state.value:<11} "
            f"{item.assignee or '-':<12.12} {sla:<22} {major}{item.title}"
        )
    if not rows:
        say(f"no incidents here ({total} in this view)")
    else:
        more = f"; --offset {offset + len(rows)} for more" if offset + len(rows) < total else ""
        say(f"{offset + 1}-{offset + len(rows)} of {total}{more}")


def print_incident(incident: Incident, clocks: Clocks | None) -> None:
    """Every field, both clocks, the history and the work notes, one line each."""
    i = incident
    flags = "  major" if i.major else ""
    say(f"{i.number}  {i.priority.value}  {i.state.value}{flags}  (version {i.version})")
    fields = [
        ("Title", i.title),
        ("Caller", i.caller or "-"),
        ("Service", i.service or "-"),
        ("CIs", ", ".join(i.cis) or "-"),
        ("Impact", f"{i.impact.value}, urgency {i.urgency.value}"),
        ("Group", i.assignment_group or "-"),
        ("Assignee", i.assignee or "-"),
        ("Opened", iso(i.opened_at)),
        ("Responded", _when(i.responded_at)),
        ("Resolved", _when(i.resolved_at)),
        ("Closed", _when(i.closed_at)),
        ("Parent", i.parent or "-"),
        ("Problems", ", ".join(i.problems) or "-"),
        ("Known errors", ", ".join(i.known_errors) or "-"),
        ("Changes", ", ".join(i.changes) or "-"),
    ]
    if i.pending_reason is not None:
        fields.append(("Pending", i.pending_reason.value))
    if i.resolution_code is not None:
        fields.append(("Resolution", f"{i.resolution_code.value}: {i.resolution_note}"))
    for label, value in fields:
        say(f"{label + ':':<16}{value}")
    for clock in (clocks.response, clocks.resolution) if clocks else ():
        due = f", due {iso(clock.due)}" if clock.due else ""
        say(
            f"{clock.kind.value.title() + ' SLA:':<16}{clock_text(clock)}{due}, "
            f"{clock.percent:.0f}% used, {len(clock.pauses)} pause(s)"
        )
    if clocks is None:
        say(f"{'SLA:':<16}none (no service, or no target for {i.priority.value})")
    _block("Description", i.description)
    say("History:")
    for step in i.history:
        reason = f" ({step.reason.value})" if step.reason else ""
        say(f"  {iso(step.at)}  {step.state.value}{reason}  by {step.operator or '-'}")
    say("Work notes:" if i.work_notes else "Work notes: none")
    for note in i.work_notes:
        say(f"  {iso(note.at)}  {note.author}:")
        _block(None, note.text, indent="    ")


def _block(label: str | None, text: str, indent: str = "  ") -> None:
    # Free text keeps its lines; each one is still made safe on its way out.
    if label is not None:
        say(f"{label}:" if text.strip() else f"{label}: -")
    if text.strip():
        for line in neutralise(text.replace("\r\n", "\n")).splitlines():
            say(indent + line)


def _when(moment: datetime | None) -> str:
    return "-" if moment is None else iso(moment)
