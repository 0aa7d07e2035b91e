"""`sms-tui import` and `sms-tui export`: a desk moves whole, or not at all."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from sms_tui.cli import main
from sms_tui.models import WorkNote
from sms_tui.store import open_store
from sms_tui.store.desk import read_desk, write_desk
from tests.conftest import hostile_strings
from tests.desk_builder import small_desk


def desk_json(**changes: Any) -> dict[str, Any]:
    """The small desk as exported JSON, with sections replaced or rows patched by the caller."""
    data: dict[str, Any] = json.loads(small_desk().model_dump_json())
    data.update(changes)
    return data


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def fingerprint(path: Path) -> str:
    """The bytes of a database and its WAL: equal means untouched."""
    digest = hashlib.sha256()
    for name in (path, Path(f"{path}-wal")):
        if name.exists():
            digest.update(name.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def source(tmp_path: Path, now: datetime) -> Path:
    """A database file holding the small desk."""
    path = tmp_path / "source.db"
    db = open_store(path)
    write_desk(db, small_desk(), "importer", now)
    db.conn.close()
    return path


def test_export_then_import_gives_an_equal_desk(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported, target = tmp_path / "desk.json", tmp_path / "copy.db"
    assert main(["--db", str(source), "export", str(exported)]) == 0
    assert main(["import", str(exported), "--db", str(target)]) == 0
    assert "imported into" in capsys.readouterr().out

    before, after = read_desk(open_store(source)), read_desk(open_store(target))
    assert after.model_dump(exclude={"audit"}) == before.model_dump(exclude={"audit"})
    for name, records in before:
        if name != "audit":
            assert getattr(after, name) == records, name
    assert after.audit[:-1] == before.audit
    assert after.audit[-1].kind == "desk"
    assert len(after.audit) == len(before.audit) + 1


def test_export_to_stdout_prints_the_desk(source: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "-", "--db", str(source)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "sms-tui-desk"
    assert [i["number"] for i in data["incidents"]] == ["INC-000001", "INC-000002"]


def test_export_replaces_the_file_whole_and_leaves_no_partial(source: Path, tmp_path: Path) -> None:
    exported = tmp_path / "desk.json"
    exported.write_text("old")
    assert main(["--db", str(source), "export", str(exported)]) == 0
    assert json.loads(exported.read_text())["format"] == "sms-tui-desk"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")) == []


def test_export_of_a_missing_database_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(tmp_path / "none.db"), "export", str(tmp_path / "out.json")]) == 1
    assert capsys.readouterr().err.startswith("sms-tui: ")
    assert list(tmp_path.iterdir()) == []


def test_export_into_a_missing_directory_is_refused(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "nope" / "desk.json"
    assert main(["--db", str(source), "export", str(target)]) == 1
    assert capsys.readouterr().err == (
        f"sms-tui: {target}: directory {target.parent} does not exist\n"
    )


def test_export_into_a_directory_is_refused(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(source), "export", str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"sms-tui: {tmp_path}: is a directory\n"


def test_import_from_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    text = small_desk().model_dump_json().encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text)))
    assert main(["import", "-", "--db", str(tmp_path / "new.db")]) == 0
    assert "incidents: 2" in capsys.readouterr().out
    assert len(read_desk(open_store(tmp_path / "new.db")).incidents) == 2


def test_import_with_one_bad_row_writes_nothing_and_names_row_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = desk_json()
    data["incidents"][1]["service"] = "Nope"
    target = tmp_path / "new.db"
    assert main(["import", str(write_json(tmp_path / "bad.json", data)), "--db", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "incidents[1] (INC-000002).service: unknown service 'Nope'" in err
    assert "nothing was written" in err
    assert not target.exists()


def test_import_report_lists_every_bad_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = desk_json()
    data["services"][0]["calendar"] = "Moon base"
    data["incidents"][0]["assignee"] = "mallory"
    assert (
        main(
            ["import", str(write_json(tmp_path / "bad.json", data)), "--db", str(tmp_path / "n.db")]
        )
        == 1
    )
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("sms-tui: ") and "2 problems" in lines[0]
    assert any(
        "services[0] (Payroll).calendar: unknown calendar 'Moon base'" in line for line in lines[1:]
    )
    assert any(
        "incidents[0] (INC-000001).assignee: unknown operator 'mallory'" in line
        for line in lines[1:]
    )


def test_import_into_a_database_that_holds_records_changes_nothing(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = fingerprint(source)
    exported = write_json(tmp_path / "desk.json", desk_json())
    assert main(["import", str(exported), "--db", str(source)]) == 1
    assert "already holds" in capsys.readouterr().err
    assert fingerprint(source) == before


def test_dry_run_reports_counts_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = write_json(tmp_path / "desk.json", desk_json())
    existing = tmp_path / "empty.db"
    open_store(existing).conn.close()
    before = fingerprint(existing)

    assert main(["import", "--dry-run", str(exported), "--db", str(existing)]) == 0
    out = capsys.readouterr().out
    assert "would import" in out and "incidents: 2" in out and "services: 2" in out
    assert fingerprint(existing) == before
    assert read_desk(open_store(existing)).incidents == []

    missing = tmp_path / "missing.db"
    assert main(["import", "--dry-run", str(exported), "--db", str(missing)]) == 0
    assert not missing.exists()


def _bad_files() -> dict[str, tuple[Any, str]]:
    naive = desk_json()
    naive["incidents"][0]["opened_at"] = "2026-11-20T09:00:00"
    garbage = desk_json()
    garbage["changes"][0]["planned_start"] = "next tuesday"
    long_name = desk_json()
    long_name["services"][1]["name"] = "x" * 5001
    unknown = desk_json()
    unknown["cis"][0]["colour"] = "blue"
    return {
        "malformed JSON": ('{"format": "sms-tui-desk", ', "not valid JSON"),
        "not a desk": ([1, 2, 3], "not an sms-tui desk"),
        "unknown field": (unknown, "cis[0].colour"),
        "naive date": (naive, "incidents[0].opened_at: needs a timezone"),
        "garbage date": (garbage, "changes[0].planned_start"),
        "over-long name": (long_name, "services[1].name"),
    }


@pytest.mark.parametrize("case", list(_bad_files()))
def test_bad_file_gives_one_line_and_leaves_the_database_untouched(
    case: str, source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, expected = _bad_files()[case]
    bad = tmp_path / "bad.json"
    bad.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    before = fingerprint(source)
    fresh = tmp_path / "fresh.db"

    assert main(["import", str(bad), "--db", str(source)]) == 1
    assert main(["import", str(bad), "--db", str(fresh)]) == 1

    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2  # one line per attempt
    assert all(line.startswith(f"sms-tui: {bad}: ") and expected in line for line in err), err
    assert "Traceback" not in "".join(err)
    assert len(err[0]) < 300  # an over-long value is named, not echoed
    assert fingerprint(source) == before
    assert not fresh.exists()


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: None, "No such file or directory"),
        (lambda p: p.mkdir(), "Is a directory"),
        (lambda p: p.write_bytes(b'{"format": "\xff\xfe"}'), "not UTF-8 text"),
    ],
    ids=["missing", "directory", "not utf-8"],
)
def test_unreadable_input_gives_one_line_and_creates_no_database(
    make: Any, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "in.json"
    make(bad)
    target = tmp_path / "new.db"
    assert main(["import", str(bad), "--db", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"sms-tui: {bad}: ") and expected in err and err.count("\n") == 1
    assert not target.exists()


def test_hostile_names_in_a_report_reach_the_terminal_harmless(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = desk_json()
    data["incidents"][1]["service"] = "\x1b]52;c;aGk=\x07evil"
    assert (
        main(
            ["import", str(write_json(tmp_path / "bad.json", data)), "--db", str(tmp_path / "n.db")]
        )
        == 1
    )
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err


def test_hostile_text_survives_the_round_trip(tmp_path: Path, now: datetime) -> None:
    desk = small_desk()
    strings = hostile_strings()
    desk.incidents[1].description = "\n".join(strings)
    desk.incidents[1].work_notes = [
        WorkNote(at=now, author="bob", text=text) for text in strings if text
    ]
    source = tmp_path / "source.db"
    db = open_store(source)
    write_desk(db, desk, "importer", now)
    db.conn.close()
    exported, copy = tmp_path / "desk.json", tmp_path / "copy.db"
    assert main(["--db", str(source), "export", str(exported)]) == 0
    assert main(["--db", str(copy), "import", str(exported)]) == 0
    assert read_desk(open_store(copy)).incidents == read_desk(open_store(source)).incidents
