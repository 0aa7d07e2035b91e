"""Suggestions and global search on a real demo desk, read through the store as the TUI does.

Make the desk once (about two minutes), then run this against it:

    .venv/bin/sms-tui demo --size large /tmp/large.db
    .venv/bin/python bench/suggest.py /tmp/large.db [--queries 300] [--runs 3]

Prints the time to read the matcher's inputs from the store and to build the index, the
memory the index holds (tracemalloc), then the latency of one `suggest` over the text of
real incidents of the desk: median and p95 per run, and the median of the runs (the goal
is a p95 under 30 ms). A naive WRatio extract over every CI name and known-error title,
measured in the same run on the same texts, is the baseline. Then global search: a number
lookup in SQL and a fuzzy name query, median and p95; then incident titles: the title
index (open incidents and the 10,000 last closed, as the TUI holds it) against every title,
its read and build time, memory and query latency over parts of titles and misspelt words,
and the whole search keystroke (names plus titles), whose p95 should stay under 30 ms.
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
from sqlite_utils import Database

from sms_tui.matching import MatchIndex, Query, suggest
from sms_tui.record_search import NameIndex, RecordName
from sms_tui.store import open_store
from sms_tui.store.match_inputs import load_match_inputs
from sms_tui.store.search import (
    RECENT_CLOSED,
    by_number_or_prefix,
    incident_titles,
    record_names,
)
from sms_tui.title_search import TitleIndex


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
    bench_titles(db, name_index, rng, args.runs)


def misspelt(text: str, rng: Random) -> str:
    """The first three words of `text`, each long one with two letters swapped."""
    words = []
    for word in text.split()[:3]:
        if len(word) >= 5:
            i = rng.randrange(1, len(word) - 2)
            word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        words.append(word)
    return " ".join(words)


def bench_titles(db: Database, name_index: NameIndex, rng: Random, runs: int) -> None:
    """Incident titles: the held subset against every title, then the whole keystroke."""
    held: tuple[TitleIndex, list[RecordName]] | None = None
    for label, recent in (("open + 10,000 closed", RECENT_CLOSED), ("every title", 10**9)):
        start = time.perf_counter()
        titles = incident_titles(db, recent_closed=recent)
        read = time.perf_counter() - start
        tracemalloc.start()
        start = time.perf_counter()
        index = TitleIndex(titles)
        built = time.perf_counter() - start
        memory = tracemalloc.get_traced_memory()[0] / 2**20
        tracemalloc.stop()
        print(
            f"titles, {label}: {len(index)} read {read:.2f} s, indexed {built:.2f} s, "
            f"{memory:.0f} MB"
        )
        sample = [t.label for t in rng.sample(titles, 200)]
        typed = [t[: rng.randrange(4, 20)] for t in sample[:100]]
        typed += [misspelt(t, rng) for t in sample[100:]]
        report(
            "title query (parts and misspelt words)",
            [[milliseconds(partial(index.find, q)) for q in typed] for _ in range(runs)],
        )
        held = held or (index, titles)
    assert held is not None
    title_index, held_titles = held
    words = [r.label[: rng.randrange(4, 14)] for r in rng.sample(name_index.names, 100)]
    words += [misspelt(t.label, rng) for t in rng.sample(held_titles, 100)]

    def keystroke(text: str) -> None:
        name_index.find(text)
        title_index.find(text)

    report(
        "search keystroke (names + held titles)",
        [[milliseconds(partial(keystroke, w)) for w in words] for _ in range(runs)],
    )


if __name__ == "__main__":
    main()
