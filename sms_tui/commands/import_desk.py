"""`sms-tui import FILE [--dry-run]`: a whole desk from JSON, validated in full, then written
in one transaction or not at all."""

from __future__ import annotations

import sys
from pathlib import Path

from sms_tui.commands.database import make_home, opened, remove_database
from sms_tui.commands.output import Failure, os_message, say, say_counts

STDIN = "-"


def import_desk(source: str, path: Path, *, home: Path, dry_run: bool) -> int:
    """Load the desk in `source` (a file, or "-" for stdin) into the empty database `path`.

    The file is read and checked before the database is opened, so a bad file leaves no
    trace, not even a new empty database. A dry run goes through the very same writes and
    rolls them back.
    """
    text = read_source(source)
    from sms_tui.store.desk import parse_desk
    from sms_tui.store.errors import Invalid

    try:
        desk = parse_desk(text)
    except Invalid as error:
        raise Failure(_report(_name(source), str(error))) from None

    from sms_tui.config import wall_clock
    from sms_tui.identity import current_login
    from sms_tui.store.desk import write_desk

    login, now = current_login(), wall_clock()
    if dry_run and not path.exists():
        if path != home and not path.parent.is_dir():
            raise Failure(f"{path}: directory {path.parent} does not exist")
        # Rehearse on a fresh store in memory: a dry run must not create the file.
        from sms_tui.store import open_memory

        counts = write_desk(open_memory(), desk, login, now, dry_run=True)
    else:
        make_home(path, home)
        created = not path.exists()
        try:
            with opened(path, create=True) as db:
                counts = write_desk(db, desk, login, now, dry_run=dry_run)
        except BaseException as error:
            if created:  # leave no empty database behind a refused or interrupted import
                remove_database(path)
            if isinstance(error, Invalid):
                raise Failure(_report(str(path), str(error))) from None
            raise
    if dry_run:
        say(f"would import into {path} (dry run, nothing was written):")
    else:
        say(f"imported into {path}:")
    say_counts(counts)
    return 0


def read_source(source: str) -> str:
    """The text of a desk file or of stdin; an unreadable or non-UTF-8 file is one line."""
    try:
        data = sys.stdin.buffer.read() if source == STDIN else Path(source).read_bytes()
    except OSError as error:
        raise Failure(os_message(error, _name(source))) from None
    try:
        # utf-8-sig: tolerate the byte-order mark some Windows editors put first.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise Failure(
            f"{_name(source)}: not UTF-8 text (byte {error.start}: {error.reason})"
        ) from None


def _name(source: str) -> str:
    return "<stdin>" if source == STDIN else source


def _report(where: str, message: str) -> str:
    """The store's report prefixed with the file; a single problem is said in one line."""
    lines = message.splitlines()
    if len(lines) == 2 and lines[0].startswith("1 problem"):
        return f"{where}: {lines[1]} (nothing was written)"
    return f"{where}: {message}"
