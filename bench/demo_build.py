"""How long the demo desk takes to build in memory and to write into a new database file.

Run with `.venv/bin/python bench/demo_build.py` (add `--small-only` to skip the large desk).
Prints the median of 3 runs for the small desk and one run for the large one (about a
minute on two cores), with the record counts. "write" is `write_demo` without the build:
opening a new store and writing the desk in one transaction.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Literal, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sms_tui.demo import build_demo
from sms_tui.demo.build import store_demo

NOW = datetime(2026, 11, 23, 10, 30, tzinfo=UTC)
SEED = 2026
OPERATOR = "bench"
T = TypeVar("T")


def timed(work: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def measure(size: Literal["small", "large"], runs: int, folder: Path) -> None:
    builds, writes = [], []
    counts: dict[str, int] = {}
    for run in range(runs):
        seconds, desk = timed(partial(build_demo, size, SEED, NOW, OPERATOR))
        builds.append(seconds)
        path = folder / f"{size}-{run}.db"
        seconds, counts = timed(partial(store_demo, path, desk, OPERATOR, NOW))
        writes.append(seconds)
    size_mb = (folder / f"{size}-0.db").stat().st_size / 1e6
    label = f"median of {runs}" if runs > 1 else "one run"
    build, write = statistics.median(builds), statistics.median(writes)
    print(f"{size:5}  build {build:6.2f} s   write {write:6.2f} s   ({label}; {size_mb:.0f} MB)")
    print("       " + ", ".join(f"{name} {n:,}" for name, n in counts.items() if n))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small-only", action="store_true", help="skip the large desk")
    parser.add_argument("--large-runs", type=int, default=1, help="runs of the large desk")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        measure("small", 3, Path(folder))
        if not args.small_only:
            measure("large", args.large_runs, Path(folder))


if __name__ == "__main__":
    main()
