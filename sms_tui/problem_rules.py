"""The problem lifecycle: which state may follow which, and what each state needs.

Pure: no UI, no SQL, no wall clock. `transition` returns the field changes to save, so the
store can apply them at the version that was read.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sms_tui.models import Priority, Problem, ProblemState

NEW = ProblemState.NEW
INVESTIGATING = ProblemState.UNDER_INVESTIGATION
KNOWN_ERROR = ProblemState.KNOWN_ERROR
RESOLVED = ProblemState.RESOLVED
CLOSED = ProblemState.CLOSED

ALLOWED: dict[ProblemState, tuple[ProblemState, ...]] = {
    NEW: (INVESTIGATING, KNOWN_ERROR, RESOLVED),
    INVESTIGATING: (KNOWN_ERROR, RESOLVED),
    # The workaround stopped working or the root cause was wrong: investigate again.
    KNOWN_ERROR: (RESOLVED, INVESTIGATING),
    # The fix did not hold and the incidents recur: reopen the investigation.
    RESOLVED: (CLOSED, INVESTIGATING),
    CLOSED: (),
}
"""The states each state may move to, in the order a menu offers them."""

OPEN_STATES = frozenset({NEW, INVESTIGATING, KNOWN_ERROR})
"""States in which a problem still needs work."""


class ProblemRefused(ValueError):
    """An action the rules do not allow; str() names the problem and says why."""

    def __init__(self, number: str, why: str) -> None:
        self.number = number
        self.why = why
        super().__init__(f"{number}: {why}")


def _or_list(states: Iterable[ProblemState]) -> str:
    names = [s.value for s in states]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def check_transition(problem: Problem, state: ProblemState) -> None:
    """Raise ProblemRefused, saying why, unless the problem may move to `state` as it stands."""
    number, current = problem.number, problem.state
    if current == CLOSED:
        raise ProblemRefused(number, "a closed problem is final")
    if state == current:
        raise ProblemRefused(number, f"already {state.value}")
    if state == CLOSED and current != RESOLVED:
        raise ProblemRefused(
            number, f"only a resolved problem can be closed (it is {current.value})"
        )
    if state not in ALLOWED[current]:
        raise ProblemRefused(
            number,
            f"cannot move from {current.value} to {state.value}; "
            f"from {current.value} it can move to {_or_list(ALLOWED[current])}",
        )
    if state == KNOWN_ERROR and not (problem.root_cause.strip() or problem.workaround.strip()):
        raise ProblemRefused(number, "a known error needs a root cause or a workaround")
    if state == RESOLVED and not problem.root_cause.strip():
        raise ProblemRefused(number, "a resolved problem needs a root cause")


def transition(problem: Problem, state: ProblemState, *, now: datetime) -> dict[str, Any]:
    """The changes that move the problem to `state`, or ProblemRefused saying why."""
    check_transition(problem, state)
    changes: dict[str, Any] = {"state": state}
    if state == RESOLVED:
        changes["resolved_at"] = max(now, problem.opened_at)
    elif state == INVESTIGATING and problem.state == RESOLVED:
        changes["resolved_at"] = None  # a reopen: the fix no longer holds
    return changes


def check_publishable(problem: Problem) -> None:
    """Raise ProblemRefused unless the problem can publish a known error now."""
    if problem.known_error is not None:
        raise ProblemRefused(
            problem.number, f"already published as known error {problem.known_error}"
        )
    if problem.state == CLOSED:
        raise ProblemRefused(problem.number, "a closed problem is final")
    if not (problem.root_cause.strip() or problem.workaround.strip()):
        raise ProblemRefused(
            problem.number, "a known error needs a root cause or a workaround; record one first"
        )


def state_after_publishing(problem: Problem) -> ProblemState:
    """Publishing makes an open investigation a known error; a resolved problem stays resolved."""
    return KNOWN_ERROR if problem.state in (NEW, INVESTIGATING) else problem.state


def highest_priority(priorities: Iterable[Priority], default: Priority = Priority.P3) -> Priority:
    """The most urgent of the priorities (P1 beats P5), or `default` when there are none."""
    return min(priorities, key=lambda p: p.value, default=default)
