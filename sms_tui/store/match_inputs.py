"""What the matcher is built from, read from the store as models, and what changed since.

A full read feeds `MatchIndex.build`; afterwards the audit trail says which CIs, known
errors and services were written since a given audit row, so the index is kept current by
re-reading only those.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from sms_tui.models import ConfigurationItem, KnownError, Relationship, Service
from sms_tui.store import families, records
from sms_tui.store.families import Family, R

_WATCHED = ("ci", "known_error", "service")


@dataclass(frozen=True)
class MatchInputs:
    """Every record the matcher ranks or reasons with, as of audit row `audit_id`."""

    cis: list[ConfigurationItem]
    relationships: list[Relationship]
    known_errors: list[KnownError]
    services: list[Service]
    audit_id: int
    relationship_count: int


@dataclass(frozen=True)
class MatchChanges:
    """Records written after an audit row: the fresh versions, and keys no longer found."""

    audit_id: int
    cis: list[ConfigurationItem] = field(default_factory=list)
    gone_cis: list[str] = field(default_factory=list)
    relationships: dict[str, list[Relationship]] = field(default_factory=dict)
    """For each changed CI, every relationship it takes part in now."""
    known_errors: list[KnownError] = field(default_factory=list)
    gone_known_errors: list[str] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    gone_services: list[str] = field(default_factory=list)
    relationship_count: int = 0

    @property
    def empty(self) -> bool:
        return not (
            self.cis
            or self.gone_cis
            or self.known_errors
            or self.gone_known_errors
            or self.services
            or self.gone_services
        )


def last_audit_id(db: Database) -> int:
    """The newest audit row's id (0 for none): every write adds one, so it moves on any change."""
    row = db.execute("SELECT max(id) FROM audit").fetchone()
    return int(row[0] or 0)


def relationship_count(db: Database) -> int:
    """How many relationships there are; bulk loads add them without audit rows."""
    return int(db.execute("SELECT count(*) FROM relationships").fetchone()[0])


def _relationships(
    db: Database, where: str = "", params: dict[str, str] | None = None
) -> list[Relationship]:
    sql = "SELECT source, kind, target FROM relationships" + (f" WHERE {where}" if where else "")
    return [Relationship.model_validate(row) for row in db.query(sql, params or {})]


def all_relationships(db: Database) -> list[Relationship]:
    return _relationships(db)


def load_match_inputs(db: Database) -> MatchInputs:
    """Every CI, relationship, known error and service.

    The audit position is read first: a write that lands during the read is then also
    picked up by the next `match_changes`, and re-applying a record is harmless.
    """
    audit_id = last_audit_id(db)
    return MatchInputs(
        cis=records.select(db, families.CIS),
        relationships=_relationships(db),
        known_errors=records.select(db, families.KNOWN_ERRORS),
        services=records.select(db, families.SERVICES),
        audit_id=audit_id,
        relationship_count=relationship_count(db),
    )


def match_changes(db: Database, after: int) -> MatchChanges:
    """The CIs, known errors and services written after audit row `after`, as they are now."""
    newest = last_audit_id(db)
    rows = db.execute(
        f"SELECT DISTINCT kind, key FROM audit WHERE id > :after AND id <= :newest AND kind IN {_WATCHED}",
        {"after": after, "newest": newest},
    ).fetchall()
    changed: dict[str, list[str]] = {kind: [] for kind in _WATCHED}
    for kind, key in rows:
        changed[kind].append(key)
    cis, gone_cis = _fresh_and_gone(db, families.CIS, changed["ci"])
    known_errors, gone_known_errors = _fresh_and_gone(
        db, families.KNOWN_ERRORS, changed["known_error"]
    )
    services, gone_services = _fresh_and_gone(db, families.SERVICES, changed["service"])
    changes = MatchChanges(
        audit_id=newest,
        cis=cis,
        gone_cis=gone_cis,
        known_errors=known_errors,
        gone_known_errors=gone_known_errors,
        services=services,
        gone_services=gone_services,
        relationship_count=relationship_count(db),
    )
    for ci in changes.cis:
        changes.relationships[ci.name] = _relationships(
            db, "source = :name OR target = :name", {"name": ci.name}
        )
    return changes


def _fresh_and_gone(db: Database, family: Family[R], keys: list[str]) -> tuple[list[R], list[str]]:
    """The records of `keys` as they are now, and the keys no longer found."""
    found = _by_keys(db, family, keys)
    present = {getattr(record, family.key) for record in found}
    return found, [key for key in keys if key not in present]


def _by_keys(db: Database, family: Family[R], keys: list[str]) -> list[R]:
    found: list[R] = []
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        params = {f"k{i}": key for i, key in enumerate(chunk)}
        marks = ", ".join(f":{name}" for name in params)
        found += records.select(db, family, f"{family.key} IN ({marks})", params)
    return found
