"""Incidents in the store: opening, operator actions as audited versions, and stale refusals."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from sms_tui.incident_edits import AddWorkNote, LinkKind, Move, Take
from sms_tui.models import IncidentState, Level, PendingReason, Priority, ResolutionCode
from sms_tui.sla import ClockState
from sms_tui.store import Invalid, NotFound, StaleRecord, open_store
from sms_tui.store.incident_actions import (
    add_work_note,
    assign,
    link,
    move,
    set_levels,
    set_major,
    set_parent,
    take,
)
from sms_tui.store.incidents import (
    create_incident,
    get_incident,
    incident_audit,
    priority_matrix,
    sla_clocks,
    update_incident,
)
from tests.incident_desk import LEGACY, MAIL, PAYROLL, at, seed

S = IncidentState


@pytest.fixture
def desk(db: Database, now: datetime) -> Database:
    return seed(db, now)


def test_create_numbers_the_incident_and_starts_its_history(desk: Database, now: datetime) -> None:
    made = create_incident(
        desk,
        title="Pay run stuck",
        caller="Dana",
        service=PAYROLL,
        cis=["payroll-api"],
        impact=Level.HIGH,
        urgency=Level.MEDIUM,
        operator="alice",
        now=now,
    )
    assert made.number == "INC-000001" and made.priority == Priority.P2
    assert made.state == S.NEW and made.opened_at == now and made.version == 1
    assert [(h.at, h.state, h.operator) for h in made.history] == [(now, S.NEW, "alice")]
    assert get_incident(desk, "INC-000001") == made
    second = create_incident(desk, title="Another", operator="alice", now=now)
    assert second.number == "INC-000002" and second.priority == Priority.P3


def test_create_backfills_from_another_system(desk: Database, now: datetime) -> None:
    opened = now - timedelta(days=3)
    made = create_incident(desk, title="From the old tool", opened_at=opened, operator="a", now=now)
    assert made.opened_at == opened and made.history[0].at == opened
    with pytest.raises(Invalid, match="is in the future"):
        create_incident(desk, title="x", opened_at=now + timedelta(hours=1), operator="a", now=now)


@pytest.mark.parametrize(
    ("fields", "error", "message"),
    [
        ({"service": "Nope"}, NotFound, "no service 'Nope'"),
        ({"cis": ["ghost"]}, NotFound, "no ci 'ghost'"),
        ({"title": "  "}, Invalid, "title: must not be blank"),
    ],
)
def test_create_refuses_what_does_not_hold(
    desk: Database, now: datetime, fields: dict[str, object], error: type[Exception], message: str
) -> None:
    args: dict[str, object] = {"title": "x", **fields}
    with pytest.raises(error, match=message):
        create_incident(desk, operator="alice", now=now, **args)  # type: ignore[arg-type]
    assert desk.execute("SELECT count(*) FROM incidents").fetchone()[0] == 0


def test_priority_comes_from_the_matrix_in_the_database(desk: Database, now: datetime) -> None:
    desk.execute("UPDATE priority_matrix SET priority = 'P1' WHERE impact = 'low'")
    assert sum(rule.priority == Priority.P1 for rule in priority_matrix(desk)) == 4
    made = create_incident(desk, title="x", impact=Level.LOW, operator="a", now=now)
    assert made.priority == Priority.P1
    raised = set_levels(desk, made.number, 1, impact=Level.MEDIUM, operator="a", now=now)
    assert (raised.impact, raised.urgency, raised.priority) == (
        Level.MEDIUM,
        Level.MEDIUM,
        Priority.P3,
    )


def test_take_assign_and_refusals(desk: Database, now: datetime) -> None:
    made = create_incident(desk, title="x", operator="alice", now=now)
    taken = take(desk, made.number, 1, operator="alice", now=now)
    assert (taken.assignee, taken.state, taken.responded_at) == ("alice", S.ASSIGNED, now)
    moved = assign(desk, made.number, 2, group="Network", assignee="bob", operator="a", now=now)
    assert (moved.assignee, moved.assignment_group, moved.state) == ("bob", "Network", S.ASSIGNED)
    with pytest.raises(Invalid, match="cannot assign to 'mallory': not an operator"):
        assign(desk, made.number, 3, assignee="mallory", operator="a", now=now)
    with pytest.raises(Invalid, match="no operator is in group 'Nobody'"):
        assign(desk, made.number, 3, group="Nobody", operator="a", now=now)


def test_a_refused_transition_writes_nothing(desk: Database, now: datetime) -> None:
    made = create_incident(desk, title="x", operator="alice", now=now)
    with pytest.raises(Invalid, match=r"^INC-000001: a pending incident needs a reason"):
        move(desk, made.number, 1, S.PENDING, operator="alice", now=now)
    with pytest.raises(Invalid, match=r"^INC-000001: only a resolved incident can be closed"):
        move(desk, made.number, 1, S.CLOSED, operator="alice", now=now)
    assert get_incident(desk, made.number) == made
    assert [a.field for a in incident_audit(desk, made.number)] == ["created"]


def test_major_parent_and_links(desk: Database, now: datetime) -> None:
    one = create_incident(desk, title="one", operator="a", now=now)
    two = create_incident(desk, title="two", operator="a", now=now)
    assert set_major(desk, one.number, 1, True, operator="a", now=now).major
    child = set_parent(desk, two.number, 1, one.number, operator="a", now=now)
    assert child.parent == one.number
    with pytest.raises(Invalid, match="that would make a loop"):
        set_parent(desk, one.number, 2, two.number, operator="a", now=now)
    with pytest.raises(NotFound, match="no incident 'INC-000099'"):
        set_parent(desk, one.number, 2, "INC-000099", operator="a", now=now)
    linked = link(desk, two.number, 2, LinkKind.CI, "mail-01", operator="a", now=now)
    assert linked.cis == ["mail-01"]
    with pytest.raises(NotFound, match="no change 'CHG-00042'"):
        link(desk, two.number, 3, LinkKind.CHANGE, "CHG-00042", operator="a", now=now)


def test_an_edit_that_changes_nothing_writes_nothing(desk: Database, now: datetime) -> None:
    made = create_incident(desk, title="x", operator="alice", now=now)
    taken = take(desk, made.number, 1, operator="alice", now=now)
    assert take(desk, made.number, 2, operator="alice", now=now) == taken


# The due-time cache


def due(db: Database, number: str) -> tuple[str | None, str | None]:
    row = db.execute(
        "SELECT response_due_at, resolve_due_at FROM incidents WHERE number = ?", [number]
    ).fetchone()
    return row[0], row[1]


def test_due_columns_follow_every_write(desk: Database) -> None:
    # Office hours are Monday to Friday 09:00-17:00 UTC; P3 is 2 h to respond, 16 h to resolve.
    number = create_incident(
        desk, title="x", service=PAYROLL, operator="a", now=at("2026-11-23 10:30")
    ).number
    assert due(desk, number) == ("2026-11-23T12:30:00Z", "2026-11-25T10:30:00Z")
    set_levels(
        desk,
        number,
        1,
        impact=Level.HIGH,
        urgency=Level.HIGH,
        operator="a",
        now=at("2026-11-23 10:30"),
    )
    assert due(desk, number) == ("2026-11-23T11:00:00Z", "2026-11-23T14:30:00Z")  # P1: 30 m, 4 h
    set_levels(
        desk,
        number,
        2,
        impact=Level.MEDIUM,
        urgency=Level.MEDIUM,
        operator="a",
        now=at("2026-11-23 10:40"),
    )
    take(desk, number, 3, operator="alice", now=at("2026-11-23 10:45"))
    assert due(desk, number) == (None, "2026-11-25T10:30:00Z")  # responded: that clock stopped
    move(
        desk,
        number,
        4,
        S.PENDING,
        reason=PendingReason.CALLER,
        operator="a",
        now=at("2026-11-23 11:30"),
    )
    assert due(desk, number) == (None, None)  # paused
    move(desk, number, 5, S.IN_PROGRESS, operator="a", now=at("2026-11-23 13:30"))
    assert due(desk, number) == (None, "2026-11-25T12:30:00Z")  # two hours later
    resolved = move(
        desk,
        number,
        6,
        S.RESOLVED,
        resolution_code=ResolutionCode.FIXED,
        note="ok",
        operator="a",
        now=at("2026-11-23 14:00"),
    )
    assert due(desk, number) == (None, None)  # stopped
    reopened = move(
        desk, number, resolved.version, S.IN_PROGRESS, operator="a", now=at("2026-11-23 15:00")
    )
    # 1.5 h were spent before: 14.5 h are left from Monday 15:00.
    assert due(desk, number) == (None, "2026-11-25T13:30:00Z")
    assert reopened.resolved_at is None and reopened.resolution_code is None


def test_due_columns_are_null_without_a_service_or_a_target(desk: Database, now: datetime) -> None:
    bare = create_incident(desk, title="x", operator="a", now=now)
    legacy = create_incident(desk, title="y", service=LEGACY, operator="a", now=now)
    mail = create_incident(desk, title="z", service=MAIL, operator="a", now=now)
    assert due(desk, bare.number) == due(desk, legacy.number) == (None, None)
    assert due(desk, mail.number) == ("2026-11-23T12:30:00Z", "2026-11-24T02:30:00Z")  # 24x7


def test_clocks_at_now_come_from_the_service(desk: Database) -> None:
    opened = at("2026-11-23 10:30")
    made = create_incident(desk, title="x", service=PAYROLL, operator="a", now=opened)
    clocks = sla_clocks(desk, made, at("2026-11-23 13:30"))
    assert clocks is not None
    assert clocks.response.state == ClockState.BREACHED
    assert clocks.resolution.state == ClockState.RUNNING
    assert clocks.resolution.remaining == 13 * 3600
    assert (
        sla_clocks(desk, create_incident(desk, title="y", operator="a", now=opened), opened) is None
    )


# Two operators on one file


def test_a_stale_action_is_refused_naming_who_changed_what(db_file: Path, now: datetime) -> None:
    alice, bob = open_store(db_file), open_store(db_file)
    try:
        seed(alice, now)
        number = create_incident(
            alice, title="x", service=PAYROLL, operator="alice", now=now
        ).number
        seen = get_incident(alice, number)  # Alice opens the incident...
        version_seen = alice.execute("PRAGMA data_version").fetchone()[0]
        # ... and Bob, on his own connection, puts it on hold.
        move(
            bob,
            number,
            seen.version,
            S.PENDING,
            reason=PendingReason.VENDOR,
            operator="bob",
            now=now + timedelta(minutes=1),
        )
        assert (
            alice.execute("PRAGMA data_version").fetchone()[0] != version_seen
        )  # a refresh is due

        typed = "Called the vendor, ticket 4711"
        with pytest.raises(StaleRecord) as stale:
            add_work_note(
                alice, number, seen.version, typed, operator="alice", now=now + timedelta(minutes=2)
            )
        message = str(stale.value)
        assert stale.value.updated_by == "bob"
        assert message.startswith(f"{number} was changed by bob at ")
        assert "history" in message and "pending_reason" in message and "state" in message
        assert {c.field for c in stale.value.changes} == {"history", "pending_reason", "state"}

        fresh = get_incident(alice, number)
        assert (fresh.state, fresh.pending_reason) == (S.PENDING, PendingReason.VENDOR)
        assert fresh.work_notes == []
        kept = add_work_note(
            alice, number, fresh.version, typed, operator="alice", now=now + timedelta(minutes=3)
        )
        assert kept.state == S.PENDING and [n.text for n in kept.work_notes] == [typed]
        trail = [(a.operator, a.field, a.version) for a in incident_audit(bob, number)]
        assert ("bob", "state", 2) in trail and ("alice", "work_notes", 3) in trail
    finally:
        alice.conn.close()
        bob.conn.close()


def test_several_edits_are_one_version(desk: Database, now: datetime) -> None:
    made = create_incident(desk, title="x", operator="alice", now=now)
    fresh = update_incident(
        desk,
        made.number,
        1,
        [Take(), Move(S.IN_PROGRESS), AddWorkNote("on it")],
        operator="alice",
        now=now,
    )
    assert fresh.version == 2 and fresh.state == S.IN_PROGRESS
    assert {a.version for a in incident_audit(desk, made.number)} == {1, 2}
