"""`sms-tui problem list|show|create|update` and `sms-tui incident link`, for scripts."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sms_tui.cli import main
from sms_tui.commands import problem_args
from sms_tui.models import Priority, ProblemState
from sms_tui.store import open_store
from sms_tui.store.incidents import get_incident
from sms_tui.store.problems import get_problem
from tests.conftest import NOW, hostile_strings
from tests.problem_desk import MANAGER, problem_desk

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def desk(db_file: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A problem desk on file; the commands run as the problem manager at NOW."""
    db = open_store(db_file)
    problem_desk(db, NOW)
    db.conn.close()
    monkeypatch.setattr("sms_tui.identity.current_login", lambda: MANAGER)
    monkeypatch.setattr("sms_tui.config.wall_clock", lambda: NOW)
    yield db_file


def run(
    path: Path, capsys: pytest.CaptureFixture[str], *args: str, code: int = 0
) -> tuple[str, str]:
    result = main(["--db", str(path), *args])
    out, err = capsys.readouterr()
    assert result == code, err
    return out, err


def run_json(path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    return json.loads(run(path, capsys, *args, "--json")[0])


def test_the_flag_choices_match_the_models() -> None:
    assert tuple(ProblemState) == problem_args.STATES
    assert tuple(Priority) == problem_args.PRIORITIES


def test_create_from_incidents_then_list_shows_the_counts(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = run_json(
        desk,
        capsys,
        "problem",
        "create",
        "--title",
        "Pay runs",
        "--from-incident",
        "1",
        "INC-000002",
    )
    assert made["number"] == "PRB-00001" and made["service"] == "Payroll"
    assert [i["number"] for i in made["incidents"]] == ["INC-000001", "INC-000002"]
    listed = run_json(desk, capsys, "problem", "list")["problems"]
    assert listed == [
        {
            "number": "PRB-00001",
            "state": "new",
            "priority": made["priority"],
            "title": "Pay runs",
            "open_incidents": 2,
            "total_incidents": 2,
            "cis": ["payroll-api"],
            "known_error": None,
        }
    ]
    out, _ = run(desk, capsys, "problem", "list")
    assert "PRB-00001" in out and "2/2" in out


def test_update_root_cause_publish_and_show_the_known_error(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(desk, capsys, "problem", "create", "--title", "Lock waits", "--ci", "payroll-api")
    out, _ = run(
        desk,
        capsys,
        "problem",
        "update",
        "prb-1",
        "--root-cause",
        "missing index",
        "--workaround",
        "restart the worker",
        "--publish-known-error",
    )
    assert out.strip() == "PRB-00001: saved version 3: known_error; published KE-00001"
    known = run_json(desk, capsys, "problem", "show", "KE-1")
    assert (known["problem"], known["workaround"], known["cis"]) == (
        "PRB-00001",
        "restart the worker",
        ["payroll-api"],
    )
    out, _ = run(desk, capsys, "problem", "list", "--known-errors")
    assert "KE-00001" in out and "Lock waits" in out


def test_resolve_with_incidents_needs_a_note_and_resolves_them(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(desk, capsys, "problem", "create", "--title", "Pay", "--from-incident", "1")
    _, err = run(
        desk, capsys, "problem", "update", "1", "--state", "resolved", "--resolve-incidents", code=2
    )
    assert "--resolve-incidents needs --note" in err
    out, _ = run(
        desk,
        capsys,
        "problem",
        "update",
        "1",
        "--state",
        "resolved",
        "--root-cause",
        "index",
        "--resolve-incidents",
        "--note",
        "index added",
    )
    assert out.strip() == "PRB-00001: saved version 2: resolved; resolved 1 incident(s)"
    db = open_store(desk)
    assert get_incident(db, "INC-000001").resolution_note == "index added"


def test_refusals_are_one_line_and_write_nothing(
    desk: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(desk, capsys, "problem", "create", "--title", "Pay")
    _, err = run(desk, capsys, "problem", "update", "1", "--state", "known_error", code=1)
    assert err == "sms-tui: PRB-00001: a known error needs a root cause or a workaround\n"
    monkeypatch.setattr("sms_tui.identity.current_login", lambda: "alice")
    _, err = run(
        desk, capsys, "problem", "update", "1", "--state", "resolved", "--root-cause", "x", code=1
    )
    assert "alice may not resolve PRB-00001: needs the problem_manager role" in err
    assert get_problem(open_store(desk), "PRB-00001").version == 1
    _, err = run(desk, capsys, "problem", "show", "CHG-1", code=1)
    assert "not a PRB/KE number: 'CHG-1'" in err


def test_incident_link_and_unlink(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(desk, capsys, "problem", "create", "--title", "Pay")
    out, _ = run(desk, capsys, "incident", "link", "3", "--problem", "PRB-1")
    assert out.strip() == "INC-000003: linked problem PRB-00001 (version 2)"
    shown = run_json(desk, capsys, "incident", "link", "3", "--ci", "payroll-api")
    assert shown["cis"] == ["mail-01", "payroll-api"] and shown["problems"] == ["PRB-00001"]
    out, _ = run(desk, capsys, "incident", "link", "3", "--ci", "payroll-api", "--unlink")
    assert out.strip() == "INC-000003: unlinked ci payroll-api (version 4)"
    _, err = run(desk, capsys, "incident", "link", "3", "--known-error", "KE-9", code=1)
    assert err == "sms-tui: no known error 'KE-00009'\n"
    _, err = run(desk, capsys, "incident", "link", "3", code=2)
    assert "one of the arguments --ci --known-error --problem is required" in err


@pytest.mark.parametrize("hostile", [s for s in hostile_strings() if s.strip()])
def test_hostile_titles_print_without_terminal_controls(
    desk: Path, capsys: pytest.CaptureFixture[str], hostile: str
) -> None:
    run(desk, capsys, "problem", "create", "--title", hostile)
    run(desk, capsys, "problem", "update", "1", "--root-cause", hostile)
    for args in (("problem", "list"), ("problem", "show", "1")):
        out, _ = run(desk, capsys, *args)
        assert not RAW.search(out.replace("\n", ""))
