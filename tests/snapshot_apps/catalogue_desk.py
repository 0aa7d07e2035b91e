"""A small, fixed catalogue for the UI tests, and a way to open it by hand.

    .venv/bin/python -m tests.snapshot_apps.catalogue_desk /tmp/catalogue.db

builds the desk (if the file is new) and runs the app on it, as an operator would see it.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, time, timedelta

from sqlite_utils import Database

from sms_tui.app import SmsApp, make_app
from sms_tui.config import AppConfig
from sms_tui.models import (
    BusinessCalendar,
    CiClass,
    ConfigurationItem,
    Criticality,
    Environment,
    Incident,
    Priority,
    Service,
    ServiceStatus,
    SlaTarget,
    Weekday,
    WorkingInterval,
)
from sms_tui.store import families, open_store, records
from sms_tui.store.catalogue import create_calendar, create_service

NOW = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)  # the same Monday as tests.conftest.NOW
OPERATOR = "alice"
SHOWN_PATH = "/srv/sms-tui/desk.db"
"""The path the header shows in snapshots; the real file lives in a temporary directory."""


def _targets(*minutes: tuple[int, int]) -> list[SlaTarget]:
    return [
        SlaTarget(priority=priority, respond_minutes=respond, resolve_minutes=resolve)
        for priority, (respond, resolve) in zip(Priority, minutes, strict=False)
    ]


def _office_hours() -> BusinessCalendar:
    day = [
        WorkingInterval(start=time(8), end=time(12)),
        WorkingInterval(start=time(13), end=time(17)),
    ]
    return BusinessCalendar(
        name="Office hours Paris",
        timezone="Europe/Paris",
        hours={d: list(day) for d in (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU)}
        | {Weekday.FRI: [WorkingInterval(start=time(8), end=time(12))]},
        holidays=[date(2026, 11, 11), date(2026, 12, 25), date(2027, 1, 1)],
    )


CALENDARS = [BusinessCalendar(name="24x7", always_open=True), _office_hours()]

CIS = [
    ("mx-prd-01", CiClass.SERVER),
    ("exchange-app", CiClass.APPLICATION),
    ("payroll-api", CiClass.APPLICATION),
    ("db-prd-03", CiClass.DATABASE),
    ("vpn-gw-01", CiClass.NETWORK_DEVICE),
    ("core-sw-02", CiClass.NETWORK_DEVICE),
    ("shop-web-01", CiClass.VM),
    ("san-prd-01", CiClass.STORAGE),
]

SERVICES = [
    Service(
        name="E-mail",
        description="Mail and calendars for every employee, on premises.",
        owner="Messaging team",
        criticality=Criticality.HIGH,
        calendar="24x7",
        targets=_targets((15, 240), (60, 480), (240, 1440), (480, 2880)),
        cis=["exchange-app", "mx-prd-01", "san-prd-01"],
    ),
    Service(
        name="Payroll",
        description="Monthly pay for 3,200 staff.\nRuns on the 25th; a late run is a P1.",
        owner="HR systems",
        criticality=Criticality.CRITICAL,
        calendar="Office hours Paris",
        targets=_targets((30, 240), (60, 480), (240, 1200)),
        cis=["payroll-api", "db-prd-03"],
    ),
    Service(
        name="VPN remote access",
        description="Remote access for staff working from home or travelling.",
        owner="Network team",
        criticality=Criticality.HIGH,
        calendar="24x7",
        targets=_targets((15, 120), (30, 480)),
        cis=["vpn-gw-01", "core-sw-02"],
    ),
    Service(
        name="Web shop",
        description="The public online shop.",
        owner="Digital sales",
        criticality=Criticality.CRITICAL,
        calendar="24x7",
        targets=_targets((10, 60), (30, 240), (120, 960)),
        cis=["shop-web-01", "db-prd-03", "core-sw-02"],
    ),
    Service(
        name="Intranet",
        description="News, forms and the staff directory.",
        owner="Communications",
        criticality=Criticality.LOW,
        calendar="Office hours Paris",
        targets=_targets((120, 960), (240, 2400)),
    ),
    Service(
        name="Expense claims",
        description="Being replaced by the new travel tool.",
        owner="Finance",
        status=ServiceStatus.RETIRED,
        criticality=Criticality.LOW,
        calendar="Office hours Paris",
        targets=_targets((240, 2400)),
    ),
    Service(
        name="Travel booking",
        description="The new travel tool, in pilot with two departments.",
        owner="Finance",
        status=ServiceStatus.PIPELINE,
        criticality=Criticality.MEDIUM,
        calendar="Office hours Paris",
        targets=_targets((60, 480), (120, 960), (240, 1440), (480, 2400)),
    ),
]

OPEN_INCIDENTS = {"E-mail": 2, "Payroll": 1, "Web shop": 4}


def build_catalogue(db: Database, now: datetime = NOW) -> None:
    """Two calendars, eight CIs, seven services and a few open incidents."""
    for calendar in CALENDARS:
        create_calendar(db, calendar, OPERATOR, now)
    for name, ci_class in CIS:
        ci = ConfigurationItem(name=name, ci_class=ci_class, environment=Environment.PRODUCTION)
        records.create(db, families.CIS, ci, OPERATOR, now)
    for service in SERVICES:
        create_service(db, service, OPERATOR, now)
    for service_name, count in OPEN_INCIDENTS.items():
        for i in range(count):
            incident = Incident(
                number="INC-000000",
                title=f"{service_name} problem {i + 1}",
                service=service_name,
                opened_at=now - timedelta(hours=i + 1),
            )
            records.create(db, families.INCIDENTS, incident, OPERATOR, now)


def ui_config(**changes: object) -> AppConfig:
    """A fixed operator, path, clock; no animations and no cursor blink."""
    settings: dict[str, object] = {
        "operator": OPERATOR,
        "db_path": SHOWN_PATH,
        "clock": lambda: NOW,
        "animations": False,
    }
    settings.update(changes)
    return AppConfig(**settings)  # type: ignore[arg-type]


def main(path: str) -> None:
    db = open_store(path)
    if not db.execute("SELECT 1 FROM services LIMIT 1").fetchone():
        build_catalogue(db, datetime.now(UTC))
    app: SmsApp = make_app(db, AppConfig(operator=OPERATOR, db_path=path))
    app.run()


if __name__ == "__main__":
    main(sys.argv[1])
