"""Speed of the SLA report on a large desk (`sms-tui demo PATH --size large`: 100,000 incidents).

Prints medians for the whole catalogue over the last 7, 30 and 90 days: the store's read,
the full report (read and figures), and, as the baseline measured in the same run, the bare
SQL fetch of the same incident and history rows (the floor for any report in Python). Then
the service detail's figures (7, 30 and 90 days) for the service with the most incidents.
Goal: a 90-day report across every service in a few seconds at most.

    .venv/bin/sms-tui demo /tmp/large.db --size large   # once, about a minute
    .venv/bin/python bench/sla_report.py /tmp/large.db [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sms_tui.models import iso, utc
from sms_tui.sla.report import Period
from sms_tui.store import open_store
from sms_tui.store.catalogue import get_service
from sms_tui.store.sla_report import TOUCHING, load_sla_report, report_incidents, service_levels


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not args.db.exists():
        sys.exit(f"{args.db}: no such file; make it with `sms-tui demo {args.db} --size large`")
    db = open_store(args.db)
    # The demo is built around the time it was made: report as of its newest incident.
    newest = db.execute("SELECT max(opened_at) FROM incidents").fetchone()[0]
    now: datetime = utc(newest)
    total = db.execute("SELECT count(*) FROM incidents").fetchone()[0]
    print(f"{args.db}: {total} incidents, as of {iso(now)}, median of {args.runs} runs")

    for days in (7, 30, 90):
        period = Period.last_days(now.date(), days)
        params = {"start": iso(period.start), "end": iso(period.end)}

        def bare(params: dict[str, str] = params) -> None:
            where = TOUCHING + " AND service IS NOT NULL"
            db.execute(
                f"SELECT number, service, priority, opened_at FROM incidents WHERE {where}", params
            ).fetchall()
            db.execute(
                "SELECT incident, at, state, reason FROM incident_history WHERE incident IN "
                f"(SELECT number FROM incidents WHERE {where}) ORDER BY incident, position",
                params,
            ).fetchall()

        count = len(report_incidents(db, period))
        base = median_ms(bare, args.runs)
        read = median_ms(partial(report_incidents, db, period), args.runs)
        full = median_ms(partial(load_sla_report, db, period, now), args.runs)
        print(
            f"  {days:>2} days, {count:>6} incidents read: bare SQL {base:7.0f} ms | "
            f"store read {read:7.0f} ms ({read / base:.1f}x) | "
            f"full report {full:7.0f} ms ({full / base:.1f}x)"
        )

    name = db.execute(
        "SELECT service FROM incidents WHERE service IS NOT NULL "
        "GROUP BY service ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    service = get_service(db, name)
    periods = [Period.last_days(now.date(), days) for days in (7, 30, 90)]
    detail = median_ms(lambda: service_levels(db, service, periods, now), args.runs)
    print(f"  service detail figures (7, 30, 90 days) for {name!r}: {detail:.0f} ms")


if __name__ == "__main__":
    main()
