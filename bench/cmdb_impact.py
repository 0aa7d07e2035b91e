"""Impact analysis from core CIs of a demo desk (the large one: 50,000 CIs), as the TUI runs it.

Prints the time to build the graph once (cold, then the cached lookup), then for the busiest
storage, cluster and network CIs: the median walk alone (sms_tui.impact.walk_impact over
the cached graph, CIs only), and the median whole report the impact screen shows (the walk
with the services that list a hit CI, classes and open incidents of the first 500 CIs hit,
services with their open incidents). As the
same-run baseline, the median time to read one CI (`get_ci`): the floor of any screen.

    .venv/bin/python bench/cmdb_impact.py /tmp/large.db [--runs 7]

Goal: an impact walk from a core CI under 50 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sms_tui.impact import walk_impact
from sms_tui.store import open_store
from sms_tui.store.catalogue import list_services
from sms_tui.store.cmdb import get_ci
from sms_tui.store.cmdb_graph import cmdb_graph
from sms_tui.store.cmdb_impact import impact_report

CORE_CLASSES = ("storage", "cluster", "network_device")


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    db = open_store(args.db, create=False)
    started = time.perf_counter()
    graph = cmdb_graph(db)
    cold = (time.perf_counter() - started) * 1000
    cached = median_ms(lambda: cmdb_graph(db), args.runs)
    edges = sum(len(down) for down in graph.down)
    print(f"graph: {len(graph):,} CIs with edges, {edges:,} needs")
    print(f"  built once in {cold:.0f} ms; cached lookup {cached:.2f} ms median")
    services = list_services(db)
    for cls in CORE_CLASSES:
        names = [n for (n,) in db.execute("SELECT name FROM cis WHERE ci_class = ?", [cls])]
        known = [n for n in names if n in graph]
        if not known:
            continue
        core = max(known, key=lambda n: len(graph.up[graph.index[n]]))
        impact = walk_impact(graph, [core], services)
        walk = median_ms(lambda c=core: walk_impact(graph, [c]), args.runs)  # type: ignore[misc]
        report = median_ms(lambda c=core: impact_report(db, [c], limit=500), args.runs)  # type: ignore[misc]
        floor = median_ms(lambda c=core: get_ci(db, c), args.runs)  # type: ignore[misc]
        print(
            f"  {cls:15} {core:24} {len(impact):>6,} CIs, {len(impact.services):>3} services hit:"
            f" walk {walk:6.1f} ms, report {report:6.1f} ms (read one CI {floor:.1f} ms)"
        )
    print("  goal: an impact walk from a core CI under 50 ms")
    db.conn.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
