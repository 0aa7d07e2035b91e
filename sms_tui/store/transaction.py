"""The one way to write: a short transaction that takes the write lock up front."""

from __future__ import annotations

import random
import sqlite3
import time
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
    _begin_immediate(db.conn)
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


FIRST_PAUSE_S = 0.0005
LONGEST_PAUSE_S = 0.025
"""A writer waiting for the lock pauses a random time up to a bound that doubles from
FIRST_PAUSE_S at each try, never above LONGEST_PAUSE_S."""


def _begin_immediate(conn: sqlite3.Connection) -> None:
    """`BEGIN IMMEDIATE`, waiting for the write lock up to the connection's busy timeout.

    SQLite's own busy handler keeps no queue and sleeps ever longer between tries, up to
    100 ms, so the writer that has waited longest tries least often: with ten processes
    updating one incident on a busy 2-core machine the median save took 1 ms but the
    slowest took 5 s and one ran out of time. Short jittered pauses, capped at 25 ms, give
    a long waiter its chance at each release: p99 0.6x, the slowest 0.3x, the same total
    time (bench/write_contention.py measures both in one run).
    """
    timeout_ms = int(conn.execute("PRAGMA busy_timeout").fetchone()[0])
    deadline = time.monotonic() + timeout_ms / 1000
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        tries = 0
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                left = deadline - time.monotonic()
                if not _is_busy(error):
                    raise
                if left <= 0:
                    raise DatabaseBusy() from error
            bound = min(LONGEST_PAUSE_S, FIRST_PAUSE_S * 2**tries)
            time.sleep(min(random.uniform(0, bound), left))
            tries = min(tries + 1, 16)
    finally:
        conn.execute(f"PRAGMA busy_timeout = {timeout_ms}")


def _is_busy(error: sqlite3.OperationalError) -> bool:
    text = str(error)
    return "database is locked" in text or "database is busy" in text
