"""A small, fixed CMDB for the store, CLI and UI tests, and a way to open it by hand.

    .venv/bin/python -m tests.snapshot_apps.cmdb_desk /tmp/cmdb.db

Read "a -> b" as "a needs b". svc-pay -> payroll-api -> db-prd-03 -> cl-db (a cluster up
while 1 of its 2 hosts is) -> esx-01 / esx-02 -> san-01 / san-02; payroll-api -> auth-api ->
payroll-api is a cycle; core-sw-01 is connected to esx-01. Two CIs have hostile names.
"""

from __future__ import annotations

import sys
from datetime import timedelta

from sqlite_utils import Database

from sms_tui.models import (
    BusinessCalendar,
    CiClass,
    ConfigurationItem,
    Criticality,
    Desk,
    Environment,
    Incident,
    KnownError,
    Operator,
    Relationship,
    RelationshipKind,
    Role,
    Service,
)
from sms_tui.store import open_store
from sms_tui.store.desk import write_desk
from tests.snapshot_apps.catalogue_desk import NOW, OPERATOR, ui_config

DEP, RUNS, LINK = (
    RelationshipKind.DEPENDS_ON,
    RelationshipKind.RUNS_ON,
    RelationshipKind.CONNECTED_TO,
)
HOSTILE_NAME = "\u001b[31mred via raw SGR\u001b[0m"
MARKUP_NAME = "[bold]$x[/bold] and \\[escaped]"
HOSTILE_VALUE = "\u009d0;osc via C1\u009c [link=x]y[/link]"
PLAIN = "bob"
"""An operator without the cmdb_manager role."""

CIS = [
    ("svc-pay", CiClass.BUSINESS_SERVICE, Environment.PRODUCTION, {}),
    ("payroll-api", CiClass.APPLICATION, Environment.PRODUCTION, {"url": "https://pay.example"}),
    ("payroll-api-stg", CiClass.APPLICATION, Environment.STAGING, {}),
    ("auth-api", CiClass.APPLICATION, Environment.PRODUCTION, {}),
    ("db-prd-03", CiClass.DATABASE, Environment.PRODUCTION, {"engine": "PostgreSQL 16"}),
    ("db-prd-04", CiClass.DATABASE, Environment.PRODUCTION, {}),
    ("cl-db", CiClass.CLUSTER, Environment.PRODUCTION, {"min_members_up": "1"}),
    ("esx-01", CiClass.SERVER, Environment.PRODUCTION, {}),
    ("esx-02", CiClass.SERVER, Environment.PRODUCTION, {}),
    ("san-01", CiClass.STORAGE, Environment.PRODUCTION, {}),
    ("san-02", CiClass.STORAGE, Environment.PRODUCTION, {}),
    ("core-sw-01", CiClass.NETWORK_DEVICE, Environment.PRODUCTION, {}),
    ("vm-pay-01", CiClass.VM, Environment.PRODUCTION, {}),
    (HOSTILE_NAME, CiClass.APPLICATION, Environment.TEST, {"note": HOSTILE_VALUE}),
    (MARKUP_NAME, CiClass.VM, Environment.TEST, {MARKUP_NAME: HOSTILE_VALUE}),
]

EDGES = [
    ("svc-pay", DEP, "payroll-api"),
    ("payroll-api", DEP, "db-prd-03"),
    ("payroll-api", RUNS, "vm-pay-01"),
    ("payroll-api", DEP, "auth-api"),
    ("auth-api", DEP, "payroll-api"),
    ("db-prd-03", RUNS, "cl-db"),
    ("cl-db", DEP, "esx-01"),
    ("cl-db", DEP, "esx-02"),
    ("esx-01", DEP, "san-01"),
    ("esx-02", DEP, "san-02"),
    ("vm-pay-01", RUNS, "esx-01"),
    ("core-sw-01", LINK, "esx-01"),
    (HOSTILE_NAME, DEP, "db-prd-03"),
    (MARKUP_NAME, RUNS, "esx-02"),
]


def cmdb_desk() -> Desk:
    """alice may edit the CMDB, bob may not; one service, two open incidents, a known error."""
    return Desk(
        operators=[
            Operator(login=OPERATOR, roles=[Role.OPERATOR, Role.CMDB_MANAGER]),
            Operator(login=PLAIN, roles=[Role.OPERATOR]),
        ],
        calendars=[BusinessCalendar(name="24x7", always_open=True)],
        cis=[
            ConfigurationItem(
                name=name,
                ci_class=cls,
                environment=env,
                attributes=attributes,
                owner="Platform team",
                location="PAR2",
            )
            for name, cls, env, attributes in CIS
        ],
        relationships=[Relationship(source=s, kind=k, target=t) for s, k, t in EDGES],
        services=[
            Service(
                name="Payroll",
                criticality=Criticality.CRITICAL,
                calendar="24x7",
                cis=["svc-pay", "payroll-api"],
            )
        ],
        known_errors=[
            KnownError(
                number="KE-00001",
                title="Vacuum stalls on db-prd-03",
                cis=["db-prd-03"],
                published_at=NOW - timedelta(days=3),
            )
        ],
        incidents=[
            Incident(
                number="INC-000001",
                title="Payslips fail to render",
                service="Payroll",
                cis=["payroll-api"],
                opened_at=NOW - timedelta(hours=2),
            ),
            Incident(
                number="INC-000002",
                title="Slow queries on the payroll database",
                cis=["db-prd-03"],
                opened_at=NOW - timedelta(hours=1),
            ),
        ],
    )


def build_cmdb(db: Database) -> None:
    write_desk(db, cmdb_desk(), OPERATOR, NOW)


def main(path: str) -> None:
    from sms_tui.app import make_app

    db = open_store(path)
    if not db.execute("SELECT 1 FROM cis LIMIT 1").fetchone():
        build_cmdb(db)
    make_app(db, ui_config()).run()


if __name__ == "__main__":
    main(sys.argv[1])
