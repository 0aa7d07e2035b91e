"""The store of record: opening, versioned writes, audit, refusals, transactions."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from sms_tui.models import BusinessCalendar, ConfigurationItem, Incident, Service, WorkNote
from sms_tui.store import (
    DatabaseBusy,
    Invalid,
    NotADatabase,
    NotFound,
    SchemaTooNew,
    StaleRecord,
    families,
    open_store,
    records,
    write,
)
from sms_tui.store.catalogue import (
    create_calendar,
    create_service,
    get_service,
    list_services,
    update_service,
)
from sms_tui.store.operators import ensure_operator
from tests.conftest import hostile_strings


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _catalogue(db: Database, now: datetime) -> Service:
    create_calendar(db, BusinessCalendar(name="24x7", always_open=True), "alice", now)
    return create_service(db, Service(name="E-mail", calendar="24x7"), "alice", now)


def test_open_sets_wal_foreign_keys_and_busy_timeout(db_file: Path) -> None:
    db = open_store(db_file)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_reopen_applies_no_migration_twice(db_file: Path) -> None:
    open_store(db_file).conn.close()
    db = open_store(db_file)
    names = [row["name"] for row in db.query("SELECT name FROM _sqlite_migrations")]
    assert len(names) == len(set(names)) >= 2


def test_newer_schema_is_refused_and_file_untouched(db_file: Path) -> None:
    db = open_store(db_file)
    db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('sms_tui', 'm999_from_the_future', '2030-01-01')"
    )
    db.conn.close()
    before = _digest(db_file)
    with pytest.raises(SchemaTooNew, match=r"newer sms-tui.*m999_from_the_future"):
        open_store(db_file)
    assert _digest(db_file) == before


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: p.write_text("hello, not a database " * 10), "not an SQLite database"),
        (lambda p: p.mkdir(), "is a directory"),
    ],
)
def test_bad_paths_are_refused(tmp_path: Path, setup, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "thing.db"
    setup(path)
    with pytest.raises(NotADatabase, match=message):
        open_store(path)


def test_missing_directory_and_missing_file_are_refused(tmp_path: Path) -> None:
    with pytest.raises(NotADatabase, match="does not exist"):
        open_store(tmp_path / "nope" / "desk.db")
    with pytest.raises(NotADatabase, match="no such database"):
        open_store(tmp_path / "desk.db", create=False)
    assert not (tmp_path / "desk.db").exists()


def test_update_bumps_version_and_audits_each_field(db: Database, now: datetime) -> None:
    service = _catalogue(db, now)
    later = now + timedelta(minutes=5)
    fresh = update_service(
        db, service.name, 1, {"owner": "Bob", "description": "Mail"}, "bob", later
    )
    assert (fresh.version, fresh.updated_by, fresh.updated_at) == (2, "bob", later)
    trail = records.history(db, families.SERVICES, "E-mail")
    assert [(a.field, a.old_value, a.new_value, a.operator) for a in trail[1:]] == [
        ("description", "", "Mail", "bob"),
        ("owner", "", "Bob", "bob"),
    ]
    assert trail[0].field == "created"


def test_stale_update_is_refused_with_who_and_what(db: Database, now: datetime) -> None:
    service = _catalogue(db, now)
    update_service(
        db, service.name, service.version, {"owner": "Bob"}, "bob", now + timedelta(minutes=1)
    )
    with pytest.raises(StaleRecord) as refused:
        update_service(
            db,
            service.name,
            service.version,
            {"owner": "Carol"},
            "alice",
            now + timedelta(minutes=2),
        )
    error = refused.value
    assert error.updated_by == "bob"
    assert [(c.field, c.new_value, c.operator) for c in error.changes] == [("owner", "Bob", "bob")]
    assert "changed by bob" in str(error) and "owner" in str(error)
    assert get_service(db, "E-mail").owner == "Bob"
    assert len(records.history(db, families.SERVICES, "E-mail")) == 2


def test_update_without_a_difference_writes_nothing(db: Database, now: datetime) -> None:
    service = _catalogue(db, now)
    same = update_service(db, service.name, 1, {"owner": ""}, "bob", now)
    assert same.version == 1
    assert len(records.history(db, families.SERVICES, "E-mail")) == 1


def test_invalid_update_names_the_field_and_writes_nothing(db: Database, now: datetime) -> None:
    service = _catalogue(db, now)
    with pytest.raises(Invalid, match=r"service: description: String should have at most 100000"):
        update_service(db, service.name, 1, {"description": "x" * 100_001}, "bob", now)
    with pytest.raises(Invalid, match="cannot set version"):
        update_service(db, service.name, 1, {"version": 7}, "bob", now)
    assert get_service(db, "E-mail").version == 1


def test_unknown_record_is_not_found(db: Database) -> None:
    with pytest.raises(NotFound, match="no service 'Nope'"):
        get_service(db, "Nope")


def test_numbers_are_sequential_and_lists_round_trip(db: Database, now: datetime) -> None:
    _catalogue(db, now)
    note = WorkNote(at=now, author="alice", text="rebooted mail-mx-02")
    first = records.create(
        db,
        families.INCIDENTS,
        Incident(number="INC-000000", title="a", opened_at=now, work_notes=[note]),
        "alice",
        now,
    )
    second = records.create(
        db,
        families.INCIDENTS,
        Incident(number="INC-000000", title="b", opened_at=now),
        "alice",
        now,
    )
    assert (first.number, second.number) == ("INC-000001", "INC-000002")
    assert records.get(db, families.INCIDENTS, "INC-000001").work_notes == [note]


def test_a_failed_create_consumes_no_number(db: Database, now: datetime) -> None:
    bad = Incident(number="INC-000000", title="a", opened_at=now, service="No such service")
    with pytest.raises(sqlite3.IntegrityError):
        records.create(db, families.INCIDENTS, bad, "alice", now)
    good = records.create(
        db, families.INCIDENTS, Incident(number="INC-000000", title="b", opened_at=now), "a", now
    )
    assert good.number == "INC-000001"
    assert db.execute("SELECT count(*) FROM audit").fetchone()[0] == 1


def test_renaming_a_ci_carries_over_to_services(db: Database, now: datetime) -> None:
    _catalogue(db, now)
    ci = records.create(
        db, families.CIS, ConfigurationItem(name="mail-mx-02", ci_class="server"), "a", now
    )
    update_service(db, "E-mail", 1, {"cis": [ci.name]}, "a", now)
    with write(db):
        db.execute("UPDATE cis SET name = 'mail-mx-03' WHERE name = 'mail-mx-02'")
    assert get_service(db, "E-mail").cis == ["mail-mx-03"]


def test_every_write_takes_the_write_lock_first(db_file: Path, now: datetime) -> None:
    db = open_store(db_file)
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    service = _catalogue(db, now)
    update_service(db, service.name, 1, {"owner": "Bob"}, "bob", now)
    ensure_operator(db, "alice", now)
    writes = [
        i
        for i, s in enumerate(statements)
        if s.split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}
    ]
    assert writes
    for index in writes:
        opened = [s for s in statements[:index] if s.startswith(("BEGIN", "COMMIT", "ROLLBACK"))]
        assert opened[-1] == "BEGIN IMMEDIATE", statements[index]


def test_a_held_write_lock_gives_database_busy_within_the_timeout(
    db_file: Path, now: datetime
) -> None:
    holder = open_store(db_file)
    holder.execute("BEGIN IMMEDIATE")
    waiter = open_store(db_file, busy_timeout_ms=200)
    started = time.monotonic()
    with pytest.raises(DatabaseBusy, match="try again"):
        _catalogue(waiter, now)
    assert time.monotonic() - started < 0.7
    # Readers are not blocked by the writer.
    assert list_services(waiter) == []
    holder.execute("ROLLBACK")
    assert _catalogue(waiter, now).name == "E-mail"


def test_concurrent_writers_serialise_without_loss(db_file: Path, now: datetime) -> None:
    _catalogue(open_store(db_file), now)

    def work(login: str) -> None:
        db = open_store(db_file)
        for i in range(25):
            while True:
                current = get_service(db, "E-mail")
                try:
                    update_service(
                        db, "E-mail", current.version, {"description": f"{login}-{i}"}, login, now
                    )
                    break
                except StaleRecord:
                    continue

    threads = [threading.Thread(target=work, args=(f"op{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    db = open_store(db_file)
    assert get_service(db, "E-mail").version == 101
    assert db.execute("SELECT count(*) FROM audit WHERE field = 'description'").fetchone()[0] == 100


def test_hostile_strings_are_stored_exactly(db: Database, now: datetime) -> None:
    create_calendar(db, BusinessCalendar(name="24x7", always_open=True), "a", now)
    for text in hostile_strings():
        create_service(
            db, Service(name=text, owner=text, description=text, calendar="24x7"), "a", now
        )
    stored = {s.name: s for s in list_services(db)}
    for text in hostile_strings():
        assert stored[text].owner == text and stored[text].description == text


def test_first_operator_is_admin_and_later_ones_are_not(db: Database, now: datetime) -> None:
    first = ensure_operator(db, "alice", now)
    second = ensure_operator(db, "bob", now)
    assert "admin" in first.roles and "admin" not in second.roles
    assert ensure_operator(db, "alice", now) == first
