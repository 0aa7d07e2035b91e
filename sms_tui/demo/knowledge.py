"""Problems and the known-error database: causes found on the services' CIs, over time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sms_tui.demo.catalogue import Offering
from sms_tui.demo.texts import fitting
from sms_tui.demo.vocabulary import Cause, causes
from sms_tui.demo.world import DAY, Dated, World
from sms_tui.models import KnownError, Priority, Problem, ProblemState

_STATES = list(ProblemState)
_STATE_WEIGHTS = [15, 25, 25, 15, 20]
_PRIORITIES = [Priority.P1, Priority.P2, Priority.P3, Priority.P4]
_PRIORITY_WEIGHTS = [5, 20, 50, 25]


@dataclass
class _Draft:
    """A problem or known error before numbering; `time` orders the numbers."""

    offer: Offering
    time: int
    row: dict[str, Any]
    known_error: _Draft | None = None
    problem: _Draft | None = None
    number: str = ""
    published: int = 0
    """When the problem's known error was published, for problems that reached that state."""


def knowledge(world: World) -> tuple[list[Problem], list[KnownError]]:
    """Problems in every state, known errors published from them, and standalone known errors."""
    rng, profile = world.rng, world.profile
    offers = world.live
    weights = world.weights(offers)
    span = profile.history_days * DAY
    fitting_causes = {o.key: fitting(causes(), o, world.fp(o)) for o in offers}
    problems: list[_Draft] = []
    errors: list[_Draft] = []
    for i in range(profile.problems):
        offer = rng.choices(offers, weights)[0]
        cause = rng.choice(fitting_causes[offer.key])
        # The first few cover every state; the rest follow the usual mix.
        state = _STATES[i] if i < len(_STATES) else rng.choices(_STATES, _STATE_WEIGHTS)[0]
        texts, cis = _texts(world, offer, cause)
        problem = _problem(world, offer, state, texts, cis, span)
        problems.append(problem)
        if state not in (ProblemState.NEW, ProblemState.UNDER_INVESTIGATION):
            error = _known_error(world, offer, texts, cis, problem.published, problem)
            error.row["solution"] = texts["solution"] if state != ProblemState.KNOWN_ERROR else ""
            problem.known_error, error.problem = error, problem
            errors.append(error)
    while len(errors) < profile.known_errors:
        offer = rng.choices(offers, weights)[0]
        texts, cis = _texts(world, offer, rng.choice(fitting_causes[offer.key]))
        errors.append(_known_error(world, offer, texts, cis, -rng.randint(60, span), None))
    _number(problems, "PRB")
    _number(errors, "KE")
    return _problems(world, problems), _errors(world, errors)


def _texts(world: World, offer: Offering, cause: Cause) -> tuple[dict[str, str], list[str]]:
    values, cis = world.filler.fill(offer, world.fp(offer), cause.slots)
    texts = {
        name: getattr(cause, name).format_map(values)
        for name in ("title", "symptom", "root_cause", "workaround", "solution")
    }
    return texts, cis or [world.fp(offer).business]


def _problem(
    world: World,
    offer: Offering,
    state: ProblemState,
    texts: dict[str, str],
    cis: list[str],
    span: int,
) -> _Draft:
    rng = world.rng
    young = state in (ProblemState.NEW, ProblemState.UNDER_INVESTIGATION)
    oldest = min(span, 10 * DAY if state == ProblemState.NEW else 60 * DAY) if young else span
    opened = -rng.randint(min(DAY, oldest // 2), oldest)
    group = world.staff.members[offer.group]
    assignee = (
        rng.choice(world.staff.problem_managers + group) if state != ProblemState.NEW else None
    )
    row: dict[str, Any] = {
        "title": texts["title"],
        "description": f"{texts['symptom']} Recurring on {', '.join(cis[:3])}.",
        "state": state,
        "priority": rng.choices(_PRIORITIES, _PRIORITY_WEIGHTS)[0],
        "service": offer.name,
        "cis": cis,
        "assignee": assignee,
        "root_cause": "",
        "workaround": "",
        "opened_at": world.at(opened),
        "resolved_at": None,
    }
    draft = _Draft(offer, opened, row)
    last = opened + rng.randint(30, 600)
    if state == ProblemState.UNDER_INVESTIGATION:
        row["root_cause"] = f"Suspected, not confirmed yet: {texts['root_cause']}"
        row["workaround"] = texts["workaround"] if rng.random() < 0.5 else ""
    elif not young:
        row["root_cause"], row["workaround"] = texts["root_cause"], texts["workaround"]
        published = _between(rng, opened, -60)
        draft.published = published
        last = published
        if state in (ProblemState.RESOLVED, ProblemState.CLOSED):
            last = _between(rng, published, -30)
            row["resolved_at"] = world.at(last)
    row["updated_at"] = world.at(min(last, -5))
    row["updated_by"] = assignee or rng.choice(world.staff.problem_managers)
    return draft


def _between(rng: Any, start: int, end: int) -> int:
    """A minute after `start`, at most `end` (or just after start when there is no room)."""
    return rng.randint(start + 1, end) if end > start + 1 else start + 1


def _known_error(
    world: World,
    offer: Offering,
    texts: dict[str, str],
    cis: list[str],
    published: int,
    problem: _Draft | None,
) -> _Draft:
    author = world.rng.choice(world.staff.members[offer.group] + world.staff.problem_managers)
    row: dict[str, Any] = {
        "title": texts["title"],
        "symptom": texts["symptom"],
        "root_cause": texts["root_cause"],
        "workaround": texts["workaround"],
        "solution": texts["solution"] if problem is None else "",
        "cis": cis,
        "published_at": world.at(published),
        "author": author,
        "updated_at": world.at(published),
        "updated_by": author,
    }
    return _Draft(offer, published, row)


def _number(drafts: list[_Draft], prefix: str) -> None:
    for i, draft in enumerate(sorted(drafts, key=lambda d: d.time), start=1):
        draft.number = f"{prefix}-{i:05d}"


def _problems(world: World, drafts: list[_Draft]) -> list[Problem]:
    out = []
    for draft in sorted(drafts, key=lambda d: d.number):
        known = draft.known_error.number if draft.known_error else None
        row = {**draft.row, "number": draft.number, "known_error": known}
        world.problems.setdefault(draft.offer.key, Dated()).add(draft.time, draft.number)
        out.append(Problem.model_validate(row))
    return out


def _errors(world: World, drafts: list[_Draft]) -> list[KnownError]:
    out = []
    for draft in sorted(drafts, key=lambda d: d.number):
        problem = draft.problem.number if draft.problem else None
        row = {**draft.row, "number": draft.number, "problem": problem}
        world.known_errors.setdefault(draft.offer.key, Dated()).add(draft.time, draft.number)
        out.append(KnownError.model_validate(row))
    return out
