"""`sms-tui export FILE`: the whole desk as JSON, which `sms-tui import` takes back unchanged."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from sms_tui.commands.database import opened
from sms_tui.commands.output import Failure, os_message, say, say_counts

STDOUT = "-"


def export_desk(target: str, path: Path) -> int:
    """Write every record of the database `path` to `target` (a file, or "-" for stdout)."""
    from sms_tui.store.desk import counts, read_desk

    with opened(path, create=False) as db:
        # One read transaction: in WAL mode it pins a single snapshot, so records saved by
        # other operators mid-export cannot leave the file pointing at what it lacks.
        db.conn.execute("BEGIN")
        try:
            desk = read_desk(db)
        finally:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
    text = desk.model_dump_json(indent=1) + "\n"
    if target == STDOUT:
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
        return 0
    write_atomically(Path(target), text)
    say(f"exported {path} to {target}:")
    say_counts(counts(desk))
    return 0


def write_atomically(target: Path, text: str) -> None:
    """Replace `target` with `text` in one rename, so a failure never leaves half a file."""
    if target.is_dir():
        raise Failure(f"{target}: is a directory")
    if not target.parent.is_dir():
        raise Failure(f"{target}: directory {target.parent} does not exist")
    try:
        handle, partial = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".partial", dir=target.parent
        )
    except OSError as error:
        raise Failure(f"{target}: cannot write in {target.parent} ({error.strerror})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(partial, _mode_for(target))
        os.replace(partial, target)
    except OSError as error:
        Path(partial).unlink(missing_ok=True)
        raise Failure(os_message(error, target)) from None
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    # mkstemp makes the file private; give it the mode a plain open() would have.
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
