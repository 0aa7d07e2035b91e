"""`sms-tui suggest --text` and `sms-tui incident suggest NUMBER`: ranked, with score and reason."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from sms_tui.cli import main
from sms_tui.store import open_store
from tests.conftest import NOW, hostile_strings
from tests.suggestion_desk import DEADLOCK, WORKAROUND, add_hostile, seed_suggestions


@pytest.fixture
def desk(db_file: Path) -> Iterator[Path]:
    db = open_store(db_file)
    seed_suggestions(db, NOW)
    db.conn.close()
    yield db_file


def run(desk: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(desk), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_incident_suggest_prints_ranked_cis_and_known_errors(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(desk, capsys, "incident", "suggest", "1")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "CIs"
    assert lines[1].split() == ["100", "db-prd-03", "database"]
    assert "hostname db-prd-03 in text" in lines[2]
    known = lines.index("Known errors")
    assert lines[known + 1].startswith("  100  KE-00001  " + DEADLOCK)
    assert "error code ORA-00060 in text" in lines[known + 2]


def test_suggest_text_as_json_with_the_workaround(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        desk,
        capsys,
        "suggest",
        "--text",
        "ORA-00060 again in the pay run",
        "--limit",
        "1",
        "--json",
    )
    assert code == 0
    found = json.loads(out)
    assert [k["key"] for k in found["known_errors"]] == ["KE-00001"]
    assert found["known_errors"][0]["workaround"] == WORKAROUND
    assert found["known_errors"][0]["score"] >= 80
    assert len(found["cis"]) == 1 and found["cis"][0]["key"] == "db-prd-03"


def test_an_unknown_incident_is_refused_in_one_line(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(desk, capsys, "incident", "suggest", "INC-000999")
    assert code == 1 and out == ""
    assert err == "sms-tui: no incident 'INC-000999'\n"


def test_hostile_names_are_neutralised_on_the_terminal_and_exact_in_json(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = open_store(desk)
    text = "\u001b[31mred via raw SGR\u001b[0m"
    assert text in hostile_strings()
    ci, number = add_hostile(db, text, NOW, 1)
    db.conn.close()
    _, out, _ = run(desk, capsys, "suggest", "--text", "zebra-1 zebra outage")
    assert "\x1b" not in out and "\u241b[31mred via raw SGR" in out
    _, out, _ = run(desk, capsys, "suggest", "--text", "zebra-1 zebra outage", "--json")
    found = json.loads(out)
    assert ci in [c["key"] for c in found["cis"]]
    assert number in [k["key"] for k in found["known_errors"]]
