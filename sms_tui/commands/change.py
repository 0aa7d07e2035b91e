"""`sms-tui change ...`: the change calendar for scripts, through the same store and rules.

The operator is the Unix account running the command, and `now` is read once, here.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sms_tui.commands.database import opened
from sms_tui.commands.output import Failure, say

if TYPE_CHECKING:
    from sqlite_utils import Database

    from sms_tui.models import Change

_FIELDS = {
    "title": "title",
    "change_type": "change_type",
    "risk": "risk",
    "ci": "cis",
    "implementer": "implementer",
    "description": "description",
    "backout_plan": "backout_plan",
    "test_plan": "test_plan",
}
"""Flag destination -> Change field, for `update`."""


def run_change(args: argparse.Namespace, path: Path) -> int:
    """Run one change subcommand against the database at `path`."""
    from sms_tui.config import wall_clock
    from sms_tui.identity import current_login

    now = wall_clock()
    login = current_login()
    action: str = args.change_command
    with opened(path, create=False) as db:
        if action == "list":
            return _list(db, args, login)
        if action == "show":
            _print(db, _get(db, args.number), as_json=args.json, full=True)
            return 0
        if action == "calendar":
            return _calendar(db, args, now)
        from sms_tui.store.operators import ensure_operator

        try:
            ensure_operator(db, login, now)
        except ValueError as error:
            raise Failure(f"cannot work as {login!r}: {error}") from None
        fresh = _write(db, args, login, now)
        if args.json:
            _print(db, fresh, as_json=True, full=False)
        else:
            say(f"{fresh.number}: version {fresh.version}, {fresh.state.value}, {_slot(fresh)}")
        return 0


def _write(db: Database, args: argparse.Namespace, login: str, now: datetime) -> Change:
    from sms_tui.models import ChangeState, ChangeType, Risk
    from sms_tui.store.change_actions import approve, move, reject
    from sms_tui.store.change_schedule import schedule
    from sms_tui.store.changes import create_change, update_change

    action: str = args.change_command
    if action == "create":
        return create_change(
            db,
            title=args.title,
            start=args.start,
            end=args.end,
            change_type=ChangeType(args.change_type),
            risk=Risk(args.risk),
            cis=args.ci,
            implementer=args.implementer,
            description=args.description,
            backout_plan=args.backout_plan,
            test_plan=args.test_plan,
            operator=login,
            now=now,
        )
    current = _get(db, args.number)
    number, version = current.number, current.version
    if action == "update":
        edits: dict[str, Any] = {
            field: getattr(args, flag)
            for flag, field in _FIELDS.items()
            if getattr(args, flag) is not None
        }
        return update_change(db, number, version, edits, operator=login, now=now)
    if action == "schedule":
        return schedule(
            db, number, version, args.start, args.end,
            operator=login, now=now, override_reason=args.override,
        )  # fmt: skip
    if action == "approve":
        return approve(db, number, version, operator=login, comment=args.comment, now=now)
    if action == "reject":
        return reject(db, number, version, operator=login, comment=args.comment, now=now)
    return move(
        db, number, version, ChangeState(args.state), operator=login, now=now,
        review_outcome=args.review_outcome, review_notes=args.review_notes,
    )  # fmt: skip


def _list(db: Database, args: argparse.Namespace, login: str) -> int:
    from sms_tui.commands.change_text import change_json, emit_json
    from sms_tui.models import ChangeState
    from sms_tui.store.changes import ChangeFilter, list_changes

    state = ChangeState.AWAITING_APPROVAL if args.awaiting else None
    if args.state is not None:
        state = ChangeState(args.state)
    query = ChangeFilter(
        start=args.start,
        end=args.end,
        state=state,
        mine=login if args.mine else None,
        service=args.service,
        ci=args.ci,
    )
    changes = list_changes(db, query)
    if args.json:
        emit_json({"changes": [change_json(c) for c in changes]})
        return 0
    for change in changes:
        say(
            f"{change.number}  {_slot(change)}  {change.state.value:<17} "
            f"{change.change_type.value:<9} {change.title}"
        )
    say(f"{len(changes)} change(s)")
    return 0


def _calendar(db: Database, args: argparse.Namespace, now: datetime) -> int:
    from sms_tui.commands.change_ics import calendar_bytes
    from sms_tui.store.changes import ChangeFilter, list_changes

    changes = list_changes(db, ChangeFilter(start=args.start, end=args.end))
    data = calendar_bytes(changes, now)
    if args.ics == "-":
        import sys

        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        Path(args.ics).write_bytes(data)
        say(f"wrote {len(changes)} change(s) to {args.ics}")
    return 0


def _print(db: Database, change: Change, *, as_json: bool, full: bool) -> None:
    from sms_tui.commands.change_text import change_json, emit_json, print_change
    from sms_tui.store.change_impact import change_impact
    from sms_tui.store.change_schedule import conflicts_of

    conflicts = conflicts_of(db, change) if full else None
    impact = change_impact(db, change) if full else None
    if as_json:
        emit_json(change_json(change, conflicts, impact))
    else:
        print_change(change, conflicts or [], impact or [])


def _slot(change: Change) -> str:
    return f"{change.planned_start:%Y-%m-%d %H:%M}-{change.planned_end:%H:%M}Z"


def _get(db: Database, text: str) -> Change:
    from sms_tui.store.changes import get_change

    return get_change(db, change_number(text))


def change_number(text: str) -> str:
    """A change number as typed: 'CHG-00042', 'chg-42' or just '42'."""
    cleaned = text.strip().upper().removeprefix("CHG-")
    if cleaned.isdigit() and int(cleaned) > 0:
        return f"CHG-{int(cleaned):05d}"
    raise Failure(f"not a change number: {text!r} (for example CHG-00042)")
