"""Speed of the impact walk over a seeded synthetic CMDB of 50,000 CIs and ~90,000 edges.

Layers, read as "needs": business CIs -> apps -> DBs -> VMs -> clusters (quorum 8 of 12
hosts) -> hosts -> SANs, with app-to-app dependencies (cycles included) and agents on the
VMs. Prints the graph's build time and the
median walk from a SAN (redundancy absorbs it), from the busiest cluster, and with every SAN
down (the whole estate, the worst case). Goal: an impact walk from a core CI under 50 ms.

    .venv/bin/python bench/impact.py [--runs 7] [--cis 50000] [--seed 6]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sms_tui.impact import CmdbGraph, Edge, walk_impact
from sms_tui.models import Criticality, RelationshipKind, Service

DEP, RUNS, LINK = (
    RelationshipKind.DEPENDS_ON,
    RelationshipKind.RUNS_ON,
    RelationshipKind.CONNECTED_TO,
)


def synthetic(cis: int, seed: int) -> tuple[list[Edge], dict[str, int], list[Service]]:
    """Edges, clusters and services of a CMDB scaled so that it holds `cis` CIs."""
    rng = random.Random(seed)
    scale = cis / 50_000
    n = {k: max(2, round(v * scale)) for k, v in {
        "san": 4, "cl": 100, "esx": 1_200, "vm": 20_000, "db": 4_000, "app": 12_000, "biz": 600,
    }.items()}  # fmt: skip
    names = {k: [f"{k}-{i:05d}" for i in range(v)] for k, v in n.items()}
    edges: list[Edge] = []
    for i, host in enumerate(names["esx"]):
        edges.append((host, DEP, rng.choice(names["san"])))
        edges.append((names["cl"][i % n["cl"]], DEP, host))
    edges += [(vm, RUNS, rng.choice(names["cl"])) for vm in names["vm"]]
    edges += [(db, RUNS, rng.choice(names["vm"])) for db in names["db"]]
    for app in names["app"]:
        edges.append((app, RUNS, rng.choice(names["vm"])))
        edges += [(app, DEP, db) for db in rng.sample(names["db"], rng.randint(1, 2))]
    # App-to-app calls in both directions between random pairs: cycles are common.
    edges += [(a, DEP, b) for a, b in (rng.sample(names["app"], 2) for _ in range(n["app"]))]
    edges += [(b, DEP, app) for b in names["biz"] for app in rng.sample(names["app"], 15)]
    # The rest are monitoring and backup agents, each running on a VM.
    agents = [f"agent-{i:05d}" for i in range(cis - sum(n.values()))]
    edges += [(agent, RUNS, rng.choice(names["vm"])) for agent in agents]
    clusters = {cl: 8 for cl in names["cl"]}
    services = [
        Service(
            name=f"Service {i}",
            calendar="24x7",
            criticality=rng.choice(list(Criticality)),
            cis=[biz, *rng.sample(names["app"], 3)],
        )
        for i, biz in enumerate(names["biz"])
    ]
    return edges, clusters, services


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cis", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    edges, clusters, services = synthetic(args.cis, args.seed)
    started = time.perf_counter()
    graph = CmdbGraph(edges, clusters=clusters)
    build = (time.perf_counter() - started) * 1000
    print(f"graph: {len(graph):,} CIs, {len(edges):,} relationships, built once in {build:.0f} ms")
    busiest = max(clusters, key=lambda cl: len(graph.up[graph.index[cl]]))
    sans = sorted(name for name in graph.index if name.startswith("san-"))
    cases = [
        ("one SAN (absorbed by quorum)", [sans[0]]),
        (f"busiest cluster {busiest}", [busiest]),
        ("every SAN (whole estate)", sans),
    ]
    for label, failed in cases:
        impact = walk_impact(graph, failed, services)
        walk = median_ms(lambda f=failed: walk_impact(graph, f, services), args.runs)  # type: ignore[misc]
        page = median_ms(lambda i=impact: i.hits(limit=200), args.runs)  # type: ignore[misc]
        listed = median_ms(impact.hits, args.runs)
        print(
            f"{label:30} {len(impact):>6,} CIs, {len(impact.services):>3} services hit: "
            f"walk {walk:5.1f} ms; first 200 hits with paths {page:5.1f} ms, all {listed:5.1f} ms"
        )


if __name__ == "__main__":
    main()
