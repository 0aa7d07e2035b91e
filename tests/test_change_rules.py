"""The change lifecycle per type, approval authority and the risk questions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from sms_tui.changes import (
    ChangeRefused,
    RiskAnswers,
    allowed_moves,
    assess_risk,
    decide,
    is_authorised,
    transition,
)
from sms_tui.models import Change, ChangeState, ChangeType, Decision, Operator, Risk, Role

S = ChangeState
NOW = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)
CAB = Operator(login="cab1", roles=[Role.CAB_MEMBER])
CAB2 = Operator(login="cab2", roles=[Role.CAB_MEMBER])
MANAGER = Operator(login="boss", roles=[Role.CHANGE_MANAGER])
ADMIN = Operator(login="root", roles=[Role.ADMIN])
PLAIN = Operator(login="joe")


def change(**fields: Any) -> Change:
    values: dict[str, Any] = {
        "number": "CHG-00001",
        "title": "Patch db",
        "planned_start": NOW + timedelta(days=1),
        "planned_end": NOW + timedelta(days=1, hours=2),
        "cis": ["db-prd-03"],
        "requester": "alice",
        "implementer": "bob",
        "backout_plan": "restore snapshot",
        "test_plan": "smoke tests",
    }
    values.update(fields)
    return Change(**values)


def moved(c: Change, state: ChangeState, **kwargs: Any) -> Change:
    return c.model_copy(update=transition(c, state, **kwargs))


def refused(fn: Any, *args: Any, **kwargs: Any) -> str:
    with pytest.raises(ChangeRefused) as caught:
        fn(*args, **kwargs)
    assert str(caught.value).startswith("CHG-00001: ")
    return caught.value.why


def approved(c: Change, who: Operator) -> Change:
    d = decide(c, who, Decision.APPROVED, comment="ok", now=NOW)
    return c.model_copy(update={"state": d.state, "approvals": [*c.approvals, d.approval]})


def test_standard_change_goes_straight_from_draft_to_scheduled_and_starts() -> None:
    c = moved(change(change_type=ChangeType.STANDARD), S.SCHEDULED)
    assert is_authorised(c)
    c = moved(c, S.IMPLEMENTING)
    c = moved(c, S.CLOSED, review_outcome="successful")
    assert (c.state, c.review_outcome) == (S.CLOSED, "successful")


def test_standard_change_takes_no_approval() -> None:
    c = change(change_type=ChangeType.STANDARD, state=S.AWAITING_APPROVAL)
    assert "pre-approved" in refused(decide, c, CAB, Decision.APPROVED, now=NOW)


def test_normal_change_cannot_skip_assessment() -> None:
    why = refused(transition, change(), S.SCHEDULED)
    assert "normal change cannot move from draft to scheduled" in why
    assert "assessment or cancelled" in why


def test_normal_change_is_scheduled_by_cab_approval_not_by_a_move() -> None:
    c = moved(moved(change(), S.ASSESSMENT), S.AWAITING_APPROVAL)
    assert "approver's decision" in refused(transition, c, S.SCHEDULED)
    assert "approver's decision" in refused(transition, c, S.REJECTED)
    assert S.SCHEDULED not in allowed_moves(c)
    c = approved(c, CAB)
    assert c.state is S.SCHEDULED
    assert c.approvals[0].approver == "cab1" and c.approvals[0].at == NOW


def test_normal_change_needs_plans_before_approval() -> None:
    c = change(state=S.ASSESSMENT, backout_plan="")
    assert "backout plan" in refused(transition, c, S.AWAITING_APPROVAL)
    c = change(state=S.ASSESSMENT, test_plan=" ")
    assert "test plan" in refused(transition, c, S.AWAITING_APPROVAL)


def test_unapproved_change_cannot_start() -> None:
    c = change(state=S.SCHEDULED)  # scheduled without approvals, e.g. by a bad import
    assert "needs 1 approval(s) to start, has 0" in refused(transition, c, S.IMPLEMENTING)


def test_change_cannot_start_without_an_implementer() -> None:
    c = change(change_type=ChangeType.STANDARD, state=S.SCHEDULED, implementer=None)
    assert "implementer" in refused(transition, c, S.IMPLEMENTING)


def test_normal_change_must_be_reviewed_before_closing() -> None:
    c = change(state=S.IMPLEMENTING)
    assert "cannot move from implementing to closed" in refused(transition, c, S.CLOSED)
    c = moved(c, S.REVIEW)
    assert "review outcome" in refused(transition, c, S.CLOSED)
    assert moved(c, S.CLOSED, review_outcome="ok", review_notes="fine").review_notes == "fine"


@pytest.mark.parametrize("final", [S.CLOSED, S.REJECTED, S.CANCELLED])
def test_final_states_are_final(final: ChangeState) -> None:
    assert f"a {final.value} change is final" in refused(transition, change(state=final), S.DRAFT)


def test_moving_to_the_same_state_is_refused() -> None:
    assert refused(transition, change(), S.DRAFT) == "already draft"


def test_change_needs_a_ci_to_be_scheduled() -> None:
    c = change(change_type=ChangeType.STANDARD, cis=[])
    assert "at least one affected CI" in refused(transition, c, S.SCHEDULED)


def test_emergency_change_starts_after_one_change_manager_and_is_reviewed() -> None:
    c = moved(change(change_type=ChangeType.EMERGENCY, risk=Risk.HIGH), S.AWAITING_APPROVAL)
    assert "only change managers" in refused(decide, c, CAB, Decision.APPROVED, now=NOW)
    c = approved(c, MANAGER)
    assert c.state is S.SCHEDULED
    c = moved(c, S.IMPLEMENTING)
    assert "cannot move from implementing to closed" in refused(transition, c, S.CLOSED)
    c = moved(moved(c, S.REVIEW), S.CLOSED, review_outcome="successful")
    assert c.state is S.CLOSED


def test_emergency_change_skips_assessment() -> None:
    c = change(change_type=ChangeType.EMERGENCY)
    assert "emergency change cannot move from draft to assessment" in refused(
        transition, c, S.ASSESSMENT
    )


@pytest.mark.parametrize("login", ["alice", "bob"])
def test_requester_and_implementer_never_approve_their_own_change(login: str) -> None:
    c = change(state=S.AWAITING_APPROVAL)
    for roles in ([Role.CAB_MEMBER], [Role.ADMIN]):
        who = Operator(login=login, roles=roles)
        why = refused(decide, c, who, Decision.APPROVED, now=NOW)
        assert login in why and "cannot decide on it" in why
        refused(decide, c, who, Decision.REJECTED, comment="no", now=NOW)


def test_only_cab_members_approve_normal_changes() -> None:
    c = change(state=S.AWAITING_APPROVAL)
    for who in (PLAIN, MANAGER):
        why = refused(decide, c, who, Decision.APPROVED, now=NOW)
        assert why == f"only CAB members decide on normal changes; {who.login} is not one"
    assert decide(c, ADMIN, Decision.APPROVED, now=NOW).state is S.SCHEDULED


def test_high_risk_normal_change_needs_two_different_approvers() -> None:
    c = change(state=S.AWAITING_APPROVAL, risk=Risk.HIGH)
    first = decide(c, CAB, Decision.APPROVED, now=NOW)
    assert (first.state, first.missing) == (S.AWAITING_APPROVAL, 1)
    c = c.model_copy(update={"state": first.state, "approvals": [first.approval]})
    assert not is_authorised(c)
    assert "already approved" in refused(decide, c, CAB, Decision.APPROVED, now=NOW)
    second = decide(c, CAB2, Decision.APPROVED, now=NOW)
    assert (second.state, second.missing) == (S.SCHEDULED, 0)


def test_rejection_rejects_and_needs_a_comment() -> None:
    c = change(state=S.AWAITING_APPROVAL)
    assert "comment" in refused(decide, c, CAB, Decision.REJECTED, now=NOW)
    d = decide(c, CAB, Decision.REJECTED, comment="no backout tested", now=NOW)
    assert d.state is S.REJECTED
    assert (d.approval.decision, d.approval.comment) == (Decision.REJECTED, "no backout tested")


def test_decision_only_while_awaiting_approval() -> None:
    why = refused(decide, change(state=S.ASSESSMENT), CAB, Decision.APPROVED, now=NOW)
    assert "only a change awaiting approval" in why


@pytest.mark.parametrize(
    ("answers", "risk"),
    [
        (RiskAnswers(production=False, tested_backout=True, outage_expected=False), Risk.LOW),
        (RiskAnswers(production=True, tested_backout=True, outage_expected=False), Risk.MEDIUM),
        (
            RiskAnswers(
                production=True, tested_backout=True, outage_expected=False, affected_cis=3
            ),
            Risk.MEDIUM,
        ),
        (RiskAnswers(production=True, tested_backout=False, outage_expected=True), Risk.HIGH),
        (
            RiskAnswers(
                production=False, tested_backout=True, outage_expected=True, critical_services=1
            ),
            Risk.HIGH,
        ),
        (
            RiskAnswers(
                production=True, tested_backout=True, outage_expected=False, affected_cis=12
            ),
            Risk.MEDIUM,
        ),
        (
            RiskAnswers(
                production=True,
                tested_backout=True,
                outage_expected=False,
                affected_cis=12,
                critical_services=1,
            ),
            Risk.HIGH,
        ),
    ],
)
def test_risk_from_answers(answers: RiskAnswers, risk: Risk) -> None:
    assessed = assess_risk(answers)
    assert assessed.risk is risk
    assert bool(assessed.reasons) == (assessed.score > 0)
