"""Opening the one shared database file: checks, pragmas, migrations."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from sms_tui.store.errors import NotADatabase, SchemaTooNew
from sms_tui.store.schema import KNOWN_MIGRATIONS, migrations
from sms_tui.store.transaction import write

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5_000


def open_store(
    path: str | Path, *, create: bool = True, busy_timeout_ms: int = BUSY_TIMEOUT_MS
) -> Database:
    """Open (or with `create`, make) the database at `path`, migrated to the current schema.

    Raises NotADatabase or SchemaTooNew with a one-line reason; a refused file is not modified.
    """
    path = Path(path)
    _check_path(path, create=create)
    try:
        # isolation_level=None: Python must never open a deferred transaction behind our back;
        # every write goes through store.transaction.write().
        conn = sqlite3.connect(
            str(path), isolation_level=None, timeout=busy_timeout_ms / 1000, check_same_thread=False
        )
        db = Database(conn)
        db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as error:
        raise NotADatabase(f"{path}: not an SQLite database ({error})") from None
    _check_not_newer(db, path)
    if migrations.pending(db):
        with write(db):
            # Re-read under the lock: another process may have migrated meanwhile.
            migrations.apply(db)
    return db


def open_memory() -> Database:
    """A fresh in-memory store, for tests and dry runs."""
    db = Database(sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False))
    db.execute("PRAGMA foreign_keys = ON")
    with write(db):
        migrations.apply(db)
    return db


def _check_path(path: Path, *, create: bool) -> None:
    if path.is_dir():
        raise NotADatabase(f"{path}: is a directory, not a database file")
    if not path.exists():
        if not create:
            raise NotADatabase(f"{path}: no such database")
        if not path.parent.is_dir():
            raise NotADatabase(f"{path}: directory {path.parent} does not exist")
        if not os.access(path.parent, os.W_OK):
            raise NotADatabase(
                f"{path}: cannot create a database in {path.parent} (permission denied)"
            )
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise NotADatabase(f"{path}: cannot read ({error.strerror})") from None
    if header and header != SQLITE_HEADER:
        raise NotADatabase(f"{path}: not an SQLite database")


def _check_not_newer(db: Database, path: Path) -> None:
    applied = [m.name for m in migrations.applied(db)]
    unknown = [name for name in applied if name not in KNOWN_MIGRATIONS]
    if unknown:
        raise SchemaTooNew(
            f"{path}: the database was upgraded by a newer sms-tui (schema change {unknown[-1]!r}); "
            "upgrade sms-tui to open it"
        )
