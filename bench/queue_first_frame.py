"""Time to the incident queue's first frame with rows: the large demo against the small one.

Each run spawns `sms-tui --db DEMO` on a real 80x24 pty and times until the number of the
queue's first row is on the screen. Runs alternate small, large and a bare Textual app (the
same-run baseline: header, 50-row table, footer), so a noisy machine slows all alike. The goal
is a large/small ratio of at most 1.2: the queue's first frame does not depend on the desk's size.

    .venv/bin/sms-tui demo /tmp/small.db --size small
    .venv/bin/sms-tui demo /tmp/large.db --size large     # about a minute
    .venv/bin/python bench/queue_first_frame.py /tmp/small.db /tmp/large.db [--runs 9]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.pty_terminal import PtyProgram, session_env  # noqa: E402


def first_row(path: Path) -> str:
    """The number the queue shows first: all open incidents, most urgent first."""
    from sms_tui.identity import current_login
    from sms_tui.queue_views import DEFAULT_VIEW, QueueQuery
    from sms_tui.store import open_store
    from sms_tui.store.queue import page

    db = open_store(path, create=False)
    items, _ = page(db, QueueQuery(DEFAULT_VIEW, current_login()), 0, 1, datetime.now(UTC))
    db.conn.close()
    if not items:
        raise SystemExit(f"{path}: no open incident to wait for")
    return items[0].number


def time_to(command: list[str], marker: str, env: dict[str, str]) -> float:
    with PtyProgram(command, env) as program:
        return program.wait_for(marker, timeout=30)


def summary(name: str, values: list[float]) -> str:
    return (
        f"  {name:<34}{statistics.median(values) * 1000:7.0f} ms"
        f"   (spread {min(values) * 1000:.0f}-{max(values) * 1000:.0f})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("small", type=Path)
    parser.add_argument("large", type=Path)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="sms-queue-bench-"))
    try:
        return _run_in(home, args)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _run_in(home: Path, args: argparse.Namespace) -> int:
    env = session_env(home, ssh=False)
    markers = {"small": first_row(args.small), "large": first_row(args.large)}
    commands = {
        name: [sys.executable, "-m", "sms_tui", "--db", str(path)]
        for name, path in (("small", args.small), ("large", args.large))
    }
    commands["bare"] = [sys.executable, str(ROOT / "bench" / "bare_app.py")]
    markers["bare"] = "row-000"
    # One untimed run each: the operator's record is written on first use, caches warm up.
    for name in ("small", "large"):
        time_to(commands[name], markers[name], env)

    timings: dict[str, list[float]] = {"bare": [], "small": [], "large": []}
    for _ in range(args.runs):
        for name in timings:
            timings[name].append(time_to(commands[name], markers[name], env))

    print(f"queue first frame with rows on an 80x24 pty, median of {args.runs} alternating runs")
    print(summary("bare Textual app (baseline)", timings["bare"]))
    print(summary(f"small demo ({markers['small']} first)", timings["small"]))
    print(summary(f"large demo ({markers['large']} first)", timings["large"]))
    small = statistics.median(timings["small"])
    large = statistics.median(timings["large"])
    bare = statistics.median(timings["bare"])
    print(f"  ratio large / small: {large / small:.2f}x   (goal <= 1.2x)")
    print(f"  ratio small / bare:  {small / bare:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
