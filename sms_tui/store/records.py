"""Reading, creating and updating any versioned record, with its audit trail."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlite_utils import Database

from sms_tui.models import AuditEntry, Versioned, iso, utc
from sms_tui.store.due import due_columns, refresh_service_due
from sms_tui.store.errors import Invalid, NotFound, StaleRecord
from sms_tui.store.families import NUMBER_DIGITS, Family, R
from sms_tui.store.transaction import write
from sms_tui.store.validation import describe

# How each family's derived columns are computed from fresh records (see Family.derived).
_DERIVE: dict[str, Callable[[Database, Sequence[Any]], list[dict[str, Any]]]] = {
    "incident": due_columns,
}

# Caches kept in other families that an update to a record of this family makes stale.
_AFTER_UPDATE: dict[str, Callable[[Database, Any], None]] = {
    "service": lambda db, service: refresh_service_due(db, service=service.name),
    "calendar": lambda db, calendar: refresh_service_due(db, calendar=calendar.name),
}


def _rows(db: Database, family: Family[R], records: Sequence[R]) -> list[dict[str, Any]]:
    # Derived columns are computed in the same batch, so a bulk load looks each lookup up once.
    rows = [family.to_row(record) for record in records]
    if family.derived:
        for row, extra in zip(rows, _DERIVE[family.kind](db, records), strict=True):
            row.update(extra)
    return rows


def load(db: Database, family: Family[R], rows: Sequence[Mapping[str, Any]]) -> list[R]:
    """Models for main-table rows, with their link and child lists filled in (one query per list)."""
    keys = [row[family.key] for row in rows]
    lists: dict[str, dict[str, list[Any]]] = {}
    for link in family.links:
        lists[link.field] = _grouped(
            db,
            f"SELECT {link.owner} AS owner, {link.value} AS value FROM {link.table}",
            link.owner,
            keys,
            "value",
        )
    for child in family.children:
        columns = ", ".join(child.columns)
        grouped = _grouped(
            db,
            f"SELECT {child.owner} AS owner, {columns} FROM {child.table}",
            child.owner,
            keys,
            None,
        )
        lists[child.field] = grouped
    return [
        family.from_row(
            dict(row), {name: by_owner.get(row[family.key], []) for name, by_owner in lists.items()}
        )
        for row in rows
    ]


def _grouped(
    db: Database, select: str, owner: str, keys: list[Any], value: str | None
) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = defaultdict(list)
    # Chunked: SQLite limits the number of bound parameters in one statement.
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        for row in db.query(
            f"{select} WHERE {owner} IN ({marks}) ORDER BY {owner}, position", chunk
        ):
            item = row.pop("owner")
            grouped[item].append(row[value] if value else row)
    return grouped


def get(db: Database, family: Family[R], key: str) -> R:
    rows = list(db.query(f"SELECT * FROM {family.table} WHERE {family.key} = :key", {"key": key}))
    if not rows:
        raise NotFound(f"no {family.kind.replace('_', ' ')} {key!r}")
    return load(db, family, rows)[0]


def select(
    db: Database,
    family: Family[R],
    where: str = "",
    params: Mapping[str, Any] | None = None,
    order_by: str = "",
    limit: int | None = None,
) -> list[R]:
    """Records matching an SQL condition with named parameters."""
    sql = f"SELECT * FROM {family.table}"
    if where:
        sql += f" WHERE {where}"
    sql += f" ORDER BY {order_by or family.key}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return load(db, family, list(db.query(sql, dict(params or {}))))


def next_number(db: Database, family: Family[R]) -> str:
    """Take the next number of a numbered family. Call inside a write transaction."""
    row = db.execute(
        "SELECT value FROM sequences WHERE name = :name", {"name": family.table}
    ).fetchone()
    value = (row[0] if row else 0) + 1
    db.execute(
        "INSERT INTO sequences (name, value) VALUES (:name, :value) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        {"name": family.table, "value": value},
    )
    return f"{family.prefix}{value:0{NUMBER_DIGITS[family.prefix]}d}"


def insert_rows(db: Database, family: Family[R], records: Sequence[R]) -> None:
    """Write records as they are (numbers and versions included). Call inside a write transaction."""
    if not records:
        return
    main = _rows(db, family, records)
    columns = list(main[0])
    db.conn.executemany(
        f"INSERT INTO {family.table} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})",
        main,
    )
    _insert_lists(db, family, records, family.list_fields)


def _insert_lists(db: Database, family: Family[R], records: Sequence[R], fields: set[str]) -> None:
    for link in family.links:
        if link.field in fields:
            db.conn.executemany(
                f"INSERT INTO {link.table} ({link.owner}, {link.value}, position) VALUES (?, ?, ?)",
                [
                    (getattr(record, family.key), value, i)
                    for record in records
                    for i, value in enumerate(getattr(record, link.field))
                ],
            )
    for child in family.children:
        if child.field in fields:
            names = ", ".join((child.owner, "position", *child.columns))
            marks = ", ".join("?" for _ in range(len(child.columns) + 2))
            rows = []
            for record in records:
                for i, item in enumerate(getattr(record, child.field)):
                    dumped = item.model_dump(mode="json")
                    rows.append(
                        (getattr(record, family.key), i, *(dumped[c] for c in child.columns))
                    )
            db.conn.executemany(f"INSERT INTO {child.table} ({names}) VALUES ({marks})", rows)


def create(db: Database, family: Family[R], record: R, operator: str, now: datetime) -> R:
    """Store a new record (numbered here if its family is numbered), audited, in one transaction."""
    with write(db):
        return create_in(db, family, record, operator, now)


def create_in(db: Database, family: Family[R], record: R, operator: str, now: datetime) -> R:
    """`create` inside a write transaction the caller opened, so that several records commit
    together (a problem and its incidents, a change and its approvals)."""
    _inside_write(db)
    data = record.model_dump()
    if family.prefix:
        data[family.key] = next_number(db, family)
    data.update(version=1, updated_at=now, updated_by=operator)
    fresh = _validated(family, data)
    key = getattr(fresh, family.key)
    if db.execute(f"SELECT 1 FROM {family.table} WHERE {family.key} = ?", [key]).fetchone():
        raise Invalid(f"{family.kind.replace('_', ' ')} {key!r} already exists")
    insert_rows(db, family, [fresh])
    created = fresh.model_dump_json(exclude={"version", "updated_at", "updated_by"})
    _audit(db, family, key, [("created", None, created)], operator, now, 1)
    return fresh


def update(
    db: Database,
    family: Family[R],
    key: str,
    expected_version: int,
    changes: Mapping[str, Any],
    operator: str,
    now: datetime,
) -> R:
    """Apply field changes to the record read at `expected_version`, or refuse as stale.

    The version check, the row, its lists and the audit rows are one transaction.
    """
    with write(db):
        current = get(db, family, key)
        return update_in(db, family, current, expected_version, changes, operator, now)


def update_in(
    db: Database,
    family: Family[R],
    current: R,
    expected_version: int,
    changes: Mapping[str, Any],
    operator: str,
    now: datetime,
    notes: Sequence[tuple[str, str | None, str | None]] = (),
) -> R:
    """`update` inside a write transaction the caller opened; `current` must be read in it.

    `notes` are extra audit rows for the new version, such as the reason a conflict was
    overridden; with notes, a version is written even when no field changed.
    """
    _inside_write(db)
    unknown = set(changes) - set(family.model.model_fields) | (
        {family.key, "version", "updated_at", "updated_by"} & set(changes)
    )
    if unknown:
        raise Invalid(f"{family.kind}: cannot set {', '.join(sorted(unknown))}")
    key = getattr(current, family.key)
    if current.version != expected_version:
        raise stale(db, family, current, expected_version)
    data = current.model_dump()
    data.update(changes)
    data.update(version=current.version + 1, updated_at=now, updated_by=operator)
    fresh = _validated(family, data)
    diff = _diff(current, fresh, set(changes))
    if not diff and not notes:
        return current
    row = _rows(db, family, [fresh])[0]
    assignments = ", ".join(f"{c} = :{c}" for c in row if c != family.key)
    cursor = db.execute(
        f"UPDATE {family.table} SET {assignments} WHERE {family.key} = :{family.key} AND version = :expected",
        {**row, "expected": expected_version},
    )
    if cursor.rowcount != 1:  # cannot happen under BEGIN IMMEDIATE, but never write blind
        raise StaleRecord(family.kind, key, [], current.updated_by, current.updated_at)
    _rewrite_lists(db, family, fresh, {name for name, _, _ in diff})
    if family.kind in _AFTER_UPDATE:
        _AFTER_UPDATE[family.kind](db, fresh)
    _audit(db, family, key, [*diff, *notes], operator, now, fresh.version)
    return fresh


def stale(db: Database, family: Family[R], current: R, expected_version: int) -> StaleRecord:
    """The refusal for a record someone else saved after `expected_version` was read."""
    key = getattr(current, family.key)
    return StaleRecord(
        family.kind,
        key,
        changes_since(db, family, key, expected_version),
        current.updated_by,
        current.updated_at,
    )


def _inside_write(db: Database) -> None:
    # Outside BEGIN IMMEDIATE each statement would autocommit on its own: never half a record.
    if not db.conn.in_transaction:
        raise RuntimeError("call inside store.transaction.write")


def _rewrite_lists(db: Database, family: Family[R], record: R, changed: set[str]) -> None:
    key = getattr(record, family.key)
    places = [(x.table, x.owner, x.field) for x in family.links]
    places += [(x.table, x.owner, x.field) for x in family.children]
    for table, owner, name in places:
        if name in changed:
            db.execute(f"DELETE FROM {table} WHERE {owner} = ?", [key])
    _insert_lists(db, family, [record], changed & family.list_fields)


def _validated(family: Family[R], data: dict[str, Any]) -> R:
    try:
        return family.model.model_validate(data)
    except ValidationError as error:
        raise Invalid(f"{family.kind.replace('_', ' ')}: {describe(error)}") from None


def _diff(
    before: Versioned, after: Versioned, fields: set[str]
) -> list[tuple[str, str | None, str | None]]:
    old = before.model_dump(mode="json")
    new = after.model_dump(mode="json")
    return [
        (name, _text(old[name]), _text(new[name]))
        for name in sorted(fields)
        if old[name] != new[name]
    ]


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _audit(
    db: Database,
    family: Family[R],
    key: str,
    diff: list[tuple[str, str | None, str | None]],
    operator: str,
    now: datetime,
    version: int,
) -> None:
    db.conn.executemany(
        "INSERT INTO audit (kind, key, field, old_value, new_value, operator, at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (family.kind, key, name, old, new, operator, iso(now), version)
            for name, old, new in diff
        ],
    )


def changes_since(db: Database, family: Family[R], key: str, version: int) -> list[AuditEntry]:
    """What others changed in a record after `version`: the answer to 'who changed what?'."""
    rows = db.query(
        "SELECT kind, key, field, old_value, new_value, operator, at, version FROM audit "
        "WHERE kind = :kind AND key = :key AND version > :version ORDER BY id",
        {"kind": family.kind, "key": key, "version": version},
    )
    return [AuditEntry(**{**row, "at": utc(row["at"])}) for row in rows]


def history(db: Database, family: Family[R], key: str) -> list[AuditEntry]:
    """The whole audit trail of one record, oldest first."""
    return changes_since(db, family, key, 0)
