"""Every write opens its transaction with `BEGIN IMMEDIATE`: the SQL of every command, traced.

A deferred `BEGIN` (or autocommit, or a bare savepoint) takes the write lock only at its
first write and then fails at once under contention, whatever the busy timeout. So every
statement that changes the database must run inside `BEGIN IMMEDIATE`. The CLI test runs
every subcommand that `build_parser()` knows, and fails when one has no case here: a new
command is traced from the day it is added. The store's own functions and a TUI session's
saves are traced too.
"""

from __future__ import annotations

import argparse
import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from sms_tui.app import make_app
from sms_tui.cli import build_parser, main
from sms_tui.config import wall_clock
from sms_tui.demo.build import write_demo
from sms_tui.identity import current_login
from sms_tui.incident_edits import Link, LinkKind
from sms_tui.models import (
    ConfigurationItem,
    IncidentState,
    Level,
    Operator,
    PendingReason,
    Role,
)
from sms_tui.screens.incident_detail import IncidentDetailScreen
from sms_tui.store import families, open_store, records
from sms_tui.store.desk import write_desk
from sms_tui.store.errors import Forbidden
from sms_tui.store.incident_actions import (
    add_work_note,
    assign,
    move,
    set_levels,
    set_major,
    set_parent,
    take,
)
from sms_tui.store.incidents import create_incident, get_incident, update_incident
from sms_tui.store.operators import ensure_operator
from sms_tui.store.roles import require
from tests.conftest import NOW
from tests.durability_desk import figure
from tests.incident_desk import MAIL, OFFICE, PAYROLL, incident_desk
from tests.snapshot_apps.queue_desk import build_queue, ui_config
from tests.sql_trace import SqlTrace, TracedConnection, is_write


@dataclass
class Desk:
    """A copy of the demo desk for one case, with records of each kind to act on."""

    tmp: Path
    db: Path
    export: Path
    capsys: pytest.CaptureFixture[str]
    ids: dict[str, str]

    def run(self, *argv: str, db: bool = True) -> str:
        """Run one command line; it must succeed. Its stdout."""
        self.capsys.readouterr()
        code = main([*argv, *(["--db", str(self.db)] if db else [])])
        out, err = self.capsys.readouterr()
        assert code == 0, f"sms-tui {' '.join(argv)} failed: {err}"
        return out

    def created(self, *argv: str) -> str:
        """Run a command with --json and return the number (or name) of what it made."""
        data = json.loads(self.run(*argv, "--json"))
        return str(data.get("number") or data.get("name"))


@dataclass(frozen=True)
class Case:
    """How to run one subcommand on a desk, and whether it must write at all."""

    run: Callable[[Desk], object]
    writes: bool


def _launch(desk: Desk) -> None:
    from sms_tui.commands.launch import prepare

    fresh = desk.tmp / "launched.db"
    db, _ = prepare(fresh, home=fresh, demo=False, environ={})
    db.conn.close()


def _change_slot() -> tuple[str, str]:
    start = wall_clock().replace(microsecond=0) + timedelta(days=40)
    end = start + timedelta(hours=1)
    return start.isoformat(), end.isoformat()


def _new_change(desk: Desk) -> str:
    start, end = _change_slot()
    return desk.created(
        "change", "create", "--title", "Traced change", "--start", start, "--end", end,
        "--ci", desk.ids["ci"],
    )  # fmt: skip


def _schedule(desk: Desk) -> None:
    start, end = _change_slot()
    number = _new_change(desk)
    desk.run("change", "schedule", number, "--start", start, "--end", end, "--override", "trace")


def _relate(desk: Desk, action: str) -> None:
    desk.run("ci", "link", desk.ids["ci"], "depends_on", desk.ids["ci2"])
    if action == "unlink":
        desk.run("ci", "unlink", desk.ids["ci"], "depends_on", desk.ids["ci2"])


def _problem(desk: Desk) -> str:
    return desk.created(
        "problem", "create", "--title", "Traced problem", "--from-incident", desk.ids["incident"]
    )


def _problem_lifecycle(desk: Desk) -> None:
    """Every problem write, including those that save the problem and incidents together."""
    number = _problem(desk)
    desk.run("problem", "update", number, "--state", "under_investigation")
    desk.run("problem", "update", number, "--workaround", "restart", "--publish-known-error")
    desk.run("problem", "update", number, "--root-cause", "a leak")
    desk.run(
        "problem", "update", number, "--state", "resolved", "--resolve-incidents",
        "--note", "fixed at the root",
    )  # fmt: skip


CASES: dict[tuple[str, ...], Case] = {
    (): Case(_launch, writes=True),
    ("demo",): Case(lambda d: d.run("demo", str(d.tmp / "demo.db"), db=False), writes=True),
    ("import",): Case(
        lambda d: d.run("import", str(d.export), "--db", str(d.tmp / "new.db"), db=False),
        writes=True,
    ),
    ("export",): Case(lambda d: d.run("export", str(d.tmp / "out.json")), writes=False),
    ("backup",): Case(lambda d: d.run("backup", str(d.tmp / "copy.db")), writes=False),
    ("incident", "list"): Case(lambda d: d.run("incident", "list", "--json"), writes=False),
    ("incident", "show"): Case(
        lambda d: d.run("incident", "show", d.ids["incident"]), writes=False
    ),
    ("incident", "create"): Case(
        lambda d: d.run("incident", "create", "--title", "Traced", "--ci", d.ids["ci"]), writes=True
    ),
    ("incident", "update"): Case(
        lambda d: d.run(
            "incident",
            "update",
            d.ids["incident"],
            "--take",
            "--impact",
            "high",
            "--work-note",
            "traced",
        ),
        writes=True,
    ),
    ("incident", "link"): Case(
        lambda d: d.run("incident", "link", d.ids["incident"], "--ci", d.ids["ci2"]), writes=True
    ),
    ("incident", "suggest"): Case(
        lambda d: d.run("incident", "suggest", d.ids["incident"]), writes=False
    ),
    ("change", "list"): Case(lambda d: d.run("change", "list"), writes=False),
    ("change", "show"): Case(lambda d: d.run("change", "show", d.ids["change"]), writes=False),
    ("change", "create"): Case(_new_change, writes=True),
    ("change", "update"): Case(
        lambda d: d.run("change", "update", _new_change(d), "--risk", "medium"), writes=True
    ),
    ("change", "schedule"): Case(_schedule, writes=True),
    ("change", "approve"): Case(
        lambda d: d.run("change", "approve", d.ids["awaiting"], "--comment", "ok"), writes=True
    ),
    ("change", "reject"): Case(
        lambda d: d.run("change", "reject", d.ids["awaiting"], "--comment", "no"), writes=True
    ),
    ("change", "move"): Case(
        lambda d: d.run("change", "move", _new_change(d), "--state", "assessment"), writes=True
    ),
    ("change", "calendar"): Case(
        lambda d: d.run(
            "change",
            "calendar",
            "--from",
            "2026-01-01",
            "--to",
            "2027-12-31",
            "--ics",
            str(d.tmp / "changes.ics"),
        ),
        writes=False,
    ),
    ("problem", "list"): Case(lambda d: d.run("problem", "list"), writes=False),
    ("problem", "show"): Case(lambda d: d.run("problem", "show", d.ids["problem"]), writes=False),
    ("problem", "create"): Case(_problem, writes=True),
    ("problem", "update"): Case(_problem_lifecycle, writes=True),
    ("ci", "list"): Case(lambda d: d.run("ci", "list"), writes=False),
    ("ci", "show"): Case(lambda d: d.run("ci", "show", d.ids["ci"]), writes=False),
    ("ci", "create"): Case(
        lambda d: d.run("ci", "create", "traced-ci-01", "--class", "server"), writes=True
    ),
    ("ci", "update"): Case(
        lambda d: d.run("ci", "update", d.ids["ci"], "--location", "traced room"), writes=True
    ),
    ("ci", "link"): Case(lambda d: _relate(d, "link"), writes=True),
    ("ci", "unlink"): Case(lambda d: _relate(d, "unlink"), writes=True),
    ("ci", "impact"): Case(lambda d: d.run("ci", "impact", d.ids["ci"]), writes=False),
    ("report", "sla"): Case(lambda d: d.run("report", "sla"), writes=False),
    ("service", "list"): Case(lambda d: d.run("service", "list"), writes=False),
    ("service", "show"): Case(lambda d: d.run("service", "show", d.ids["service"]), writes=False),
    ("suggest",): Case(lambda d: d.run("suggest", "--text", "mail is down"), writes=False),
}


def commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    """Every runnable command line's subcommand path; () is the bare `sms-tui`."""
    subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subparsers or not getattr(subparsers[0], "required", False):
        yield path
    for action in subparsers:
        seen: set[int] = set()
        for name, sub in action.choices.items():
            if id(sub) not in seen:  # aliases share a parser
                seen.add(id(sub))
                yield from commands(sub, (*path, name))


def test_every_subcommand_has_a_trace_case() -> None:
    missing = [" ".join(("sms-tui", *p)) for p in commands(build_parser()) if p not in CASES]
    assert missing == [], f"add a case to CASES in {__name__} for: {', '.join(missing)}"


@pytest.fixture(scope="module")
def demo_desk(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """The small demo desk, with the Unix account running the tests holding every role."""
    where = tmp_path_factory.mktemp("trace-demo")
    path, export = where / "demo.db", where / "demo.json"
    now = wall_clock()
    write_demo(path, size="small", seed=1, now=now, operator="importer")
    db = open_store(path)
    try:
        login = current_login()
        me = Operator(login=login, display_name=login, roles=list(Role))
        records.create(db, families.OPERATORS, me, operator="importer", now=now)

        def first(sql: str) -> str:
            row = db.execute(sql).fetchone()
            assert row is not None, sql
            return str(row[0])

        ids = {
            "incident": first("SELECT number FROM incidents WHERE state = 'new' ORDER BY number"),
            "ci": first("SELECT name FROM cis WHERE status = 'live' ORDER BY name"),
            "ci2": first("SELECT name FROM cis WHERE status = 'live' ORDER BY name DESC"),
            "service": first("SELECT name FROM services ORDER BY name"),
            "problem": first("SELECT number FROM problems ORDER BY number"),
            "change": first("SELECT number FROM changes ORDER BY number"),
            "awaiting": first(
                "SELECT number FROM changes WHERE state = 'awaiting_approval' ORDER BY number"
            ),
        }
    finally:
        db.conn.close()
    assert main(["export", str(export), "--db", str(path)]) == 0
    return path, export, ids


@pytest.mark.parametrize("command", list(CASES), ids=lambda p: " ".join(p) or "(tui)")
def test_every_command_writes_only_inside_begin_immediate(
    command: tuple[str, ...],
    demo_desk: tuple[Path, Path, dict[str, str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source, export, ids = demo_desk
    path = tmp_path / "desk.db"
    shutil.copy(source, path)
    desk = Desk(tmp_path, path, export, capsys, ids)
    case = CASES[command]
    trace = SqlTrace(monkeypatch)
    case.run(desk)
    assert trace.connections, "no connection was opened: the command was not traced"
    assert trace.violations() == []
    if case.writes:
        assert trace.writes() > 0
    else:
        assert trace.writes() == 0, [w for c in trace.connections for w in c.writes()]


def test_every_store_write_runs_inside_begin_immediate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    trace = SqlTrace(monkeypatch)
    db = open_store(tmp_path / "desk.db")  # the migrations are writes too
    try:
        write_desk(db, incident_desk(), "importer", NOW)
        ensure_operator(db, "carol", NOW)
        one = create_incident(db, title="Mail down", service=MAIL, operator="alice", now=NOW)
        two = create_incident(db, title="Payroll slow", service=PAYROLL, operator="bob", now=NOW)
        number = one.number
        steps: list[Callable[[int], object]] = [
            lambda v: take(db, number, v, operator="alice", now=NOW),
            lambda v: assign(db, number, v, group="Network", assignee="bob", operator="alice", now=NOW),
            lambda v: set_levels(db, number, v, impact=Level.HIGH, operator="bob", now=NOW),
            lambda v: move(db, number, v, IncidentState.PENDING, reason=PendingReason.CALLER, operator="bob", now=NOW),
            lambda v: add_work_note(db, number, v, "called back", operator="bob", now=NOW),
            lambda v: set_major(db, number, v, True, operator="bob", now=NOW),
            lambda v: set_parent(db, number, v, two.number, operator="bob", now=NOW),
            lambda v: update_incident(db, number, v, [Link(LinkKind.CI, "mail-01")], operator="bob", now=NOW),
        ]  # fmt: skip
        version = one.version
        for step in steps:
            version += 1
            step(version - 1)
        ci = ConfigurationItem.model_validate(
            records.get(db, families.CIS, "mail-01").model_dump() | {"name": "mail-02"}
        )
        records.create(db, families.CIS, ci, "alice", NOW)
        service = records.get(db, families.SERVICES, MAIL)
        records.update(
            db, families.SERVICES, MAIL, service.version, {"description": "x"}, "alice", NOW
        )
        calendar = records.get(db, families.CALENDARS, OFFICE)
        records.update(db, families.CALENDARS, OFFICE, calendar.version, {"timezone": "Europe/Paris"}, "alice", NOW)  # fmt: skip
        with pytest.raises(Forbidden):
            require(db, "bob", Role.ADMIN, action="import into", kind="desk", key="desk", now=NOW)
    finally:
        db.conn.close()
    assert trace.violations() == []
    writes = trace.writes()
    assert writes > 50
    figure(capsys, f"trace: {writes} store write statements, all inside BEGIN IMMEDIATE")


@pytest.mark.parametrize(
    ("statements", "verdict"),
    [
        (["INSERT INTO t VALUES (1)"], "autocommit"),
        (["BEGIN", "UPDATE t SET a = 1", "COMMIT"], "DEFERRED"),
        (["BEGIN DEFERRED", "DELETE FROM t", "COMMIT"], "DEFERRED"),
        (["SAVEPOINT s", "INSERT INTO t VALUES (1)", "RELEASE s"], "SAVEPOINT"),
        (["BEGIN IMMEDIATE", "COMMIT", "REPLACE INTO t VALUES (1)"], "autocommit"),
        (["BEGIN IMMEDIATE", "ROLLBACK", "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x"], "autocommit"),
        (["BEGIN IMMEDIATE", "SAVEPOINT s", "CREATE TABLE u (a)", "ROLLBACK TO s", "RELEASE s", "INSERT INTO t VALUES (2)", "COMMIT"], None),
        (["BEGIN IMMEDIATE", "-- TRIGGER audit_after", "UPDATE t SET a = 2", "COMMIT"], None),
    ],
)  # fmt: skip
def test_the_trace_tells_a_write_outside_begin_immediate(
    statements: list[str], verdict: str | None
) -> None:
    traced = TracedConnection("t.db", statements)
    found = traced.violations()
    if verdict is None:
        assert found == []
    else:
        assert len(found) == 1 and found[0].endswith(f"ran in {verdict}")


@pytest.mark.parametrize("threads", [False, True])
def test_both_ways_of_tracing_see_an_autocommit_write_and_a_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, threads: bool
) -> None:
    import sqlite3

    trace = SqlTrace(monkeypatch, threads=threads)
    conn = sqlite3.connect(tmp_path / "t.db", isolation_level=None)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("BEGIN IMMEDIATE")
    conn.cursor().execute("INSERT INTO t VALUES (1)")
    conn.commit()
    conn.cursor().executemany("INSERT INTO t VALUES (?)", [(2,), (3,)])
    conn.close()
    found = trace.violations()
    # SQLite's hook sees each row of executemany as a statement; Python sees one call.
    assert len(found) == (2 if threads else 3), found
    assert all(v.endswith("ran in autocommit") for v in found), found
    assert "CREATE TABLE" in found[0] and not any("VALUES (1)" in v for v in found)


def test_reads_and_pragmas_are_not_writes() -> None:
    assert not is_write("SELECT * FROM incidents WHERE title = 'INSERT'")
    assert not is_write("PRAGMA journal_mode = WAL")
    assert not is_write("-- TRIGGER t")
    assert is_write("  insert into t values (1)")


async def test_the_tuis_saves_write_only_inside_begin_immediate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trace = SqlTrace(monkeypatch, threads=True)
    db = open_store(tmp_path / "desk.db")
    try:
        build_queue(db)
        before = trace.writes()
        app = make_app(db, ui_config())
        async with app.run_test(size=(80, 24)) as pilot:
            await app.push_screen(IncidentDetailScreen(app.session, "INC-000104"))
            await pilot.pause()
            await pilot.press("t")  # take
            await pilot.pause()
            await pilot.press("c", *"traced note", "ctrl+s")  # work note
            await pilot.pause()
            await pilot.press("M")  # major
            await pilot.pause()
        saved = get_incident(db, "INC-000104")
    finally:
        db.conn.close()
    assert (saved.assignee, saved.major, len(saved.work_notes)) == ("alice", True, 1)
    assert trace.writes() > before
    assert trace.violations() == []
