"""A separate operator process for the durability tests: `python -m tests.durability_worker`.

    count DB NUMBER N OPERATOR   read-modify-write the counter of NUMBER N times
    until DB NUMBER STOPFILE OP  the same until STOPFILE exists
    hold DB NUMBER SECONDS       hold the write lock (with an uncommitted change) that long

Each prints `ready` once its store is open and waits for a line on stdin before it starts,
so that every process of a test begins at the same moment. `count` and `until` end with one
JSON line of figures: updates applied, stale and busy refusals, the time each increment took
with its retries (`latencies`) and each single save, applied or refused (`calls`). `hold`
prints `locked` once it holds the lock and `released` after.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from sqlite_utils import Database

from sms_tui.store import DatabaseBusy, StaleRecord, families, open_store, records, write
from sms_tui.store.incidents import get_incident
from tests.conftest import NOW


class _Release(Exception):
    """Raised inside the held transaction to roll it back."""


def bump(db: Database, number: str, operator: str, figures: dict[str, list[float]]) -> None:
    """One counter increment on the version read, retried until it is applied.

    Records how long each save took (applied or refused) and how long the increment took
    with its retries.
    """
    started = time.perf_counter()
    while True:
        current = get_incident(db, number)
        value = str(int(current.description) + 1)
        saving = time.perf_counter()
        try:
            records.update(
                db, families.INCIDENTS, number, current.version, {"description": value},
                operator, NOW,
            )  # fmt: skip
        except StaleRecord:
            figures["stale"].append(time.perf_counter() - saving)
        except DatabaseBusy:
            figures["busy"].append(time.perf_counter() - saving)
        else:
            figures["saves"].append(time.perf_counter() - saving)
            figures["latencies"].append(time.perf_counter() - started)
            return


def run_updates(argv: list[str], *, stop: Path | None, limit: int | None) -> None:
    db_path, number, operator = argv[0], argv[1], argv[3]
    db = open_store(db_path)
    figures: dict[str, list[float]] = {"saves": [], "stale": [], "busy": [], "latencies": []}
    wait_for_go()
    started = time.perf_counter()
    while (limit is None or len(figures["saves"]) < limit) and (stop is None or not stop.exists()):
        bump(db, number, operator, figures)
    summary = {
        "applied": len(figures["saves"]),
        "stale": len(figures["stale"]),
        "busy": len(figures["busy"]),
        "seconds": time.perf_counter() - started,
        "latencies": figures["latencies"],
        "calls": figures["saves"] + figures["stale"] + figures["busy"],
    }
    print(json.dumps(summary), flush=True)


def hold(db_path: str, number: str, seconds: float) -> None:
    db = open_store(db_path)
    wait_for_go()
    try:
        with write(db):
            db.execute(
                "UPDATE incidents SET description = 'held by another writer' WHERE number = ?",
                [number],
            )
            print("locked", flush=True)
            time.sleep(seconds)
            raise _Release()
    except _Release:
        pass
    print("released", flush=True)


def wait_for_go() -> None:
    print("ready", flush=True)
    sys.stdin.readline()


def main(argv: list[str]) -> None:
    mode, rest = argv[0], argv[1:]
    if mode == "count":
        run_updates(rest, stop=None, limit=int(rest[2]))
    elif mode == "until":
        run_updates(rest, stop=Path(rest[2]), limit=None)
    elif mode == "hold":
        hold(rest[0], rest[1], float(rest[2]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
