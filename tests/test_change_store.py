"""The change store: slots refused on conflict unless overridden, approvals gated and audited."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlite_utils import Database

from sms_tui.models import ChangeState, ChangeType, Criticality, Risk
from sms_tui.scheduling import ConflictKind
from sms_tui.store import Invalid, NotFound, StaleRecord
from sms_tui.store.change_actions import approve, move, reject
from sms_tui.store.change_impact import change_impact
from sms_tui.store.change_schedule import OVERRIDE_FIELD, Conflicted, schedule
from sms_tui.store.changes import (
    ChangeFilter,
    create_change,
    get_change,
    list_changes,
    update_change,
)
from sms_tui.store.errors import Forbidden
from sms_tui.store.roles import REFUSAL_FIELD
from tests.change_desk import at, seed_changes


@pytest.fixture
def desk(db: Database, now: datetime) -> Database:
    return seed_changes(db, now)


def _audit(db: Database, number: str, field: str) -> list[tuple[str | None, str | None, str]]:
    return db.execute(
        "SELECT old_value, new_value, operator FROM audit WHERE kind = 'change' AND key = ? "
        "AND field = ? ORDER BY id",
        [number, field],
    ).fetchall()


def _new(db: Database, now: datetime, cis: list[str], start: str, end: str, **extra: object):  # type: ignore[no-untyped-def]
    return create_change(
        db, title="Probe", start=at(start), end=at(end), cis=cis, operator="alice", now=now,
        **extra,  # type: ignore[arg-type]
    )  # fmt: skip


# Each row: the CIs and implementer of a new change, a slot, and the conflict it must meet.
CONFLICTS = [
    (["mail-01"], None, "2026-11-25 10:00", "2026-11-25 12:00", ConflictKind.SAME_CI),
    (["shop-app"], None, "2026-11-24 21:00", "2026-11-24 22:00", ConflictKind.DEPENDENCY),
    (["core-sw"], None, "2026-11-27 10:00", "2026-11-27 11:00", ConflictKind.BLACKOUT),
    (["shop-app"], None, "2026-11-25 20:00", "2026-11-25 21:00", ConflictKind.OUTSIDE_MAINTENANCE),
    (["core-sw"], "eve", "2026-11-25 10:30", "2026-11-25 11:30", ConflictKind.IMPLEMENTER),
]


@pytest.mark.parametrize(("cis", "implementer", "start", "end", "kind"), CONFLICTS)
def test_every_conflict_kind_refuses_the_slot(
    desk: Database,
    now: datetime,
    cis: list[str],
    implementer: str | None,
    start: str,
    end: str,
    kind: ConflictKind,
) -> None:
    change = _new(desk, now, cis, "2026-11-30 08:00", "2026-11-30 09:00", implementer=implementer)
    with pytest.raises(Conflicted) as refused:
        schedule(desk, change.number, 1, at(start), at(end), operator="alice", now=now)
    assert [c.kind for c in refused.value.conflicts] == [kind]
    assert kind.value in str(refused.value)
    assert get_change(desk, change.number).planned_start == at("2026-11-30 08:00")


def test_override_with_a_reason_saves_and_audits_what_it_overrode(
    desk: Database, now: datetime
) -> None:
    fresh = schedule(
        desk, "CHG-00004", 1, at("2026-11-25 10:00"), at("2026-11-25 10:30"),
        operator="dave", now=now, override_reason="Vendor only free then",
    )  # fmt: skip
    assert (fresh.planned_start, fresh.version) == (at("2026-11-25 10:00"), 2)
    [(overridden, reason, who)] = _audit(desk, "CHG-00004", OVERRIDE_FIELD)
    assert reason == "Vendor only free then" and who == "dave"
    assert overridden is not None and "same_ci: CHG-00002" in overridden


def test_a_blank_override_reason_is_no_override(desk: Database, now: datetime) -> None:
    with pytest.raises(Conflicted):
        schedule(
            desk, "CHG-00004", 1, at("2026-11-25 10:00"), at("2026-11-25 10:30"),
            operator="dave", now=now, override_reason="   ",
        )  # fmt: skip


def test_a_free_slot_needs_no_reason_and_is_audited_as_a_move(
    desk: Database, now: datetime
) -> None:
    schedule(desk, "CHG-00004", 1, at("2026-11-23 16:00"), at("2026-11-23 17:00"), operator="alice", now=now)  # fmt: skip
    assert _audit(desk, "CHG-00004", OVERRIDE_FIELD) == []
    [(old, new, _)] = _audit(desk, "CHG-00004", "planned_start")
    assert (old, new) == ("2026-11-23T14:00:00Z", "2026-11-23T16:00:00Z")


def test_schedule_at_an_old_version_is_stale(desk: Database, now: datetime) -> None:
    schedule(desk, "CHG-00004", 1, at("2026-11-23 16:00"), at("2026-11-23 17:00"), operator="alice", now=now)  # fmt: skip
    with pytest.raises(StaleRecord, match="changed by alice"):
        schedule(desk, "CHG-00004", 1, at("2026-11-23 18:00"), at("2026-11-23 19:00"), operator="bob", now=now)  # fmt: skip


def test_an_end_before_the_start_is_refused(desk: Database, now: datetime) -> None:
    with pytest.raises(Invalid, match="end must be after"):
        schedule(desk, "CHG-00004", 1, at("2026-11-23 16:00"), at("2026-11-23 15:00"), operator="alice", now=now)  # fmt: skip


def test_requester_never_approves_own_change_even_as_admin(desk: Database, now: datetime) -> None:
    with pytest.raises(Forbidden, match="alice requested this change"):
        approve(desk, "CHG-00002", 1, operator="alice", now=now)
    assert get_change(desk, "CHG-00002").approvals == []
    [(action, reason, who)] = _audit(desk, "CHG-00002", REFUSAL_FIELD)
    assert (action, who) == ("approve", "alice") and "requested" in (reason or "")


def test_operator_without_the_cab_role_is_refused_and_audited(
    desk: Database, now: datetime
) -> None:
    with pytest.raises(Forbidden, match="cab_member"):
        approve(desk, "CHG-00002", 1, operator="frank", now=now)
    assert _audit(desk, "CHG-00002", REFUSAL_FIELD)[0][2] == "frank"


def test_emergency_change_needs_a_change_manager_not_the_cab(desk: Database, now: datetime) -> None:
    with pytest.raises(Forbidden, match="change_manager"):
        approve(desk, "CHG-00003", 1, operator="bob", now=now)
    fresh = approve(desk, "CHG-00003", 1, operator="alice", comment="Outage ongoing", now=now)
    assert fresh.state is ChangeState.SCHEDULED


def test_high_risk_normal_change_needs_two_approvers(desk: Database, now: datetime) -> None:
    once = approve(desk, "CHG-00002", 1, operator="bob", comment="Fine by me", now=now)
    assert once.state is ChangeState.AWAITING_APPROVAL
    with pytest.raises(Forbidden, match="already approved"):
        approve(desk, "CHG-00002", 2, operator="bob", now=now)
    twice = approve(desk, "CHG-00002", 2, operator="carol", comment="Agreed", now=now)
    assert twice.state is ChangeState.SCHEDULED
    assert [(a.approver, a.comment) for a in twice.approvals] == [
        ("bob", "Fine by me"),
        ("carol", "Agreed"),
    ]
    assert [row[1] for row in _audit(desk, "CHG-00002", "approved")] == ["Fine by me", "Agreed"]


def test_rejection_needs_a_comment_and_is_audited_with_it(desk: Database, now: datetime) -> None:
    with pytest.raises(Forbidden, match="needs a comment"):
        reject(desk, "CHG-00002", 1, operator="bob", comment=" ", now=now)
    fresh = reject(desk, "CHG-00002", 1, operator="bob", comment="No backout tested", now=now)
    assert fresh.state is ChangeState.REJECTED
    assert _audit(desk, "CHG-00002", "rejected") == [(None, "No backout tested", "bob")]


def test_standard_change_takes_no_approval(desk: Database, now: datetime) -> None:
    with pytest.raises(Invalid, match="pre-approved"):
        approve(desk, "CHG-00004", 1, operator="bob", now=now)


def test_lifecycle_move_refused_says_why(desk: Database, now: datetime) -> None:
    with pytest.raises(Invalid, match="cannot move from draft to closed"):
        move(desk, "CHG-00004", 1, ChangeState.CLOSED, operator="alice", now=now)
    fresh = move(desk, "CHG-00004", 1, ChangeState.SCHEDULED, operator="alice", now=now)
    assert fresh.state is ChangeState.SCHEDULED


def test_filters_narrow_the_list(desk: Database, now: datetime) -> None:
    def numbers(query: ChangeFilter) -> list[str]:
        return [c.number for c in list_changes(desk, query)]

    week = ChangeFilter(start=at("2026-11-23 00:00"), end=at("2026-11-30 00:00"))
    assert numbers(week) == ["CHG-00004", "CHG-00001", "CHG-00002", "CHG-00003"]
    assert numbers(ChangeFilter(start=at("2026-11-25 00:00"), end=at("2026-11-26 00:00"))) == [
        "CHG-00002"
    ]
    assert numbers(ChangeFilter(state=ChangeState.AWAITING_APPROVAL)) == ["CHG-00002", "CHG-00003"]
    assert numbers(ChangeFilter(mine="eve")) == ["CHG-00001", "CHG-00002"]
    assert numbers(ChangeFilter(service="Shop")) == ["CHG-00001"]
    assert numbers(ChangeFilter(ci="mail-01")) == ["CHG-00004", "CHG-00002"]


def test_create_and_update_are_versioned_and_checked(desk: Database, now: datetime) -> None:
    with pytest.raises(NotFound, match="no CI 'nope'"):
        _new(desk, now, ["nope"], "2026-11-30 08:00", "2026-11-30 09:00")
    with pytest.raises(Invalid, match="planned_end must be after"):
        _new(desk, now, ["mail-01"], "2026-11-30 08:00", "2026-11-30 07:00")
    made = _new(desk, now, ["mail-01"], "2026-11-30 08:00", "2026-11-30 09:00", risk=Risk.HIGH)
    assert (made.number, made.state, made.requester) == ("CHG-00005", ChangeState.DRAFT, "alice")
    fresh = update_change(
        desk, made.number, 1, {"change_type": ChangeType.EMERGENCY}, operator="alice", now=now
    )
    assert fresh.version == 2
    with pytest.raises(Invalid, match="state cannot be edited here"):
        update_change(desk, made.number, 2, {"state": "closed"}, operator="alice", now=now)


def test_impact_names_services_with_criticality_and_open_incidents(
    desk: Database, now: datetime
) -> None:
    change = _new(desk, now, ["shop-db", "mail-01"], "2026-11-30 08:00", "2026-11-30 09:00")
    hits = change_impact(desk, change)
    assert [(h.service, h.criticality, h.via, h.open_incidents) for h in hits] == [
        ("Shop", Criticality.CRITICAL, "shop-db", 0),
        ("Mail", Criticality.HIGH, "mail-01", 0),
    ]


def test_fields_approvers_decided_on_are_fixed_once_approval_is_asked(
    desk: Database, now: datetime
) -> None:
    # CHG-00002 awaits approval: its risk and CIs are what the CAB is deciding on.
    with pytest.raises(Invalid, match="risk is fixed while the change is awaiting approval"):
        update_change(desk, "CHG-00002", 1, {"risk": Risk.LOW}, operator="alice", now=now)
    assert get_change(desk, "CHG-00002").version == 1
    fresh = update_change(desk, "CHG-00002", 1, {"title": "Clearer"}, operator="alice", now=now)
    assert (fresh.title, fresh.version) == ("Clearer", 2)


def test_a_final_change_takes_no_edit(desk: Database, now: datetime) -> None:
    rejected = reject(desk, "CHG-00002", 1, operator="bob", comment="No backout", now=now)
    with pytest.raises(Invalid, match="a rejected change is final"):
        update_change(
            desk, "CHG-00002", rejected.version, {"title": "x"}, operator="alice", now=now
        )


def test_a_stale_edit_names_who_changed_the_change(desk: Database, now: datetime) -> None:
    update_change(desk, "CHG-00004", 1, {"title": "Theirs"}, operator="bob", now=now)
    with pytest.raises(StaleRecord, match="changed by bob"):
        update_change(desk, "CHG-00004", 1, {"title": "Mine"}, operator="alice", now=now)
