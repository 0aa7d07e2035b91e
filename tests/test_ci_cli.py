"""`sms-tui ci ...`: the CMDB for scripts, through the same store, role gate and impact walk."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sms_tui.cli import main
from sms_tui.commands import ci_args
from sms_tui.models import CiClass, CiStatus, Environment, RelationshipKind
from sms_tui.store import open_store
from tests.conftest import NOW
from tests.snapshot_apps.cmdb_desk import HOSTILE_NAME, HOSTILE_VALUE, build_cmdb

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def desk(db_file: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The test CMDB on disk; commands run as alice (cmdb_manager) at NOW."""
    db = open_store(db_file)
    build_cmdb(db)
    db.conn.close()
    monkeypatch.setattr("sms_tui.identity.current_login", lambda: "alice")
    monkeypatch.setattr("sms_tui.config.wall_clock", lambda: NOW)
    yield db_file


def run(
    path: Path, capsys: pytest.CaptureFixture[str], *args: str, code: int = 0
) -> tuple[str, str]:
    result = main(["--db", str(path), "ci", *args])
    out, err = capsys.readouterr()
    assert result == code, err
    return out, err


def run_json(path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    return json.loads(run(path, capsys, *args, "--json")[0])


def test_the_flag_choices_match_the_models() -> None:
    assert tuple(CiClass) == ci_args.CLASSES
    assert tuple(CiStatus) == ci_args.STATUSES
    assert tuple(Environment) == ci_args.ENVIRONMENTS
    assert tuple(RelationshipKind) == ci_args.KINDS


def test_list_filters_fuzzily_by_name_class_and_environment(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    found = run_json(desk, capsys, "list", "--filter", "dbprd3")
    assert [c["name"] for c in found["cis"]] == ["db-prd-03"]
    found = run_json(desk, capsys, "list", "--class", "application", "--env", "staging")
    assert found["total"] == 1 and found["cis"][0]["name"] == "payroll-api-stg"
    out, _ = run(desk, capsys, "list", "--filter", "esx", "--limit", "1")
    assert out.splitlines()[-1] == "1-1 of 2 CIs"


def test_show_gives_fields_relationships_and_badges(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = run_json(desk, capsys, "show", "db-prd-03")
    assert shown["ci_class"] == "database"
    assert shown["relationships"]["runs_on"] == ["cl-db"]
    assert shown["badges"] == {"open_incidents": 1, "active_changes": 0, "known_errors": 1}
    out, _ = run(desk, capsys, "show", "esx-01")
    assert "Connected to:\n  core-sw-01" in out


def test_create_update_link_and_unlink(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = run(desk, capsys, "create", "esx-03", "--class", "server", "--attr", "cpu=32")
    assert out == "created esx-03 (server)\n"
    updated = run_json(
        desk, capsys, "update", "esx-03", "--owner", "Ops", "--attr", "ram=1T", "--unset", "cpu"
    )
    assert (updated["owner"], updated["attributes"], updated["version"]) == (
        "Ops",
        {"ram": "1T"},
        2,
    )
    out, _ = run(desk, capsys, "link", "cl-db", "depends_on", "esx-03")
    assert out == "linked: cl-db depends_on esx-03\n"
    out, _ = run(desk, capsys, "unlink", "cl-db", "depends_on", "esx-03")
    assert out == "unlinked: cl-db depends_on esx-03\n"


def test_refusals_exit_1_with_one_line_naming_the_problem(
    desk: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, err = run(desk, capsys, "link", "payroll-api", "depends_on", "db-prd-03", code=1)
    assert err == "sms-tui: relationship payroll-api depends_on db-prd-03 already exists\n"
    _, err = run(desk, capsys, "show", "nope", code=1)
    assert err == "sms-tui: no ci 'nope'\n"
    _, err = run(desk, capsys, "update", "esx-01", "--unset", "nope", code=1)
    assert err == "sms-tui: esx-01 has no attribute 'nope'\n"
    monkeypatch.setattr("sms_tui.identity.current_login", lambda: "bob")
    _, err = run(desk, capsys, "create", "x", "--class", "vm", code=1)
    assert "bob may not create x: needs the cmdb_manager role" in err


def test_usage_errors_exit_2(desk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, err = run(desk, capsys, "update", "esx-01", code=2)
    assert "nothing to change" in err
    _, err = run(desk, capsys, "link", "a", "feeds", "b", code=2)
    assert "invalid choice: 'feeds'" in err
    _, err = run(desk, capsys, "create", "x", "--class", "vm", "--attr", "novalue", code=2)
    assert "not KEY=VALUE" in err


def test_impact_lists_services_and_cis_honouring_quorum(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    absorbed = run_json(desk, capsys, "impact", "esx-02")
    assert [c["name"] for c in absorbed["cis"]] == ["esx-02", "[bold]$x[/bold] and \\[escaped]"]
    both = run_json(desk, capsys, "impact", "esx-01", "esx-02")
    # payroll-api is two hops up, through the VM on esx-01 (and three through the cluster).
    payroll = {"name": "Payroll", "criticality": "critical", "via": "payroll-api", "depth": 2}
    assert both["services"] == [{**payroll, "open_incidents": 1}]
    assert "db-prd-03" in [c["name"] for c in both["cis"]]
    out, _ = run(desk, capsys, "impact", "auth-api")
    assert out.splitlines()[0] == "if auth-api fails: 3 CIs down"
    _, err = run(desk, capsys, "impact", "nope", code=1)
    assert err == "sms-tui: no ci 'nope'\n"


def test_hostile_text_is_neutralised_on_the_terminal_and_exact_in_json(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, _ = run(desk, capsys, "show", HOSTILE_NAME)
    assert not RAW.search(out)
    assert "\u241b[31mred" in out
    shown = run_json(desk, capsys, "show", HOSTILE_NAME)
    assert (shown["name"], shown["attributes"]["note"]) == (HOSTILE_NAME, HOSTILE_VALUE)
    out, _ = run(desk, capsys, "list")
    assert not RAW.search(out)


def test_parsing_ci_commands_stays_light() -> None:
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from sms_tui.cli import build_parser\n"
        "build_parser().parse_args(['ci', 'link', 'a', 'runs_on', 'b'])\n"
        "print(sorted(m for m in ('textual', 'pydantic', 'sqlite_utils') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
