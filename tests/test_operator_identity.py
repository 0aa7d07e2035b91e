"""Who the operator is: the passwd entry, `--operator` only for the database's owner, and
no desk that everyone could write."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
from sqlite_utils import Database

from sms_tui.cli import main
from sms_tui.commands.launch import prepare
from sms_tui.commands.output import Failure
from sms_tui.identity import NotServiceAccount, acting_operator, current_login
from sms_tui.models import Operator, Role
from sms_tui.store import families, open_store, records
from sms_tui.store.desk import write_desk
from sms_tui.store.errors import Forbidden
from sms_tui.store.operators import ensure_operator, get_operator
from sms_tui.store.roles import REFUSAL_FIELD
from tests.desk_builder import small_desk


@pytest.fixture(autouse=True)
def private_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sms_tui.config.config_file", lambda: tmp_path / "config.toml")


def _prepare(path: Path, operator: str | None = None) -> tuple[Database, str]:
    db, config = prepare(
        path, home=path.parent / "home.db", demo=False, environ={}, operator=operator
    )
    return db, config.operator


def test_user_and_logname_change_nothing(db_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("USER", "someone")
    monkeypatch.setenv("LOGNAME", "someone")
    db, operator = _prepare(db_file)
    assert operator == current_login() != "someone"
    assert [o.login for o in records.select(db, families.OPERATORS)] == [current_login()]


def test_owner_of_the_database_may_name_the_operator(db_file: Path) -> None:
    db, operator = _prepare(db_file, operator="ann")
    assert operator == "ann"
    assert get_operator(db, "ann").roles == [Role.OPERATOR, Role.ADMIN]


def test_operator_option_is_refused_for_anyone_but_the_owner(db_file: Path) -> None:
    stranger = db_file.stat().st_uid + 4242
    with pytest.raises(NotServiceAccount, match=f"only the service account that owns {db_file}"):
        acting_operator("ann", db_file, euid=stranger)


def test_operator_option_needs_an_existing_database(tmp_path: Path) -> None:
    with pytest.raises(NotServiceAccount, match="must already exist"):
        acting_operator("ann", tmp_path / "missing.db")


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give the file to another account")
def test_operator_option_from_a_non_owner_is_one_line_and_writes_nothing(
    db_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.chown(db_file, 65534, 65534)
    before = db_file.read_bytes()
    assert main(["--db", str(db_file), "--operator", "ann"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("sms-tui: --operator ann refused: only the service account")
    assert err.count("\n") == 1
    assert db_file.read_bytes() == before


def test_operator_option_takes_no_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--operator", "ann", "incident", "list"]) == 2
    assert "--operator opens the desk as NAME" in capsys.readouterr().err


@pytest.mark.parametrize("mode", [0o666, 0o646])
def test_database_writable_by_everyone_is_refused(db_file: Path, mode: int) -> None:
    db_file.chmod(mode)
    with pytest.raises(
        Failure, match=f"{db_file}: the database is writable by everyone.*chmod o-w"
    ):
        _prepare(db_file)


@pytest.mark.parametrize("mode", [0o777, 0o1777])
def test_directory_writable_by_everyone_is_refused_even_when_sticky(
    tmp_path: Path, mode: int
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(mode)
    with pytest.raises(Failure, match=f"{shared}: the directory is writable by everyone"):
        _prepare(shared / "desk.db")
    assert not (shared / "desk.db").exists()


def _refusals(db: Database) -> list[tuple[str, str, str, str]]:
    return db.execute(
        "SELECT kind, old_value, new_value, operator FROM audit WHERE field = ?", [REFUSAL_FIELD]
    ).fetchall()


def test_import_without_the_admin_role_is_refused_and_audited(db: Database, now: datetime) -> None:
    ensure_operator(db, "boss", now)
    records.create(db, families.OPERATORS, Operator(login="ann"), operator="boss", now=now)
    with pytest.raises(Forbidden, match="ann may not import into desk: needs the admin role"):
        write_desk(db, small_desk(), "ann", now)
    assert _refusals(db) == [("desk", "import into", "needs admin", "ann")]
    assert db.execute("SELECT count(*) FROM services").fetchone() == (0,)
    write_desk(db, small_desk(), "boss", now)
    assert db.execute("SELECT count(*) FROM services").fetchone()[0] > 0


def test_import_into_a_new_file_needs_no_role(db: Database, now: datetime) -> None:
    write_desk(db, small_desk(), "whoever", now)
    assert _refusals(db) == []


def test_cli_import_by_a_plain_operator_is_refused(
    tmp_path: Path,
    now: datetime,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = open_store(tmp_path / "source.db")
    write_desk(source, small_desk(), "whoever", now)
    source.conn.close()
    desk = tmp_path / "desk.json"
    assert main(["export", str(desk), "--db", str(tmp_path / "source.db")]) == 0
    path = tmp_path / "desk.db"
    db = open_store(path)
    ensure_operator(db, "boss", now)
    db.conn.close()
    monkeypatch.setattr("sms_tui.identity.current_login", lambda: "ann")
    assert main(["import", str(desk), "--db", str(path)]) == 1
    assert "unknown operator ann may not import into desk" in capsys.readouterr().err
    db = open_store(path)
    assert _refusals(db) == [("desk", "import into", "needs admin", "ann")]
    assert db.execute("SELECT count(*) FROM services").fetchone() == (0,)
