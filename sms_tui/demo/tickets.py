"""One incident at a time: its words, people, priority, history, notes and links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from random import Random
from typing import Any

from sms_tui.demo import lifecycle
from sms_tui.demo.catalogue import Offering
from sms_tui.demo.people import LINUX, SERVICE_DESK, WINDOWS
from sms_tui.demo.texts import callers
from sms_tui.demo.vocabulary import Ticket, notes, roughen
from sms_tui.demo.worknotes import resolution, work_notes
from sms_tui.demo.world import Weighted, World
from sms_tui.models import (
    IncidentState,
    Level,
    PendingReason,
    Priority,
    ResolutionCode,
    default_priority_matrix,
)

S, C = IncidentState, ResolutionCode
H, M, L = Level.HIGH, Level.MEDIUM, Level.LOW
MATRIX = {(r.impact, r.urgency): r.priority for r in default_priority_matrix()}
# Impact and urgency by how bad a ticket sounds.
_LEVELS = {
    "high": (Weighted([H, M, L], [30, 50, 20]), Weighted([H, M, L], [45, 40, 15])),
    "normal": (Weighted([H, M, L], [8, 45, 47]), Weighted([H, M, L], [12, 50, 38])),
    "low": (Weighted([M, L], [20, 80]), Weighted([H, M, L], [5, 35, 60])),
}
_CODES = Weighted(
    [C.FIXED, C.WORKAROUND, C.KNOWN_ERROR, C.NO_FAULT, C.USER_ERROR], [56, 12, 12, 10, 10]
)
_DEFAULT_WORDS = {"chg": "the change", "ke": "the known error", "vendor": "the vendor", "case": ""}


@dataclass
class Draft:
    """An incident before numbering: its row, when it opened (minutes from now), its parent."""

    opened: int
    row: dict[str, Any]
    parent: Draft | None = None
    number: str = ""


def levels(rng: Random, severity: str) -> tuple[Level, Level]:
    impact, urgency = _LEVELS[severity]
    return impact.pick(rng), urgency.pick(rng)


def priority_levels(priority: Priority) -> tuple[Level, Level]:
    """An impact and urgency pair the matrix maps to `priority`."""
    return next(cell for cell, p in MATRIX.items() if p == priority)


def draft(
    world: World,
    offer: Offering,
    ticket: Ticket,
    steps: list[lifecycle.Step],
    age: int,
    *,
    impact: Level,
    urgency: Level,
    code: ResolutionCode | None = None,
    major: bool = False,
    team: tuple[str, str] | None = None,
) -> Draft:
    """An incident following `steps`, opened `age` minutes ago (or earlier, if the steps
    need longer): its last step is never after now."""
    rng, staff = world.rng, world.staff
    fp = world.fp(offer)
    machine = bool(ticket.caller)
    who = rng.choice(callers())
    values, cis = world.filler.fill(offer, fp, ticket.slots, who, ticket.pool)
    title, body = ticket.title.format_map(values), ticket.body.format_map(values)
    if not machine:
        title = roughen(title, rng) if rng.random() < 0.35 else title
        body = roughen(body, rng) if rng.random() < 0.3 else body
    group = ticket.group or offer.group
    if group == "by_os":
        group = WINDOWS if values["vm"] in world.reg.windows else LINUX
    opener = rng.choice(staff.members[SERVICE_DESK])
    group, assignee = team or (group, rng.choice(staff.members[group]))
    opened = -max(age, steps[-1][0])
    # One datetime per step, shared by the history, the notes and the timestamps.
    stamps = [world.at(opened + t) for t, _, _ in steps]
    state = steps[-1][1]
    cis = cis or [fp.apps[0] if fp.apps else fp.business]
    row: dict[str, Any] = {
        "title": title,
        "description": body,
        "caller": f"{ticket.caller} (monitoring)" if machine else who.name,
        "service": offer.name,
        "cis": cis,
        "impact": impact,
        "urgency": urgency,
        "priority": MATRIX[(impact, urgency)],
        "state": state,
        "pending_reason": steps[-1][2],
        "assignment_group": "" if state == S.NEW else group,
        "assignee": None if state == S.NEW else assignee,
        "major": major,
        "opened_at": stamps[0],
        "responded_at": stamps[1] if len(steps) > 1 else None,
        "history": _history(steps, stamps, opener, assignee),
    }
    words = {**_DEFAULT_WORDS, "ci": cis[0], "first": ticket.caller if machine else who.first}
    words.update(group=group, svc=offer.name, parent="{parent}")
    finished = state in (S.RESOLVED, S.CLOSED)
    if finished and code is None:
        code = _CODES.pick(rng)
        code = C.FIXED if code == C.USER_ERROR and machine else code
    code = _link(world, offer, row, words, steps, opened, code)
    row["work_notes"] = work_notes(
        rng, steps, stamps, words, (opener, assignee), _hand_over(major, machine, group), world.now
    )
    if finished and code is not None:
        last = max(i for i, (_, s, _) in enumerate(steps) if s == S.RESOLVED)
        row["resolved_at"] = stamps[last]
        row["resolution_code"] = code
        row["resolution_note"] = resolution(rng, code, ticket, values, words)
    if state == S.CLOSED:
        row["closed_at"] = stamps[-1]
    last_note = max((n["at"] for n in row["work_notes"]), default=stamps[0])
    if last_note > stamps[-1]:
        row.update(updated_at=last_note, updated_by=assignee)
    else:
        row.update(updated_at=stamps[-1], updated_by=row["history"][-1]["operator"])
    return Draft(opened, row)


def _hand_over(major: bool, machine: bool, group: str) -> str:
    """Which first note the desk writes when it hands the incident over (see worknotes)."""
    if major:
        return "major"
    if machine:
        return "machine"
    return "desk" if group == SERVICE_DESK else "triage"


def _history(
    steps: list[lifecycle.Step], stamps: list[datetime], opener: str, assignee: str
) -> list[dict[str, Any]]:
    out = []
    resolved = False
    for (_, state, reason), at in zip(steps, stamps, strict=True):
        # The desk logs, assigns and reopens (on the caller's behalf); the assignee works.
        desk = state in (S.NEW, S.ASSIGNED) or (state == S.IN_PROGRESS and resolved)
        resolved = resolved or state == S.RESOLVED
        out.append(
            {"at": at, "state": state, "reason": reason, "operator": opener if desk else assignee}
        )
    return out


def _link(
    world: World,
    offer: Offering,
    row: dict[str, Any],
    words: dict[str, str],
    steps: list[lifecycle.Step],
    opened: int,
    code: ResolutionCode | None,
) -> ResolutionCode | None:
    """Point the incident at problems, known errors and changes; returns the resolution code,
    a workaround instead of a known error when none was published in time."""
    rng, key = world.rng, offer.key
    last = opened + steps[-1][0]
    problems: list[str] = []
    errors: list[str] = []
    changes: list[str] = []
    if key in world.problems and rng.random() < 0.07:
        problems += filter(None, [world.problems[key].before(rng, last)])
    if code == C.KNOWN_ERROR or (code is None and rng.random() < 0.04):
        number = world.known_errors[key].before(rng, last) if key in world.known_errors else None
        if number:
            errors.append(number)
            words["ke"] = number
        elif code == C.KNOWN_ERROR:
            code = C.WORKAROUND
    reasons = {r for _, _, r in steps}
    if PendingReason.CHANGE in reasons:
        coming = world.coming_changes.get(key) or [
            n for numbers in world.coming_changes.values() for n in numbers
        ]
        changes.append(coming[rng.randrange(len(coming))])
        words["chg"] = changes[0]
    elif key in world.past_changes and rng.random() < 0.03:
        changes += filter(None, [world.past_changes[key].before(rng, opened)])
    if PendingReason.VENDOR in reasons:
        vendor, case = rng.choice(notes()["vendors"][words["group"]])
        words.update(vendor=vendor, case=case.format(n6=rng.randrange(100_000, 999_999)))
    row.update(problems=problems, known_errors=errors, changes=changes)
    return code
