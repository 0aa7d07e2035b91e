"""Time to the first frame of `sms-tui --demo` against a bare Textual app, on a real 80x24 pty.

The baseline is a Header, a 50-row DataTable and a Footer: what any Textual app pays.
Runs alternate between the two so that a noisy machine slows both alike; the figure that
matters is the ratio of the medians.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.pty_terminal import PtyProgram, session_env  # noqa: E402


def time_to_text(
    command: list[str], marker: str, env: dict[str, str], timeout: float = 20
) -> float:
    with PtyProgram(command, env) as program:
        return program.wait_for(marker, timeout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="sms-bench-"))
    env = session_env(home, ssh=False)
    sms = [sys.executable, "-m", "sms_tui", "--demo"]
    bare = [sys.executable, str(ROOT / "bench" / "bare_app.py")]

    # The first --demo run writes the demo desk; it is not timed.
    time_to_text(sms, "Incidents", env, timeout=60)
    # The app opens on the incident queue: its first frame with rows shows incident numbers.
    marker = "INC-0"

    timings: dict[str, list[float]] = {"bare": [], "sms": []}
    for _ in range(args.runs):
        timings["bare"].append(time_to_text(bare, "row-000", env))
        timings["sms"].append(time_to_text(sms, marker, env))

    bare_median = statistics.median(timings["bare"])
    sms_median = statistics.median(timings["sms"])
    print(f"first frame on an 80x24 pty, median of {args.runs} alternating runs")
    print(f"  bare Textual app (header, 50-row table, footer): {bare_median * 1000:7.0f} ms")
    print(f"  sms-tui --demo (incident queue with rows):        {sms_median * 1000:7.0f} ms")
    print(f"  ratio sms-tui / bare: {sms_median / bare_median:.2f}x")
    print(
        f"  spread: bare {min(timings['bare']) * 1000:.0f}-{max(timings['bare']) * 1000:.0f} ms, "
        f"sms-tui {min(timings['sms']) * 1000:.0f}-{max(timings['sms']) * 1000:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
