"""Refuse a desk that anyone could write: whoever can write the SQLite file (or replace it,
or plant a journal beside it) bypasses every check and audit row of the app."""

from __future__ import annotations

import stat
from pathlib import Path


def world_writable_problem(db_path: Path) -> str | None:
    """One line naming the path that everyone may write and the fix, or None when safe.

    A file that does not exist yet is judged by its directory alone. The sticky bit does
    not help: in a sticky directory such as /tmp anyone can still create `desk.db-wal` or
    `desk.db-journal` before us, and SQLite would replay it.
    """
    for path, what in ((db_path, "database"), (db_path.parent, "directory")):
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            continue
        if mode & stat.S_IWOTH:
            fix = (
                f"chmod o-w {path}"
                if what == "database"
                else f"move the database to a directory only its owner can write (chmod o-w {path})"
            )
            return (
                f"{path}: the {what} is writable by everyone, so anyone could change the desk"
                f" behind the app's back; {fix}"
            )
    return None
