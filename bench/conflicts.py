"""Speed of the conflict check: one change against 10,000 scheduled ones.

A seeded year of changes over 3,000 CIs and 150 implementers, 200 services with weekly
maintenance windows, a few blackouts, and a CMDB of 6,000 edges for the one-hop rule.
Prints the index's build time, the median check per change over several runs, and in the
same run the naive scan of every other change as a baseline. Goal: well under ~10 ms.

    .venv/bin/python bench/conflicts.py [--runs 7] [--changes 10000] [--seed 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sms_tui.impact import CmdbGraph
from sms_tui.models import (
    Change,
    ChangeState,
    RelationshipKind,
    Service,
    Window,
    WindowKind,
)
from sms_tui.scheduling import INACTIVE, Schedule

START = datetime(2026, 1, 5, tzinfo=UTC)
HOUR = timedelta(hours=1)


def world(count: int, seed: int) -> tuple[list[Change], list[Window], list[Service], CmdbGraph]:
    rng = random.Random(seed)
    cis = [f"ci-{i:05d}" for i in range(3_000)]
    people = [f"eng{i:03d}" for i in range(150)]
    states = [ChangeState.SCHEDULED] * 6 + [
        ChangeState.DRAFT,
        ChangeState.CLOSED,
        ChangeState.CANCELLED,
    ]
    changes = []
    for n in range(count):
        start = START + rng.randrange(365 * 24) * HOUR
        changes.append(
            Change(
                number=f"CHG-{n:05d}",
                title=f"change {n}",
                state=rng.choice(states),
                planned_start=start,
                planned_end=start + rng.randint(1, 8) * HOUR,
                cis=rng.sample(cis, rng.randint(1, 3)),
                requester="alice",
                implementer=rng.choice(people),
            )
        )
    services = [
        Service(name=f"Service {i}", calendar="24x7", cis=cis[i * 15 : (i + 1) * 15])
        for i in range(200)
    ]
    windows = [
        Window(
            name=f"mw-{i}",
            kind=WindowKind.MAINTENANCE,
            service=f"Service {i}",
            starts_at=START + rng.randrange(7 * 24) * HOUR,
            ends_at=START + rng.randrange(7 * 24) * HOUR + 200 * HOUR,
            weekly=False,
        )
        for i in range(0, 200, 2)
    ]
    windows += [
        Window(name=f"weekly-{i}", kind=WindowKind.MAINTENANCE, service=f"Service {i}",
               starts_at=START + (i % 7) * 24 * HOUR, ends_at=START + (i % 7) * 24 * HOUR + 4 * HOUR, weekly=True)
        for i in range(1, 200, 2)
    ]  # fmt: skip
    windows += [
        Window(name=f"freeze-{i}", kind=WindowKind.BLACKOUT, starts_at=START + i * 2000 * HOUR,
               ends_at=START + i * 2000 * HOUR + 72 * HOUR)
        for i in range(4)
    ]  # fmt: skip
    edges = [(rng.choice(cis), RelationshipKind.DEPENDS_ON, rng.choice(cis)) for _ in range(6_000)]
    graph = CmdbGraph([e for e in edges if e[0] != e[2]])
    return changes, windows, services, graph


def naive(change: Change, changes: list[Change], graph: CmdbGraph) -> int:
    """The baseline: look at every other change for a shared or neighbouring CI or person."""
    near = set(change.cis).union(*(graph.neighbours(ci) for ci in change.cis))
    found = 0
    for other in changes:
        if other.number == change.number or other.state in INACTIVE:
            continue
        overlaps = (
            other.planned_start < change.planned_end and other.planned_end > change.planned_start
        )
        if overlaps and (near.intersection(other.cis) or other.implementer == change.implementer):
            found += 1
    return found


def median_ms(fn: Callable[[], object], runs: int, inner: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        for _ in range(inner):
            fn()
        times.append((time.perf_counter() - started) * 1000 / inner)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--changes", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    changes, windows, services, graph = world(args.changes, args.seed)
    started = time.perf_counter()
    schedule = Schedule(changes, windows, services, graph)
    build = (time.perf_counter() - started) * 1000
    probes = random.Random(args.seed + 1).sample(changes, 50)
    found = sum(len(schedule.conflicts(c)) for c in probes)
    check = median_ms(lambda: [schedule.conflicts(c) for c in probes], args.runs, 1) / len(probes)
    scan = median_ms(lambda: [naive(c, changes, graph) for c in probes[:5]], args.runs, 1) / 5
    print(
        f"{len(changes):,} changes, {len(windows)} windows, {len(services)} services, index built in {build:.0f} ms"
    )
    print(
        f"conflict check, one change (all five kinds): {check:.3f} ms median ({found / len(probes):.1f} conflicts each)"
    )
    print(
        f"naive scan of every change (baseline, fewer rules): {scan:.3f} ms median, {scan / check:.0f}x slower"
    )


if __name__ == "__main__":
    main()
