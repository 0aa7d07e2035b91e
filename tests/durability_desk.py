"""What the durability tests share: a desk with one shared counter incident, operator
processes to run against it, the check that a record agrees with its audit trail, and a way
to print the figures each test proves."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from sms_tui.models import Incident
from sms_tui.store import open_store
from sms_tui.store.incidents import create_incident, get_incident, incident_audit
from tests.conftest import NOW
from tests.incident_desk import MAIL, seed

ROOT = Path(__file__).resolve().parent.parent
COUNTER_TITLE = "Shared counter"


def counter_desk(path: Path) -> str:
    """The incident desk in a new file at `path`, with one incident whose description is "0"."""
    db = open_store(path)
    try:
        seed(db, NOW)
        incident = create_incident(
            db, title=COUNTER_TITLE, description="0", service=MAIL, operator="alice", now=NOW
        )
    finally:
        db.conn.close()
    return incident.number


def spawn(*args: str) -> subprocess.Popen[str]:
    """A `tests.durability_worker` process, started and ready (its store is open)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.durability_worker", *args],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if line.strip() != "ready":
        process.kill()
        _, errors = process.communicate()
        raise AssertionError(f"worker {args} did not start: {line!r} {errors}")
    return process


def go(processes: Sequence[subprocess.Popen[str]]) -> None:
    """Let every ready worker start at once."""
    for process in processes:
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()


@contextmanager
def reaped(processes: list[subprocess.Popen[str]]) -> Iterator[list[subprocess.Popen[str]]]:
    """Workers that are killed if the test fails before they finish."""
    try:
        yield processes
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()


def finish(process: subprocess.Popen[str], timeout: float = 120) -> dict[str, Any]:
    """The figures a `count` or `until` worker printed; its stderr if it failed."""
    out, errors = process.communicate(timeout=timeout)
    assert process.returncode == 0, errors
    assert "database is locked" not in errors, errors
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def integrity(path: Path) -> list[str]:
    """`PRAGMA integrity_check` on a plain connection (which also recovers a WAL left behind)."""
    with closing(sqlite3.connect(path)) as conn:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]


def audit_problems(db: Database, number: str, start: Incident | None = None) -> list[str]:
    """Where the incident and its audit trail disagree; none if every version is accounted for.

    Replays the trail from the created record (or from `start`, the incident as read at some
    version, for one that was imported without a trail): each change's old value must be the
    value the field had, the versions must run on with no gap, and the replayed values must
    be the record as stored, down to who saved it last and when.
    """
    incident = get_incident(db, number)
    entries = [e for e in incident_audit(db, number) if e.version is not None]
    if start is not None:
        dumped = start.model_dump(mode="json", exclude={"version", "updated_at", "updated_by"})
        values = {name: _text(value) for name, value in dumped.items()}
        entries = [e for e in entries if (e.version or 0) > start.version]
        first_version = start.version
    elif entries and entries[0].field == "created":
        created = json.loads(entries.pop(0).new_value or "{}")
        values = {name: _text(value) for name, value in created.items()}
        first_version = 1
    else:
        return [f"{number}: the trail does not start with its creation"]
    problems: list[str] = []
    last_version = first_version
    for entry in entries:
        if entry.version not in (last_version, last_version + 1):
            problems.append(f"version {entry.version} follows version {last_version}")
        if values.get(entry.field) != entry.old_value:
            problems.append(
                f"v{entry.version} {entry.field}: old value {entry.old_value!r}, "
                f"but it was {values.get(entry.field)!r}"
            )
        values[entry.field] = entry.new_value
        last_version = entry.version or last_version
    if last_version != incident.version:
        problems.append(
            f"the trail ends at version {last_version}, the record is at {incident.version}"
        )
    stored = incident.model_dump(mode="json")
    for name, value in values.items():
        if _text(stored[name]) != value:
            problems.append(f"{name}: the trail says {value!r}, the record {stored[name]!r}")
    last = entries[-1] if entries else None
    if last is not None and (incident.updated_by, incident.updated_at) != (last.operator, last.at):
        problems.append(f"last saved by {incident.updated_by}, the trail says {last.operator}")
    return problems


def _text(value: Any) -> str | None:
    # How the store writes a value into the audit trail (records._text).
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def figure(capsys: pytest.CaptureFixture[str], text: str) -> None:
    """A figure the test proves, shown in the run's output even when output is captured."""
    with capsys.disabled():
        sys.stderr.write(f"\n  durability: {text}\n")
        sys.stderr.flush()
