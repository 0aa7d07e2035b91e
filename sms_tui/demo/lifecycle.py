"""An incident's path through its states and when each step happened, in minutes after opening.

Durations are wall-clock and loosely follow priority; SLA clocks are for the SLA engine to
compute from the resulting history.
"""

from __future__ import annotations

from random import Random

from sms_tui.models import IncidentState, PendingReason, Priority

S = IncidentState
Step = tuple[int, IncidentState, PendingReason | None]

# (shortest, longest) minutes to first response and to resolution, per priority.
RESPOND = {"P1": (2, 15), "P2": (5, 40), "P3": (10, 180), "P4": (30, 720), "P5": (60, 1800)}
RESOLVE = {
    "P1": (45, 420),
    "P2": (90, 1200),
    "P3": (240, 5760),
    "P4": (600, 14400),
    "P5": (1440, 28800),
}
AUTO_CLOSE = 4320  # resolved incidents close after three days without a reply


def _draw(rng: Random, span: tuple[int, int]) -> int:
    # Squared: most tickets are quick, a few take far longer.
    low, high = span
    return low + int((high - low) * rng.random() ** 2)


def _between(rng: Random, low: int, high: int, count: int) -> list[int]:
    """`count` sorted distinct minutes strictly between low and high."""
    return sorted(rng.sample(range(low + 1, high), count)) if count else []


def _work(pending: PendingReason | None) -> list[tuple[IncidentState, PendingReason | None]]:
    if pending is None:
        return [(S.IN_PROGRESS, None)]
    return [(S.IN_PROGRESS, None), (S.PENDING, pending), (S.IN_PROGRESS, None)]


def finished(
    rng: Random,
    priority: Priority,
    *,
    closed: bool,
    pending: PendingReason | None = None,
    reopened: bool = False,
) -> list[Step]:
    """Steps of a resolved (or closed) incident, from opening (minute 0) to its last step."""
    respond = _draw(rng, RESPOND[priority])
    work = _work(pending)
    resolve = max(_draw(rng, RESOLVE[priority]), respond + len(work) + 2)
    times = [0, respond, *_between(rng, respond, resolve, len(work)), resolve]
    states = [(S.NEW, None), (S.ASSIGNED, None), *work, (S.RESOLVED, None)]
    steps = [(t, s, r) for t, (s, r) in zip(times, states, strict=True)]
    if reopened:
        back = resolve + rng.randint(60, 2000)
        again = back + _draw(rng, RESOLVE[priority])
        steps += [(back, S.IN_PROGRESS, None), (again, S.RESOLVED, None)]
    if closed:
        steps.append((steps[-1][0] + rng.randint(60, AUTO_CLOSE), S.CLOSED, None))
    return steps


def still_open(
    rng: Random,
    priority: Priority,
    state: IncidentState,
    age: int,
    *,
    pending: PendingReason | None = None,
    paused_before: PendingReason | None = None,
) -> list[Step]:
    """Steps of an incident opened `age` minutes ago and now in `state` (its last step)."""
    if state == S.NEW:
        return [(0, S.NEW, None)]
    work = _work(paused_before) if state != S.ASSIGNED else []
    if state == S.PENDING:
        work.append((S.PENDING, pending))
    respond = min(_draw(rng, RESPOND[priority]), max(1, age // 3))
    age = max(age, respond + len(work) + 1)
    times = [0, respond, *_between(rng, respond, age + 1, len(work))]
    states = [(S.NEW, None), (S.ASSIGNED, None), *work]
    return [(t, s, r) for t, (s, r) in zip(times, states, strict=True)]


def open_age(rng: Random, state: IncidentState, longest: int, priority: Priority) -> int:
    """How long ago an open incident was opened: new ones are recent, a few have lingered,
    and urgent ones are not left open for days."""
    if state == S.NEW:
        age = rng.randint(1, 240)
    else:
        roll = rng.random()
        if roll < 0.55:
            age = rng.randint(30, 1440)
        elif roll < 0.85:
            age = rng.randint(1440, 10080)
        else:
            age = rng.randint(10080, max(10081, min(43200, longest)))
    if priority in (Priority.P1, Priority.P2):
        age = min(age, _draw(rng, (10, 2 * RESOLVE[priority][1])))
    return age
