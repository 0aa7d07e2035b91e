"""Moving a whole desk in and out of the database: export, import, and the demo's bulk load."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlite_utils import Database

from sms_tui.models import (
    AuditEntry,
    Desk,
    PriorityRule,
    Relationship,
    Role,
    Versioned,
    iso,
    number_sequence,
    utc,
)
from sms_tui.store import families
from sms_tui.store.errors import Invalid
from sms_tui.store.records import insert_rows, select
from sms_tui.store.references import check_references
from sms_tui.store.roles import require
from sms_tui.store.transaction import write
from sms_tui.store.validation import describe

MAX_REPORTED = 50


class _DryRun(Exception):
    """Raised inside the import transaction to roll it back after a full rehearsal."""


def read_desk(db: Database) -> Desk:
    """Every record in the database, in a form that `write_desk` takes back unchanged."""
    return Desk.model_construct(
        operators=select(db, families.OPERATORS),
        priority_matrix=[
            PriorityRule(**row)
            for row in db.query(
                "SELECT impact, urgency, priority FROM priority_matrix ORDER BY rowid"
            )
        ],
        calendars=select(db, families.CALENDARS),
        cis=select(db, families.CIS, order_by="rowid"),
        relationships=[
            Relationship(**row)
            for row in db.query("SELECT source, kind, target FROM relationships ORDER BY rowid")
        ],
        services=select(db, families.SERVICES),
        known_errors=select(db, families.KNOWN_ERRORS, order_by="rowid"),
        problems=select(db, families.PROBLEMS, order_by="rowid"),
        changes=select(db, families.CHANGES, order_by="rowid"),
        windows=select(db, families.WINDOWS, order_by="rowid"),
        incidents=select(db, families.INCIDENTS, order_by="rowid"),
        audit=[
            AuditEntry(**{**row, "at": utc(row["at"])})
            for row in db.query(
                "SELECT kind, key, field, old_value, new_value, operator, at, version FROM audit ORDER BY id"
            )
        ],
    )


def parse_desk(text: str) -> Desk:
    """A validated desk from JSON text, or Invalid naming every bad row and field."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise Invalid(
            f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        ) from None
    if not isinstance(raw, dict) or raw.get("format") != "sms-tui-desk":
        raise Invalid('not an sms-tui desk: expected a JSON object with "format": "sms-tui-desk"')
    try:
        desk = Desk.model_validate(raw)
    except ValidationError as error:
        raise Invalid(_report(describe(error).split("; "))) from None
    problems = check_references(desk)
    if problems:
        raise Invalid(_report(problems))
    return desk


def _report(problems: list[str]) -> str:
    shown = problems[:MAX_REPORTED]
    more = len(problems) - len(shown)
    lines = [
        f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found, nothing was written:",
        *shown,
    ]
    if more:
        lines.append(f"... and {more} more")
    return "\n".join(lines)


def counts(desk: Desk) -> dict[str, int]:
    return {
        name: len(value)
        for name, value in desk
        if isinstance(value, list) and name != "priority_matrix"
    }


def write_desk(
    db: Database,
    desk: Desk,
    operator: str,
    now: datetime,
    *,
    dry_run: bool = False,
    progress: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Write a whole validated desk into a database with no records, in one transaction.

    With `dry_run` the very same writes run and are then rolled back.
    """
    problems = check_references(desk)
    if problems:
        raise Invalid(_report(problems))
    # A brand-new file has no operators: whoever made it may fill it, as ensure_operator
    # makes the first operator the admin. Once people work the desk, only an admin may.
    if db.execute("SELECT 1 FROM operators LIMIT 1").fetchone():
        _refuse_unless_empty(db)  # first, so that an import that could never run is no refusal
        require(db, operator, Role.ADMIN, action="import into", kind="desk", key="desk", now=now)
    try:
        with write(db):
            _refuse_unless_empty(db)
            _write(db, desk, progress)
            summary = counts(desk)
            db.execute(
                "INSERT INTO audit (kind, key, field, old_value, new_value, operator, at, version) "
                "VALUES ('desk', 'import', 'imported', NULL, :summary, :operator, :at, NULL)",
                {
                    "summary": json.dumps(summary, sort_keys=True),
                    "operator": operator,
                    "at": iso(now),
                },
            )
            if dry_run:
                raise _DryRun()
    except _DryRun:
        pass
    return summary


def _refuse_unless_empty(db: Database) -> None:
    for family in families.ALL:
        if family is families.OPERATORS:
            continue
        if db.execute(f"SELECT 1 FROM {family.table} LIMIT 1").fetchone():
            raise Invalid(
                f"the database already holds {family.table}; import into a new database file"
            )


def _write(db: Database, desk: Desk, progress: Callable[[str], None] | None) -> None:
    db.execute("DELETE FROM priority_matrix")
    db.conn.executemany(
        "INSERT INTO priority_matrix (impact, urgency, priority) VALUES (?, ?, ?)",
        [(r.impact.value, r.urgency.value, r.priority.value) for r in desk.priority_matrix],
    )
    logins = [o.login for o in desk.operators]
    for start in range(0, len(logins), 500):
        chunk = logins[start : start + 500]
        db.execute(f"DELETE FROM operators WHERE login IN ({', '.join('?' for _ in chunk)})", chunk)
    order: list[tuple[families.Family[Any], Sequence[Versioned]]] = [
        (families.OPERATORS, desk.operators),
        (families.CALENDARS, desk.calendars),
        (families.CIS, desk.cis),
        (families.SERVICES, desk.services),
        (families.KNOWN_ERRORS, desk.known_errors),
        (families.PROBLEMS, desk.problems),
        (families.CHANGES, desk.changes),
        (families.WINDOWS, desk.windows),
        (families.INCIDENTS, desk.incidents),
    ]
    for family, records in order:
        if progress:
            progress(f"{family.table}: {len(records)}")
        insert_rows(db, family, records)
        if family.prefix and records:
            top = max(number_sequence(getattr(r, family.key)) for r in records)
            db.execute(
                "INSERT INTO sequences (name, value) VALUES (:name, :value) "
                "ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)",
                {"name": family.table, "value": top},
            )
    db.conn.executemany(
        "INSERT INTO relationships (source, kind, target) VALUES (?, ?, ?)",
        [(r.source, r.kind.value, r.target) for r in desk.relationships],
    )
    db.conn.executemany(
        "INSERT INTO audit (kind, key, field, old_value, new_value, operator, at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (a.kind, a.key, a.field, a.old_value, a.new_value, a.operator, iso(a.at), a.version)
            for a in desk.audit
        ],
    )
