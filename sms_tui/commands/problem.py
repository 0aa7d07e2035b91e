"""`sms-tui problem list|show|create|update`: problem management for scripts.

Everything goes through the same store and rules as the TUI (store.problems and
store.problem_actions). The operator is the Unix account running the command, and `now` is
read once, here at the edge.
"""

from __future__ import annotations

import argparse
import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sms_tui.commands.database import opened
from sms_tui.commands.output import Failure, say

if TYPE_CHECKING:
    from sqlite_utils import Database

    from sms_tui.models import Problem


def run_problem(args: argparse.Namespace, path: Path) -> int:
    """Run one problem subcommand against the database at `path`."""
    from sms_tui.commands.incident import _ensure_operator
    from sms_tui.config import wall_clock
    from sms_tui.identity import current_login

    now = wall_clock()
    login = current_login()
    action: str = args.problem_command
    with opened(path, create=False) as db:
        if action == "list":
            return _list(db, args)
        if action == "show":
            return _show(db, args)
        _ensure_operator(db, login, now)
        if action == "create":
            return _create(db, args, login, now)
        return _update(db, args, login, now)


def _list(db: Database, args: argparse.Namespace) -> int:
    from sms_tui.commands import problem_text as text
    from sms_tui.commands.incident_text import emit_json
    from sms_tui.store.problems import list_known_errors, list_problems

    if args.known_errors:
        known = list_known_errors(db)
        if args.json:
            emit_json({"known_errors": [k.model_dump(mode="json") for k in known]})
        else:
            text.print_known_errors(known)
        return 0
    rows = list_problems(db)
    if args.json:
        emit_json({"problems": [text.row_json(row) for row in rows]})
    else:
        text.print_rows(rows)
    return 0


def _show(db: Database, args: argparse.Namespace) -> int:
    from sms_tui.commands import problem_text as text
    from sms_tui.commands.incident_text import emit_json
    from sms_tui.store.problems import get_known_error

    number = record_number(args.number, ("PRB-", "KE-"))
    if number.startswith("KE-"):
        known = get_known_error(db, number)
        if args.json:
            emit_json(known.model_dump(mode="json"))
        else:
            text.print_known_error(known)
        return 0
    _print(db, number, as_json=args.json)
    return 0


def _create(db: Database, args: argparse.Namespace, login: str, now: datetime) -> int:
    from sms_tui.commands.incident import _number as incident_number
    from sms_tui.models import Priority
    from sms_tui.store.incidents import get_incident
    from sms_tui.store.problem_actions import problem_from_incidents
    from sms_tui.store.problems import create_problem

    priority = None if args.priority is None else Priority(args.priority)
    if args.from_incident:
        numbers = [incident_number(text) for text in args.from_incident]
        versions = {n: get_incident(db, n).version for n in numbers}
        problem = problem_from_incidents(
            db,
            versions,
            title=args.title,
            description=args.description,
            priority=priority,
            assignee=args.assign_to,
            operator=login,
            now=now,
        )
    else:
        problem = create_problem(
            db,
            title=args.title,
            description=args.description,
            priority=priority or Priority.P3,
            service=args.service,
            cis=args.ci,
            assignee=args.assign_to,
            operator=login,
            now=now,
        )
    if args.json:
        _print(db, problem.number, as_json=True)
    else:
        say(f"created {problem.number} ({problem.priority.value}, {problem.state.value})")
    return 0


def _update(db: Database, args: argparse.Namespace, login: str, now: datetime) -> int:
    from sms_tui.models import Priority, ProblemState
    from sms_tui.store.problem_actions import publish_known_error, resolve_problem
    from sms_tui.store.problems import get_problem, update_problem

    number = record_number(args.number, ("PRB-",))
    current = get_problem(db, number)
    if args.state == "resolved":
        done = resolve_problem(
            db,
            number,
            current.version,
            resolve_incidents=args.resolve_incidents,
            note=args.note or "",
            root_cause=args.root_cause,
            operator=login,
            now=now,
        )
        fresh = done.problem
        resolved = f"; resolved {len(done.incidents)} incident(s)" if done.incidents else ""
        return _report(db, current, fresh, args, resolved)
    fresh = update_problem(
        db,
        number,
        current.version,
        state=None if args.state is None else ProblemState(args.state),
        title=args.title,
        description=args.description,
        root_cause=args.root_cause,
        workaround=args.workaround,
        priority=None if args.priority is None else Priority(args.priority),
        assignee="" if args.unassign else args.assign_to,
        cis=args.ci,
        operator=login,
        now=now,
    )
    published = ""
    if args.publish_known_error:
        fresh, known = publish_known_error(db, number, fresh.version, operator=login, now=now)
        published = f"; published {known.number}"
    return _report(db, current, fresh, args, published)


def _report(
    db: Database, before: Problem, after: Problem, args: argparse.Namespace, extra: str
) -> int:
    if args.json:
        _print(db, after.number, as_json=True)
    elif after.version == before.version:
        say(f"{after.number}: nothing to change")
    else:
        say(f"{after.number}: saved version {after.version}: {after.state.value}{extra}")
    return 0


def _print(db: Database, number: str, *, as_json: bool) -> None:
    from sms_tui.commands import problem_text as text
    from sms_tui.commands.incident_text import emit_json
    from sms_tui.store.problems import get_problem, linked_incidents

    problem = get_problem(db, number)
    incidents = linked_incidents(db, number)
    if as_json:
        emit_json(text.problem_json(problem, incidents))
    else:
        text.print_problem(problem, incidents)


def record_number(text: str, prefixes: tuple[str, ...]) -> str:
    """A PRB- or KE- number as typed: 'PRB-00042', 'prb-42', or just '42' for the first prefix."""
    cleaned = text.strip().upper()
    match = re.fullmatch(r"([A-Z]+-)?(\d{1,9})", cleaned)
    prefix = None if match is None else (match.group(1) or prefixes[0])
    if match is None or prefix not in prefixes:
        wanted = " or ".join(f"{p}00042" for p in prefixes)
        raise Failure(
            f"not a {'/'.join(p.rstrip('-') for p in prefixes)} number: {text!r} (for example {wanted})"
        )
    return f"{prefix}{int(match.group(2)):05d}"
