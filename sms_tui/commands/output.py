"""What the command line says: results on stdout, refusals on stderr as `sms-tui: <message>`."""

from __future__ import annotations

import sys
from collections.abc import Mapping

from sms_tui.safe_text import one_line

PROG = "sms-tui"


class Failure(Exception):
    """A refusal to report as it stands; the first line is the summary, any others the details."""


def say(text: str) -> None:
    """One line of a command's result on stdout, with terminal controls made harmless."""
    print(one_line(text), file=sys.stdout)


def complain(message: str) -> None:
    """A refusal on stderr: `sms-tui: <summary>`, then one indented line per detail."""
    lines = message.splitlines() or ["failed"]
    # Names in the message come from files and databases we do not trust, and stderr is
    # usually a terminal: an ESC in a service name must not reach it raw.
    print(f"{PROG}: {one_line(lines[0])}", file=sys.stderr)
    for line in lines[1:]:
        print(f"  {one_line(line)}", file=sys.stderr)


def say_counts(counts: Mapping[str, int]) -> None:
    """One `kind: n` line per record kind, indented under the line said before."""
    for kind, count in counts.items():
        say(f"  {kind}: {count}")


def explain(error: BaseException) -> str | None:
    """The one-line message for an error an operator can act on, or None for a bug."""
    # Imported here: only a failing run pays for them, and by then the store is loaded anyway.
    import sqlite3

    from sms_tui.config import ConfigError
    from sms_tui.store.errors import StoreError

    if isinstance(error, StoreError | ConfigError | Failure):
        return str(error)
    if isinstance(error, UnicodeDecodeError):
        return f"not UTF-8 text (byte {error.start}: {error.reason})"
    if isinstance(error, OSError):
        return os_message(error)
    if isinstance(error, sqlite3.Error):
        return f"database error: {error}"
    return None


def os_message(error: OSError, path: object = None) -> str:
    """`<path>: <reason>` from an OSError, e.g. `/srv/desk.json: Permission denied`."""
    where = path if path is not None else error.filename
    reason = error.strerror or str(error)
    if where is None:
        return reason
    if error.filename2 is not None and path is None:
        return f"{where} -> {error.filename2}: {reason}"
    return f"{where}: {reason}"
