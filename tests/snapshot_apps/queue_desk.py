"""A small, fixed incident queue for the UI tests, with every kind of SLA clock on it.

At NOW (Monday 2026-11-23 10:30 UTC) the resolution clocks read: seconds from breach, in
warning, breached, paused, breached while paused, running far from breach, met, breached
when resolved, and no target at all. Open it by hand with

    .venv/bin/python -m tests.snapshot_apps.queue_desk /tmp/queue-desk.db

which writes the desk (if the file is new) and runs the app on it at the fixed NOW.
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from sms_tui.app import make_app
from sms_tui.models import (
    ConfigurationItem,
    Desk,
    Environment,
    Incident,
    IncidentState,
    Level,
    Operator,
    PendingReason,
    Priority,
    ResolutionCode,
    StateChange,
)
from sms_tui.store import open_store
from sms_tui.store.desk import write_desk
from tests.snapshot_apps.catalogue_desk import CALENDARS, CIS, NOW, SERVICES, ui_config

__all__ = ["EXPECTED_COUNTS", "NOW", "build_queue", "queue_desk", "ui_config"]

OPERATOR = "alice"
S = IncidentState
LEVELS = {
    Priority.P1: (Level.HIGH, Level.HIGH),
    Priority.P2: (Level.HIGH, Level.MEDIUM),
    Priority.P3: (Level.MEDIUM, Level.MEDIUM),
    Priority.P4: (Level.MEDIUM, Level.LOW),
    Priority.P5: (Level.LOW, Level.LOW),
}


def ago(minutes: float) -> datetime:
    return NOW - timedelta(minutes=minutes)


def incident(
    number: int,
    title: str,
    priority: Priority,
    opened: float,
    steps: list[tuple[float, IncidentState, str]],
    **fields: Any,
) -> Incident:
    """An incident opened `opened` minutes before NOW; each step is (minutes ago, state, by)."""
    impact, urgency = LEVELS[priority]
    history = [StateChange(at=ago(opened), state=S.NEW, operator="desk")]
    for minutes, state, by in steps:
        reason = fields.get("pending_reason") if state == S.PENDING else None
        history.append(StateChange(at=ago(minutes), state=state, reason=reason, operator=by))
    responded = next((ago(m) for m, state, _ in steps if state != S.PENDING), None)
    resolved = next((ago(m) for m, state, _ in steps if state == S.RESOLVED), None)
    state = steps[-1][1] if steps else S.NEW
    return Incident(
        number=f"INC-{number:06d}",
        title=title,
        caller=fields.pop("caller", "Dana Reyes"),
        impact=impact,
        urgency=urgency,
        priority=priority,
        state=state,
        opened_at=ago(opened),
        responded_at=responded,
        resolved_at=resolved,
        history=history,
        **fields,
    )


def incidents() -> list[Incident]:
    """Fourteen incidents; the clock each shows at NOW is in the comment."""
    fixed = ResolutionCode.FIXED
    return [
        # ~ 4m 30s: a P1 with 60 minutes to resolve, 55.5 of them gone.
        incident(101, "Web shop checkout returns HTTP 500", Priority.P1, 55.5,
                 [(53, S.ASSIGNED, "bob"), (50, S.IN_PROGRESS, "bob")],
                 service="Web shop", cis=["shop-web-01"], assignee="bob", major=True),
        # ! 2h ago: 8 hours to resolve, 10 gone.
        incident(102, "VPN gateway drops sessions every 10 minutes", Priority.P2, 600,
                 [(590, S.ASSIGNED, "carol")],
                 service="VPN remote access", cis=["vpn-gw-01"], assignee="carol"),
        # ~ 1h 45m: 78% of 8 hours gone.
        incident(103, "Mail to external domains queued on mx-prd-01", Priority.P2, 375,
                 [(370, S.ASSIGNED, "alice"), (360, S.IN_PROGRESS, "alice")],
                 service="E-mail", cis=["mx-prd-01"], assignee="alice",
                 caller="mx-prd-01 (monitoring)"),
        # 19h 30m: office hours in Paris, 30 business minutes of 20 hours gone.
        incident(104, "Payslips show last month's tax code", Priority.P3, 30, [],
                 service="Payroll", cis=["payroll-api"]),
        # paused: waiting on the caller.
        incident(105, "Calendar invites arrive twice", Priority.P4, 180,
                 [(175, S.ASSIGNED, "alice"), (60, S.PENDING, "alice")],
                 service="E-mail", assignee="alice", pending_reason=PendingReason.CALLER),
        # -: the intranet promises nothing for a P5.
        incident(106, "Intranet news page shows yesterday's items", Priority.P5, 240,
                 [(200, S.ASSIGNED, "dave")],
                 service="Intranet", assignee="dave"),
        # -: no service, a CI only.
        incident(107, "san-prd-01 controller battery warning", Priority.P4, 15, [],
                 cis=["san-prd-01"], caller="san-prd-01 (monitoring)"),
        # met: resolved in 4 of 16 hours.
        incident(108, "Order confirmation e-mails delayed", Priority.P3, 1200,
                 [(1190, S.ASSIGNED, "bob"), (960, S.RESOLVED, "bob")],
                 service="Web shop", assignee="bob", resolution_code=fixed),
        # ! breached: resolved after 8 of 4 hours.
        incident(109, "Shop search returns no results", Priority.P2, 600,
                 [(590, S.ASSIGNED, "bob"), (120, S.RESOLVED, "bob")],
                 service="Web shop", assignee="bob", resolution_code=fixed),
        # ! paused: breached, then put on hold waiting on the vendor.
        incident(110, "Shared mailbox for Finance is read-only", Priority.P2, 1800,
                 [(1790, S.ASSIGNED, "bob"), (60, S.PENDING, "bob")],
                 service="E-mail", assignee="bob", pending_reason=PendingReason.VENDOR),
        # 2h 00m: a P1 in office hours, half of 4 business hours gone.
        incident(111, "Payroll API timeouts during the monthly run", Priority.P1, 120,
                 [(115, S.ASSIGNED, "alice"), (110, S.IN_PROGRESS, "alice")],
                 service="Payroll", cis=["payroll-api", "db-prd-03"], assignee="alice",
                 major=True),
        # 23h 55m
        incident(112, "Outlook asks for the password again and again", Priority.P3, 5, [],
                 service="E-mail", caller="Sam Ortiz"),
        # Closed: in no view.
        incident(113, "Printer on floor 2 jams", Priority.P4, 5000,
                 [(4990, S.ASSIGNED, "dave"), (4000, S.RESOLVED, "dave"),
                  (1000, S.CLOSED, "dave")],
                 service="Intranet", assignee="dave", resolution_code=fixed),
        # 3h 00m
        incident(114, "Web shop product images missing", Priority.P2, 60,
                 [(58, S.ASSIGNED, "bob")],
                 service="Web shop", cis=["shop-web-01"], assignee="bob"),
    ]  # fmt: skip


def queue_desk() -> Desk:
    """The catalogue's calendars, CIs and services, four operators, and the incidents."""
    return Desk(
        operators=[
            Operator(login=login, display_name=name, groups=["Service Desk"])
            for login, name in (
                ("alice", "Alice Martin"),
                ("bob", "Bob Chen"),
                ("carol", "Carol Diaz"),
                ("dave", "Dave Kim"),
            )
        ],
        calendars=list(CALENDARS),
        cis=[
            ConfigurationItem(name=name, ci_class=kind, environment=Environment.PRODUCTION)
            for name, kind in CIS
        ],
        services=list(SERVICES),
        incidents=incidents(),
    )


def build_queue(db: Database) -> None:
    """Write the queue desk into an empty store."""
    write_desk(db, queue_desk(), OPERATOR, NOW)


EXPECTED_COUNTS = {
    "mine": 3,
    "unassigned": 3,
    "breaching": 2,
    "major": 6,
    "pending": 2,
    "open": 11,
    "resolved": 2,
}
"""How many incidents each view holds at NOW, for alice."""


def main(path: str) -> None:
    db = open_store(path)
    if not db.execute("SELECT 1 FROM incidents LIMIT 1").fetchone():
        build_queue(db)
    make_app(db, ui_config(db_path=path)).run()


if __name__ == "__main__":
    main(sys.argv[1])
