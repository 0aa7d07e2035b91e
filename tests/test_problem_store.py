"""Problems in the store: counts, edits, publishing, problems from incidents, resolving with incidents."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlite_utils import Database

from sms_tui.models import Incident, IncidentState, Priority, ProblemState, ResolutionCode
from sms_tui.store import Invalid, NotFound, StaleRecord
from sms_tui.store.errors import Forbidden
from sms_tui.store.incident_actions import add_work_note, move
from sms_tui.store.incidents import get_incident
from sms_tui.store.problem_actions import (
    problem_from_incidents,
    publish_known_error,
    resolve_problem,
)
from sms_tui.store.problem_lists import problem_items
from sms_tui.store.problems import (
    create_problem,
    get_known_error,
    get_problem,
    linked_incidents,
    list_known_errors,
    list_problems,
    problem_audit,
    update_problem,
)
from tests.problem_desk import MANAGER, problem_desk

P = ProblemState


@pytest.fixture
def incidents(db: Database, now: datetime) -> list[Incident]:
    return problem_desk(db, now)


def _audit_count(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM audit").fetchone()[0])


def test_create_numbers_the_problem_and_checks_its_references(
    db: Database, now: datetime, incidents: list[Incident]
) -> None:
    made = create_problem(db, title="Lock waits", cis=["payroll-api"], operator="alice", now=now)
    assert (made.number, made.state, made.priority, made.version) == (
        "PRB-00001",
        P.NEW,
        Priority.P3,
        1,
    )
    assert get_problem(db, "PRB-00001") == made
    with pytest.raises(NotFound, match="no ci 'nope'"):
        create_problem(db, title="x", cis=["nope"], operator="alice", now=now)
    with pytest.raises(Invalid, match="problem: title"):
        create_problem(db, title="  ", operator="alice", now=now)


def test_update_applies_fields_before_the_move(
    db: Database, now: datetime, incidents: list[Incident]
) -> None:
    made = create_problem(db, title="Lock waits", operator="alice", now=now)
    fresh = update_problem(
        db,
        made.number,
        1,
        root_cause="missing index",
        state=P.KNOWN_ERROR,
        assignee="bob",
        operator="alice",
        now=now,
    )
    assert (fresh.state, fresh.root_cause, fresh.assignee, fresh.version) == (
        P.KNOWN_ERROR,
        "missing index",
        "bob",
        2,
    )
    fields = {entry.field for entry in problem_audit(db, made.number)}
    assert {"created", "state", "root_cause", "assignee"} <= fields


def test_refused_move_says_why_and_writes_nothing(
    db: Database, now: datetime, incidents: list[Incident]
) -> None:
    made = create_problem(db, title="Lock waits", operator="alice", now=now)
    before = _audit_count(db)
    with pytest.raises(Invalid, match="a known error needs a root cause or a workaround"):
        update_problem(db, made.number, 1, state=P.KNOWN_ERROR, operator="alice", now=now)
    assert get_problem(db, made.number).version == 1 and _audit_count(db) == before


def test_stale_update_names_who_changed_what(
    db: Database, now: datetime, incidents: list[Incident]
) -> None:
    made = create_problem(db, title="Lock waits", operator="alice", now=now)
    update_problem(db, made.number, 1, workaround="restart", operator="bob", now=now)
    with pytest.raises(StaleRecord, match=r"PRB-00001 was changed by bob .*\(workaround\)"):
        update_problem(db, made.number, 1, root_cause="x", operator="alice", now=now)


def test_resolving_needs_the_problem_manager_and_the_refusal_is_audited(
    db: Database, now: datetime, incidents: list[Incident]
) -> None:
    made = create_problem(db, title="Lock waits", operator="alice", now=now)
    update_problem(db, made.number, 1, root_cause="index", operator="alice", now=now)
    with pytest.raises(
        Forbidden, match="alice may not resolve PRB-00001: needs the problem_manager"
    ):
        update_problem(db, made.number, 2, state=P.RESOLVED, operator="alice", now=now)
    refused = db.execute("SELECT operator FROM audit WHERE field = 'refused'").fetchall()
    assert refused == [("alice",)]
    assert (
        update_problem(db, made.number, 2, state=P.RESOLVED, operator=MANAGER, now=now).state
        == P.RESOLVED
    )


def test_publish_creates_the_known_error_links_it_and_moves_the_problem(
    db: Database, now: datetime, incidents: list[Incident]
) -> None:
    made = create_problem(
        db,
        title="Lock waits",
        description="pay run stalls",
        cis=["payroll-api"],
        operator="alice",
        now=now,
    )
    update_problem(
        db, made.number, 1, root_cause="index", workaround="restart", operator="alice", now=now
    )
    problem, known = publish_known_error(db, made.number, 2, operator=MANAGER, now=now)
    assert (problem.state, problem.known_error, problem.version) == (P.KNOWN_ERROR, "KE-00001", 3)
    assert known == get_known_error(db, "KE-00001")
    assert (
        known.title,
        known.symptom,
        known.root_cause,
        known.workaround,
        known.problem,
        known.cis,
    ) == (
        "Lock waits",
        "pay run stalls",
        "index",
        "restart",
        made.number,
        ["payroll-api"],
    )
    assert [k.number for k in list_known_errors(db)] == ["KE-00001"]
    with pytest.raises(Invalid, match="already published as known error KE-00001"):
        publish_known_error(db, made.number, 3, operator=MANAGER, now=now)


def test_publish_refused_for_operators_and_without_a_cause(
    db: Database, now: datetime, incidents: list[Incident]
) -> None:
    made = create_problem(db, title="Lock waits", operator="alice", now=now)
    with pytest.raises(Forbidden):
        publish_known_error(db, made.number, 1, operator="alice", now=now)
    with pytest.raises(Invalid, match="needs a root cause or a workaround"):
        publish_known_error(db, made.number, 1, operator=MANAGER, now=now)
    assert list_known_errors(db) == [] and get_problem(db, made.number).version == 1


def test_problem_from_incidents_links_all_of_them_in_one_version_each(
    db: Database, now: datetime, incidents: list[Incident]
) -> None:
    first, second, _ = incidents
    made = problem_from_incidents(
        db, {first.number: 1, second.number: 1}, title="Pay runs", operator="alice", now=now
    )
    assert (made.priority, made.service, made.cis) == (first.priority, "Payroll", ["payroll-api"])
    for number in (first.number, second.number):
        linked = get_incident(db, number)
        assert linked.problems == [made.number] and linked.version == 2
    assert [i.number for i in linked_incidents(db, made.number)] == [first.number, second.number]
    rows = {row.problem.number: row for row in list_problems(db)}
    assert (rows[made.number].open_incidents, rows[made.number].total_incidents) == (2, 2)


def test_problem_from_a_stale_incident_writes_nothing(
    db: Database, now: datetime, incidents: list[Incident]
) -> None:
    first, second, _ = incidents
    add_work_note(db, second.number, 1, "called back", operator="bob", now=now)
    before = _audit_count(db)
    with pytest.raises(StaleRecord, match=f"{second.number} was changed by bob"):
        problem_from_incidents(
            db, {first.number: 1, second.number: 1}, title="Pay runs", operator="alice", now=now
        )
    assert list_problems(db) == [] and _audit_count(db) == before
    assert get_incident(db, first.number).problems == []


def test_resolve_resolves_the_open_incidents_with_the_note(
    db: Database, now: datetime, incidents: list[Incident]
) -> None:
    first, second, third = incidents
    made = problem_from_incidents(
        db,
        {first.number: 1, second.number: 1, third.number: 1},
        title="All",
        operator="alice",
        now=now,
    )
    move(
        db,
        third.number,
        2,
        IncidentState.RESOLVED,
        resolution_code=ResolutionCode.USER_ERROR,
        note="user fixed it",
        operator="alice",
        now=now,
    )
    update_problem(db, made.number, 1, root_cause="index", operator="alice", now=now)
    later = now + timedelta(hours=1)
    done = resolve_problem(db, made.number, 2, note="index added", operator=MANAGER, now=later)
    assert done.problem.state == P.RESOLVED and done.problem.resolved_at == later
    assert [i.number for i in done.incidents] == [first.number, second.number]
    for number in (first.number, second.number):
        fresh = get_incident(db, number)
        assert (fresh.state, fresh.resolution_code, fresh.resolution_note) == (
            IncidentState.RESOLVED,
            ResolutionCode.FIXED,
            "index added",
        )
    assert get_incident(db, third.number).resolution_note == "user fixed it"
    row = next(r for r in list_problems(db) if r.problem.number == made.number)
    assert (row.open_incidents, row.total_incidents) == (0, 3)


def test_resolve_with_a_stale_incident_is_refused_whole(
    db: Database, now: datetime, incidents: list[Incident]
) -> None:
    first, second, _ = incidents
    made = problem_from_incidents(
        db, {first.number: 1, second.number: 1}, title="Pay", operator="alice", now=now
    )
    update_problem(db, made.number, 1, root_cause="index", operator="alice", now=now)
    add_work_note(db, second.number, 2, "still slow", operator="bob", now=now)
    before = _audit_count(db)
    with pytest.raises(StaleRecord, match=f"{second.number} was changed by bob"):
        resolve_problem(
            db,
            made.number,
            2,
            note="fixed",
            incident_versions={first.number: 2, second.number: 2},
            operator=MANAGER,
            now=now,
        )
    assert get_problem(db, made.number).state == P.NEW and _audit_count(db) == before
    assert get_incident(db, first.number).state != IncidentState.RESOLVED


def test_resolve_needs_a_note_for_open_incidents_unless_they_are_left_open(
    db: Database, now: datetime, incidents: list[Incident]
) -> None:
    first = incidents[0]
    made = problem_from_incidents(db, {first.number: 1}, title="Pay", operator="alice", now=now)
    update_problem(db, made.number, 1, root_cause="index", operator="alice", now=now)
    with pytest.raises(Invalid, match="needs a resolution note"):
        resolve_problem(db, made.number, 2, note=" ", operator=MANAGER, now=now)
    done = resolve_problem(db, made.number, 2, resolve_incidents=False, operator=MANAGER, now=now)
    assert done.incidents == [] and get_incident(db, first.number).state == IncidentState.NEW


def test_the_list_query_agrees_with_the_models(
    db: Database, now: datetime, incidents: list[Incident]
) -> None:
    first, second, _ = incidents
    made = problem_from_incidents(
        db, {first.number: 1, second.number: 1}, title="Pay", operator="alice", now=now
    )
    update_problem(db, made.number, 1, cis=["mail-01", "payroll-api"], operator="alice", now=now)
    move(
        db,
        second.number,
        2,
        IncidentState.RESOLVED,
        resolution_code=ResolutionCode.FIXED,
        note="done",
        operator="alice",
        now=now,
    )
    create_problem(db, title="Mail", operator="alice", now=now)
    items = {item.number: item for item in problem_items(db)}
    assert list(items) == ["PRB-00002", "PRB-00001"]
    pay = items["PRB-00001"]
    assert (pay.open_incidents, pay.total_incidents, pay.cis) == (1, 2, "mail-01, payroll-api")
    counts = {r.problem.number: (r.open_incidents, r.total_incidents) for r in list_problems(db)}
    assert counts == {n: (i.open_incidents, i.total_incidents) for n, i in items.items()}
