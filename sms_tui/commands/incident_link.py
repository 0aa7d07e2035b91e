"""`sms-tui incident link NUMBER --ci NAME | --known-error KE-... | --problem PRB-... [--unlink]`."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING

from sms_tui.commands.output import say

if TYPE_CHECKING:
    from sqlite_utils import Database


def link_incident(db: Database, args: argparse.Namespace, login: str, now: datetime) -> int:
    """Link (or with --unlink, unlink) one record, as one new version of the incident."""
    from sms_tui.commands.incident import _number, _print
    from sms_tui.commands.problem import record_number
    from sms_tui.incident_edits import Link, LinkKind, Unlink
    from sms_tui.store.incidents import get_incident, update_incident

    if args.ci is not None:
        kind, value = LinkKind.CI, args.ci
    elif args.known_error is not None:
        kind, value = LinkKind.KNOWN_ERROR, record_number(args.known_error, ("KE-",))
    else:
        kind, value = LinkKind.PROBLEM, record_number(args.problem, ("PRB-",))
    number = _number(args.number)
    current = get_incident(db, number)
    edit = Unlink(kind, value) if args.unlink else Link(kind, value)
    fresh = update_incident(db, number, current.version, [edit], operator=login, now=now)
    if args.json:
        _print(db, fresh, now, as_json=True)
    elif fresh.version == current.version:
        say(f"{number}: {kind.value.replace('_', ' ')} {value} was already linked")
    else:
        verb = "unlinked" if args.unlink else "linked"
        say(f"{number}: {verb} {kind.value.replace('_', ' ')} {value} (version {fresh.version})")
    return 0
