"""`sms-tui change ...`: the same store and rules for scripts, and an .ics that parses back."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import icalendar
import pytest

from sms_tui.cli import main
from sms_tui.commands import change_args
from sms_tui.models import ChangeState, ChangeType, Risk
from sms_tui.store import open_store
from sms_tui.store.changes import get_change
from tests.change_desk import at, seed_changes
from tests.conftest import NOW, hostile_strings


@pytest.fixture
def desk(db_file: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The change desk in a file; the commands run as bob (CAB) at NOW."""
    db = open_store(db_file)
    seed_changes(db, NOW)
    db.conn.close()
    monkeypatch.setattr("sms_tui.identity.current_login", lambda: "bob")
    monkeypatch.setattr("sms_tui.config.wall_clock", lambda: NOW)
    yield db_file


def run(
    path: Path, capsys: pytest.CaptureFixture[str], *args: str, code: int = 0
) -> tuple[str, str]:
    result = main(["--db", str(path), "change", *args])
    out, err = capsys.readouterr()
    assert result == code, err
    return out, err


def run_json(path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    return json.loads(run(path, capsys, *args, "--json")[0])


def test_the_flag_choices_match_the_models() -> None:
    assert tuple(ChangeState) == change_args.STATES
    assert tuple(ChangeType) == change_args.TYPES
    assert tuple(Risk) == change_args.RISKS


def test_list_by_period_and_filters(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found = run_json(desk, capsys, "list", "--from", "2026-11-24", "--to", "2026-11-26")
    assert [c["number"] for c in found["changes"]] == ["CHG-00001", "CHG-00002"]
    awaiting = run_json(desk, capsys, "list", "--awaiting", "--ci", "mail-01")
    assert [c["number"] for c in awaiting["changes"]] == ["CHG-00002"]
    out, _ = run(desk, capsys, "list", "--service", "Shop")
    assert out.splitlines()[0].startswith("CHG-00001  2026-11-24 20:00-22:00Z  scheduled")


def test_show_has_conflicts_and_impact(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shown = run_json(desk, capsys, "show", "chg-1")
    assert shown["number"] == "CHG-00001"
    assert shown["conflicts"] == []
    assert shown["impact"][0]["service"] == "Shop"
    assert shown["impact"][0]["criticality"] == "critical"


def test_create_update_and_schedule_refused_on_conflict_in_one_line(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = run_json(
        desk, capsys, "create", "--title", "Reboot mail", "--start", "2026-11-30T08:00Z",
        "--end", "2026-11-30T09:00Z", "--ci", "mail-01", "--risk", "medium",
    )  # fmt: skip
    assert (made["number"], made["requester"], made["risk"]) == ("CHG-00005", "bob", "medium")
    out, _ = run(desk, capsys, "update", "CHG-00005", "--implementer", "eve")
    assert out.strip() == "CHG-00005: version 2, draft, 2026-11-30 08:00-09:00Z"
    _, err = run(
        desk, capsys, "schedule", "5", "--start", "2026-11-25T10:00Z", "--end",
        "2026-11-25T12:00Z", code=1,
    )  # fmt: skip
    lines = err.splitlines()
    assert lines[0] == ("sms-tui: CHG-00005: 2 conflict(s); give an override reason to go ahead")
    assert any(line.strip().startswith("same_ci: CHG-00002") for line in lines[1:])
    assert any(
        line.strip().startswith("implementer: eve is implementing CHG-00002") for line in lines[1:]
    )
    fresh = run_json(
        desk, capsys, "schedule", "5", "--start", "2026-11-25T10:00Z", "--end",
        "2026-11-25T12:00Z", "--override", "Vendor slot",
    )  # fmt: skip
    assert fresh["planned_start"] == "2026-11-25T10:00:00Z"


def test_approve_and_refusals(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = run(desk, capsys, "approve", "CHG-00002", "--comment", "ok")
    assert out.startswith("CHG-00002: version 2, awaiting_approval")
    _, err = run(desk, capsys, "approve", "CHG-00003", code=1)
    assert err.startswith(
        "sms-tui: operator bob may not approve CHG-00003: needs the change_manager"
    )
    _, err = run(desk, capsys, "reject", "CHG-00002", code=2)
    assert "--comment" in err
    _, err = run(desk, capsys, "move", "CHG-00004", "--state", "closed", code=1)
    assert "cannot move from draft to closed" in err


def test_bad_times_are_refused_before_opening(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, err = run(desk, capsys, "schedule", "1", "--start", "2026-11-25T10:00", "--end", "2026-11-25T12:00Z", code=2)  # fmt: skip
    assert "needs a timezone" in err and len(err.splitlines()) == 1
    _, err = run(desk, capsys, "list", "--from", "2026-11-25", "--to", "2026-11-24", code=2)
    assert "end must be after the start" in err


def test_calendar_ics_parses_back(
    desk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = open_store(desk)
    change = get_change(db, "CHG-00004")
    title = " ".join(hostile_strings()[:5])
    from sms_tui.store.changes import update_change

    update_change(db, "CHG-00004", change.version, {"title": title}, operator="bob", now=NOW)
    db.conn.close()
    target = tmp_path / "changes.ics"
    out, _ = run(
        desk, capsys, "calendar", "--from", "2026-11-23", "--to", "2026-11-30", "--ics", str(target)
    )
    assert out.strip() == f"wrote 4 change(s) to {target}"
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert sorted(events) == [f"CHG-0000{n}@sms-tui.changes" for n in (1, 2, 3, 4)]
    first = events["CHG-00001@sms-tui.changes"]
    assert str(first["summary"]) == "CHG-00001 Patch shop database"
    assert first.decoded("dtstart") == at("2026-11-24 20:00")
    assert first.decoded("dtend") == at("2026-11-24 22:00")
    hostile = str(events["CHG-00004@sms-tui.changes"]["summary"])
    assert hostile.startswith("CHG-00004 ")
    assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in hostile)
    # Every line is folded to at most 75 octets and ends in CRLF, as RFC 5545 asks.
    raw = target.read_bytes()
    assert raw.endswith(b"\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
