"""Reading the CMDB: a page of CIs for the list, one CI with its edges, badges, linked records.

The list's fuzzy filter runs over the CI names held in memory (cmdb_match), kept until a
CMDB write; only the page on screen is read from SQL.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlite_utils import Database

from sms_tui.cmdb_match import NameIndex, words_of
from sms_tui.cmdb_views import NO_BADGES, Badges, CiPage, CiRow, CmdbQuery
from sms_tui.models import (
    Change,
    ChangeState,
    CiClass,
    CiStatus,
    ConfigurationItem,
    Environment,
    Incident,
    Relationship,
)
from sms_tui.store import families, records
from sms_tui.store.cmdb_cache import PerDatabase

OPEN_INCIDENT_STATES = ("new", "assigned", "in_progress", "pending")
ACTIVE_CHANGE_STATES = (ChangeState.SCHEDULED.value, ChangeState.IMPLEMENTING.value)
_COLUMNS = "name, ci_class, status, environment, owner, location"
_CHUNK = 500


def get_ci(db: Database, name: str) -> ConfigurationItem:
    """The CI, or NotFound naming it."""
    return records.get(db, families.CIS, name)


def _index(db: Database) -> NameIndex:
    rows = db.execute("SELECT name, ci_class, environment FROM cis").fetchall()
    return NameIndex([(name, cls, env) for name, cls, env in rows])


_INDEXES = PerDatabase(_index)


def name_index(db: Database) -> NameIndex:
    """Every CI name in memory for the fuzzy filter; rebuilt after any CMDB write."""
    return _INDEXES.get(db)


def name_index_ready(db: Database) -> bool:
    """Are the names in memory and current, so that a filtered page costs milliseconds?"""
    return _INDEXES.ready(db)


def _rows(db: Database, names: Sequence[str]) -> list[CiRow]:
    found: dict[str, CiRow] = {}
    for chunk in _chunks(names):
        marks = ", ".join("?" for _ in chunk)
        for name, cls, status, env, owner, location in db.execute(
            f"SELECT {_COLUMNS} FROM cis WHERE name IN ({marks})", chunk
        ).fetchall():
            found[name] = CiRow(
                name, CiClass(cls), CiStatus(status), Environment(env), owner, location
            )
    return [found[name] for name in names if name in found]


def matching_names(db: Database, query: CmdbQuery) -> list[str]:
    """Every CI name the query matches, best first (see cmdb_match)."""
    return name_index(db).match(
        query.text,
        None if query.ci_class is None else query.ci_class.value,
        None if query.environment is None else query.environment.value,
    )


def page(db: Database, query: CmdbQuery, offset: int, limit: int) -> CiPage:
    """Rows `offset`... of the CIs matching `query`, best names first, with the total.

    An offset past the end (the filter narrowed) falls back to the last page there is.
    """
    if not words_of(query.text):
        return _sql_page(db, query, offset, limit)
    index = name_index(db)
    scope = (
        None if query.ci_class is None else query.ci_class.value,
        None if query.environment is None else query.environment.value,
    )
    total, names = index.page(query.text, offset, offset + limit, *scope)
    if offset and offset >= total:
        offset = max(total - limit, 0)
        total, names = index.page(query.text, offset, offset + limit, *scope)
    return CiPage(query, offset, tuple(_rows(db, names)), total)


def _sql_page(db: Database, query: CmdbQuery, offset: int, limit: int) -> CiPage:
    # No text to match: SQL pages in name order without the names in memory, so the list's
    # first frame does not wait for them.
    clauses, params = [], {}
    if query.ci_class is not None:
        clauses.append("ci_class = :ci_class")
        params["ci_class"] = query.ci_class.value
    if query.environment is not None:
        clauses.append("environment = :environment")
        params["environment"] = query.environment.value
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    total = int(db.execute(f"SELECT count(*) FROM cis{where}", params).fetchone()[0])
    if offset >= total:
        offset = max(total - limit, 0)
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM cis{where} ORDER BY name LIMIT :limit OFFSET :offset",
        {**params, "limit": limit, "offset": offset},
    ).fetchall()
    items = tuple(
        CiRow(name, CiClass(cls), CiStatus(status), Environment(env), owner, location)
        for name, cls, status, env, owner, location in rows
    )
    return CiPage(query, offset, items, total)


def count_cis(db: Database) -> int:
    """Every CI in the CMDB."""
    return int(db.execute("SELECT count(*) FROM cis").fetchone()[0])


def locate(db: Database, query: CmdbQuery, name: str) -> int | None:
    """Where `name` stands in the query's order, or None when it does not match."""
    names = matching_names(db, query)
    return names.index(name) if name in names else None


def relationships_of(db: Database, name: str) -> list[Relationship]:
    """Every relationship with the CI at either end."""
    rows = db.query(
        "SELECT source, kind, target FROM relationships WHERE source = :name "
        "UNION SELECT source, kind, target FROM relationships WHERE target = :name "
        "ORDER BY kind, source, target",
        {"name": name},
    )
    return [Relationship(source=r["source"], kind=r["kind"], target=r["target"]) for r in rows]


def classes_of(db: Database, names: Sequence[str]) -> dict[str, CiClass]:
    """The class of each named CI that exists."""
    found: dict[str, CiClass] = {}
    for chunk in _chunks(names):
        marks = ", ".join("?" for _ in chunk)
        for name, cls in db.execute(
            f"SELECT name, ci_class FROM cis WHERE name IN ({marks})", chunk
        ).fetchall():
            found[name] = CiClass(cls)
    return found


def badges(db: Database, names: Sequence[str]) -> dict[str, Badges]:
    """Open incidents, active changes and known errors per CI; CIs with none are left out."""
    counts: dict[str, dict[str, int]] = {}
    states = ", ".join(f"'{s}'" for s in OPEN_INCIDENT_STATES)
    active = ", ".join(f"'{s}'" for s in ACTIVE_CHANGE_STATES)
    for chunk in _chunks(list(dict.fromkeys(names))):
        marks = ", ".join("?" for _ in chunk)
        queries = {
            # CROSS JOIN keeps the link table outside: from the open incidents (thousands on a
            # big desk) the planner would probe every one of them.
            "incidents": "SELECT l.ci, count(*) FROM incident_cis l CROSS JOIN incidents i "
            f"ON i.number = l.incident WHERE l.ci IN ({marks}) AND i.state IN ({states}) "
            "GROUP BY l.ci",
            "changes": "SELECT l.ci, count(*) FROM change_cis l CROSS JOIN changes c "
            f"ON c.number = l.change WHERE l.ci IN ({marks}) AND c.state IN ({active}) "
            "GROUP BY l.ci",
            "known_errors": "SELECT ci, count(*) FROM known_error_cis "
            f"WHERE ci IN ({marks}) GROUP BY ci",
        }
        for field, sql in queries.items():
            for name, n in db.execute(sql, chunk).fetchall():
                counts.setdefault(name, {})[field] = n
    return {name: Badges(**fields) for name, fields in counts.items()}


def badges_of(db: Database, name: str) -> Badges:
    return badges(db, [name]).get(name, NO_BADGES)


def ci_incidents(db: Database, name: str, limit: int = 500) -> list[Incident]:
    """Incidents naming the CI, open ones first, newest first."""
    states = ", ".join(f"'{s}'" for s in OPEN_INCIDENT_STATES)
    return records.select(
        db,
        families.INCIDENTS,
        "number IN (SELECT incident FROM incident_cis WHERE ci = :name)",
        {"name": name},
        order_by=f"state NOT IN ({states}), opened_at DESC",
        limit=limit,
    )


def ci_changes(db: Database, name: str, limit: int = 500) -> list[Change]:
    """Changes to the CI, latest planned start first."""
    return records.select(
        db,
        families.CHANGES,
        "number IN (SELECT change FROM change_cis WHERE ci = :name)",
        {"name": name},
        order_by="planned_start DESC",
        limit=limit,
    )


def _chunks(names: Sequence[str]) -> list[list[str]]:
    # SQLite limits the number of bound parameters in one statement.
    return [list(names[i : i + _CHUNK]) for i in range(0, len(names), _CHUNK)]
