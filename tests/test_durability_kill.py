"""`kill -9` at random moments: an import leaves all of the desk or none of it, a save leaves
the incident, its version and its audit trail agreeing, and the file is never corrupt.

The writer is a forked copy of this process (it inherits the desk already built, so a run
costs milliseconds, not an interpreter start), with its own connection opened after the
fork; it is killed with SIGKILL, which no code can catch or clean up after.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
import traceback
from collections import Counter
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from sms_tui.demo.build import build_demo
from sms_tui.models import Desk, Level
from sms_tui.store import families, open_store, records
from sms_tui.store.desk import write_desk
from sms_tui.store.incident_actions import add_work_note, set_levels, set_major
from sms_tui.store.incidents import get_incident
from tests.conftest import NOW
from tests.durability_desk import audit_problems, counter_desk, figure, integrity

IMPORT_RUNS = 20
SAVE_RUNS = 200
LEVELS = (Level.LOW, Level.MEDIUM, Level.HIGH)


def forked(work: Callable[[], None]) -> int:
    """Run `work` in a forked child that exits when it is done; the child's pid."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns to pytest
        code = 1
        try:
            work()
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    return pid


def kill_after(pid: int, seconds: float) -> bool:
    """SIGKILL the child after `seconds`; whether it was still running when killed."""
    time.sleep(seconds)
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    return os.WIFSIGNALED(status)


def table_counts(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(path)) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def import_into(path: Path, desk: Desk) -> Callable[[], None]:
    def work() -> None:
        db = open_store(path)
        write_desk(db, desk, "importer", NOW)
        db.conn.close()

    return work


@pytest.mark.slow
def test_kill_9_during_an_import_leaves_all_of_the_desk_or_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    desk = build_demo("small", 1, NOW, "importer")
    whole = tmp_path / "whole.db"  # one run to the end: what "all" is, and how long it takes
    started = time.perf_counter()
    pid = forked(import_into(whole, desk))
    _, status = os.waitpid(pid, 0)
    duration = time.perf_counter() - started
    assert os.WEXITSTATUS(status) == 0
    all_of_it = table_counts(whole)
    assert all_of_it["incidents"] == len(desk.incidents)
    empty = tmp_path / "empty.db"
    open_store(empty).conn.close()
    none_of_it = table_counts(empty)

    rng = random.Random(20)
    outcomes: Counter[str] = Counter()
    killed_running = 0
    window = duration
    for run in range(IMPORT_RUNS):
        path = tmp_path / f"run{run:02d}.db"
        running = kill_after(forked(import_into(path, desk)), rng.uniform(0, window))
        killed_running += running
        # A busy machine makes one import slower than the next: when a kill came too late,
        # aim earlier, so that most kills still land inside the import.
        window = window if running else window * 0.7
        if not path.exists() or path.stat().st_size == 0:
            outcomes["no file yet"] += 1
            continue
        assert integrity(path) == ["ok"], f"run {run}"
        counts = table_counts(path)
        if counts in ({}, none_of_it):
            outcomes["none"] += 1
            if outcomes["none"] == 1:  # what is left takes the import again, whole
                import_into(path, desk)()
                assert table_counts(path) == all_of_it
        else:
            assert counts == all_of_it, f"run {run}: a partial import"
            outcomes["all"] += 1
    figure(
        capsys,
        f"kill -9 during an import of {sum(all_of_it.values()):,} rows ({duration:.2f} s): "
        f"{IMPORT_RUNS} kills ({killed_running} mid-run), outcomes {dict(outcomes)}, "
        "integrity ok every time",
    )
    assert killed_running >= IMPORT_RUNS // 2


def save_forever(path: Path, number: str, ready: int) -> Callable[[], None]:
    """Save the incident again and again, each save a different kind of change; say when
    the first one is committed."""

    def work() -> None:
        db = open_store(path)
        step = 0
        while True:
            if step == 1:  # one save made: from here on the kill lands among saves
                os.write(ready, b"r")
            current = get_incident(db, number)
            version, kind = current.version, step % 4
            if kind == 0:
                value = str(int(current.description) + 1)
                records.update(
                    db, families.INCIDENTS, number, version, {"description": value}, "carol", NOW
                )
            elif kind == 1:
                impact = LEVELS[(LEVELS.index(current.impact) + 1) % 3]
                set_levels(db, number, version, impact=impact, operator="dave", now=NOW)
            elif kind == 2:
                set_major(db, number, version, not current.major, operator="erin", now=NOW)
            else:
                add_work_note(db, number, version, f"note {step}", operator="frank", now=NOW)
            step += 1

    return work


@pytest.mark.slow
def test_kill_9_during_saves_leaves_record_version_and_audit_agreeing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "desk.db"
    number = counter_desk(path)
    rng = random.Random(200)
    started = time.perf_counter()
    versions = []
    for run in range(SAVE_RUNS):
        ready, signal_ready = os.pipe()
        try:
            pid = forked(save_forever(path, number, signal_ready))
            assert os.read(ready, 1) == b"r"
            assert kill_after(pid, rng.uniform(0, 0.02)), f"run {run}: the saver stopped by itself"
        finally:
            os.close(ready)
            os.close(signal_ready)
        db = open_store(path)  # the first connection since the kill: it recovers the WAL
        try:
            assert [r[0] for r in db.execute("PRAGMA integrity_check")] == ["ok"], f"run {run}"
            assert audit_problems(db, number) == [], f"run {run}"
            versions.append(get_incident(db, number).version)
        finally:
            db.conn.close()
    seconds = time.perf_counter() - started
    figure(
        capsys,
        f"kill -9 during saves: {SAVE_RUNS} kills survived in {seconds:.1f} s, "
        f"{versions[-1] - 1} saves committed between them, record and audit agreed every time",
    )
    assert versions == sorted(versions)
    assert versions[-1] > SAVE_RUNS
