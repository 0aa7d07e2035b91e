"""Writing the CMDB: CIs created and edited, relationships linked and unlinked.

Each write needs the cmdb_manager role (admins hold every role): the gate is here, so the
TUI and the CLI cannot skip it, and a refusal is audited. Each write is one BEGIN IMMEDIATE
transaction with its audit rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlite_utils import Database

from sms_tui.models import ConfigurationItem, Relationship, RelationshipKind, Role, iso
from sms_tui.store import families, records
from sms_tui.store.errors import Invalid, NotFound
from sms_tui.store.roles import require
from sms_tui.store.transaction import write
from sms_tui.store.validation import describe

RELATIONSHIP_KIND = "relationship"
"""The audit kind of relationship rows; their key is 'source kind target'."""


def create_ci(
    db: Database, ci: ConfigurationItem, *, operator: str, now: datetime
) -> ConfigurationItem:
    """Store a new CI; a name already taken is refused."""
    require(db, operator, Role.CMDB_MANAGER, action="create", kind="ci", key=ci.name, now=now)
    return records.create(db, families.CIS, ci, operator, now)


def update_ci(
    db: Database,
    name: str,
    expected_version: int,
    changes: Mapping[str, Any],
    *,
    operator: str,
    now: datetime,
) -> ConfigurationItem:
    """Change fields of the CI read at `expected_version` (StaleRecord if someone saved since)."""
    require(db, operator, Role.CMDB_MANAGER, action="update", kind="ci", key=name, now=now)
    return records.update(db, families.CIS, name, expected_version, changes, operator, now)


def relationship(source: str, kind: RelationshipKind | str, target: str) -> Relationship:
    """A validated relationship, or Invalid saying what is wrong with it."""
    try:
        return Relationship(source=source, kind=kind, target=target)
    except ValidationError as error:
        raise Invalid(f"relationship: {describe(error)}") from None


def _key(edge: Relationship) -> str:
    return f"{edge.source} {edge.kind.value} {edge.target}"


def link(
    db: Database,
    source: str,
    kind: RelationshipKind | str,
    target: str,
    *,
    operator: str,
    now: datetime,
) -> Relationship:
    """Record 'source kind target'; both CIs must exist and the edge must be new."""
    edge = relationship(source, kind, target)
    key = _key(edge)
    require(
        db, operator, Role.CMDB_MANAGER, action="link", kind=RELATIONSHIP_KIND, key=key, now=now
    )
    with write(db):
        for name in (edge.source, edge.target):
            if db.execute("SELECT 1 FROM cis WHERE name = ?", [name]).fetchone() is None:
                raise NotFound(f"relationship {key}: no CI {name!r}")
        exists = db.execute(
            "SELECT 1 FROM relationships WHERE source = ? AND kind = ? AND target = ?",
            [edge.source, edge.kind.value, edge.target],
        ).fetchone()
        if exists:
            raise Invalid(f"relationship {key} already exists")
        db.execute(
            "INSERT INTO relationships (source, kind, target) VALUES (?, ?, ?)",
            [edge.source, edge.kind.value, edge.target],
        )
        _audit(db, key, "created", None, key, operator, now)
    return edge


def unlink(
    db: Database,
    source: str,
    kind: RelationshipKind | str,
    target: str,
    *,
    operator: str,
    now: datetime,
) -> Relationship:
    """Remove 'source kind target'; NotFound when there is no such edge."""
    edge = relationship(source, kind, target)
    key = _key(edge)
    require(
        db, operator, Role.CMDB_MANAGER, action="unlink", kind=RELATIONSHIP_KIND, key=key, now=now
    )
    with write(db):
        cursor = db.execute(
            "DELETE FROM relationships WHERE source = ? AND kind = ? AND target = ?",
            [edge.source, edge.kind.value, edge.target],
        )
        if cursor.rowcount != 1:
            raise NotFound(f"no relationship {key}")
        _audit(db, key, "deleted", key, None, operator, now)
    return edge


def _audit(
    db: Database,
    key: str,
    field: str,
    old: str | None,
    new: str | None,
    operator: str,
    now: datetime,
) -> None:
    db.execute(
        "INSERT INTO audit (kind, key, field, old_value, new_value, operator, at, version)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
        [RELATIONSHIP_KIND, key, field, old, new, operator, iso(now)],
    )
