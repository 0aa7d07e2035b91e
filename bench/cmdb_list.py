"""The CMDB list on a real 80x24 pty: its first frame, and a filter keystroke to repaint.

Each run spawns `sms-tui --db DEMO`, waits for the queue (the section the app opens on), then
presses `4` and times until the CMDB's first CI name is on the screen. In the same process,
`/` then each character of a few names is typed alone, timed from writing the key until the
repainted count ("12 of 50000 CIs") has come back; keystrokes that leave the count as it was
cannot be seen and are typed untimed. `j` (move the cursor one row) is the same-run floor.
Runs alternate the small and the large demo, so a noisy machine slows both alike.

    .venv/bin/sms-tui demo /tmp/small.db --size small
    .venv/bin/sms-tui demo /tmp/large.db --size large     # about a minute
    .venv/bin/python bench/cmdb_list.py /tmp/small.db /tmp/large.db [--runs 5]

Goals: the first frame does not depend on the size of the CMDB (large/small near 1), and a
filter keystroke repaints in under 50 ms median at 50,000 CIs.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.pty_terminal import ANSI, PtyProgram, session_env  # noqa: E402

WORDS = "db-prd,payroll,web-01,esx,lb"


def plan(path: Path, words: list[str]) -> tuple[list[str], list[list[tuple[str, str]]], str]:
    """The first CI names, each word's keys with the count each must bring back, the total."""
    from sms_tui.cmdb_views import CmdbQuery
    from sms_tui.store import open_store
    from sms_tui.store.cmdb import page

    db = open_store(path, create=False)
    first = page(db, CmdbQuery(), 0, 12)
    total = first.total
    plans = []
    for word in words:
        keys = []
        for end in range(1, len(word) + 1):
            shown = page(db, CmdbQuery(word[:end]), 0, 1).total
            keys.append((word[end - 1], f"{shown} of {total} CIs"))
        plans.append(keys)
    db.conn.close()
    return [row.name for row in first.items], plans, f"{total} of {total} CIs"


def until(program: PtyProgram, start: int, marker: str, timeout: float = 20) -> None:
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


def run(
    path: Path, words: list[str], env: dict[str, str], *, typing: bool
) -> tuple[float, list[float], list[float]]:
    """Seconds from `4` to the first CI row; per visible filter keystroke; per `j`."""
    names, plans, opened = plan(path, words)
    filtering: list[float] = []
    moving: list[float] = []
    command = [sys.executable, "-m", "sms_tui", "--db", str(path)]
    with PtyProgram(command, env) as program:
        program.wait_for("Incidents", timeout=60)
        program.read_for(1.5)
        first = keystroke(program, "4", names[0])
        if typing:
            program.read_for(0.5)
            for name in names[1:]:
                moving.append(keystroke(program, "j", name))
                program.read_for(0.15)
            for keys in plans:
                program.type("/")
                program.read_for(0.3)
                previous = opened
                for key, marker in keys:
                    if marker == previous:
                        program.type(key)
                        program.read_for(0.3)
                    else:
                        filtering.append(keystroke(program, key, marker))
                        program.read_for(0.15)
                    previous = marker
                program.type("\x1b")
                program.read_for(0.5)
        program.type("q")
        program.wait_exit()
    return first, filtering, moving


def line(name: str, values: list[float]) -> str:
    return (
        f"  {name:<38}{statistics.median(values) * 1000:6.1f} ms median"
        f"  (n={len(values)}, spread {min(values) * 1000:.0f}-{max(values) * 1000:.0f})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("small", type=Path)
    parser.add_argument("large", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--words", default=WORDS)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="sms-cmdb-bench-"))
    try:
        return _run_in(home, args)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _run_in(home: Path, args: argparse.Namespace) -> int:
    words = str(args.words).split(",")
    env = session_env(home, ssh=True)
    # One untimed run each: the operator's record is written on first use, caches warm up.
    for path in (args.small, args.large):
        run(path, words, env, typing=False)
    first: dict[str, list[float]] = {"small": [], "large": []}
    filtering: dict[str, list[float]] = {"small": [], "large": []}
    moving: dict[str, list[float]] = {"small": [], "large": []}
    for n in range(args.runs):
        for name, path in (("small", args.small), ("large", args.large)):
            # Keystrokes are timed in the first run only: they need no repeat to be many.
            opened, typed, moved = run(path, words, env, typing=n == 0)
            first[name].append(opened)
            filtering[name] += typed
            moving[name] += moved
    print(f"CMDB list on an 80x24 pty, {args.runs} alternating runs per demo")
    print(line("small demo: 4 to first CI row", first["small"]))
    print(line("large demo: 4 to first CI row", first["large"]))
    ratio = statistics.median(first["large"]) / statistics.median(first["small"])
    print(f"  ratio large / small first frame: {ratio:.2f}x")
    print(line("large demo: filter keystroke", filtering["large"]))
    print(line("small demo: filter keystroke", filtering["small"]))
    print(line("large demo: j (baseline)", moving["large"]))
    print(line("small demo: j (baseline)", moving["small"]))
    print("  goal: filter keystroke under 50 ms median at 50,000 CIs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
