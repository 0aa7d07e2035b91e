"""Every schema change, in order. Applied at open; a database that knows more is refused."""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "sms_tui"
migrations = Migrations(MIGRATION_SET)
KNOWN_MIGRATIONS: list[str] = []


def migration(fn: Callable[[Database], None]) -> Callable[[Database], None]:
    """Register a schema change; the names also tell a newer database from ours."""
    KNOWN_MIGRATIONS.append(fn.__name__)
    return migrations()(fn)


_VERSIONED = "version INTEGER NOT NULL DEFAULT 1, updated_at TEXT, updated_by TEXT"


def _link_table(name: str, owner: str, owner_table: str, value: str, value_table: str) -> str:
    # Renaming a CI or a service must carry over to every record that names it.
    return f"""
    CREATE TABLE {name} (
        {owner} TEXT NOT NULL REFERENCES {owner_table} ON UPDATE CASCADE ON DELETE CASCADE,
        {value} TEXT NOT NULL REFERENCES {value_table} ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
        position INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY ({owner}, {value})
    );
    CREATE INDEX {name}_by_{value} ON {name} ({value});
    """


@migration
def m001_records(db: Database) -> None:
    """The records of clause 8: catalogue, CMDB, incidents, problems, changes, people, audit."""
    statements = f"""
    CREATE TABLE sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    CREATE TABLE operators (
        login TEXT PRIMARY KEY, display_name TEXT NOT NULL DEFAULT '',
        groups TEXT NOT NULL DEFAULT '[]', roles TEXT NOT NULL DEFAULT '["operator"]', {_VERSIONED});
    CREATE TABLE priority_matrix (
        impact TEXT NOT NULL, urgency TEXT NOT NULL, priority TEXT NOT NULL,
        PRIMARY KEY (impact, urgency));
    CREATE TABLE calendars (
        name TEXT PRIMARY KEY, timezone TEXT NOT NULL, always_open INTEGER NOT NULL DEFAULT 0,
        hours TEXT NOT NULL DEFAULT '{{}}', holidays TEXT NOT NULL DEFAULT '[]', {_VERSIONED});
    CREATE TABLE cis (
        name TEXT PRIMARY KEY, ci_class TEXT NOT NULL, status TEXT NOT NULL,
        owner TEXT NOT NULL DEFAULT '', location TEXT NOT NULL DEFAULT '',
        environment TEXT NOT NULL, attributes TEXT NOT NULL DEFAULT '{{}}', {_VERSIONED});
    CREATE INDEX cis_by_class ON cis (ci_class, environment);
    CREATE TABLE relationships (
        source TEXT NOT NULL REFERENCES cis ON UPDATE CASCADE ON DELETE CASCADE,
        kind TEXT NOT NULL,
        target TEXT NOT NULL REFERENCES cis ON UPDATE CASCADE ON DELETE CASCADE,
        PRIMARY KEY (source, kind, target));
    CREATE INDEX relationships_by_target ON relationships (target);
    CREATE TABLE services (
        name TEXT PRIMARY KEY, description TEXT NOT NULL DEFAULT '', owner TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL, criticality TEXT NOT NULL,
        calendar TEXT NOT NULL REFERENCES calendars ON UPDATE CASCADE,
        targets TEXT NOT NULL DEFAULT '[]', {_VERSIONED});
    {_link_table("service_cis", "service", "services", "ci", "cis")}
    CREATE TABLE known_errors (
        number TEXT PRIMARY KEY, title TEXT NOT NULL, symptom TEXT NOT NULL DEFAULT '',
        root_cause TEXT NOT NULL DEFAULT '', workaround TEXT NOT NULL DEFAULT '',
        solution TEXT NOT NULL DEFAULT '',
        problem TEXT REFERENCES problems ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
        published_at TEXT NOT NULL, author TEXT NOT NULL DEFAULT '', {_VERSIONED});
    {_link_table("known_error_cis", "known_error", "known_errors", "ci", "cis")}
    CREATE TABLE problems (
        number TEXT PRIMARY KEY, title TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL, priority TEXT NOT NULL,
        service TEXT REFERENCES services ON UPDATE CASCADE,
        assignee TEXT REFERENCES operators ON UPDATE CASCADE,
        root_cause TEXT NOT NULL DEFAULT '', workaround TEXT NOT NULL DEFAULT '',
        known_error TEXT REFERENCES known_errors ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
        opened_at TEXT NOT NULL, resolved_at TEXT, {_VERSIONED});
    CREATE INDEX problems_by_state ON problems (state);
    {_link_table("problem_cis", "problem", "problems", "ci", "cis")}
    CREATE TABLE changes (
        number TEXT PRIMARY KEY, title TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
        change_type TEXT NOT NULL, state TEXT NOT NULL, risk TEXT NOT NULL,
        planned_start TEXT NOT NULL, planned_end TEXT NOT NULL,
        requester TEXT NOT NULL, implementer TEXT,
        backout_plan TEXT NOT NULL DEFAULT '', test_plan TEXT NOT NULL DEFAULT '',
        review_outcome TEXT NOT NULL DEFAULT '', review_notes TEXT NOT NULL DEFAULT '', {_VERSIONED});
    CREATE INDEX changes_by_start ON changes (planned_start, planned_end);
    {_link_table("change_cis", "change", "changes", "ci", "cis")}
    CREATE TABLE change_approvals (
        change TEXT NOT NULL REFERENCES changes ON UPDATE CASCADE ON DELETE CASCADE,
        position INTEGER NOT NULL, approver TEXT NOT NULL, decision TEXT NOT NULL,
        comment TEXT NOT NULL DEFAULT '', at TEXT NOT NULL, PRIMARY KEY (change, position));
    CREATE TABLE windows (
        name TEXT PRIMARY KEY, kind TEXT NOT NULL, starts_at TEXT NOT NULL, ends_at TEXT NOT NULL,
        service TEXT REFERENCES services ON UPDATE CASCADE ON DELETE CASCADE,
        weekly INTEGER NOT NULL DEFAULT 0, {_VERSIONED});
    CREATE TABLE incidents (
        number TEXT PRIMARY KEY, title TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
        caller TEXT NOT NULL DEFAULT '',
        service TEXT REFERENCES services ON UPDATE CASCADE,
        impact TEXT NOT NULL, urgency TEXT NOT NULL, priority TEXT NOT NULL, state TEXT NOT NULL,
        pending_reason TEXT, resolution_code TEXT, resolution_note TEXT NOT NULL DEFAULT '',
        assignment_group TEXT NOT NULL DEFAULT '',
        assignee TEXT REFERENCES operators ON UPDATE CASCADE,
        major INTEGER NOT NULL DEFAULT 0,
        opened_at TEXT NOT NULL, responded_at TEXT, resolved_at TEXT, closed_at TEXT,
        parent TEXT REFERENCES incidents ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
        {_VERSIONED});
    CREATE INDEX incidents_by_state ON incidents (state, priority);
    CREATE INDEX incidents_by_assignee ON incidents (assignee, state);
    CREATE INDEX incidents_by_service ON incidents (service, state);
    {_link_table("incident_cis", "incident", "incidents", "ci", "cis")}
    {_link_table("incident_problems", "incident", "incidents", "problem", "problems")}
    {_link_table("incident_known_errors", "incident", "incidents", "known_error", "known_errors")}
    {_link_table("incident_changes", "incident", "incidents", "change", "changes")}
    CREATE TABLE work_notes (
        incident TEXT NOT NULL REFERENCES incidents ON UPDATE CASCADE ON DELETE CASCADE,
        position INTEGER NOT NULL, at TEXT NOT NULL, author TEXT NOT NULL, text TEXT NOT NULL,
        PRIMARY KEY (incident, position));
    CREATE TABLE incident_history (
        incident TEXT NOT NULL REFERENCES incidents ON UPDATE CASCADE ON DELETE CASCADE,
        position INTEGER NOT NULL, at TEXT NOT NULL, state TEXT NOT NULL, reason TEXT,
        operator TEXT NOT NULL DEFAULT '', PRIMARY KEY (incident, position));
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY, kind TEXT NOT NULL, key TEXT NOT NULL, field TEXT NOT NULL,
        old_value TEXT, new_value TEXT, operator TEXT NOT NULL, at TEXT NOT NULL,
        version INTEGER);
    CREATE INDEX audit_by_record ON audit (kind, key, version);
    """
    for statement in _split(statements):
        db.execute(statement)


def _split(script: str) -> list[str]:
    # executescript() would COMMIT the surrounding BEGIN IMMEDIATE, so run one statement at a time.
    return [s.strip() for s in script.split(";") if s.strip()]


@migration
def m002_default_priority_matrix(db: Database) -> None:
    """Seed the usual 3x3 impact x urgency matrix; admins may change it later."""
    from sms_tui.models import default_priority_matrix

    db.conn.executemany(
        "INSERT INTO priority_matrix (impact, urgency, priority) VALUES (?, ?, ?)",
        [(r.impact.value, r.urgency.value, r.priority.value) for r in default_priority_matrix()],
    )


@migration
def m003_incident_sla_due(db: Database) -> None:
    """Cache each open incident's SLA due times, so SQL can sort a queue and find what breaches soon.

    A derived cache only: the clocks are still computed from the history. NULL while a clock is
    paused or stopped, or when the incident has no service or its priority no target.
    """
    db.execute("ALTER TABLE incidents ADD COLUMN response_due_at TEXT")
    db.execute("ALTER TABLE incidents ADD COLUMN resolve_due_at TEXT")
    db.execute("CREATE INDEX incidents_by_due ON incidents (state, resolve_due_at)")
    from sms_tui.store.due import backfill_due

    backfill_due(db)


@migration
def m006_cmdb_generation(db: Database) -> None:
    """A counter every CI, relationship or service write moves: a cache knows when it is stale.

    Kept by triggers, so a write from any process or any code path (imports included) counts.
    """
    db.execute(
        "CREATE TABLE cmdb_generation (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL)"
    )
    db.execute("INSERT INTO cmdb_generation (id, value) VALUES (1, 0)")
    # The catalogue's service-to-CI links are part of the picture: the walks end at services.
    for table in ("cis", "relationships", "services", "service_cis"):
        for event in ("INSERT", "UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER {table}_{event.lower()}_generation AFTER {event} ON {table} "
                "BEGIN UPDATE cmdb_generation SET value = value + 1 WHERE id = 1; END"
            )
