"""How the problem commands print: plain lines for people, JSON for scripts.

Every line for people goes through `say`, which neutralises the terminal controls a title or
root cause may carry; JSON is left to json.dumps, which escapes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sms_tui.commands.output import say
from sms_tui.models import Incident, KnownError, Problem, iso
from sms_tui.safe_text import neutralise
from sms_tui.store.problems import ProblemRow


def problem_json(problem: Problem, incidents: Sequence[Incident]) -> dict[str, Any]:
    """The problem's fields and its linked incidents with their states."""
    return {
        **problem.model_dump(mode="json"),
        "incidents": [
            {"number": i.number, "state": i.state.value, "title": i.title} for i in incidents
        ],
    }


def row_json(row: ProblemRow) -> dict[str, Any]:
    p = row.problem
    return {
        "number": p.number,
        "state": p.state.value,
        "priority": p.priority.value,
        "title": p.title,
        "open_incidents": row.open_incidents,
        "total_incidents": row.total_incidents,
        "cis": p.cis,
        "known_error": p.known_error,
    }


def print_rows(rows: Sequence[ProblemRow]) -> None:
    say(f"{'NUMBER':<10} {'PRI':<3} {'STATE':<19} {'INCIDENTS':<9} {'CIS':<20} TITLE")
    for row in rows:
        p = row.problem
        counts = f"{row.open_incidents}/{row.total_incidents}"
        say(
            f"{p.number:<10} {p.priority.value:<3} {p.state.value:<19} {counts:<9} "
            f"{', '.join(p.cis) or '-':<20.20} {p.title}"
        )
    say(f"{len(rows)} problem(s); INCIDENTS is open/total")


def print_known_errors(known: Sequence[KnownError]) -> None:
    say(f"{'NUMBER':<9} {'PROBLEM':<10} {'CIS':<20} TITLE")
    for k in known:
        say(f"{k.number:<9} {k.problem or '-':<10} {', '.join(k.cis) or '-':<20.20} {k.title}")
    say(f"{len(known)} known error(s)")


def print_problem(problem: Problem, incidents: Sequence[Incident]) -> None:
    p = problem
    say(f"{p.number}  {p.priority.value}  {p.state.value}  (version {p.version})")
    for label, value in (
        ("Title", p.title),
        ("Service", p.service or "-"),
        ("CIs", ", ".join(p.cis) or "-"),
        ("Assignee", p.assignee or "-"),
        ("Known error", p.known_error or "-"),
        ("Opened", iso(p.opened_at)),
        ("Resolved", "-" if p.resolved_at is None else iso(p.resolved_at)),
    ):
        say(f"{label + ':':<14}{value}")
    for label, text in (
        ("Description", p.description),
        ("Root cause", p.root_cause),
        ("Workaround", p.workaround),
    ):
        block(label, text)
    say("Incidents:" if incidents else "Incidents: none")
    for i in incidents:
        say(f"  {i.number}  {i.state.value:<11}  {i.title}")


def print_known_error(known: KnownError) -> None:
    k = known
    say(f"{k.number}  (version {k.version})")
    for label, value in (
        ("Title", k.title),
        ("Problem", k.problem or "-"),
        ("CIs", ", ".join(k.cis) or "-"),
        ("Published", f"{iso(k.published_at)} by {k.author or '-'}"),
    ):
        say(f"{label + ':':<14}{value}")
    for label, text in (
        ("Symptom", k.symptom),
        ("Root cause", k.root_cause),
        ("Workaround", k.workaround),
        ("Solution", k.solution),
    ):
        block(label, text)


def block(label: str, text: str) -> None:
    # Free text keeps its lines; each one is still made safe on its way out.
    say(f"{label}:" if text.strip() else f"{label}: -")
    if text.strip():
        for line in neutralise(text.replace("\r\n", "\n")).splitlines():
            say("  " + line)
