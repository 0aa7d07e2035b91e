"""`sms-tui incident list|show|create|update`: the same store and rules, for scripts."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from sms_tui.cli import main
from sms_tui.commands import incident_args
from sms_tui.models import IncidentState, Level, PendingReason, ResolutionCode
from sms_tui.queue_views import View
from sms_tui.store import open_store
from sms_tui.store.incidents import get_incident
from tests.conftest import hostile_strings
from tests.incident_desk import MAIL, PAYROLL, at, seed

OPENED = at("2026-11-23 10:30")  # a Monday
NOW = at("2026-11-23 12:00")
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def desk(db_file: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A seeded file; the commands run as alice at NOW."""
    db = open_store(db_file)
    seed(db, OPENED)
    db.conn.close()
    monkeypatch.setattr("sms_tui.identity.current_login", lambda: "alice")
    monkeypatch.setattr("sms_tui.config.wall_clock", lambda: NOW)
    yield db_file


def run(
    path: Path, capsys: pytest.CaptureFixture[str], *args: str, code: int = 0
) -> tuple[str, str]:
    result = main(["--db", str(path), "incident", *args])
    out, err = capsys.readouterr()
    assert result == code, err
    return out, err


def run_json(path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    return json.loads(run(path, capsys, *args, "--json")[0])


def test_the_flag_choices_match_the_models() -> None:
    assert tuple(IncidentState) == incident_args.STATES
    assert tuple(PendingReason) == incident_args.REASONS
    assert tuple(ResolutionCode) == incident_args.RESOLUTION_CODES
    assert tuple(Level) == incident_args.LEVELS
    assert tuple(View) == incident_args.VIEWS


def test_create_then_show_as_json_with_both_clocks(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, _ = run(
        desk,
        capsys,
        "create",
        "--title",
        "Pay run stuck",
        "--service",
        PAYROLL,
        "--ci",
        "payroll-api",
        "--impact",
        "high",
        "--opened-at",
        "2026-11-23T10:30:00Z",
    )
    assert out == "created INC-000001 (P2, new)\n"
    shown = run_json(desk, capsys, "show", "INC-000001")
    assert shown["title"] == "Pay run stuck" and shown["cis"] == ["payroll-api"]
    assert shown["history"][0] == {
        "at": "2026-11-23T10:30:00Z",
        "state": "new",
        "reason": None,
        "operator": "alice",
    }
    assert shown["as_of"] == "2026-11-23T12:00:00Z"
    response, resolution = shown["clocks"]["response"], shown["clocks"]["resolution"]
    # P2 in office hours: 1 h to respond (breached at 11:30), 8 h to resolve.
    assert (response["state"], response["due"], response["remaining_seconds"]) == (
        "breached",
        "2026-11-23T11:30:00Z",
        -1800,
    )
    assert (resolution["state"], resolution["due"], resolution["remaining_seconds"]) == (
        "running",
        "2026-11-24T10:30:00Z",
        (8 * 60 - 90) * 60,
    )


def test_show_in_words(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(desk, capsys, "create", "--title", "Mail down", "--service", MAIL)
    out, _ = run(desk, capsys, "show", "1")
    assert out.startswith("INC-000001  P3  new  (version 1)\n")
    assert "Resolution SLA: 16h 00m left, due 2026-11-24T04:00:00Z" in out


def test_update_moves_assigns_and_notes_in_one_version(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(desk, capsys, "create", "--title", "x", "--service", PAYROLL)
    out, _ = run(desk, capsys, "update", "INC-000001", "--take", "--state", "in_progress")
    assert out == "INC-000001: saved version 2: in_progress, P3, alice\n"
    run(
        desk,
        capsys,
        "update",
        "INC-000001",
        "--state",
        "pending",
        "--reason",
        "awaiting_vendor",
        "--work-note",
        "vendor ticket 4711",
        "--urgency",
        "high",
    )
    shown = run_json(desk, capsys, "show", "INC-000001")
    assert (shown["state"], shown["pending_reason"], shown["priority"]) == (
        "pending",
        "awaiting_vendor",
        "P2",
    )
    assert shown["version"] == 3
    assert [n["text"] for n in shown["work_notes"]] == ["vendor ticket 4711"]
    assert shown["clocks"]["resolution"]["state"] == "paused"
    assert shown["clocks"]["resolution"]["due"] is None


def test_a_refused_transition_exits_1_with_the_reason(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(desk, capsys, "create", "--title", "x")
    out, err = run(desk, capsys, "update", "INC-000001", "--state", "closed", code=1)
    assert out == ""
    assert err == "sms-tui: INC-000001: only a resolved incident can be closed (it is new)\n"
    _, err = run(desk, capsys, "update", "INC-000001", "--state", "pending", code=1)
    assert err == (
        "sms-tui: INC-000001: a pending incident needs a reason "
        "(awaiting_caller, awaiting_vendor, awaiting_change)\n"
    )
    db = open_store(desk)
    assert get_incident(db, "INC-000001").version == 1
    db.conn.close()


@pytest.mark.parametrize(
    "args",
    [
        ["update", "INC-000001", "--state", "bogus"],
        ["update", "INC-000001", "--bogus"],
        ["update", "INC-000001", "--reason", "awaiting_caller"],
        ["update", "INC-000001"],
        ["update", "INC-000001", "--take", "--assign-to", "bob"],
        ["create", "--title", "x", "--opened-at", "2026-11-23T10:30:00"],
        ["list", "--limit", "0"],
        ["list", "--view", "everything"],
    ],
)
def test_a_bad_flag_exits_2_with_one_line(
    desk: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    out, err = run(desk, capsys, *args, code=2)
    assert out == "" and err.count("\n") == 1 and err.startswith("sms-tui incident "), err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "INC-000404"], "sms-tui: no incident 'INC-000404'\n"),
        (["show", "PRB-1"], "sms-tui: not an incident number: 'PRB-1' (for example INC-000042)\n"),
        (["create", "--title", "x", "--service", "Nope"], "sms-tui: no service 'Nope'\n"),
        (
            ["update", "1", "--assign-to", "mallory"],
            "sms-tui: INC-000001: cannot assign to 'mallory': not an operator of this desk\n",
        ),
    ],
)
def test_refusals_name_what_is_wrong(
    desk: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    run(desk, capsys, "create", "--title", "x")
    assert run(desk, capsys, *args, code=1)[1] == message


def test_list_pages_a_view_in_sla_order(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for title, service in (("late", PAYROLL), ("mail", MAIL), ("loose", "")):
        extra = ["--service", service] if service else []
        run(desk, capsys, "create", "--title", title, *extra, "--opened-at", "2026-11-23T10:30Z")
    run(desk, capsys, "update", "3", "--take")
    listed = run_json(desk, capsys, "list", "--view", "open", "--limit", "2")
    assert (listed["view"], listed["total"], listed["limit"]) == ("open", 3, 2)
    # Mail (24x7) is due at 02:30 tomorrow, Payroll (office hours) on Wednesday.
    assert [i["title"] for i in listed["incidents"]] == ["mail", "late"]
    assert listed["incidents"][0]["clocks"]["resolution"]["due"] == "2026-11-24T02:30:00Z"
    mine = run_json(desk, capsys, "list", "--view", "mine")
    assert [i["number"] for i in mine["incidents"]] == ["INC-000003"]
    assert mine["incidents"][0]["clocks"] is None
    out, _ = run(desk, capsys, "list", "--limit", "2")
    lines = out.splitlines()
    assert lines[0].startswith("NUMBER") and lines[1].startswith("INC-000002  P3  new")
    assert "16h 00m left" not in lines[1] and "left" in lines[1]
    assert lines[-1] == "1-2 of 3; --offset 2 for more"


def test_breaching_soon_lists_what_is_due_within_two_hours(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # On Payroll, "a" (P2) is due tomorrow; "b" (P1, 4 business hours) is due 13:30.
    run(desk, capsys, "create", "--title", "a", "--service", PAYROLL, "--impact", "high")
    run(desk, capsys, "create", "--title", "b", "--service", PAYROLL, "--impact", "high",
        "--urgency", "high", "--opened-at", "2026-11-23T09:30:00Z")  # fmt: skip
    listed = run_json(desk, capsys, "list", "--view", "breaching")
    assert [i["title"] for i in listed["incidents"]] == ["b"]


def test_hostile_text_is_neutralised_on_the_terminal_and_exact_in_json(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    strings = hostile_strings()
    for text in strings:
        run(desk, capsys, "create", f"--title={text}", f"--caller={text}")
    for n, text in enumerate(strings, start=1):
        run(desk, capsys, "update", str(n), f"--work-note={text}")
    shown = run(desk, capsys, "show", "5")[0] + run(desk, capsys, "show", "14")[0]
    listed = run(desk, capsys, "list", "--limit", "100")[0]
    for out in (shown, listed):
        assert not RAW.search(out), repr(out)
    assert "\u241b]52;c;SGVsbG8=\u2407clipboard" in shown  # ESC and BEL made visible
    for n, text in enumerate(strings, start=1):
        out, _ = run(desk, capsys, "show", str(n), "--json")
        assert not RAW.search(out), repr(out)
        data = json.loads(out)
        assert (data["title"], data["caller"], data["work_notes"][0]["text"]) == (text, text, text)


def test_parsing_incident_commands_stays_light() -> None:
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from sms_tui.cli import build_parser\n"
        "build_parser().parse_args(['incident', 'update', 'INC-1', '--state', 'pending'])\n"
        "print(sorted(m for m in ('textual', 'pydantic', 'sqlite_utils') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_opened_at_in_json_is_the_backfilled_time(
    desk: Path, capsys: pytest.CaptureFixture[str], now: datetime
) -> None:
    made = run_json(
        desk, capsys, "create", "--title", "old", "--opened-at", "2026-11-20T08:00+01:00"
    )
    assert made["opened_at"] == "2026-11-20T07:00:00Z" and made["number"] == "INC-000001"
