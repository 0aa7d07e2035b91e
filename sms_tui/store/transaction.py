"""The one way to write: a short transaction that takes the write lock up front."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

from sms_tui.store.errors import DatabaseBusy


@contextmanager
def write(db: Database) -> Iterator[Database]:
    """Run the block in `BEGIN IMMEDIATE` ... `COMMIT`, or roll it all back.

    A deferred `BEGIN` (sqlite-utils' `atomic()`) upgrades to a write lock on its first
    write and fails at once under contention; taking the lock first lets the busy
    timeout do its job. sqlite-utils calls inside the block nest as savepoints.
    """
    try:
        db.conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        if _is_busy(error):
            raise DatabaseBusy() from error
        raise
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    try:
        db.conn.execute("COMMIT")
    except sqlite3.OperationalError as error:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        if _is_busy(error):
            raise DatabaseBusy() from error
        raise


def _is_busy(error: sqlite3.OperationalError) -> bool:
    text = str(error)
    return "database is locked" in text or "database is busy" in text
