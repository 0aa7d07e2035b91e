"""`sms-tui backup` taken while five operator processes keep saving restores to a sound desk."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sms_tui.store import open_store
from sms_tui.store.incidents import get_incident
from tests.durability_desk import (
    ROOT,
    audit_problems,
    counter_desk,
    figure,
    finish,
    go,
    integrity,
    reaped,
    spawn,
)

WRITERS = 5
BACKUPS = 3


@pytest.mark.slow
def test_a_backup_under_five_writers_restores_to_a_desk_that_passes_every_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "desk.db"
    number = counter_desk(path)
    stop = tmp_path / "stop"
    seconds: list[float] = []
    with reaped([]) as writers:
        for n in range(WRITERS):
            writers.append(spawn("until", str(path), number, str(stop), f"op{n}"))
        go(writers)
        time.sleep(0.3)
        for k in range(BACKUPS):
            target = tmp_path / f"backup{k}.db"
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "sms_tui", "backup", str(target), "--db", str(path)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=60,
            )
            seconds.append(time.perf_counter() - started)
            assert done.returncode == 0, done.stderr
            assert "integrity ok" in done.stdout
        assert all(w.poll() is None for w in writers), "a writer stopped before the backups"
        stop.touch()
        applied = sum(finish(w)["applied"] for w in writers)

    counters = []
    for k in range(BACKUPS):
        restored = tmp_path / f"restored{k}.db"
        shutil.copy(tmp_path / f"backup{k}.db", restored)  # restoring is copying it back
        assert integrity(restored) == ["ok"]
        db = open_store(restored, create=False)
        try:
            incident = get_incident(db, number)
            assert audit_problems(db, number) == []
            counters.append(int(incident.description))
        finally:
            db.conn.close()
    live = open_store(path)
    try:
        final = get_incident(live, number)
    finally:
        live.conn.close()
    assert int(final.description) == applied
    assert counters == sorted(counters) and counters[-1] <= applied
    assert counters[0] < counters[-1], "the writers made no progress between the backups"
    figure(
        capsys,
        f"backup under {WRITERS} writers: {BACKUPS} backups in "
        f"{', '.join(f'{s:.2f}' for s in seconds)} s (each a new process), holding "
        f"{', '.join(map(str, counters))} of the {applied} saves made; each restored copy "
        "passed integrity_check, opened with the store and agreed with its audit trail",
    )
