"""Opening a second store in a process (as the TUI's match index does in its worker), or
taking a backup from it, must not cancel the locks of the first store.

POSIX advisory locks belong to the process, and closing any descriptor of a file drops
every lock the process holds on it (sqlite.org/howtocorrupt.html, 2.2). If opening a store
read the file's header with a plain open() and close(), the TUI's connection lost its
shared lock on the database; the next sms-tui command to finish then took the file for its
own, checkpointed and deleted the WAL under the TUI, and from then on the TUI wrote into a
deleted file: its saves were invisible to everyone else, and when it quit it copied them
over whatever the others had saved meanwhile.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from sms_tui.app import make_app
from sms_tui.commands.backup import backup
from sms_tui.store import families, open_store, records
from sms_tui.store.incidents import get_incident
from tests.conftest import NOW
from tests.durability_desk import ROOT, counter_desk, figure, finish, go, spawn
from tests.snapshot_apps.queue_desk import ui_config

READ_COUNTER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
print(conn.execute("SELECT description FROM incidents WHERE number = ?", [sys.argv[2]]).fetchone()[0])
"""


def counter_elsewhere(path: Path, number: str) -> str:
    """The counter as a fresh process reads it."""
    done = subprocess.run(
        [sys.executable, "-c", READ_COUNTER, str(path), number],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return done.stdout.strip()


def bump(db: Database, number: str) -> None:
    current = get_incident(db, number)
    value = str(int(current.description) + 1)
    records.update(
        db, families.INCIDENTS, number, current.version, {"description": value}, "tui", NOW
    )


def test_a_second_store_in_the_process_keeps_the_first_ones_saves_visible(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "desk.db"
    number = counter_desk(path)
    tui = open_store(path)
    try:
        bump(tui, number)  # 1
        open_store(path).conn.close()  # what the match index's worker does
        assert backup(path, tmp_path / "copy.db") == 0  # a backup from inside the process
        other = spawn("count", str(path), number, "1", "cli")
        go([other])
        assert finish(other)["applied"] == 1  # 2, and the last other connection closes
        bump(tui, number)  # 3
        assert counter_elsewhere(path, number) == "3", "the TUI's save is invisible to others"
        other = spawn("count", str(path), number, "1", "cli")
        go([other])
        finish(other)  # 4
        assert get_incident(tui, number).description == "4"
    finally:
        tui.conn.close()
    assert counter_elsewhere(path, number) == "4"
    figure(capsys, "locks: a second store and a backup in the process kept the first store's WAL")


async def test_the_tuis_saves_stay_visible_once_its_match_index_has_opened_the_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "desk.db"
    number = counter_desk(path)
    db = open_store(path)
    try:
        app = make_app(db, ui_config())
        async with app.run_test(size=(80, 24)) as pilot:
            matches = app.session.matches
            assert matches is not None
            matches.want()  # the index opens the file again, in a worker thread
            for _ in range(200):
                if matches.ready or matches.failure:
                    break
                await pilot.pause(0.05)
            assert matches.ready, matches.failure
            other = spawn("count", str(path), number, "1", "cli")
            go([other])
            finish(other)
            bump(app.session.db, number)  # a save in the TUI, on its own connection
            assert counter_elsewhere(path, number) == "2", "the TUI's save is invisible to others"
    finally:
        db.conn.close()
