"""Suggestions and global search on a real demo desk, read through the store as the TUI does.

Make the desk once (about two minutes), then run this against it:

    .venv/bin/sms-tui demo --size large /tmp/large.db
    .venv/bin/python bench/suggest.py /tmp/large.db [--queries 300] [--runs 3]

Prints the time to read the matcher's inputs from the store and to build the index, the
memory the index holds (tracemalloc), then the latency of one `suggest` over the text of
real incidents of the desk: median and p95 per run, and the median of the runs (the goal
is a p95 under 30 ms). A naive WRatio extract over every CI name and known-error title,
measured in the same run on the same texts, is the baseline. Then global search: a number
lookup in SQL and a fuzzy name query, median and p95.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from random import Random

# Run from a checkout without installing: the package sits beside bench/.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz import fuzz, process

from sms_tui.matching import MatchIndex, Query, suggest
from sms_tui.record_search import NameIndex
from sms_tui.store import open_store
from sms_tui.store.match_inputs import load_match_inputs
from sms_tui.store.search import by_number_or_prefix, record_names


def milliseconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1000


def spread(times: Sequence[float]) -> tuple[float, float]:
    """Median and p95 of a run."""
    return statistics.median(times), statistics.quantiles(times, n=20)[-1]


def report(label: str, runs: list[list[float]]) -> tuple[float, float]:
    figures = [spread(times) for times in runs]
    median = statistics.median(f[0] for f in figures)
    p95 = statistics.median(f[1] for f in figures)
    each = ", ".join(f"{m:.1f}/{p:.1f}" for m, p in figures)
    print(f"  {label}: median {median:.2f} ms, p95 {p95:.2f} ms  (runs median/p95: {each})")
    return median, p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, help="a desk made by `sms-tui demo --size large`")
    parser.add_argument("--queries", type=int, default=300, help="incident texts per run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    db = open_store(args.db, create=False)

    start = time.perf_counter()
    inputs = load_match_inputs(db)
    read = time.perf_counter() - start
    start = time.perf_counter()
    index = MatchIndex.build(inputs.cis, inputs.relationships, inputs.known_errors, inputs.services)
    built = time.perf_counter() - start
    tracemalloc.start()
    traced = MatchIndex.build(
        inputs.cis, inputs.relationships, inputs.known_errors, inputs.services
    )
    memory = tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()
    del traced
    print(
        f"{args.db}: {len(inputs.cis)} CIs, {len(inputs.relationships)} relationships, "
        f"{len(inputs.known_errors)} known errors, {len(inputs.services)} services"
    )
    print(
        f"  read from the store {read:.2f} s, index build {built:.2f} s, index memory {memory:.0f} MB"
    )

    rows = db.execute("SELECT title, description, service FROM incidents").fetchall()
    rng = Random(args.seed)
    sample = rng.sample(rows, min(args.queries, len(rows)))
    queries = [Query(f"{title}\n{description}", service) for title, description, service in sample]
    for query in queries:  # the first pass fills the lazily computed norms and typo cache
        suggest(index, query)
    print(f"suggest, {len(queries)} incident texts per run:")
    _, ours = report(
        "suggest (top 5 CIs and KEs)",
        [[milliseconds(partial(suggest, index, q)) for q in queries] for _ in range(args.runs)],
    )
    names = [c.name for c in inputs.cis] + [k.title for k in inputs.known_errors]
    # A few only: one naive extract over a whole ticket's text takes seconds.
    few = queries[:10]
    _, naive = report(
        f"baseline: WRatio extract over {len(names)} names ({len(few)} texts)",
        [
            [
                milliseconds(partial(process.extract, q.text, names, scorer=fuzz.WRatio, limit=5))
                for q in few
            ]
            for _ in range(args.runs)
        ],
    )
    print(f"  p95 ratio suggest / baseline: {ours / naive:.2f}")

    start = time.perf_counter()
    name_index = NameIndex(record_names(db))
    print(
        f"search: {len(name_index)} names read and prepared in {time.perf_counter() - start:.2f} s"
    )
    numbers = [f"INC-{rng.randrange(1, 100_000):06d}" for _ in range(200)]
    report(
        "number (indexed SQL)",
        [
            [milliseconds(partial(by_number_or_prefix, db, n)) for n in numbers]
            for _ in range(args.runs)
        ],
    )
    words = [r.label[: rng.randrange(4, 14)] for r in rng.sample(name_index.names, 200)]
    report(
        "fuzzy name (substring + ratio)",
        [[milliseconds(partial(name_index.find, w)) for w in words] for _ in range(args.runs)],
    )


if __name__ == "__main__":
    main()
