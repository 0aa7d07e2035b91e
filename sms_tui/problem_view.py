"""A problem and a known error as label/value lines for their detail screens. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sms_tui.incident_view import when
from sms_tui.models import Incident, KnownError, Problem

Field = tuple[str, str]


def _when(moment: datetime | None) -> str:
    # The same way the incident detail writes a time, so the two read alike side by side.
    return when(moment)


def problem_fields(problem: Problem) -> list[Field]:
    p = problem
    return [
        ("State", p.state.value.replace("_", " ")),
        ("Priority", p.priority.value),
        ("Service", p.service or "-"),
        ("CIs", ", ".join(p.cis) or "-"),
        ("Assignee", p.assignee or "-"),
        ("Known error", p.known_error or "not published (K publishes it)"),
        ("Opened", _when(p.opened_at)),
        ("Resolved", _when(p.resolved_at)),
        ("Last change", f"version {p.version} by {p.updated_by or '-'} at {_when(p.updated_at)}"),
    ]


def incident_lines(incidents: Sequence[Incident]) -> list[str]:
    """One line per linked incident: its number, then its state, priority and title."""
    return [
        f"{i.number}  {i.state.value.replace('_', ' ')} \u00b7 {i.priority.value} \u00b7 {i.title}"
        for i in incidents
    ]


def known_error_fields(known: KnownError) -> list[Field]:
    k = known
    return [
        ("Problem", k.problem or "-"),
        ("CIs", ", ".join(k.cis) or "-"),
        ("Published", f"{_when(k.published_at)} by {k.author or '-'}"),
    ]
