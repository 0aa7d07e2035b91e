"""A small desk to plan changes on, in the week of tests.conftest.NOW (Monday 23 Nov 2026).

- Shop (critical) runs on shop-app, which depends on shop-db; its maintenance window is
  every Tuesday 20:00-24:00 UTC.
- Mail (high) runs on mail-01; no window, so any slot fits it.
- A desk-wide blackout from Friday 27 00:00 to Sunday 29 00:00.
- alice is an admin and requests changes, bob and carol sit on the CAB, dave manages
  changes, eve and frank implement them.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlite_utils import Database

from sms_tui.models import (
    Approval,
    BusinessCalendar,
    Change,
    ChangeState,
    ChangeType,
    CiClass,
    ConfigurationItem,
    Criticality,
    Decision,
    Desk,
    Operator,
    Relationship,
    RelationshipKind,
    Risk,
    Role,
    Service,
    Window,
    WindowKind,
)
from sms_tui.store.desk import write_desk


def at(text: str) -> datetime:
    """A UTC moment from 'YYYY-MM-DD HH:MM'."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _operator(login: str, *roles: Role) -> Operator:
    return Operator(login=login, display_name=login.title(), roles=[Role.OPERATOR, *roles])


PLANS = {"backout_plan": "Restore the snapshot", "test_plan": "Smoke test the front page"}


def changes() -> list[Change]:
    return [
        Change(
            number="CHG-00001",
            title="Patch shop database",
            state=ChangeState.SCHEDULED,
            planned_start=at("2026-11-24 20:00"),
            planned_end=at("2026-11-24 22:00"),
            cis=["shop-db"],
            requester="alice",
            implementer="eve",
            approvals=[
                Approval(approver="bob", decision=Decision.APPROVED, at=at("2026-11-20 10:00"))
            ],
            **PLANS,
        ),
        Change(
            number="CHG-00002",
            title="Upgrade mail server",
            state=ChangeState.AWAITING_APPROVAL,
            risk=Risk.HIGH,
            planned_start=at("2026-11-25 09:00"),
            planned_end=at("2026-11-25 11:00"),
            cis=["mail-01"],
            requester="alice",
            implementer="eve",
            **PLANS,
        ),
        Change(
            number="CHG-00003",
            title="Replace core switch",
            change_type=ChangeType.EMERGENCY,
            state=ChangeState.AWAITING_APPROVAL,
            planned_start=at("2026-11-26 02:00"),
            planned_end=at("2026-11-26 03:00"),
            cis=["core-sw"],
            requester="dave",
            implementer="frank",
        ),
        Change(
            number="CHG-00004",
            title="Tune mail filters",
            change_type=ChangeType.STANDARD,
            planned_start=at("2026-11-23 14:00"),
            planned_end=at("2026-11-23 15:00"),
            cis=["mail-01"],
            requester="frank",
            implementer="frank",
        ),
    ]


def change_desk() -> Desk:
    return Desk(
        operators=[
            _operator("alice", Role.ADMIN),
            _operator("bob", Role.CAB_MEMBER),
            _operator("carol", Role.CAB_MEMBER),
            _operator("dave", Role.CHANGE_MANAGER),
            _operator("eve"),
            _operator("frank"),
        ],
        calendars=[BusinessCalendar(name="24x7", always_open=True)],
        cis=[
            ConfigurationItem(name="shop-app", ci_class=CiClass.APPLICATION),
            ConfigurationItem(name="shop-db", ci_class=CiClass.DATABASE),
            ConfigurationItem(name="mail-01", ci_class=CiClass.SERVER),
            ConfigurationItem(name="core-sw", ci_class=CiClass.NETWORK_DEVICE),
        ],
        relationships=[
            Relationship(source="shop-app", kind=RelationshipKind.DEPENDS_ON, target="shop-db")
        ],
        services=[
            Service(
                name="Shop",
                criticality=Criticality.CRITICAL,
                calendar="24x7",
                cis=["shop-app", "shop-db"],
            ),
            Service(name="Mail", criticality=Criticality.HIGH, calendar="24x7", cis=["mail-01"]),
        ],
        windows=[
            Window(
                name="Shop Tuesday evening",
                kind=WindowKind.MAINTENANCE,
                service="Shop",
                starts_at=at("2026-11-03 20:00"),
                ends_at=at("2026-11-04 00:00"),
                weekly=True,
            ),
            Window(
                name="Month-end freeze",
                kind=WindowKind.BLACKOUT,
                starts_at=at("2026-11-27 00:00"),
                ends_at=at("2026-11-29 00:00"),
            ),
        ],
        changes=changes(),
    )


def seed_changes(db: Database, now: datetime) -> Database:
    """Write the change desk into an empty store."""
    write_desk(db, change_desk(), "importer", now)
    return db
