"""Waiting for the write lock: ten processes updating one incident, two ways of waiting.

Each process applies read-modify-write updates to one shared counter through the store,
retrying stale reads, as tests/test_durability_contention.py does. Two waiting policies
run alternately in the same run:

- sqlite: SQLite's own busy handler (sleeps of 1, 2, 5 ... up to 100 ms, no queue);
- store: store.transaction's short jittered pauses, doubling from 0.5 ms up to 25 ms.

Prints, per policy, the medians over the runs of one save's latency (applied or refused as
stale), of one update's latency with its retries (p50, p99, max), of the stale retries and
of the wall time, and the ratio of store to sqlite.

    .venv/bin/python bench/write_contention.py [--runs 3] [--processes 10] [--updates 200]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.durability_desk import counter_desk, percentile  # noqa: E402

POLICIES = ("sqlite", "store")


def sqlite_waits() -> None:
    """Make this process wait for the lock with SQLite's own busy handler."""
    from sms_tui.store import transaction

    def begin(conn: sqlite3.Connection) -> None:
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise transaction.DatabaseBusy() from error

    transaction._begin_immediate = begin


def one_run(policy: str, processes: int, updates: int) -> dict[str, float]:
    import json

    with tempfile.TemporaryDirectory(prefix="sms-contention-") as where:
        path = Path(where) / "desk.db"
        number = counter_desk(path)
        workers = [
            subprocess.Popen(
                [
                    sys.executable,
                    __file__,
                    "--worker",
                    policy,
                    "count",
                    str(path),
                    number,
                    str(updates),
                    f"op{n}",
                ],
                cwd=ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            for n in range(processes)
        ]
        for worker in workers:
            assert worker.stdout is not None and worker.stdout.readline().strip() == "ready"
        for worker in workers:
            assert worker.stdin is not None
            worker.stdin.write("go\n")
            worker.stdin.flush()
        results = [json.loads(w.communicate()[0].splitlines()[-1]) for w in workers]
    latencies = [x for r in results for x in r["latencies"]]
    calls = [x for r in results for x in r["calls"]]
    return {
        "save_p50_ms": percentile(calls, 0.5) * 1000,
        "save_p99_ms": percentile(calls, 0.99) * 1000,
        "p50_ms": percentile(latencies, 0.5) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "max_ms": max(latencies) * 1000,
        "stale": sum(r["stale"] for r in results),
        "busy": sum(r["busy"] for r in results),
        "seconds": max(r["seconds"] for r in results),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--processes", type=int, default=10)
    parser.add_argument("--updates", type=int, default=200, help="per process")
    args = parser.parse_args()
    figures: dict[str, list[dict[str, float]]] = {p: [] for p in POLICIES}
    for run in range(args.runs):
        for policy in POLICIES:
            result = one_run(policy, args.processes, args.updates)
            figures[policy].append(result)
            shown = ", ".join(f"{k} {v:.1f}" for k, v in result.items())
            print(f"run {run + 1} {policy:>6}: {shown}", flush=True)
    total = args.processes * args.updates
    print(
        f"\n{args.processes} processes x {args.updates} updates ({total}), medians of {args.runs}:"
    )
    medians = {
        p: {k: statistics.median(r[k] for r in rows) for k in rows[0]}
        for p, rows in figures.items()
    }
    for policy, row in medians.items():
        print(f"  {policy:>6}: " + ", ".join(f"{k} {v:.1f}" for k, v in row.items()))
    for key in ("save_p99_ms", "p50_ms", "p99_ms", "max_ms", "seconds"):
        ratio = medians["store"][key] / max(medians["sqlite"][key], 1e-9)
        print(f"  store / sqlite {key}: {ratio:.2f}")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--worker":
        if sys.argv[2] == "sqlite":
            sqlite_waits()
        from tests import durability_worker

        os.chdir(ROOT)
        durability_worker.main(sys.argv[3:])
    else:
        main()
