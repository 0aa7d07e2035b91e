"""Problem actions that change several records at once, each in ONE transaction.

Publishing a known error writes the known error and its problem; a problem made from incidents
writes the problem and every incident's link; resolving a problem may resolve its open
incidents. Every record is version checked: one stale record refuses the whole action and
nothing is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from sms_tui.incident_edits import Link, LinkKind, Move, apply_edits
from sms_tui.incident_rules import Refused
from sms_tui.models import (
    OPEN_STATES,
    Incident,
    IncidentState,
    KnownError,
    Priority,
    Problem,
    ProblemState,
    Record,
    ResolutionCode,
    Role,
)
from sms_tui.problem_rules import (
    ProblemRefused,
    check_publishable,
    highest_priority,
    state_after_publishing,
    transition,
)
from sms_tui.store import families, records
from sms_tui.store.errors import Invalid, StaleRecord
from sms_tui.store.problems import check_references, draft_problem, linked_incidents
from sms_tui.store.records import create_in, stale, update_in
from sms_tui.store.roles import require
from sms_tui.store.transaction import write

_KE_PLACEHOLDER = "KE-00000"


class Resolution(Record):
    """What resolving a problem saved: the problem and the incidents resolved with it."""

    problem: Problem
    incidents: list[Incident]


def publish_known_error(
    db: Database, number: str, expected_version: int, *, operator: str, now: datetime
) -> tuple[Problem, KnownError]:
    """Publish the problem to the known-error database, in one transaction.

    The known error takes the problem's title, description (as the symptom), root cause,
    workaround and CIs; the problem links to it and, if still open, becomes a known error.
    """
    require(
        db,
        operator,
        Role.PROBLEM_MANAGER,
        action="publish a known error for",
        kind=families.PROBLEMS.kind,
        key=number,
        now=now,
    )
    with write(db):
        current = records.get(db, families.PROBLEMS, number)
        if current.version != expected_version:
            raise stale(db, families.PROBLEMS, current, expected_version)
        try:
            check_publishable(current)
        except ProblemRefused as error:
            raise Invalid(str(error)) from None
        draft = KnownError(
            number=_KE_PLACEHOLDER,
            title=current.title,
            symptom=current.description,
            root_cause=current.root_cause,
            workaround=current.workaround,
            problem=current.number,
            cis=list(current.cis),
            published_at=now,
            author=operator,
        )
        known = create_in(db, families.KNOWN_ERRORS, draft, operator, now)
        changes = {"known_error": known.number, "state": state_after_publishing(current)}
        problem = update_in(
            db, families.PROBLEMS, current, expected_version, changes, operator, now
        )
    return problem, known


def problem_from_incidents(
    db: Database,
    incidents: Mapping[str, int],
    *,
    title: str,
    operator: str,
    now: datetime,
    description: str = "",
    priority: Priority | None = None,
    assignee: str | None = None,
) -> Problem:
    """A new problem linked to every incident (number -> version read), in one transaction.

    Unless told otherwise it takes the most urgent priority of the incidents; it takes their
    service when they share one, and all their CIs.
    """
    if not incidents:
        raise Invalid("problem: pick at least one incident to make a problem from")
    check_references(db, assignee=assignee)
    with write(db):
        found: list[Incident] = []
        for number, version in incidents.items():
            incident = records.get(db, families.INCIDENTS, number)
            if incident.version != version:
                raise stale(db, families.INCIDENTS, incident, version)
            found.append(incident)
        services = {incident.service for incident in found}
        draft = draft_problem(
            title=title,
            description=description,
            priority=priority or highest_priority(incident.priority for incident in found),
            assignee=assignee,
            service=services.pop() if len(services) == 1 else None,
            cis=[ci for incident in found for ci in incident.cis],
            now=now,
        )
        problem = create_in(db, families.PROBLEMS, draft, operator, now)
        link = Link(LinkKind.PROBLEM, problem.number)
        for incident in found:
            try:
                changes = apply_edits(incident, [link], matrix=[], operator=operator, now=now)
            except Refused as error:
                raise Invalid(str(error)) from None
            update_in(db, families.INCIDENTS, incident, incident.version, changes, operator, now)
    return problem


def resolve_problem(
    db: Database,
    number: str,
    expected_version: int,
    *,
    operator: str,
    now: datetime,
    resolve_incidents: bool = True,
    note: str = "",
    incident_versions: Mapping[str, int] | None = None,
    root_cause: str | None = None,
) -> Resolution:
    """Resolve the problem and, if asked, its open linked incidents with `note`, in one transaction.

    `incident_versions` are the versions the operator saw (number -> version): an open incident
    saved or linked since then refuses the whole action as stale. Without it, the incidents are
    resolved as they stand. A `root_cause` given here is saved in the same version.
    """
    require(
        db,
        operator,
        Role.PROBLEM_MANAGER,
        action="resolve",
        kind=families.PROBLEMS.kind,
        key=number,
        now=now,
    )
    with write(db):
        current = records.get(db, families.PROBLEMS, number)
        if current.version != expected_version:
            raise stale(db, families.PROBLEMS, current, expected_version)
        changes: dict[str, Any] = {} if root_cause is None else {"root_cause": root_cause}
        try:
            draft = current.model_copy(update=changes)
            changes.update(transition(draft, ProblemState.RESOLVED, now=now))
        except ProblemRefused as error:
            raise Invalid(str(error)) from None
        open_ones = [i for i in linked_incidents(db, number) if i.state in OPEN_STATES]
        if resolve_incidents and open_ones and not note.strip():
            raise Invalid(f"{number}: resolving its open incidents needs a resolution note")
        resolved: list[Incident] = []
        for incident in open_ones if resolve_incidents else []:
            seen = (
                incident.version
                if incident_versions is None
                else incident_versions.get(incident.number, 0)
            )
            if incident.version != seen:
                raise _stale_incident(db, incident, seen)
            move = Move(IncidentState.RESOLVED, resolution_code=ResolutionCode.FIXED, note=note)
            try:
                edit = apply_edits(incident, [move], matrix=[], operator=operator, now=now)
            except Refused as error:
                raise Invalid(str(error)) from None
            resolved.append(update_in(db, families.INCIDENTS, incident, seen, edit, operator, now))
        problem = update_in(
            db, families.PROBLEMS, current, expected_version, changes, operator, now
        )
    return Resolution(problem=problem, incidents=resolved)


def _stale_incident(db: Database, incident: Incident, seen: int) -> StaleRecord:
    if seen:
        return stale(db, families.INCIDENTS, incident, seen)
    # Linked after the operator looked: say so rather than list its whole history.
    return StaleRecord(
        families.INCIDENTS.kind, incident.number, [], incident.updated_by, incident.updated_at
    )
