"""Why the CMDB filter runs over names in memory: three ways to answer one keystroke, measured.

On the desk given (the large demo: 50,000 CIs), for each prefix of a few typed names, the
median time to get the count and the first page of 72 rows:

- sql: an SQL scan, `name LIKE '%d%b%p%'` for the letters in order, count then ranked page;
- rapidfuzz: `process.extract` with `partial_ratio` (cutoff 80) over every name, held in memory;
- memory: sms_tui.cmdb_match.NameIndex as the store uses it, typing each name in order
  (each keystroke narrows the previous matches), and again from cold (no previous match).

    .venv/bin/python bench/cmdb_filter_choice.py /tmp/large.db [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz import fuzz, process

from sms_tui.cmdb_match import NameIndex, words_of
from sms_tui.store import open_store

WORDS = ("db-prd", "payroll", "web-01", "esx", "lb")
PAGE = 72


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
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    db = open_store(args.db, create=False)
    rows = db.execute("SELECT name, ci_class, environment FROM cis").fetchall()
    names = [name for name, _, _ in rows]
    started = time.perf_counter()
    index = NameIndex(rows)
    built = (time.perf_counter() - started) * 1000
    print(f"{len(names):,} CI names; the in-memory index is built once in {built:.0f} ms")

    def sql(text: str) -> object:
        letters = "%" + "%".join("".join(words_of(text))) + "%"
        where = "WHERE name LIKE :p"
        db.execute(f"SELECT count(*) FROM cis {where}", {"p": letters}).fetchone()
        return db.execute(
            f"SELECT name, ci_class, status, environment, owner, location FROM cis {where} "
            "ORDER BY CASE WHEN name LIKE :s THEN 0 ELSE 1 END, name LIMIT :n",
            {"p": letters, "s": text + "%", "n": PAGE},
        ).fetchall()

    def fuzzy(text: str) -> object:
        return process.extract(text, names, scorer=fuzz.partial_ratio, score_cutoff=80, limit=None)

    timings: dict[str, list[float]] = {"sql": [], "rapidfuzz": [], "memory": [], "cold": []}
    for word in WORDS:
        for end in range(1, len(word) + 1):
            typed = word[:end]
            timings["sql"].append(median_ms(lambda t=typed: sql(t), args.runs))  # type: ignore[misc]
            timings["rapidfuzz"].append(median_ms(lambda t=typed: fuzzy(t), args.runs))  # type: ignore[misc]

            def cold(t: str = typed) -> object:
                index._last = None
                return index.page(t, 0, PAGE)

            timings["cold"].append(median_ms(cold, args.runs))
        # As typed: each prefix once, in order, each narrowing the previous matches.
        index._last = None
        for end in range(1, len(word) + 1):
            timings["memory"].append(median_ms(lambda t=word[:end]: index.page(t, 0, PAGE), 1))  # type: ignore[misc]
    print(f"per keystroke over {len(timings['sql'])} prefixes of {', '.join(WORDS)}:")
    for name, label in (
        ("sql", "SQL LIKE scan, count + ranked page"),
        ("rapidfuzz", "rapidfuzz partial_ratio, every name"),
        ("cold", "in memory, from cold"),
        ("memory", "in memory, as typed (narrowing)"),
    ):
        values = timings[name]
        print(
            f"  {label:38} {statistics.median(values):6.1f} ms median, worst {max(values):6.1f} ms"
        )
    db.conn.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
