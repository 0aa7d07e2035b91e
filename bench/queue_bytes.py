"""Bytes per second the queue writes to an 80x24 pty while its SLA clocks tick, and idle CPU.

The app runs as over SSH (SSH_CONNECTION set: no animations, no cursor blink) on a demo desk.
Each scenario puts a screen of running clocks in view, lets the output settle, then counts
every byte written for `--seconds`, and the process's CPU time over the same wall time:

- urgent: all open by SLA, scrolled past the breached rows to the next ones to breach
  (warnings, and seconds in the last ten minutes): the costliest screen of clocks;
- far: all open by SLA reversed: clocks hours or days from breach, in minutes;
- baseline: the pending view, every clock paused: nothing ticks (the same-run floor);
- worst: a desk made for the purpose, every clock on screen in its last ten minutes, so
  each shows seconds and every one of them changes every second.

The demo's times fall on whole minutes, so its clocks in minutes all move in the same
second once a minute: a 20 s window sees that second or not. `--seconds 60` always does.

    .venv/bin/python bench/queue_bytes.py /tmp/large.db [--seconds 20] [--rows 24]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.pty_terminal import PtyProgram, session_env  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def breached_running(path: Path) -> int:
    """How many open incidents are past their resolution due time with the clock running."""
    from sms_tui.models import iso
    from sms_tui.store import open_store

    db = open_store(path, create=False)
    row = db.execute(
        "SELECT count(*) FROM incidents WHERE state IN ('new', 'assigned', 'in_progress') "
        "AND resolve_due_at < :now",
        {"now": iso(datetime.now(UTC))},
    ).fetchone()
    db.conn.close()
    return int(row[0])


def worst_desk(path: Path, count: int) -> None:
    """`count` open P1s on a 24x7 service, each 4 to 9 minutes from breaching its 1-hour target."""
    from datetime import timedelta

    from sms_tui.models import (
        BusinessCalendar,
        Desk,
        Incident,
        IncidentState,
        Level,
        Priority,
        Service,
        SlaTarget,
        StateChange,
    )
    from sms_tui.store import open_store
    from sms_tui.store.desk import write_desk

    now = datetime.now(UTC)
    target = SlaTarget(priority=Priority.P1, respond_minutes=15, resolve_minutes=60)
    incidents = []
    for n in range(1, count + 1):
        opened = now - timedelta(minutes=51, seconds=n * 11)
        incidents.append(
            Incident(
                number=f"INC-{n:06d}",
                title=f"Checkout failing for store {n}",
                service="Shop",
                impact=Level.HIGH,
                urgency=Level.HIGH,
                priority=Priority.P1,
                opened_at=opened,
                history=[StateChange(at=opened, state=IncidentState.NEW)],
            )
        )
    desk = Desk(
        calendars=[BusinessCalendar(name="24x7", always_open=True)],
        services=[Service(name="Shop", calendar="24x7", targets=[target])],
        incidents=incidents,
    )
    db = open_store(path)
    write_desk(db, desk, "bench", now)
    db.conn.close()


def settle(program: PtyProgram, quiet: float = 1.5, limit: float = 60) -> None:
    """Read until the app has written nothing for about `quiet` seconds (clocks aside)."""
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        before = len(program.output)
        program.read_for(quiet)
        if len(program.output) - before < 200:
            return


def measure(program: PtyProgram, seconds: float) -> tuple[float, float]:
    """Bytes per second written, and CPU time / wall time, over `seconds`."""
    start_bytes = len(program.output)
    start_cpu = cpu_seconds(program.process.pid)
    start = time.perf_counter()
    program.read_for(seconds)
    wall = time.perf_counter() - start
    cpu = cpu_seconds(program.process.pid) - start_cpu
    return (len(program.output) - start_bytes) / wall, cpu / wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("db", type=Path)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--rows", type=int, default=24)
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="sms-queue-bench-"))
    try:
        return _run_in(home, args)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _run_in(home: Path, args: argparse.Namespace) -> int:
    env = session_env(home, ssh=True)
    body = args.rows - 6  # header, views, filter, column titles, preview, footer
    command = [sys.executable, "-m", "sms_tui", "--db", str(args.db)]
    results: dict[str, tuple[float, float]] = {}
    worst = home / "worst.db"
    worst_desk(worst, body + 4)
    with PtyProgram(
        [sys.executable, "-m", "sms_tui", "--db", str(worst)], env, columns=80, rows=args.rows
    ) as program:
        program.wait_for("INC-0000", timeout=60)
        program.read_for(3.0)  # every clock ticks: the output is never quiet here
        results["worst"] = measure(program, args.seconds)
        program.type("q")
        program.wait_exit()
    with PtyProgram(command, env, columns=80, rows=args.rows) as program:
        program.wait_for("SLA", timeout=60)
        settle(program)
        skip = breached_running(args.db)
        # Down past the breached rows and a screen more, then back up: the window starts
        # at the first clock still running towards its breach.
        program.type("j" * (skip + body - 1) + "k" * (body - 1))
        settle(program)
        results["urgent"] = measure(program, args.seconds)
        program.type("Sg")
        settle(program)
        results["far"] = measure(program, args.seconds)
        program.type("p")
        settle(program)
        results["baseline"] = measure(program, args.seconds)
        program.type("q")
        program.wait_exit()

    print(
        f"queue over {args.seconds:.0f} s on an 80x{args.rows} pty ({body} rows of clocks), "
        "as over SSH (no animations, 256 colours)"
    )
    labels = {
        "urgent": "urgent: next to breach, running",
        "far": "far: hours or days to breach",
        "baseline": "baseline: pending view, all paused",
        "worst": f"worst: {body} clocks showing seconds",
    }
    for name, (rate, cpu) in results.items():
        print(f"  {labels[name]:<38}{rate:8.0f} B/s   CPU {cpu * 100:5.2f} %")
    print("  goal: under 1,000 B/s with a screen of running clocks")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
