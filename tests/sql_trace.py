"""Every SQL statement this process runs, per connection, and the writes that ran outside
a `BEGIN IMMEDIATE` transaction (in autocommit, a deferred `BEGIN` or a bare savepoint)."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any, Self

import pytest

WRITE_VERBS = {"INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER"}
_WORD = re.compile(r"[A-Za-z_]+")


@dataclass
class TracedConnection:
    """The statements one connection ran, in order, as SQLite's trace hook reported them."""

    database: str
    statements: list[str] = field(default_factory=list)

    def writes(self) -> list[str]:
        return [s for s in self.statements if is_write(s)]

    def violations(self) -> list[str]:
        """Each write that ran while no `BEGIN IMMEDIATE` transaction was open, and in what."""
        found: list[str] = []
        mode: str | None = None  # None: autocommit
        savepoints = 0
        for statement in self.statements:
            words = [w.upper() for w in _WORD.findall(_code(statement))[:3]]
            verb = words[0] if words else ""
            if verb == "BEGIN":
                kinds = {"DEFERRED", "IMMEDIATE", "EXCLUSIVE"}
                mode = words[1] if len(words) > 1 and words[1] in kinds else "DEFERRED"
            elif verb in ("COMMIT", "END") or (verb == "ROLLBACK" and "TO" not in words):
                mode, savepoints = None, 0
            elif verb == "SAVEPOINT":
                savepoints += 1
                mode = mode or "SAVEPOINT"  # a savepoint outside BEGIN is a deferred BEGIN
            elif verb == "RELEASE":
                savepoints -= 1
                if mode == "SAVEPOINT" and savepoints == 0:
                    mode = None
            elif is_write(statement) and mode != "IMMEDIATE":
                shown = " ".join(statement.split())[:120]
                found.append(f"{self.database}: {shown!r} ran in {mode or 'autocommit'}")
        return found


class _LoggedCursor(sqlite3.Cursor):
    """A cursor that notes each statement on its connection's trace before running it."""

    def execute(self, sql: str, parameters: Any = (), /) -> Self:
        _log(self.connection, sql)
        return super().execute(sql, parameters)

    def executemany(self, sql: str, seq: Any, /) -> Self:
        _log(self.connection, sql)
        return super().executemany(sql, seq)

    def executescript(self, script: str, /) -> sqlite3.Cursor:
        _log(self.connection, script)
        return super().executescript(script)


class LoggedConnection(sqlite3.Connection):
    """Statements noted in Python, for connections that several threads use at once.

    SQLite's trace hook calls back into Python while it holds the connection's mutex; with
    a second thread holding the GIL and waiting for that mutex (a TUI's workers reading
    while another statement starts), the two wait for each other for ever. Noting the
    statement before handing it to SQLite needs no callback. Triggers are not seen, but they
    run inside the statement that fired them.
    """

    traced: TracedConnection

    def cursor(self, factory: Any = _LoggedCursor) -> Any:
        return super().cursor(factory)

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        _log(self, sql)
        return super().execute(sql, parameters)

    def executemany(self, sql: str, seq: Any, /) -> sqlite3.Cursor:
        _log(self, sql)
        return super().executemany(sql, seq)

    def executescript(self, script: str, /) -> sqlite3.Cursor:
        _log(self, script)
        return super().executescript(script)

    def commit(self) -> None:
        _log(self, "COMMIT")
        super().commit()

    def rollback(self) -> None:
        _log(self, "ROLLBACK")
        super().rollback()


def _log(conn: sqlite3.Connection, sql: str) -> None:
    traced = getattr(conn, "traced", None)
    if traced is not None:
        traced.statements.append(sql)


class SqlTrace:
    """While installed, every `sqlite3.connect` in this process is traced.

    `threads=True` notes statements in Python (see LoggedConnection) instead of through
    SQLite's trace hook, for a TUI whose workers share a connection.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *, threads: bool = False) -> None:
        self.connections: list[TracedConnection] = []
        real = sqlite3.connect

        def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
            traced = TracedConnection(str(args[0] if args else kwargs.get("database")))
            self.connections.append(traced)
            if threads:
                conn = real(*args, **kwargs, factory=LoggedConnection)
                assert isinstance(conn, LoggedConnection)
                conn.traced = traced
                return conn
            plain: sqlite3.Connection = real(*args, **kwargs)
            plain.set_trace_callback(traced.statements.append)
            return plain

        monkeypatch.setattr(sqlite3, "connect", connect)

    def trace(self, conn: sqlite3.Connection, database: str) -> TracedConnection:
        """Trace a connection opened before the trace was installed."""
        traced = TracedConnection(database)
        conn.set_trace_callback(traced.statements.append)
        self.connections.append(traced)
        return traced

    def writes(self) -> int:
        return sum(len(c.writes()) for c in self.connections)

    def violations(self) -> list[str]:
        return [v for c in self.connections for v in c.violations()]


def is_write(statement: str) -> bool:
    """Whether a statement changes the database (rows or schema); PRAGMAs are not counted."""
    words = [w.upper() for w in _WORD.findall(_code(statement))]
    if not words:
        return False
    if words[0] == "WITH":
        return bool(WRITE_VERBS & set(words))
    return words[0] in WRITE_VERBS


def _code(statement: str) -> str:
    # A trigger's statements come as "-- TRIGGER name" lines: comments, not code.
    lines = [line for line in statement.splitlines() if not line.lstrip().startswith("--")]
    return "\n".join(lines)
