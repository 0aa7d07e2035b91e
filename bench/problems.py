"""What the problems section costs on a desk: reading its lists, filtering them, and the
multi-record actions, as medians over several runs.

Baselines measured in the same run: reading the lists as whole models (what the screen's
one-query reads replace), filtering with no query, and linking the same incidents one update
each (against doing it all in one transaction). Writes go to a copy of the database, never to the one given.

    .venv/bin/python bench/problems.py /tmp/large.db [--runs 9]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def median_ms(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and worst of `runs` timed calls, in milliseconds (after one warm-up call)."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()

    from sms_tui.incident_edits import LinkKind
    from sms_tui.problem_rows import PROBLEM_SORTS, arrange
    from sms_tui.store import open_store
    from sms_tui.store.incident_actions import link
    from sms_tui.store.problem_actions import problem_from_incidents
    from sms_tui.store.problem_lists import known_error_items, problem_items
    from sms_tui.store.problems import create_problem, list_known_errors, list_problems

    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "desk.db"
        shutil.copy(args.db, copy)
        db = open_store(copy, create=False)
        now = datetime.now(UTC)
        n_problems = db.execute("SELECT count(*) FROM problems").fetchone()[0]
        n_known = db.execute("SELECT count(*) FROM known_errors").fetchone()[0]
        print(
            f"{args.db}: {n_problems} problems, {n_known} known errors; median (worst) of {args.runs}"
        )

        def show(label: str, fn: Callable[[], object], base: float | None = None) -> float:
            med, worst = median_ms(fn, args.runs)
            ratio = f"  x{med / base:.2f} of baseline" if base else ""
            print(f"  {label:<44} {med:8.2f} ms ({worst:.2f}){ratio}")
            return med

        base = show("baseline: Problem models with counts", lambda: list_problems(db))
        show("problem_items (the list's query)", lambda: problem_items(db), base)
        base = show("baseline: KnownError models", lambda: list_known_errors(db))
        show("known_error_items (the KEDB list's query)", lambda: known_error_items(db), base)
        rows = problem_items(db)
        known = known_error_items(db)
        plain = show("arrange problems, no filter", lambda: arrange(rows, "", PROBLEM_SORTS[0]))
        show(
            "arrange problems, fuzzy 'certificat'",
            lambda: arrange(rows, "certificat", PROBLEM_SORTS[0]),
            plain,
        )
        show(
            "arrange known errors, fuzzy 'ORA-0155'",
            lambda: arrange(known, "ORA-0155", PROBLEM_SORTS[0]),
        )

        numbers = [
            r[0]
            for r in db.execute(
                "SELECT number FROM incidents WHERE state NOT IN ('resolved', 'closed') "
                "ORDER BY number LIMIT 400"
            )
        ]
        batches = iter(range(0, len(numbers), 20))

        def one_by_one() -> None:
            start = next(batches)
            made = create_problem(db, title="bench", operator="bench", now=now)
            for number in numbers[start : start + 20]:
                version = db.execute(
                    "SELECT version FROM incidents WHERE number = ?", [number]
                ).fetchone()[0]
                link(db, number, version, LinkKind.PROBLEM, made.number, operator="bench", now=now)

        def joint() -> None:
            start = next(batches)
            versions = {
                n: db.execute("SELECT version FROM incidents WHERE number = ?", [n]).fetchone()[0]
                for n in numbers[start : start + 20]
            }
            problem_from_incidents(db, versions, title="bench", operator="bench", now=now)

        runs = min(args.runs, len(numbers) // 40 - 1)
        med_a, _ = median_ms(one_by_one, runs)
        med_b, _ = median_ms(joint, runs)
        print(f"  {'baseline: problem + 20 links, one tx each':<44} {med_a:8.2f} ms")
        print(
            f"  {'problem_from_incidents, 20 incidents, one tx':<44} {med_b:8.2f} ms  x{med_b / med_a:.2f} of baseline"
        )
        db.conn.close()


if __name__ == "__main__":
    main()
