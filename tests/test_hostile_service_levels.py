"""Hostile service, CI, incident and change names show as plain text in the service levels views."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from sms_tui.app import SmsApp, make_app
from sms_tui.models import (
    BusinessCalendar,
    Change,
    CiClass,
    ConfigurationItem,
    Incident,
    Service,
    SlaTarget,
)
from sms_tui.safe_text import one_line
from sms_tui.screens.service_detail import ServiceDetailScreen
from sms_tui.screens.sla_report import SlaReportScreen
from sms_tui.store import families, open_store, records
from sms_tui.store.catalogue import create_calendar, create_service
from tests.catalogue_fixtures import on_catalogue
from tests.conftest import NOW, hostile_strings
from tests.snapshot_apps.catalogue_desk import ui_config
from tests.snapshot_apps.screen_text import screen_text
from tests.test_hostile_catalogue import assert_harmless

HOSTILE = hostile_strings()
SIZE = (160, 60)


@pytest.fixture
def desk(db_file: Path) -> Iterator[Database]:
    """Each hostile string names a service, a CI below another, an incident and a change."""
    db = open_store(db_file)
    create_calendar(db, BusinessCalendar(name="24x7", always_open=True), "alice", NOW)
    target = SlaTarget(priority="P3", respond_minutes=15, resolve_minutes=60)
    for i, name in enumerate(HOSTILE):
        ci = ConfigurationItem(name=f"ci {name}"[:5000], ci_class=CiClass.APPLICATION)
        below = ConfigurationItem(name=f"db {name}"[:5000], ci_class=CiClass.DATABASE)
        records.create(db, families.CIS, ci, "alice", NOW)
        records.create(db, families.CIS, below, "alice", NOW)
        db.execute(
            "INSERT INTO relationships (source, kind, target) VALUES (?, 'depends_on', ?)",
            [ci.name, below.name],
        )
        service = Service(name=name, calendar="24x7", targets=[target], cis=[ci.name])
        create_service(db, service, "alice", NOW)
        incident = Incident(
            number="INC-000000", title=name, service=name, opened_at=NOW - timedelta(hours=2)
        )
        records.create(db, families.INCIDENTS, incident, "alice", NOW)
        change = Change(
            number="CHG-00000",
            title=HOSTILE[(i + 1) % len(HOSTILE)],
            planned_start=NOW + timedelta(hours=1),
            planned_end=NOW + timedelta(hours=2),
            cis=[below.name],
            requester="alice",
        )
        records.create(db, families.CHANGES, change, "alice", NOW)
    yield db
    db.conn.close()


@pytest.fixture
def app(desk: Database) -> SmsApp:
    return make_app(desk, ui_config())


async def test_the_report_shows_hostile_names_as_plain_text(app: SmsApp) -> None:
    async with on_catalogue(app, SIZE) as pilot:
        await pilot.press("r")
        for _ in range(100):
            screen = app.screen
            if isinstance(screen, SlaReportScreen) and screen.report is not None:
                break
            await pilot.pause(0.05)
        await pilot.pause()
        assert_harmless(app)
        text = screen_text(app)
        assert one_line(HOSTILE[0])[:30] in text
        # Every service breached its response target: 15 minutes, opened 2 hours ago.
        assert "0%" in text


@pytest.mark.parametrize("index", range(0, len(HOSTILE), 5))
async def test_the_detail_shows_hostile_names_as_plain_text(app: SmsApp, index: int) -> None:
    name = HOSTILE[index]
    async with on_catalogue(app, SIZE) as pilot:
        app.push_screen(ServiceDetailScreen(app.session, name))
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert_harmless(app)
        await pilot.press("escape", "G")
        await pilot.pause()
        assert_harmless(app)
        text = screen_text(app)
        assert f"ci {one_line(name)}"[:30] in text
        assert f"depends on db {one_line(name)}"[:30] in text
