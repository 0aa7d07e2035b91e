"""`sms-tui report sla` and `sms-tui service list|show`: the screen's figures, for scripts."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sms_tui.cli import main
from sms_tui.store import open_store
from tests.conftest import NOW, hostile_strings
from tests.service_levels_desk import add_service_levels
from tests.snapshot_apps.catalogue_desk import build_catalogue

WEEK = ("--from", "2026-11-17", "--to", "2026-11-23")


@pytest.fixture
def desk(db_file: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    database = open_store(db_file)
    build_catalogue(database)
    add_service_levels(database)
    database.conn.close()
    monkeypatch.setattr("sms_tui.config.wall_clock", lambda: NOW)
    yield db_file


def run(path: Path, capsys: pytest.CaptureFixture[str], *args: str, code: int = 0) -> str:
    result = main(["--db", str(path), *args])
    out, err = capsys.readouterr()
    assert result == code, err
    return out if code == 0 else err


def test_report_json_gives_the_hand_computed_figures(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report: dict[str, Any] = json.loads(run(desk, capsys, "report", "sla", *WEEK, "--json"))
    assert (report["from"], report["to"]) == ("2026-11-17", "2026-11-23")
    assert report["end"] == "2026-11-24T00:00:00Z"
    email = next(s for s in report["services"] if s["service"] == "E-mail")
    # See tests/service_levels_desk.py for the hand computation.
    assert email["response"] == {"met": 1, "counted": 2, "percent": 50.0}
    assert email["resolution"] == {"met": 1, "counted": 2, "percent": 50.0}
    assert email["mttr_business_hours"] == 4.0
    assert email["breaches"] == {"P1": {"response": 1, "resolution": 1}}
    # Friday 20th met, Saturday 21st breached, a day per step.
    assert email["trend"] == [None, None, None, 100.0, 0.0, None, None]
    assert len(report["trend_steps"]) == 7
    assert [s["service"] for s in report["services"]][:2] == ["E-mail", "Expense claims"]


def test_report_csv_has_a_row_per_service_and_a_total(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = list(csv.reader(io.StringIO(run(desk, capsys, "report", "sla", *WEEK, "--csv"))))
    assert rows[0][:4] == ["service", "response_met", "response_counted", "response_percent"]
    assert len(rows) == 1 + 7 + 1
    email = rows[1]
    assert email[:10] == ["E-mail", "1", "2", "50.0", "1", "2", "50.0", "2", "4.0", "P1 1+1"]
    assert rows[-1][0] == "All services"


def test_report_text_and_default_period(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = run(desk, capsys, "report", "sla")
    assert "2026-10-25 to 2026-11-23 (30 days)" in out
    assert any(line.startswith("E-mail") and "50%" in line for line in out.splitlines())


def test_report_refuses_a_backwards_period_and_a_bad_date(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = run(desk, capsys, "report", "sla", "--from", "2026-11-20", "--to", "2026-11-01", code=1)
    assert "--to 2026-11-01 is before --from 2026-11-20" in err
    err = run(desk, capsys, "report", "sla", "--from", "yesterday", code=2)
    assert "not a date: 'yesterday'" in err


def test_service_list_json(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    services = json.loads(run(desk, capsys, "service", "list", "--json"))
    assert [s["name"] for s in services][:3] == ["E-mail", "Expense claims", "Intranet"]
    payroll = next(s for s in services if s["name"] == "Payroll")
    assert payroll["open_incidents"] == 1 and payroll["criticality"] == "critical"


def test_service_show_json_has_what_the_detail_shows(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    payroll = json.loads(run(desk, capsys, "service", "show", "Payroll", "--json"))
    assert payroll["supporting_cis"] == ["db-prd-03", "payroll-api", "san-prd-01"]
    assert payroll["open_incidents"]["total"] == 1
    assert [c["number"] for c in payroll["changes_this_week"]["changes"]] == ["CHG-00001"]
    email = json.loads(run(desk, capsys, "service", "show", "E-mail", "--json"))
    assert [p["days"] for p in email["sla_performance"]] == [7, 30, 90]
    assert email["sla_performance"][0]["resolution"]["percent"] == 50.0


def test_service_show_text_and_unknown_service(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = run(desk, capsys, "service", "show", "Payroll")
    assert "Changes this week (2026-11-23 to 2026-11-29): 1" in out
    assert "    depends on db-prd-03 (database)" in out
    err = run(desk, capsys, "service", "show", "Nope", code=1)
    assert "Nope" in err


def test_hostile_service_names_stay_plain_in_the_text_report(
    db_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from sms_tui.models import BusinessCalendar, Service
    from sms_tui.store.catalogue import create_calendar, create_service

    database = open_store(db_file)
    create_calendar(database, BusinessCalendar(name="24x7", always_open=True), "alice", NOW)
    for name in hostile_strings():
        create_service(database, Service(name=name, calendar="24x7"), "alice", NOW)
    database.conn.close()
    monkeypatch.setattr("sms_tui.config.wall_clock", lambda: NOW)
    out = run(db_file, capsys, "report", "sla")
    assert "\x1b" not in out and "\x9d" not in out and "\u202e" not in out
    listing = run(db_file, capsys, "service", "list")
    assert "\x1b" not in listing
