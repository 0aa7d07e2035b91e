"""All the incidents of a demo desk: set pieces, then the everyday flow, numbered by opening."""

from __future__ import annotations

from sms_tui.demo import lifecycle
from sms_tui.demo.catalogue import Offering
from sms_tui.demo.scenarios import follow, set_pieces
from sms_tui.demo.texts import fitting
from sms_tui.demo.tickets import MATRIX, Draft, draft, levels
from sms_tui.demo.vocabulary import Ticket, tickets
from sms_tui.demo.world import DAY, Weighted, World
from sms_tui.models import Incident, IncidentState, PendingReason, Priority

S, R = IncidentState, PendingReason
OPEN = Weighted([S.NEW, S.ASSIGNED, S.IN_PROGRESS, S.PENDING], [15, 25, 35, 25])
REASONS = Weighted([R.CALLER, R.VENDOR, R.CHANGE], [50, 30, 20])
PAUSES = {
    True: Weighted([None, R.VENDOR], [90, 10]),  # monitoring raised it: nobody to ask
    False: Weighted([None, R.CALLER, R.VENDOR], [75, 15, 10]),
}


def incidents(world: World) -> list[Incident]:
    """`profile.incidents` incidents over the history, the open share still in the queue."""
    rng, profile = world.rng, world.profile
    drafts = set_pieces(world)
    offers = [o for o in world.live if world.fp(o).nodes]
    fits = {o.key: fitting(tickets(), o, world.fp(o)) for o in offers}
    services = Weighted(offers, world.weights(offers))
    recent = min(0.08, 3 / profile.history_days)  # resolved, not yet closed: the last 3 days
    majors = profile.majors
    while len(drafts) < profile.incidents:
        offer = services.pick(rng)
        ticket = rng.choice(fits[offer.key])
        roll = rng.random()
        if roll < profile.open_share:
            drafts.append(_queued(world, offer, ticket))
            continue
        closed = roll >= profile.open_share + recent
        incident = _done(world, offer, ticket, closed, majors > 0)
        drafts.append(incident)
        if incident.row["major"]:
            majors -= 1
            room = profile.incidents - len(drafts)
            drafts += follow(world, offer, incident, min(rng.randint(2, 4), room))
    return _numbered(drafts)


def _queued(world: World, offer: Offering, ticket: Ticket) -> Draft:
    """An incident still open now, in any open state."""
    rng = world.rng
    impact, urgency = levels(rng, ticket.severity)
    priority = MATRIX[(impact, urgency)]
    state = OPEN.pick(rng)
    reason = REASONS.pick(rng) if state == S.PENDING else None
    if reason == R.CHANGE and not any(world.coming_changes.values()):
        reason = R.CALLER
    if reason == R.CALLER and ticket.caller:
        reason = R.VENDOR  # nobody to ask when monitoring raised it
    earlier = (
        R.CALLER if state == S.IN_PROGRESS and not ticket.caller and rng.random() < 0.2 else None
    )
    age = lifecycle.open_age(rng, state, world.profile.history_days * DAY, priority)
    steps = lifecycle.still_open(rng, priority, state, age, pending=reason, paused_before=earlier)
    return draft(world, offer, ticket, steps, age, impact=impact, urgency=urgency)


def _done(world: World, offer: Offering, ticket: Ticket, closed: bool, majors_left: bool) -> Draft:
    """A resolved incident: closed at any time in the history, or resolved in the last 3 days."""
    rng = world.rng
    impact, urgency = levels(rng, ticket.severity)
    priority = MATRIX[(impact, urgency)]
    paused = PAUSES[bool(ticket.caller)].pick(rng)
    steps = lifecycle.finished(
        rng, priority, closed=closed, pending=paused, reopened=rng.random() < 0.03
    )
    last = steps[-1][0]
    if closed:
        end = -rng.randint(1, max(2, world.profile.history_days * DAY - last))
    else:
        end = -rng.randint(5, lifecycle.AUTO_CLOSE - 60)
    major = closed and priority == Priority.P1 and majors_left
    return draft(
        world, offer, ticket, steps, last - end, impact=impact, urgency=urgency, major=major
    )


def _numbered(drafts: list[Draft]) -> list[Incident]:
    """Number by opening time, then fill in parents now that they have numbers."""
    ordered = sorted(enumerate(drafts), key=lambda pair: (pair[1].opened, pair[0]))
    for n, (_, item) in enumerate(ordered, start=1):
        item.number = f"INC-{n:06d}"
    out = []
    for _, item in ordered:
        row = item.row
        row["number"] = item.number
        if item.parent is not None:
            parent = item.parent.number
            row["parent"] = parent
            row["resolution_note"] = row.get("resolution_note", "").replace("{parent}", parent)
            for note in row["work_notes"]:
                note["text"] = note["text"].replace("{parent}", parent)
        out.append(Incident.model_validate(row))
    return out
