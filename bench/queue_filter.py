"""Filter keystroke to repaint in the incident queue, on a real 80x24 pty.

After `/`, each character is typed alone; the time runs from writing the key to the pty until
the repainted count ("203 of 3030 incidents") has come back. Keystrokes that leave the count
as it was cannot be seen and are typed untimed. In the same run, as baselines: the same
keystrokes on the small demo, and `j` (move the cursor one row: the floor for any key).

    .venv/bin/python bench/queue_filter.py /tmp/small.db /tmp/large.db [--words disk,login,...]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.pty_terminal import ANSI, PtyProgram, session_env  # noqa: E402

WORDS = "disk,login,mail,vpn,slow,error,printer,backup,sap,certificate"


def expected_counts(path: Path, words: list[str]) -> tuple[str, list[list[tuple[str, str]]]]:
    """The count an open, empty filter shows; for each word, each prefix's key and the count
    line it must bring back."""
    from sms_tui.identity import current_login
    from sms_tui.queue_views import DEFAULT_VIEW, QueueQuery
    from sms_tui.store import open_store
    from sms_tui.store.queue import count

    db = open_store(path, create=False)
    now = datetime.now(UTC)
    login = current_login()
    total = count(db, QueueQuery(DEFAULT_VIEW, login), now)
    plans = []
    for word in words:
        plan = []
        for end in range(1, len(word) + 1):
            shown = count(db, QueueQuery(DEFAULT_VIEW, login, word[:end]), now)
            plan.append((word[end - 1], f"{shown} of {total} incidents"))
        plans.append(plan)
    db.conn.close()
    return f"{total} of {total} incidents", plans


def rows(path: Path, limit: int) -> list[str]:
    """The numbers of the queue's first rows, as it opens."""
    from sms_tui.identity import current_login
    from sms_tui.queue_views import DEFAULT_VIEW, QueueQuery
    from sms_tui.store import open_store
    from sms_tui.store.queue import page

    db = open_store(path, create=False)
    items, _ = page(db, QueueQuery(DEFAULT_VIEW, current_login()), 0, limit, datetime.now(UTC))
    db.conn.close()
    return [item.number for item in items]


def until(program: PtyProgram, start: int, marker: str, timeout: float = 10) -> None:
    """Read until `marker` is in what the program wrote after byte `start`."""
    target = marker.encode()
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if target in ANSI.sub(b"", bytes(program.output[start:])):
            return
        program.read_for(0.002)
    raise TimeoutError(f"{marker!r} did not come back")


def keystroke(program: PtyProgram, key: str, marker: str) -> float:
    start = len(program.output)
    began = time.perf_counter()
    program.type(key)
    until(program, start, marker)
    return time.perf_counter() - began


def run(path: Path, words: list[str], env: dict[str, str]) -> tuple[list[float], list[float]]:
    """Seconds per visible filter keystroke, and per `j`, on one desk."""
    opened, plans = expected_counts(path, words)
    numbers = rows(path, 12)
    filtering: list[float] = []
    moving: list[float] = []
    command = [sys.executable, "-m", "sms_tui", "--db", str(path)]
    with PtyProgram(command, env) as program:
        program.wait_for(numbers[0], timeout=60)
        program.read_for(1.0)
        for number in numbers[1:]:
            # Moving the cursor repaints the line of the row it lands on.
            moving.append(keystroke(program, "j", number))
            program.read_for(0.2)
        program.type("g")
        program.read_for(0.5)
        for plan in plans:
            program.type("/")
            program.read_for(0.3)
            previous = opened
            for key, marker in plan:
                if marker == previous:
                    program.type(key)
                    program.read_for(0.3)
                else:
                    filtering.append(keystroke(program, key, marker))
                    program.read_for(0.15)
                previous = marker
            program.type("\x1b")  # escape: clear the filter
            program.read_for(0.5)
        program.type("q")
        program.wait_exit()
    return filtering, moving


def line(name: str, values: list[float]) -> str:
    return (
        f"  {name:<36}{statistics.median(values) * 1000:6.1f} ms median"
        f"  (n={len(values)}, p90 {sorted(values)[int(len(values) * 0.9)] * 1000:.1f} ms)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("small", type=Path)
    parser.add_argument("large", type=Path)
    parser.add_argument("--words", default=WORDS)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="sms-queue-bench-"))
    try:
        return _run_in(home, args)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _run_in(home: Path, args: argparse.Namespace) -> int:
    words = str(args.words).split(",")
    env = session_env(home, ssh=True)  # over SSH: no cursor blink in the field
    large_filter, large_move = run(args.large, words, env)
    small_filter, small_move = run(args.small, words, env)
    print("keystroke to repaint on an 80x24 pty (all open incidents)")
    print(line("large demo: filter keystroke", large_filter))
    print(line("small demo: filter keystroke", small_filter))
    print(line("large demo: j (baseline)", large_move))
    print(line("small demo: j (baseline)", small_move))
    print("  goal: filter keystroke under 50 ms median at 100,000 incidents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
