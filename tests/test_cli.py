"""The command line: which database, what each command refuses, and that no refusal is a traceback."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from sms_tui.cli import main
from sms_tui.commands.database import ENV_VAR, resolve_db_path
from sms_tui.commands.launch import prepare
from sms_tui.config import AppConfig
from sms_tui.store import open_store
from sms_tui.store.catalogue import list_services
from sms_tui.store.desk import read_desk, write_desk
from sms_tui.store.operators import get_operator
from tests.desk_builder import small_desk

ROOT = Path(__file__).resolve().parent.parent


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def desk_db(tmp_path: Path, now: datetime) -> Path:
    path = tmp_path / "desk.db"
    db = open_store(path)
    write_desk(db, small_desk(), "importer", now)
    db.conn.close()
    return path


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The default database and config live under tmp_path, and $SMS_TUI_DB is unset."""
    data = tmp_path / "data" / "sms-tui"
    monkeypatch.setattr("sms_tui.config.default_db_path", lambda: data / "desk.db")
    monkeypatch.setattr("sms_tui.config.demo_db_path", lambda: data / "demo.db")
    monkeypatch.setattr("sms_tui.config.config_file", lambda: tmp_path / "config.toml")
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.delenv("SSH_CONNECTION", raising=False)
    return data


# Which database


def test_db_option_wins_over_environment() -> None:
    default = Path("/data/desk.db")
    assert resolve_db_path("a.db", {ENV_VAR: "b.db"}, default) == Path("a.db")


def test_environment_wins_over_default() -> None:
    assert resolve_db_path(None, {ENV_VAR: "/srv/desk.db"}, Path("/d.db")) == Path("/srv/desk.db")


def test_empty_environment_means_default() -> None:
    assert resolve_db_path(None, {ENV_VAR: ""}, Path("/d.db")) == Path("/d.db")
    assert resolve_db_path(None, {}, Path("/d.db")) == Path("/d.db")


def test_home_directory_is_expanded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/op")
    assert resolve_db_path("~/x.db", {}, Path("/d.db")) == Path("/home/op/x.db")
    assert resolve_db_path(None, {ENV_VAR: "~/y.db"}, Path("/d.db")) == Path("/home/op/y.db")


def test_commands_use_sms_tui_db(
    desk_db: Path, home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(ENV_VAR, str(desk_db))
    assert main(["export", "-"]) == 0
    assert "INC-000002" in capsys.readouterr().out
    assert main(["export", "-", "--db", str(home / "nope.db")]) == 1
    assert "no such database" in capsys.readouterr().err


def _prepare(path: Path, home: Path, **environ: str) -> tuple[Any, AppConfig]:
    db, config = prepare(path, home=home / "desk.db", demo=False, environ=environ)
    db.conn.close()
    return db, config


def test_first_run_creates_the_default_database_and_its_directory(home: Path) -> None:
    _, config = _prepare(home / "desk.db", home, SSH_CONNECTION="10.0.0.1 5000 10.0.0.2 22")
    assert (home / "desk.db").is_file()
    assert config.db_path == str(home / "desk.db")
    assert config.animations is False
    assert config.keymap == {}


def test_launch_ensures_the_operator_from_the_passwd_entry(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("USER", "mallory")
    monkeypatch.setattr("sms_tui.identity.current_login", lambda: "carol")
    (tmp_path / "config.toml").write_text('[keymap]\n"catalogue.filter" = "f"\n')
    _, config = _prepare(tmp_path / "mine.db", home)
    assert config.operator == "carol" and config.animations is True
    assert config.keymap == {"catalogue.filter": "f"}
    assert get_operator(open_store(tmp_path / "mine.db"), "carol").login == "carol"


def test_bad_config_file_is_one_line_and_creates_no_database(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "config.toml").write_text("[keymap\n")
    assert main([]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"sms-tui: {tmp_path / 'config.toml'}: ") and err.count("\n") == 1
    assert not (home / "desk.db").exists()


def test_demo_flag_makes_the_demo_once_then_opens_it(home: Path, tmp_path: Path) -> None:
    demo = home / "demo.db"
    db, _ = prepare(demo, home=demo, demo=True, environ={})
    db.conn.close()
    made = demo.stat().st_mtime_ns, len(list_services(open_store(demo)))
    db, config = prepare(demo, home=demo, demo=True, environ={})
    db.conn.close()
    assert made[1] > 5
    assert config.db_path == str(demo)
    assert len(list_services(open_store(demo))) == made[1]


# Databases that cannot be used


def _newer(path: Path) -> Path:
    db = open_store(path)
    db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('sms_tui', 'm999_from_the_future', '2030-01-01')"
    )
    db.conn.close()
    return path


BAD_DATABASES = {
    "missing": (lambda d: d / "missing.db", "no such database"),
    # Launch would create the file, so it names the missing directory; the others, the file.
    "missing directory": (lambda d: d / "nope" / "x.db", ("no such database", "does not exist")),
    "directory": (lambda d: d, "is a directory"),
    "not sqlite": (
        lambda d: (d / "notes.txt").write_text("hello") and d / "notes.txt",
        "not an SQLite",
    ),
    "newer schema": (lambda d: _newer(d / "new.db"), "newer sms-tui"),
}


@pytest.mark.parametrize("case", list(BAD_DATABASES))
@pytest.mark.parametrize(
    "command", [["export", "-"], ["backup", "copy.db"], []], ids=["export", "backup", "launch"]
)
def test_unusable_database_is_one_line_without_traceback(
    case: str,
    command: list[str],
    tmp_path: Path,
    home: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    make, expected = BAD_DATABASES[case]
    path: Path = make(tmp_path)
    if command == [] and case == "missing":
        pytest.skip("launch creates a missing database on purpose")
    if command[:1] == ["backup"]:
        command = ["backup", str(tmp_path / "copy.db")]
        if case == "newer schema":
            pytest.skip("a backup copies pages and does not need to read the schema")
    before = sha(path) if path.is_file() else None
    assert main(["--db", str(path), *command]) == 1
    out, err = capsys.readouterr()
    wanted = (expected,) if isinstance(expected, str) else expected
    assert err.count("\n") == 1 and err.startswith("sms-tui: "), err
    assert any(text in err for text in wanted), err
    assert "Traceback" not in err and out == ""
    if before is not None:
        assert sha(path) == before
    assert not (tmp_path / "copy.db").exists()


@pytest.mark.skipif(
    sys.platform == "win32" or __import__("os").geteuid() == 0, reason="root reads anything"
)
def test_unreadable_database_is_one_line(
    tmp_path: Path, desk_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    desk_db.chmod(0)
    try:
        assert main(["--db", str(desk_db), "export", "-"]) == 1
    finally:
        desk_db.chmod(0o644)
    assert capsys.readouterr().err.count("\n") == 1


# Backup


def test_backup_of_a_live_database_is_consistent(
    desk_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    writer = sqlite3.connect(desk_db, isolation_level=None)
    # Committed but still only in the WAL: the backup must include it.
    writer.execute("UPDATE services SET owner = 'Finance' WHERE name = 'Payroll'")
    # Open and uncommitted: the backup must not see it, nor wait for it.
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE services SET owner = 'half-done' WHERE name = 'VPN'")
    copy = tmp_path / "backup.db"
    try:
        assert main(["--db", str(desk_db), "backup", str(copy)]) == 0
        expected = read_desk(open_store(desk_db))
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert f"{copy.stat().st_size:,} bytes" in capsys.readouterr().out
    check = sqlite3.connect(copy)
    assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    check.close()
    restored = read_desk(open_store(copy))
    assert restored == expected
    assert {s.name: s.owner for s in restored.services} == {"Payroll": "Finance", "VPN": ""}
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []


def test_backup_never_overwrites(
    desk_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = tmp_path / "keep.db"
    existing.write_text("precious")
    assert main(["--db", str(desk_db), "backup", str(existing)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert existing.read_text() == "precious"


def test_backup_without_hard_links_still_lands_whole(
    desk_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*args: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr("os.link", no_links)
    copy = tmp_path / "copy.db"
    assert main(["--db", str(desk_db), "backup", str(copy)]) == 0
    assert read_desk(open_store(copy)) == read_desk(open_store(desk_db))
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []


# The command line itself


def test_version_as_a_module() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sms_tui", "--version"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == "sms-tui 0.1.0"


def test_parsing_imports_neither_textual_nor_pydantic() -> None:
    probe = (
        "import sys\n"
        "from sms_tui.cli import build_parser\n"
        "build_parser().parse_args(['import', 'x.json'])\n"
        "print(sorted(m for m in ('textual', 'pydantic', 'sqlite_utils') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "[]"


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["frobnicate"]) == 2
    assert main(["import"]) == 2
    assert main(["--demo", "--db", "x.db"]) == 2
    assert main(["--db", "", "export", "-"]) == 2
    assert main(["--db", "x.db", "demo", "y.db"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "usage: sms-tui" in err


def test_interrupt_exits_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(*args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr("sms_tui.commands.export_desk.export_desk", interrupted)
    assert main(["export", "-"]) == 130
    assert capsys.readouterr().err == "sms-tui: interrupted\n"


def test_demo_refuses_an_existing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = tmp_path / "desk.db"
    existing.write_text("x")
    assert main(["demo", str(existing)]) == 1
    assert (
        capsys.readouterr().err
        == f"sms-tui: {existing}: already exists; the demo is written to a new file only\n"
    )


def test_demo_writes_a_desk_and_prints_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.db"
    assert main(["demo", str(path), "--seed", "7"]) == 0
    out = capsys.readouterr().out
    desk = read_desk(open_store(path))
    assert desk.incidents and f"incidents: {len(desk.incidents)}" in out
    assert main(["demo", str(path)]) == 1
