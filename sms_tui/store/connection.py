"""Opening the one shared database file: checks, pragmas, migrations."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from sms_tui.store.errors import NotADatabase, SchemaTooNew
from sms_tui.store.schema import KNOWN_MIGRATIONS, migrations
from sms_tui.store.transaction import write

BUSY_TIMEOUT_MS = 5_000
UI_BUSY_TIMEOUT_MS = 1_000
"""How long a save in the TUI waits for another operator's write lock. The screen cannot
answer keys while it waits, so it gives up sooner than a script and says "try again"."""


def open_store(
    path: str | Path, *, create: bool = True, busy_timeout_ms: int = BUSY_TIMEOUT_MS
) -> Database:
    """Open (or with `create`, make) the database at `path`, migrated to the current schema.

    Raises NotADatabase or SchemaTooNew with a one-line reason; a refused file is not modified.
    """
    path = Path(path)
    _check_path(path, create=create)
    # isolation_level=None: Python must never open a deferred transaction behind our back;
    # every write goes through store.transaction.write().
    conn = sqlite3.connect(
        str(path), isolation_level=None, timeout=busy_timeout_ms / 1000, check_same_thread=False
    )
    try:
        db = Database(conn)
        db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        # The first read of the file: SQLite checks its header here and refuses a file that
        # is not a database before writing anything to it or beside it.
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as error:
        conn.close()
        if "not a database" in str(error):
            raise NotADatabase(f"{path}: not an SQLite database") from None
        raise NotADatabase(f"{path}: cannot open ({error})") from None
    _check_not_newer(db, path)
    if migrations.pending(db):
        with write(db):
            # Re-read under the lock: another process may have migrated meanwhile.
            migrations.apply(db)
    return db


def set_busy_timeout(db: Database, busy_timeout_ms: int) -> None:
    """How long this connection's writes wait for another's write lock before DatabaseBusy."""
    db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")


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
    # Never open() and close() the file here to read its header: closing any descriptor of
    # a file drops every POSIX lock this process holds on it, so opening a second store in
    # a process (the TUI's match index does) would cancel the first one's shared lock, and
    # the next process to close would delete the WAL from under it. SQLite reads the header.
    if not os.access(path, os.R_OK):
        raise NotADatabase(f"{path}: cannot read (permission denied)")


def _check_not_newer(db: Database, path: Path) -> None:
    applied = [m.name for m in migrations.applied(db)]
    unknown = [name for name in applied if name not in KNOWN_MIGRATIONS]
    if unknown:
        raise SchemaTooNew(
            f"{path}: the database was upgraded by a newer sms-tui (schema change {unknown[-1]!r}); "
            "upgrade sms-tui to open it"
        )
