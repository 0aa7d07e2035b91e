"""A small desk built from the models: one of everything worth moving, for CLI and import tests."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sms_tui.models import (
    Approval,
    AuditEntry,
    BusinessCalendar,
    Change,
    ChangeState,
    ChangeType,
    CiClass,
    ConfigurationItem,
    Decision,
    Desk,
    Incident,
    IncidentState,
    KnownError,
    Level,
    Operator,
    PendingReason,
    Priority,
    Problem,
    ProblemState,
    Relationship,
    RelationshipKind,
    Role,
    Service,
    SlaTarget,
    StateChange,
    Weekday,
    Window,
    WindowKind,
    WorkingInterval,
    WorkNote,
)

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def small_desk() -> Desk:
    """A desk with one of everything worth moving: links, child rows, history, audit."""
    office = [
        WorkingInterval(start=time(8), end=time(12)),
        WorkingInterval(start=time(13), end=time(17)),
    ]
    return Desk(
        operators=[
            Operator(
                login="alice",
                display_name="Alice Martin",
                groups=["service-desk"],
                roles=[Role.OPERATOR, Role.ADMIN],
            ),
            Operator(
                login="bob",
                display_name="Bob Chen",
                groups=["network"],
                roles=[Role.CHANGE_MANAGER],
            ),
        ],
        calendars=[
            BusinessCalendar(
                name="Paris office",
                timezone="Europe/Paris",
                hours={
                    day: office
                    for day in (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI)
                },
                holidays=[datetime(2026, 12, 25).date()],
            ),
            BusinessCalendar(name="24x7", always_open=True),
        ],
        cis=[
            ConfigurationItem(name="payroll-api", ci_class=CiClass.APPLICATION, owner="HR IT"),
            ConfigurationItem(
                name="db-prd-03", ci_class=CiClass.DATABASE, attributes={"engine": "PostgreSQL 16"}
            ),
            ConfigurationItem(
                name="core-sw-02", ci_class=CiClass.NETWORK_DEVICE, location="DC1 rack 4"
            ),
        ],
        relationships=[
            Relationship(
                source="payroll-api", kind=RelationshipKind.DEPENDS_ON, target="db-prd-03"
            ),
            Relationship(
                source="db-prd-03", kind=RelationshipKind.CONNECTED_TO, target="core-sw-02"
            ),
        ],
        services=[
            Service(
                name="Payroll",
                description="Monthly pay runs",
                owner="HR",
                calendar="Paris office",
                targets=[SlaTarget(priority=Priority.P1, respond_minutes=15, resolve_minutes=240)],
                cis=["payroll-api", "db-prd-03"],
            ),
            Service(name="VPN", calendar="24x7", cis=["core-sw-02"]),
        ],
        known_errors=[
            KnownError(
                number="KE-00001",
                title="Pay run stalls on lock wait",
                symptom="Pay run stuck at 40 %",
                workaround="Restart the batch worker",
                problem="PRB-00001",
                cis=["db-prd-03"],
                published_at=T0,
            )
        ],
        problems=[
            Problem(
                number="PRB-00001",
                title="Lock contention on payroll database",
                state=ProblemState.KNOWN_ERROR,
                service="Payroll",
                cis=["db-prd-03"],
                assignee="alice",
                known_error="KE-00001",
                opened_at=T0,
            )
        ],
        changes=[
            Change(
                number="CHG-00001",
                title="Upgrade core-sw-02 firmware",
                change_type=ChangeType.NORMAL,
                state=ChangeState.SCHEDULED,
                planned_start=T0 + timedelta(days=3),
                planned_end=T0 + timedelta(days=3, hours=2),
                cis=["core-sw-02"],
                requester="bob",
                approvals=[
                    Approval(approver="alice", decision=Decision.APPROVED, comment="ok", at=T0),
                    Approval(
                        approver="bob", decision=Decision.APPROVED, at=T0 + timedelta(hours=1)
                    ),
                ],
            )
        ],
        windows=[
            Window(
                name="Year-end freeze",
                kind=WindowKind.BLACKOUT,
                starts_at=T0 + timedelta(days=30),
                ends_at=T0 + timedelta(days=40),
                service="Payroll",
            )
        ],
        incidents=[
            Incident(
                number="INC-000001",
                title="Pay run stuck",
                caller="Dana from HR",
                service="Payroll",
                cis=["payroll-api"],
                impact=Level.HIGH,
                urgency=Level.HIGH,
                priority=Priority.P1,
                state=IncidentState.PENDING,
                pending_reason=PendingReason.VENDOR,
                assignee="alice",
                opened_at=T0,
                responded_at=T0 + timedelta(minutes=5),
                problems=["PRB-00001"],
                known_errors=["KE-00001"],
                work_notes=[
                    WorkNote(
                        at=T0 + timedelta(minutes=5), author="alice", text="Looking.\nSecond line."
                    )
                ],
                history=[
                    StateChange(at=T0, state=IncidentState.NEW),
                    StateChange(
                        at=T0 + timedelta(minutes=5),
                        state=IncidentState.PENDING,
                        reason=PendingReason.VENDOR,
                        operator="alice",
                    ),
                ],
            ),
            Incident(
                number="INC-000002",
                title="VPN drops",
                service="VPN",
                parent="INC-000001",
                changes=["CHG-00001"],
                opened_at=T0 + timedelta(hours=1),
            ),
        ],
        audit=[
            AuditEntry(
                kind="incident",
                key="INC-000001",
                field="state",
                old_value="new",
                new_value="pending",
                operator="alice",
                at=T0 + timedelta(minutes=5),
                version=2,
            )
        ],
    )
