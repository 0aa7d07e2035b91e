"""A small, fixed problem desk for the UI tests, and a way to open it by hand.

    .venv/bin/python -m tests.snapshot_apps.problem_desk /tmp/problems.db

The test catalogue (services, CIs, seven open incidents), alice as problem manager, bob as a
plain operator, four problems in four states and one published known error.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from sms_tui.app import SmsApp, make_app
from sms_tui.config import AppConfig
from sms_tui.models import Operator, Priority, ProblemState, Role
from sms_tui.store import families, open_store, records
from sms_tui.store.incidents import get_incident
from sms_tui.store.problem_actions import problem_from_incidents, publish_known_error
from sms_tui.store.problems import create_problem, update_problem
from tests.snapshot_apps.catalogue_desk import NOW, OPERATOR, build_catalogue

PLAIN_OPERATOR = "bob"


def _versions(db: Database, *numbers: str) -> dict[str, int]:
    return {n: get_incident(db, n).version for n in numbers}


def build_problems(db: Database, now: datetime = NOW) -> None:
    """PRB-00001..4: investigating (2 e-mail incidents), known error with KE-00001 (payroll),
    resolved (VPN), new (2 web shop incidents). INC-000004..7 are the web shop's."""
    build_catalogue(db, now)
    for login, roles in (
        (OPERATOR, [Role.OPERATOR, Role.PROBLEM_MANAGER]),
        (PLAIN_OPERATOR, [Role.OPERATOR]),
    ):
        records.create(db, families.OPERATORS, Operator(login=login, roles=roles), OPERATOR, now)
    earlier = now - timedelta(days=2)
    mail = problem_from_incidents(
        db,
        _versions(db, "INC-000001", "INC-000002"),
        title="Mail queue stalls when san-prd-01 latency spikes",
        description="Outbound mail waits in the queue for up to an hour.",
        operator=OPERATOR,
        now=earlier,
    )
    update_problem(
        db,
        mail.number,
        mail.version,
        state=ProblemState.UNDER_INVESTIGATION,
        root_cause="Storage firmware 4.2 throttles the mail store volume under backup load.",
        assignee=OPERATOR,
        cis=["mx-prd-01", "san-prd-01"],
        operator=OPERATOR,
        now=earlier,
    )
    payroll = problem_from_incidents(
        db,
        _versions(db, "INC-000003"),
        title="Payroll batch waits on row locks in db-prd-03",
        description="The monthly pay run stops at 40 % until the lock clears.",
        priority=Priority.P1,
        operator=OPERATOR,
        now=earlier,
    )
    payroll = update_problem(
        db,
        payroll.number,
        payroll.version,
        root_cause="A missing index makes the batch lock the whole ledger table.",
        workaround="Restart the batch worker after 02:00, once the backup is done.",
        operator=OPERATOR,
        now=earlier,
    )
    publish_known_error(db, payroll.number, payroll.version, operator=OPERATOR, now=earlier)
    vpn = create_problem(
        db,
        title="VPN tunnels drop after gateway firmware 9.1",
        cis=["vpn-gw-01"],
        service="VPN remote access",
        operator=OPERATOR,
        now=earlier,
    )
    vpn = update_problem(
        db,
        vpn.number,
        vpn.version,
        root_cause="Keep-alive default changed in 9.1.",
        operator=OPERATOR,
        now=earlier,
    )
    update_problem(
        db, vpn.number, vpn.version, state=ProblemState.RESOLVED, operator=OPERATOR, now=now
    )
    problem_from_incidents(
        db,
        _versions(db, "INC-000004", "INC-000005"),
        title="Checkout slow at peak on shop-web-01",
        priority=Priority.P4,
        operator=OPERATOR,
        now=now,
    )


def ui_config(**changes: object) -> AppConfig:
    from tests.snapshot_apps.catalogue_desk import ui_config as catalogue_config

    return catalogue_config(**changes)


def main(path: str) -> None:
    db = open_store(path)
    if not db.execute("SELECT 1 FROM problems LIMIT 1").fetchone():
        build_problems(db, datetime.now(UTC))
    app: SmsApp = make_app(db, AppConfig(operator=OPERATOR, db_path=path))
    app.run()


if __name__ == "__main__":
    main(sys.argv[1])
