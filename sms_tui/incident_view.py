"""What the incident detail shows, as plain text: fields, clock lines, links and the timeline.

Pure: no Textual, no SQL. Breach and warning are spelt out in words and glyphs, so an SSH
session without colour reads them as well as one with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from itertools import groupby

from sms_tui.models import AuditEntry, Incident
from sms_tui.sla import Clock, Clocks, ClockState, Phase
from sms_tui.triage import value_text

Field = tuple[str, str]

# Fields whose audit line would only repeat another line of the timeline.
_QUIET_FIELDS = frozenset({"history", "work_notes", "responded_at"})


class ClockLevel(StrEnum):
    """How urgent a clock line looks; the widget styles each level, the text says it too."""

    RUNNING = "running"
    WARNING = "warning"
    BREACHED = "breached"
    PAUSED = "paused"
    MET = "met"


@dataclass(frozen=True)
class ClockLine:
    """One SLA clock in words, with its pause history."""

    label: str
    level: ClockLevel
    summary: str
    detail: str
    pauses: tuple[str, ...]


@dataclass(frozen=True)
class TimelineEntry:
    """One moment in the incident's life: a work note, or what one saved version changed."""

    at: datetime
    who: str
    kind: str
    text: str


def when(moment: datetime | None) -> str:
    return "-" if moment is None else moment.strftime("%Y-%m-%d %H:%M UTC")


def duration(seconds: int) -> str:
    """Business time in two units at most: '2d 3h', '3h 05m', '12m', '45s'."""
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days}d {hours}h"
    if hours:
        return f"{hours}h {minutes:02d}m"
    if minutes >= 10 or not secs:
        return f"{minutes}m"
    return f"{minutes}m {secs:02d}s"


def incident_fields(incident: Incident) -> tuple[Field, ...]:
    """Every field of the record an operator reads, in the order they ask about them."""
    i = incident
    fields: list[Field] = [
        ("State", i.state.value.replace("_", " ")),
        ("Priority", f"{i.priority.value} (impact {i.impact.value}, urgency {i.urgency.value})"),
        ("Major incident", "yes" if i.major else "no"),
        ("Caller", i.caller or "-"),
        ("Service", i.service or "-"),
        ("Group", i.assignment_group or "-"),
        ("Assignee", i.assignee or "-"),
    ]
    if i.pending_reason is not None:
        fields.append(("Pending on", i.pending_reason.value.replace("_", " ")))
    if i.resolution_code is not None:
        fields.append(("Resolution", i.resolution_code.value.replace("_", " ")))
        fields.append(("Resolution note", i.resolution_note or "-"))
    fields += [
        ("Opened", when(i.opened_at)),
        ("Responded", when(i.responded_at)),
        ("Resolved", when(i.resolved_at)),
        ("Closed", when(i.closed_at)),
        ("Updated", f"{when(i.updated_at)} by {i.updated_by or '-'} (version {i.version})"),
    ]
    return tuple(fields)


def link_fields(incident: Incident) -> tuple[Field, ...]:
    """The records the incident is linked to; '-' where there are none."""
    i = incident
    return (
        ("Parent", i.parent or "-"),
        ("CIs", ", ".join(i.cis) or "-"),
        ("Problems", ", ".join(i.problems) or "-"),
        ("Known errors", ", ".join(i.known_errors) or "-"),
        ("Changes", ", ".join(i.changes) or "-"),
    )


def _level(clock: Clock) -> ClockLevel:
    if clock.state == ClockState.BREACHED:
        return ClockLevel.BREACHED
    if clock.state == ClockState.MET:
        return ClockLevel.MET
    if clock.state == ClockState.PAUSED:
        return ClockLevel.PAUSED
    return ClockLevel.WARNING if clock.warning else ClockLevel.RUNNING


def _summary(clock: Clock, now: datetime) -> str:
    left = duration(clock.remaining)
    if clock.state == ClockState.MET:
        return f"met, {left} to spare"
    if clock.state == ClockState.BREACHED:
        over = f"! BREACHED {duration(clock.remaining)} over"
        if clock.phase == Phase.PAUSED:
            return f"{over}, paused"
        if clock.phase == Phase.STOPPED:
            return f"{over}, stopped"
        return over
    if clock.state == ClockState.PAUSED:
        return f"paused, {left} left" + (" ~ WARNING" if clock.warning else "")
    return f"~ WARNING {left} left" if clock.warning else f"running, {left} left"


def clock_line(label: str, clock: Clock, now: datetime) -> ClockLine:
    """A clock as 'state, remaining' plus 'elapsed of target, percent, due' and its pauses.

    Times far from breach move once a minute; seconds show only under ten minutes, so a
    ticking detail repaints little over SSH.
    """
    elapsed = duration(clock.elapsed if clock.remaining < 600 else clock.elapsed // 60 * 60)
    detail = f"{elapsed} of {duration(clock.target)} used ({clock.percent:.0f}%)"
    if clock.due is not None:
        word = "breached" if clock.breached else "due"
        detail += f", {word} {when(clock.due)}"
    elif clock.stopped_at is not None:
        detail += f", stopped {when(clock.stopped_at)}"
    pauses = tuple(
        f"paused {when(p.started_at)} - {when(p.ended_at) if p.ended_at else 'now'}"
        + (f" ({p.reason.value.replace('_', ' ')})" if p.reason else "")
        for p in clock.pauses
    )
    return ClockLine(label, _level(clock), _summary(clock, now), detail, pauses)


def clock_lines(clocks: Clocks | None, now: datetime) -> tuple[ClockLine, ...]:
    """Response then resolution; empty when the incident has no SLA."""
    if clocks is None:
        return ()
    return (
        clock_line("Response", clocks.response, now),
        clock_line("Resolution", clocks.resolution, now),
    )


def _audit_entries(audit: Sequence[AuditEntry]) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    for (_version, at, who), group in groupby(audit, key=lambda e: (e.version, e.at, e.operator)):
        changes = list(group)
        if any(c.field == "created" for c in changes):
            continue  # the opening is read from the record, which knows a backfilled date
        shown = [c for c in changes if c.field not in _QUIET_FIELDS]
        if not shown:
            continue
        text = "; ".join(
            f"{c.field}: {value_text(c.old_value)} -> {value_text(c.new_value)}" for c in shown
        )
        entries.append(TimelineEntry(at, who, "changed", text))
    return entries


def timeline(incident: Incident, audit: Sequence[AuditEntry]) -> tuple[TimelineEntry, ...]:
    """Work notes and audited changes, oldest first (a note before the change saved with it)."""
    opener = incident.history[0].operator if incident.history else ""
    opened = TimelineEntry(incident.opened_at, opener or "-", "opened", "")
    notes = [TimelineEntry(n.at, n.author, "note", n.text) for n in incident.work_notes]
    changes = _audit_entries(audit)
    order = {"opened": 0, "note": 1, "changed": 2}
    return tuple(sorted([opened, *notes, *changes], key=lambda e: (e.at, order[e.kind])))
