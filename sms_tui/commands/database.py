"""Which database a command works on, and opening it with every failure as one line."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sms_tui.commands.output import Failure, os_message

if TYPE_CHECKING:
    from sqlite_utils import Database

ENV_VAR = "SMS_TUI_DB"


def resolve_db_path(option: str | None, environ: Mapping[str, str], default: Path) -> Path:
    """The database to use: `--db` if given, else $SMS_TUI_DB if set and not empty, else `default`."""
    if option:
        return Path(option).expanduser()
    from_env = environ.get(ENV_VAR, "")
    if from_env:
        return Path(from_env).expanduser()
    return default


def make_home(path: Path, home: Path) -> None:
    """Create the directory of `path` when it is our own default location `home`.

    A path the operator named must already have its directory: creating one from a typo
    would hide the typo.
    """
    if path != home:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise Failure(os_message(error, path.parent)) from None


def open_or_fail(path: Path, *, create: bool) -> Database:
    """The store at `path`, migrated; SQLite errors become one line naming it."""
    from sms_tui.store import open_store

    try:
        return open_store(path, create=create)
    except sqlite3.Error as error:
        raise Failure(f"{path}: {error}") from None


@contextmanager
def opened(path: Path, *, create: bool) -> Iterator[Database]:
    """The store at `path`, migrated, closed on exit; SQLite errors become one line naming it."""
    db = open_or_fail(path, create=create)
    try:
        yield db
    except sqlite3.Error as error:
        raise Failure(f"{path}: {error}") from None
    finally:
        db.conn.close()


def remove_database(path: Path) -> None:
    """Delete a database file this run created, with its WAL and shared-memory files."""
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        name.unlink(missing_ok=True)
