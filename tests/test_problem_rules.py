"""The problem lifecycle: allowed moves, what each state needs, reopening."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sms_tui.models import Priority, Problem, ProblemState
from sms_tui.problem_rules import (
    ProblemRefused,
    check_publishable,
    highest_priority,
    state_after_publishing,
    transition,
)

P = ProblemState
T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def problem(state: ProblemState = P.NEW, **fields: object) -> Problem:
    return Problem.model_validate(
        {"number": "PRB-00007", "title": "Lock waits", "state": state, "opened_at": T0, **fields}
    )


def test_investigation_starts_from_new() -> None:
    assert transition(problem(), P.UNDER_INVESTIGATION, now=T0) == {"state": P.UNDER_INVESTIGATION}


def test_known_error_needs_a_root_cause_or_a_workaround() -> None:
    with pytest.raises(
        ProblemRefused, match="PRB-00007: a known error needs a root cause or a workaround"
    ):
        transition(problem(P.UNDER_INVESTIGATION), P.KNOWN_ERROR, now=T0)
    assert (
        transition(problem(workaround="restart"), P.KNOWN_ERROR, now=T0)["state"] == P.KNOWN_ERROR
    )


def test_resolving_needs_a_root_cause_and_stamps_the_time() -> None:
    with pytest.raises(ProblemRefused, match="a resolved problem needs a root cause"):
        transition(problem(P.KNOWN_ERROR, workaround="restart"), P.RESOLVED, now=T0)
    later = T0 + timedelta(hours=3)
    changes = transition(problem(P.KNOWN_ERROR, root_cause="index missing"), P.RESOLVED, now=later)
    assert changes == {"state": P.RESOLVED, "resolved_at": later}


def test_only_a_resolved_problem_can_be_closed() -> None:
    with pytest.raises(
        ProblemRefused, match="only a resolved problem can be closed \\(it is new\\)"
    ):
        transition(problem(), P.CLOSED, now=T0)
    assert transition(problem(P.RESOLVED), P.CLOSED, now=T0) == {"state": P.CLOSED}


def test_recurrence_reopens_a_resolved_problem_and_clears_its_resolution() -> None:
    resolved = problem(P.RESOLVED, root_cause="x", resolved_at=T0)
    assert transition(resolved, P.UNDER_INVESTIGATION, now=T0) == {
        "state": P.UNDER_INVESTIGATION,
        "resolved_at": None,
    }


def test_refusals_say_where_the_problem_can_go() -> None:
    with pytest.raises(
        ProblemRefused, match="from known_error it can move to resolved or under_investigation"
    ):
        transition(problem(P.KNOWN_ERROR, workaround="w"), P.NEW, now=T0)
    with pytest.raises(ProblemRefused, match="already new"):
        transition(problem(), P.NEW, now=T0)
    with pytest.raises(ProblemRefused, match="a closed problem is final"):
        transition(problem(P.CLOSED), P.UNDER_INVESTIGATION, now=T0)


def test_publishing_needs_a_cause_or_workaround_and_happens_once() -> None:
    with pytest.raises(ProblemRefused, match="needs a root cause or a workaround"):
        check_publishable(problem())
    with pytest.raises(ProblemRefused, match="already published as known error KE-00003"):
        check_publishable(problem(workaround="w", known_error="KE-00003"))
    check_publishable(problem(root_cause="r"))


def test_publishing_moves_only_open_investigations_to_known_error() -> None:
    assert state_after_publishing(problem()) == P.KNOWN_ERROR
    assert state_after_publishing(problem(P.UNDER_INVESTIGATION)) == P.KNOWN_ERROR
    assert state_after_publishing(problem(P.RESOLVED)) == P.RESOLVED


def test_highest_priority_is_the_most_urgent() -> None:
    assert highest_priority([Priority.P3, Priority.P1, Priority.P4]) == Priority.P1
    assert highest_priority([]) == Priority.P3
