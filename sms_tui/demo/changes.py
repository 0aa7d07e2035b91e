"""Changes over the past two weeks and the coming three, with approvals that match their state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sms_tui.demo.catalogue import Offering
from sms_tui.demo.texts import fitting
from sms_tui.demo.vocabulary import Plan, plans
from sms_tui.demo.windows import payroll_freeze
from sms_tui.demo.world import DAY, Dated, World
from sms_tui.models import Change, ChangeState, ChangeType, Risk

S = ChangeState
FUTURE = (S.DRAFT, S.ASSESSMENT, S.AWAITING_APPROVAL, S.SCHEDULED)
APPROVED = (S.SCHEDULED, S.IMPLEMENTING, S.REVIEW, S.CLOSED)
_STATES = list(ChangeState)
# How common each state is, in ChangeState order: the large desk's year is mostly closed.
_WEIGHTS: dict[str, list[float]] = {
    "small": [6, 7, 10, 15, 3, 8, 35, 5, 6],
    "large": [2, 2, 3, 4, 0.3, 2, 80, 3, 3],
}
_LENGTH = {
    ChangeType.STANDARD: (30, 90),
    ChangeType.NORMAL: (60, 240),
    ChangeType.EMERGENCY: (30, 180),
}
_LEAD = {
    ChangeType.STANDARD: (DAY, 5 * DAY),
    ChangeType.NORMAL: (5 * DAY, 15 * DAY),
    ChangeType.EMERGENCY: (60, 480),
}
_OUTCOMES = ["successful"] * 8 + ["successful with issues", "failed - backed out"]
_REVIEWS = {
    "successful": "Implemented as planned, no incidents raised. Verified by the service owner.",
    "successful with issues": "Implemented; ran 40 min over the window. Lessons learned recorded.",
    "failed - backed out": "Post-checks failed (application errors); backed out per plan. Re-plan.",
}


@dataclass
class _Draft:
    """A change before numbering."""

    offer: Offering
    created: int
    start: int
    row: dict[str, Any]
    mark: str = ""


def changes(world: World) -> list[Change]:
    """Changes of each type in each state, plus the set pieces the demo shows off:
    two overlapping changes on one database, and one planned inside the payroll freeze."""
    rng = world.rng
    offers = [o for o in world.live if world.fp(o).nodes]
    weights = world.weights(offers)
    fits = {o.key: fitting(plans(), o, world.fp(o), boost=1) for o in offers}
    drafts = _set_pieces(world, {o.key: o for o in offers})
    mix = _WEIGHTS["large" if world.profile.large else "small"]
    for i in range(world.profile.changes - len(drafts)):
        offer = rng.choices(offers, weights)[0]
        if i < len(_STATES):
            # One normal change in every state first; then the usual mix of plans and states.
            state = _STATES[i]
            plan = rng.choice([p for p in fits[offer.key] if p.change_type == "normal"])
        else:
            state = rng.choices(_STATES, mix)[0]
            plan = rng.choice(fits[offer.key])
        kind = ChangeType(plan.change_type)
        drafts.append(_draft(world, offer, plan, state, kind, _start(world, state, kind)))
    out = []
    for n, draft in enumerate(sorted(drafts, key=lambda d: (d.created, d.start)), start=1):
        number = f"CHG-{n:05d}"
        state = draft.row["state"]
        if draft.mark:
            world.marks[draft.mark] = number
        if state in FUTURE[2:]:
            world.coming_changes.setdefault(draft.offer.key, []).append(number)
        if state == S.CLOSED:
            end = draft.row["planned_end"]
            world.past_changes.setdefault(draft.offer.key, Dated()).add(
                int((end - world.now).total_seconds() // 60), number
            )
        out.append(Change.model_validate({**draft.row, "number": number}))
    for dated in world.past_changes.values():
        dated.sort()
    return out


def _start(world: World, state: ChangeState, kind: ChangeType) -> int:
    """When a change in this state starts, in minutes from now, on an evening or weekend slot."""
    rng = world.rng
    if state == S.IMPLEMENTING:
        return -rng.randint(10, 120)
    if kind == ChangeType.EMERGENCY and state in FUTURE:
        return rng.randint(60, 2 * DAY)
    if state in FUTURE or state == S.REJECTED or (state == S.CANCELLED and rng.random() < 0.5):
        day = rng.randint(1, 21)
    elif state == S.REVIEW:
        day = -rng.randint(1, 3)
    else:
        past = world.profile.history_days if state == S.CLOSED and world.profile.large else 14
        day = -rng.randint(1, past)
    midnight = -(world.now.hour * 60 + world.now.minute)
    return midnight + day * DAY + rng.choice((19, 20, 21, 22)) * 60 + rng.choice((0, 30))


def _draft(
    world: World,
    offer: Offering,
    plan: Plan,
    state: ChangeState,
    kind: ChangeType,
    start: int,
    risk: Risk | None = None,
    fixed: tuple[dict[str, str], list[str]] | None = None,
) -> _Draft:
    rng, staff = world.rng, world.staff
    values, cis = fixed or world.filler.fill(offer, world.fp(offer), plan.slots, pool=plan.pool)
    low, high = _LENGTH[kind]
    end = start + rng.randint(low, high) // 15 * 15
    if state == S.IMPLEMENTING:
        end = max(end, rng.randint(30, 240))
    elif state == S.REVIEW:
        end = min(end, -30)
    low, high = _LEAD[kind]
    created = min(start - rng.randint(low, high), -5)
    risk = risk or Risk(plan.risk)
    team = staff.members[offer.group]
    requester, implementer = rng.choice(team), rng.choice(team)
    approvals, approved = _approvals(world, state, kind, risk, created, min(start, 0))
    row: dict[str, Any] = {
        "title": plan.title.format_map(values),
        "description": plan.description.format_map(values),
        "change_type": kind,
        "state": state,
        "risk": risk,
        "planned_start": world.at(start),
        "planned_end": world.at(end),
        "cis": cis or [world.fp(offer).business],
        "requester": requester,
        "implementer": None if state == S.DRAFT else implementer,
        "backout_plan": plan.backout.format_map(values),
        "test_plan": plan.test.format_map(values),
        "approvals": approvals,
    }
    if state == S.CLOSED:
        outcome = rng.choice(_OUTCOMES)
        row["review_outcome"], row["review_notes"] = outcome, _REVIEWS[outcome]
    last = max(created, approved)
    if state in (S.IMPLEMENTING, S.REVIEW, S.CLOSED):
        last = max(last, min(start, -1), min(end + rng.randint(30, 3 * DAY), -1))
    row["updated_at"] = world.at(min(last, -1))
    row["updated_by"] = implementer if state in APPROVED else requester
    return _Draft(offer, created, start, row)


_REJECTIONS = (
    "Rejected: backout plan not tested.",
    "Rejected: clashes with the freeze; re-plan after it.",
    "Rejected: business impact not assessed with the service owner.",
)


def _approvals(
    world: World,
    state: ChangeState,
    kind: ChangeType,
    risk: Risk,
    created: int,
    deadline: int,
) -> tuple[list[dict[str, Any]], int]:
    """Decisions that fit the state, made between creation and the start (or now), and when
    the last one was made."""
    rng, staff = world.rng, world.staff
    cab = [login for login in staff.cab if login not in staff.change_managers] or staff.cab
    if state == S.REJECTED:
        decisions = [(rng.choice(cab), "rejected", rng.choice(_REJECTIONS))]
    elif state in APPROVED or (state == S.CANCELLED and rng.random() < 0.5):
        if kind == ChangeType.STANDARD:
            return [], created  # pre-approved change model: no CAB needed
        if kind == ChangeType.EMERGENCY:
            decisions = [
                (staff.change_managers[0], "approved", "ECAB: approved to restore service.")
            ]
        else:
            first, second = rng.sample(cab, 2) if len(cab) > 1 else (cab[0], cab[0])
            decisions = [(first, "approved", "CAB: approved, implement in the agreed window.")]
            if risk == Risk.HIGH:
                note = "Approved as high risk: change manager on call during the window."
                decisions.append(
                    (staff.change_managers[0] if second == first else second, "approved", note)
                )
    else:
        return [], created
    out, at = [], created
    for approver, decision, comment in decisions:
        at = rng.randint(at + 1, deadline - 1) if deadline - 1 > at + 1 else at + 1
        out.append(
            {"approver": approver, "decision": decision, "comment": comment, "at": world.at(at)}
        )
    return out, at


def _plan(prefix: str) -> Plan:
    return next(p for p in plans() if p.title.startswith(prefix))


def _set_pieces(world: World, offers: dict[str, Offering]) -> list[_Draft]:
    """Two changes overlapping on one database, one inside the payroll freeze, and the fixes
    the open incidents wait for."""
    drafts: list[_Draft] = []
    rng = world.rng
    evening = -(world.now.hour * 60 + world.now.minute) + 3 * DAY + 19 * 60
    # The warehouse database: its Oracle patches stay clear of the payroll freeze.
    oracle = offers.get("wms") or offers["payroll"]
    patch, memory = _plan("Apply Oracle"), _plan("Increase memory")
    values, cis = world.filler.fill(oracle, world.fp(oracle), patch.slots | memory.slots)
    first = _draft(
        world, oracle, patch, S.SCHEDULED, ChangeType.NORMAL, evening, Risk.HIGH, (values, cis)
    )
    first.row["planned_end"] = world.at(evening + 180)
    second = _draft(
        world,
        oracle,
        memory,
        S.SCHEDULED,
        ChangeType.NORMAL,
        evening + 90,
        Risk.MEDIUM,
        (values, cis),
    )
    second.row["planned_end"] = world.at(evening + 150)
    drafts += [first, second]
    freeze, _ = payroll_freeze(world.now)
    # Inside the freeze when it falls in the coming three weeks; the last of them otherwise.
    inside = min(max(int((freeze - world.now).total_seconds() // 60) + DAY + 60, 120), 21 * DAY)
    deploy = _plan("Deploy")
    drafts.append(
        _draft(world, offers["payroll"], deploy, S.AWAITING_APPROVAL, ChangeType.NORMAL, inside)
    )
    if "shop" in offers:
        hotfix = _plan("Emergency hotfix")
        fix = _draft(
            world,
            offers["shop"],
            hotfix,
            S.IMPLEMENTING,
            ChangeType.EMERGENCY,
            -rng.randint(15, 40),
        )
        fix.mark = "major_fix"
        release = _draft(
            world, offers["shop"], deploy, S.SCHEDULED, ChangeType.NORMAL, evening + DAY
        )
        release.mark = "shop_fix"
        drafts += [fix, release]
    return drafts
