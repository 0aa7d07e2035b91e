"""Speed and accuracy of the matcher: the evaluation set alone, then padded to the large demo.

Prints top-1/top-3 accuracy and the median and p95 time of one `suggest` over the labelled
evaluation set (tests/matching_eval), first on its own few hundred CIs, then with 50,000 CIs
and 5,000 known errors of seeded synthetic padding. Also prints the index's build time and
memory, and, measured in the same run, a naive baseline: one `process.extract` with WRatio
over every CI name and known-error title. The goal is a p95 under 30 ms.

    .venv/bin/python bench/matching.py [--cis 50000] [--known-errors 5000] [--seed 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path
from random import Random

# Run from a checkout without installing: the package sits beside bench/.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz import fuzz, process

from sms_tui.matching import MatchIndex, suggest
from sms_tui.models import CiClass, ConfigurationItem, KnownError, Relationship, RelationshipKind
from tests.matching_eval.evaluate import evaluate, query_of
from tests.matching_eval.fixture import fixture

STEMS = [
    "app",
    "web",
    "api",
    "db",
    "sql",
    "ora",
    "pg",
    "es",
    "kafka",
    "redis",
    "mq",
    "sftp",
    "etl",
    "bi",
    "crm",
    "erp",
    "hr",
    "fin",
    "pay",
    "ldap",
    "dns",
]
ROLES = [
    "gateway",
    "portal",
    "batch",
    "scheduler",
    "cache",
    "broker",
    "worker",
    "proxy",
    "index",
    "reporting",
    "ledger",
]
WORDS = [
    "timeout",
    "slow",
    "crash",
    "restart",
    "memory",
    "disk",
    "full",
    "certificate",
    "expired",
    "login",
    "failed",
    "queue",
    "stuck",
    "sync",
    "replication",
    "lag",
    "backup",
    "job",
    "error",
    "denied",
    "connection",
    "refused",
    "latency",
]
SITES = ["par", "lon", "nyc", "fra", "ams", "mad"]
ENVS = ["prd", "tst", "dev", "stg"]
AT = datetime(2025, 1, 6, tzinfo=UTC)


def padding(
    rng: Random, cis: int, known_errors: int
) -> tuple[list[ConfigurationItem], list[Relationship], list[KnownError]]:
    """Synthetic CIs named like real estates, a chain of relationships, and known errors."""
    names: list[str] = []
    rows: list[ConfigurationItem] = []
    seen: set[str] = set()
    while len(rows) < cis:
        stem, site, env = rng.choice(STEMS), rng.choice(SITES), rng.choice(ENVS)
        name = f"{stem}-{rng.choice(ROLES)}-{site}-{env}-{rng.randrange(1, 999):03d}"
        if name in seen:
            continue
        seen.add(name)
        names.append(name)
        ip = f"172.{rng.randrange(16, 32)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
        role = f"{rng.choice(ROLES)} {rng.choice(WORDS)}"
        rows.append(
            ConfigurationItem(name=name, ci_class=CiClass.VM, attributes={"ip": ip, "role": role})
        )
    edges = [
        Relationship(source=names[i], kind=RelationshipKind.RUNS_ON, target=names[rng.randrange(i)])
        for i in range(1, len(names))
    ]
    kes = [
        KnownError(
            number=f"KE-{90_000 + i:05d}",
            title=" ".join(rng.sample(WORDS, 4)) + f" on {rng.choice(STEMS)} {rng.choice(ROLES)}",
            symptom=" ".join(rng.sample(WORDS, 8)) + f" ERR-{rng.randrange(1000, 9999)}",
            cis=[rng.choice(names)],
            published_at=AT,
        )
        for i in range(known_errors)
    ]
    return rows, edges, kes


def timed(index: MatchIndex) -> list[float]:
    """Milliseconds per suggest over every case of the evaluation set."""
    times = []
    for case in fixture().cases:
        start = time.perf_counter()
        suggest(index, query_of(case))
        times.append((time.perf_counter() - start) * 1000)
    return times


def baseline(choices: list[str]) -> list[float]:
    """Milliseconds per naive WRatio extract over every name, for comparison."""
    times = []
    for case in fixture().cases:
        start = time.perf_counter()
        process.extract(case.text, choices, scorer=fuzz.WRatio, limit=5)
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(label: str, times: list[float]) -> None:
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"  {label}: median {statistics.median(times):.2f} ms, p95 {p95:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cis", type=int, default=50_000)
    parser.add_argument("--known-errors", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    data = fixture()

    small = MatchIndex.build(data.cis, data.relationships, data.known_errors, data.services)
    print(
        f"evaluation set: {len(data.cases)} cases, {len(data.cis)} CIs, {len(data.known_errors)} KEs"
    )
    print("  " + evaluate(small).lines().replace("\n", "\n  "))
    report("suggest", timed(small))

    cis, edges, kes = padding(Random(args.seed), args.cis, args.known_errors)
    cis, edges, kes = data.cis + cis, data.relationships + edges, data.known_errors + kes
    tracemalloc.start()
    start = time.perf_counter()
    large = MatchIndex.build(cis, edges, kes, data.services)
    built = time.perf_counter() - start
    memory = tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()
    start = time.perf_counter()
    MatchIndex.build(cis, edges, kes, data.services)
    untraced = time.perf_counter() - start
    print(f"padded: {len(cis)} CIs, {len(kes)} KEs")
    print(f"  index build {untraced:.2f} s ({built:.2f} s traced), {memory:.0f} MB")
    print("  " + evaluate(large).lines().replace("\n", "\n  "))
    timed(large)  # first pass fills the lazily computed norms and typo cache
    report("suggest (warm)", timed(large))
    names = [c.name for c in cis] + [k.title for k in kes]
    report("baseline WRatio extract over all names", baseline(names))


if __name__ == "__main__":
    main()
