"""Set pieces: open incidents placed so every SLA clock condition shows, and major incidents
with the callers' child tickets linked to them."""

from __future__ import annotations

from sms_tui.demo import lifecycle
from sms_tui.demo.catalogue import Offering, targets
from sms_tui.demo.tickets import Draft, draft, priority_levels
from sms_tui.demo.vocabulary import Ticket, children, tickets
from sms_tui.demo.world import World
from sms_tui.models import IncidentState, Level, PendingReason, Priority, ResolutionCode

S, P, R = IncidentState, Priority, PendingReason

# (service key, priority, state, age, pending reason). A float age is a share of the
# resolve target (all these services run 24x7, so wall time is business time); an int
# age is in minutes.
PIECES: tuple[tuple[str, Priority, IncidentState, float | int, PendingReason | None], ...] = (
    ("mail", P.P3, S.NEW, 3, None),  # fresh
    ("vpn", P.P4, S.NEW, 7, None),
    ("sso", P.P3, S.NEW, 12, None),
    ("mail", P.P2, S.IN_PROGRESS, 0.88, None),  # near breach
    ("vpn", P.P3, S.ASSIGNED, 0.8, None),
    ("sso", P.P2, S.IN_PROGRESS, 1.9, None),  # breached
    ("phone", P.P3, S.IN_PROGRESS, 1.4, None),
    ("mon", P.P4, S.ASSIGNED, 1.25, None),
    ("mail", P.P3, S.NEW, 205, None),  # response overdue, resolution not yet
    ("mail", P.P3, S.PENDING, 300, R.CALLER),  # paused
    ("vpn", P.P2, S.PENDING, 420, R.VENDOR),
    ("shop", P.P3, S.PENDING, 1500, R.CHANGE),
)


def _own(key: str, title: str = "") -> list[Ticket]:
    """A service's own tickets written by people (not monitoring), by title prefix."""
    return [
        t for t in tickets() if key in t.services and not t.caller and t.title.startswith(title)
    ]


def set_pieces(world: World) -> list[Draft]:
    """The SLA showcase and the ongoing major incident on the web shop, with its children."""
    rng = world.rng
    offers = {o.key: o for o in world.offers}
    out = []
    for key, priority, state, age, reason in PIECES:
        offer = offers[key]
        minutes = (
            round(targets(offer.criticality, offer.calendar)[priority][1] * age)
            if isinstance(age, float)
            else age
        )
        steps = lifecycle.still_open(rng, priority, state, minutes, pending=reason)
        own = _own(key)
        severe = [t for t in own if t.severity == "high"]
        ticket = rng.choice(severe if priority in (P.P1, P.P2) and severe else own)
        impact, urgency = priority_levels(priority)
        out.append(draft(world, offer, ticket, steps, minutes, impact=impact, urgency=urgency))
    shop = offers["shop"]
    resolve = targets(shop.criticality, shop.calendar)[P.P1][1]
    age = round(resolve * 0.83)
    steps = lifecycle.still_open(rng, P.P1, S.IN_PROGRESS, age)
    impact, urgency = priority_levels(P.P1)
    ticket = _own("shop", "Web shop checkout")[0]
    major = draft(world, shop, ticket, steps, age, impact=impact, urgency=urgency, major=True)
    if "major_fix" in world.marks:
        major.row["changes"] = [*major.row["changes"], world.marks["major_fix"]]
    out.append(major)
    out += follow(world, shop, major, 3)
    return out


def follow(world: World, offer: Offering, parent: Draft, count: int) -> list[Draft]:
    """Callers' tickets about a major incident: opened after it, handled by its team, and
    resolved as duplicates when it is."""
    rng = world.rng
    row = parent.row
    history = row["history"]
    team = (row["assignment_group"], row["assignee"])
    end = -parent.opened  # minutes from the parent's opening to now
    resolved = next((h for h in history if h["state"] == S.RESOLVED), None)
    out = []
    for _ in range(count):
        ticket = rng.choice(children())
        if resolved is None:
            # Still open: the child is somewhere between logged and being worked on.
            delay = rng.randint(5, max(6, end - 10))
            state = rng.choice((S.NEW, S.ASSIGNED, S.IN_PROGRESS))
            steps = lifecycle.still_open(rng, P.P2, state, end - delay)
            code = None
        else:
            done = round((resolved["at"] - row["opened_at"]).total_seconds() / 60)
            delay = rng.randint(2, max(3, min(60, done - 3)))
            steps = [
                (0, S.NEW, None),
                (rng.randint(1, max(1, done - delay - 1)), S.ASSIGNED, None),
                (max(2, done - delay), S.RESOLVED, None),
            ]
            if row["state"] == S.CLOSED:
                closed = round((row["closed_at"] - row["opened_at"]).total_seconds() / 60)
                steps.append((max(3, closed - delay), S.CLOSED, None))
            code = ResolutionCode.DUPLICATE
        child = draft(
            world,
            offer,
            ticket,
            steps,
            -(parent.opened + delay),
            impact=Level.MEDIUM,
            urgency=Level.HIGH,
            code=code,
            team=team,
        )
        child.parent = parent
        out.append(child)
    return out
