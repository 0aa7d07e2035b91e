"""Problems and the known-error database: reading them with their incident counts, opening and
editing a problem. The actions that change a problem together with other records (publish a
known error, a problem from incidents, resolve with incidents) are in problem_actions.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlite_utils import Database

from sms_tui.models import (
    OPEN_STATES,
    AuditEntry,
    Incident,
    KnownError,
    Priority,
    Problem,
    ProblemState,
    Record,
    Role,
)
from sms_tui.problem_rules import ProblemRefused, transition
from sms_tui.store import families, records
from sms_tui.store.catalogue import get_service
from sms_tui.store.errors import Invalid, NotFound, StaleRecord
from sms_tui.store.roles import require
from sms_tui.store.validation import describe

PLACEHOLDER = "PRB-00000"  # replaced by the next number when the record is stored
MANAGED_STATES = frozenset({ProblemState.RESOLVED, ProblemState.CLOSED})
"""Moves only a problem manager (or an admin) may make."""


class ProblemRow(Record):
    """A problem as the problems list shows it: the record and its linked incident counts."""

    problem: Problem
    open_incidents: int = 0
    total_incidents: int = 0


def get_problem(db: Database, number: str) -> Problem:
    return records.get(db, families.PROBLEMS, number)


def get_known_error(db: Database, number: str) -> KnownError:
    return records.get(db, families.KNOWN_ERRORS, number)


def list_problems(db: Database) -> list[ProblemRow]:
    """Every problem, newest first, with its open and total linked incidents."""
    problems = records.select(db, families.PROBLEMS, order_by="number DESC")
    open_states = sorted(state.value for state in OPEN_STATES)
    marks = ", ".join(f":s{i}" for i in range(len(open_states)))
    counts = {
        row["problem"]: (row["open"], row["total"])
        for row in db.query(
            "SELECT link.problem AS problem, count(*) AS total, "
            f"sum(incidents.state IN ({marks})) AS open "
            "FROM incident_problems AS link JOIN incidents ON incidents.number = link.incident "
            "GROUP BY link.problem",
            {f"s{i}": state for i, state in enumerate(open_states)},
        )
    }
    return [
        ProblemRow(
            problem=problem,
            open_incidents=counts.get(problem.number, (0, 0))[0],
            total_incidents=counts.get(problem.number, (0, 0))[1],
        )
        for problem in problems
    ]


def list_known_errors(db: Database) -> list[KnownError]:
    """The known-error database, newest first."""
    return records.select(db, families.KNOWN_ERRORS, order_by="number DESC")


def linked_incidents(db: Database, number: str) -> list[Incident]:
    """The incidents linked to a problem, oldest first."""
    return records.select(
        db,
        families.INCIDENTS,
        "number IN (SELECT incident FROM incident_problems WHERE problem = :problem)",
        {"problem": number},
    )


def problem_audit(db: Database, number: str) -> list[AuditEntry]:
    """Every saved change to the problem, oldest first."""
    return records.history(db, families.PROBLEMS, number)


def create_problem(
    db: Database,
    *,
    title: str,
    operator: str,
    now: datetime,
    description: str = "",
    priority: Priority = Priority.P3,
    service: str | None = None,
    cis: Sequence[str] = (),
    assignee: str | None = None,
) -> Problem:
    """Open a new problem, numbered PRB-nnnnn, in state new."""
    check_references(db, service=service, cis=cis, assignee=assignee)
    draft = draft_problem(
        title=title,
        description=description,
        priority=priority,
        service=service,
        cis=cis,
        assignee=assignee,
        now=now,
    )
    return records.create(db, families.PROBLEMS, draft, operator, now)


def draft_problem(
    *,
    title: str,
    now: datetime,
    description: str = "",
    priority: Priority = Priority.P3,
    service: str | None = None,
    cis: Sequence[str] = (),
    assignee: str | None = None,
) -> Problem:
    """An unnumbered problem, or Invalid naming the field that was refused."""
    try:
        return Problem(
            number=PLACEHOLDER,
            title=title,
            description=description,
            priority=priority,
            service=service,
            cis=list(dict.fromkeys(cis)),
            assignee=assignee,
            opened_at=now,
        )
    except ValidationError as error:
        raise Invalid(f"problem: {describe(error)}") from None


def update_problem(
    db: Database,
    number: str,
    expected_version: int,
    *,
    operator: str,
    now: datetime,
    state: ProblemState | None = None,
    title: str | None = None,
    description: str | None = None,
    root_cause: str | None = None,
    workaround: str | None = None,
    priority: Priority | None = None,
    assignee: str | None = None,
    cis: Sequence[str] | None = None,
) -> Problem:
    """Edit the problem read at `expected_version` as one new version; None leaves a field be.

    An empty `assignee` unassigns. The field edits apply before the move, so a root cause and
    the move to resolved can be saved together. Resolving and closing need the problem manager
    role; a refused move says why (Invalid), a stale read says who changed what (StaleRecord).
    """
    if state in MANAGED_STATES:
        require(
            db,
            operator,
            Role.PROBLEM_MANAGER,
            action="resolve" if state == ProblemState.RESOLVED else "close",
            kind=families.PROBLEMS.kind,
            key=number,
            now=now,
        )
    current = get_problem(db, number)
    if current.version != expected_version:
        raise StaleRecord(
            families.PROBLEMS.kind,
            number,
            records.changes_since(db, families.PROBLEMS, number, expected_version),
            current.updated_by,
            current.updated_at,
        )
    wanted_cis = None if cis is None else list(dict.fromkeys(cis))
    changes: dict[str, Any] = {
        name: value
        for name, value in (
            ("title", title),
            ("description", description),
            ("root_cause", root_cause),
            ("workaround", workaround),
            ("priority", priority),
            ("cis", wanted_cis),
        )
        if value is not None
    }
    if assignee is not None:
        changes["assignee"] = assignee or None
    check_references(db, cis=wanted_cis or (), assignee=assignee or None)
    if current.state == ProblemState.CLOSED and changes:
        raise Invalid(f"{number}: a closed problem is final")
    if state is not None:
        try:
            draft = current.model_copy(update=changes)
            changes.update(transition(draft, state, now=now))
        except ProblemRefused as error:
            raise Invalid(str(error)) from None
    if not changes:
        return current
    return records.update(db, families.PROBLEMS, number, expected_version, changes, operator, now)


def check_references(
    db: Database,
    *,
    service: str | None = None,
    cis: Sequence[str] = (),
    assignee: str | None = None,
) -> None:
    """NotFound naming the first service, CI or operator that does not exist."""
    if service is not None:
        get_service(db, service)
    for ci in cis:
        if not db.execute("SELECT 1 FROM cis WHERE name = ?", [ci]).fetchone():
            raise NotFound(f"no ci {ci!r}")
    if (
        assignee
        and not db.execute("SELECT 1 FROM operators WHERE login = ?", [assignee]).fetchone()
    ):
        raise NotFound(f"no operator {assignee!r}")
