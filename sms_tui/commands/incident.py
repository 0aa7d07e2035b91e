"""`sms-tui incident list|show|create|update`: the queue and triage for scripts.

Everything goes through the same store and rules as the TUI: the queue's views and order
(store.queue), the incident actions (store.incidents). The operator is the Unix account
running the command, and `now` is read once, here at the edge.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sms_tui.commands.database import opened
from sms_tui.commands.output import Failure, say

if TYPE_CHECKING:
    from sqlite_utils import Database

    from sms_tui.incident_edits import Edit
    from sms_tui.models import Incident
    from sms_tui.queue_views import QueueItem, ServiceSla
    from sms_tui.sla import Clocks


def run_incident(args: argparse.Namespace, path: Path) -> int:
    """Run one incident subcommand against the database at `path`."""
    from sms_tui.config import wall_clock
    from sms_tui.identity import current_login

    now = wall_clock()
    login = current_login()
    action: str = args.incident_command
    with opened(path, create=False) as db:
        if action == "list":
            return _list(db, args, login, now)
        if action == "show":
            return _show(db, args, now)
        if action == "suggest":
            from sms_tui.commands.suggest import suggest_incident

            return suggest_incident(db, _number(args.number), args)
        _ensure_operator(db, login, now)
        if action == "create":
            return _create(db, args, login, now)
        if action == "link":
            from sms_tui.commands.incident_link import link_incident

            return link_incident(db, args, login, now)
        return _update(db, args, login, now)


def _list(db: Database, args: argparse.Namespace, login: str, now: datetime) -> int:
    from sms_tui.commands.incident_text import emit_json, item_json, print_items
    from sms_tui.models import iso
    from sms_tui.queue_views import QueueQuery, View
    from sms_tui.store import queue

    query = QueueQuery(View(args.view), login)
    # One read transaction, so the count and the page come from the same snapshot.
    db.conn.execute("BEGIN")
    try:
        items, total = queue.page(db, query, args.offset, args.limit, now)
        slas = queue.service_slas(db)
    finally:
        db.conn.execute("ROLLBACK")
    rows = [(item, _item_clocks(item, slas, now)) for item in items]
    if args.json:
        emit_json(
            {
                "view": args.view,
                "as_of": iso(now),
                "total": total,
                "offset": args.offset,
                "limit": args.limit,
                "incidents": [item_json(item, clocks) for item, clocks in rows],
            }
        )
    else:
        print_items(rows, total, args.offset)
    return 0


def _item_clocks(item: QueueItem, slas: dict[str, ServiceSla], now: datetime) -> Clocks | None:
    from sms_tui.sla import clocks

    found = slas.get(item.service) if item.service is not None else None
    target = None if found is None else found.targets.get(item.priority)
    if found is None or target is None:
        return None
    return clocks(item.history, item.opened_at, found.schedule, target, now)


def _show(db: Database, args: argparse.Namespace, now: datetime) -> int:
    from sms_tui.store.incidents import get_incident

    _print(db, get_incident(db, _number(args.number)), now, as_json=args.json)
    return 0


def _create(db: Database, args: argparse.Namespace, login: str, now: datetime) -> int:
    from sms_tui.models import Level
    from sms_tui.store.incidents import create_incident

    incident = create_incident(
        db,
        title=args.title,
        description=args.description,
        caller=args.caller,
        service=args.service,
        cis=args.ci,
        impact=Level(args.impact),
        urgency=Level(args.urgency),
        major=args.major,
        opened_at=args.opened_at,
        operator=login,
        now=now,
    )
    if args.json:
        _print(db, incident, now, as_json=True)
    else:
        say(f"created {incident.number} ({incident.priority.value}, {incident.state.value})")
    return 0


def _update(db: Database, args: argparse.Namespace, login: str, now: datetime) -> int:
    from sms_tui.store.incidents import get_incident, update_incident

    number = _number(args.number)
    current = get_incident(db, number)
    fresh = update_incident(db, number, current.version, _edits(args), operator=login, now=now)
    if args.json:
        _print(db, fresh, now, as_json=True)
    elif fresh.version == current.version:
        say(f"{number}: nothing to change")
    else:
        who = fresh.assignee or fresh.assignment_group or "unassigned"
        say(
            f"{number}: saved version {fresh.version}: {fresh.state.value}, "
            f"{fresh.priority.value}, {who}"
        )
    return 0


def _edits(args: argparse.Namespace) -> list[Edit]:
    """The flags as edits, in the order a person would do them: who, what, then the move."""
    from sms_tui.incident_edits import (
        AddWorkNote,
        Assign,
        Link,
        LinkKind,
        Move,
        SetLevels,
        SetMajor,
        SetParent,
        Take,
    )
    from sms_tui.models import IncidentState, Level, PendingReason, ResolutionCode

    edits: list[Edit] = []
    if args.take:
        edits.append(Take())
    if args.assign_to is not None or args.group is not None:
        edits.append(Assign(group=args.group, assignee=args.assign_to))
    if args.impact is not None or args.urgency is not None:
        impact = None if args.impact is None else Level(args.impact)
        urgency = None if args.urgency is None else Level(args.urgency)
        edits.append(SetLevels(impact=impact, urgency=urgency))
    if args.major is not None:
        edits.append(SetMajor(args.major))
    if args.parent is not None or args.no_parent:
        edits.append(SetParent(None if args.no_parent else _number(args.parent)))
    for kind, values in (
        (LinkKind.CI, args.link_ci),
        (LinkKind.PROBLEM, args.link_problem),
        (LinkKind.KNOWN_ERROR, args.link_known_error),
        (LinkKind.CHANGE, args.link_change),
    ):
        edits.extend(Link(kind, value) for value in values)
    if args.state is not None:
        reason = None if args.reason is None else PendingReason(args.reason)
        code = None if args.resolution_code is None else ResolutionCode(args.resolution_code)
        state = IncidentState(args.state)
        edits.append(Move(state, reason=reason, resolution_code=code, note=args.note or ""))
    if args.work_note is not None:
        edits.append(AddWorkNote(args.work_note))
    return edits


def _print(db: Database, incident: Incident, now: datetime, *, as_json: bool) -> None:
    from sms_tui.commands.incident_text import emit_json, incident_json, print_incident
    from sms_tui.store.incidents import sla_clocks

    clocks = sla_clocks(db, incident, now)
    if as_json:
        emit_json(incident_json(incident, clocks, now))
    else:
        print_incident(incident, clocks)


def _number(text: str) -> str:
    """An incident number as typed: 'INC-000042', 'inc-42' or just '42'."""
    from sms_tui.models import incident_number, number_sequence

    cleaned = text.strip().upper()
    if cleaned.isdigit():
        return incident_number(int(cleaned))
    try:
        if cleaned.startswith("INC-"):
            return incident_number(number_sequence(cleaned))
    except ValueError:
        pass
    raise Failure(f"not an incident number: {text!r} (for example INC-000042)")


def _ensure_operator(db: Database, login: str, now: datetime) -> None:
    from sms_tui.store.operators import ensure_operator

    try:
        ensure_operator(db, login, now)
    except ValueError as error:  # a passwd name our Login type refuses
        raise Failure(f"cannot work as {login!r}: {error}") from None
