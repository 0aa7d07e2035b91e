"""`sms-tui backup FILE`: a consistent copy of a live database, made with SQLite's backup API."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from sms_tui.commands.output import Failure, os_message, say

BUSY_TIMEOUT_S = 5.0


def backup(source: Path, target: Path) -> int:
    """Copy `source` to the new file `target` page by page under a read snapshot.

    A file copy of a database in WAL mode can catch a write half-done; the backup API
    reads one consistent snapshot while other operators keep working. The copy is
    checked before it takes its name, and an existing file is never overwritten.
    """
    _check_source(source)
    _check_target(target)
    try:
        handle, partial_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".partial", dir=target.parent
        )
    except OSError as error:
        raise Failure(f"{target}: cannot write in {target.parent} ({error.strerror})") from None
    os.close(handle)
    partial = Path(partial_name)
    try:
        _copy(source, partial)
        # The copy holds the same records as the source: let the same people read it.
        os.chmod(partial, source.stat().st_mode & 0o777)
        _claim(partial, target)
    finally:
        for name in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            name.unlink(missing_ok=True)
    size = target.stat().st_size
    say(f"backed up {source} to {target}: {size:,} bytes ({_human(size)}), integrity ok")
    return 0


def _check_source(source: Path) -> None:
    # Only stat() here: an open() and close() of the file would drop every POSIX lock this
    # process holds on it (see store.connection); SQLite checks the header when it copies.
    if source.is_dir():
        raise Failure(f"{source}: is a directory, not a database file")
    try:
        size = source.stat().st_size
    except FileNotFoundError:
        raise Failure(f"{source}: no such database") from None
    except OSError as error:
        raise Failure(f"{source}: cannot read ({error.strerror})") from None
    if size == 0:
        raise Failure(f"{source}: empty file, nothing to back up")
    if not os.access(source, os.R_OK):
        raise Failure(f"{source}: cannot read (permission denied)")


def _check_target(target: Path) -> None:
    if target.exists() or target.is_symlink():
        raise Failure(f"{target}: already exists; a backup never overwrites a file")
    if not target.parent.is_dir():
        raise Failure(f"{target}: directory {target.parent} does not exist")


def _copy(source: Path, partial: Path) -> None:
    # Read-only: a backup must never migrate, checkpoint into or otherwise touch the source.
    uri = f"{source.absolute().as_uri()}?mode=ro"
    try:
        with (
            closing(sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)) as src,
            closing(sqlite3.connect(partial, timeout=BUSY_TIMEOUT_S)) as dst,
        ):
            src.backup(dst)
            verdict = [row[0] for row in dst.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as error:
        if "not a database" in str(error):
            raise Failure(f"{source}: not an SQLite database") from None
        raise Failure(f"{source}: backup failed ({error}); nothing was written") from None
    if verdict != ["ok"]:
        raise Failure(
            f"{source}: the copy failed its integrity check ({verdict[0]}); nothing was written"
        )


def _claim(partial: Path, target: Path) -> None:
    """Give the checked copy its name, unless that name was taken meanwhile."""
    try:
        # A hard link takes the name only if it is still free: no check-then-rename race.
        os.link(partial, target)
        return
    except FileExistsError:
        raise Failure(f"{target}: already exists; a backup never overwrites a file") from None
    except OSError:
        pass  # no hard links here (FAT, some network mounts): fall back to a checked rename
    if target.exists():
        raise Failure(f"{target}: already exists; a backup never overwrites a file")
    try:
        os.replace(partial, target)
    except OSError as error:
        raise Failure(os_message(error, target)) from None


def _human(size: int) -> str:
    value = float(size)
    for unit in ("B", "KiB", "MiB"):
        if value < 1024:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GiB"
