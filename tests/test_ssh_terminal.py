"""Over SSH: a screen whose text does not change sends (almost) nothing, and state reads
without colour (NO_COLOR=1, 16 colours): breach, warning and priority carry a glyph or a word."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sms_tui.config import wall_clock
from sms_tui.demo import write_demo
from sms_tui.identity import current_login
from tests.pty_terminal import PtyProgram, session_env

WINDOW = 5.0
# A clock in minutes changes once a minute, so a window may see one such repaint (about
# 30 bytes per clock on screen); a clock showing seconds in its last ten minutes one per
# second. A per-second repaint of the whole table or panel would be kilobytes.
QUIET_BYTES = 2_500


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    # Built at the wall clock the app will read, so its clocks are near breach as in life.
    path = tmp_path_factory.mktemp("ssh") / "demo.db"
    write_demo(path, size="small", seed=1, now=wall_clock(), operator=current_login())
    yield path


def _bytes_over(program: PtyProgram, seconds: float) -> int:
    program.read_for(1.5)  # let the last repaint of the move land
    start = len(program.output)
    program.read_for(seconds)
    return len(program.output) - start


def test_an_unchanging_screen_sends_almost_nothing_over_ssh(demo: Path, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "sms_tui", "--db", str(demo)]
    with PtyProgram(command, session_env(tmp_path, ssh=True)) as program:
        program.wait_for("SLA", timeout=60)
        queue = _bytes_over(program, WINDOW)
        program.type("\r")
        program.wait_for("Resolution")
        detail = _bytes_over(program, WINDOW)
        program.type("q")
        program.wait_exit()
    print(
        f"bytes over {WINDOW:.0f}s with SSH_CONNECTION set: queue {queue}, incident detail {detail}"
    )
    assert queue < QUIET_BYTES
    assert detail < QUIET_BYTES


@pytest.mark.parametrize(
    "terminal", [{"NO_COLOR": "1"}, {"TERM": "xterm"}], ids=["no-color", "16-colours"]
)
def test_state_reads_without_colour(demo: Path, tmp_path: Path, terminal: dict[str, str]) -> None:
    # Textual shows NO_COLOR as greys and downgrades to 16 colours on TERM=xterm: either
    # way red and amber no longer say "breached" and "warning", so the text must.
    env = session_env(tmp_path, ssh=True) | terminal
    command = [sys.executable, "-m", "sms_tui", "--db", str(demo)]
    with PtyProgram(command, env) as program:
        program.wait_for("SLA", timeout=60)
        program.read_for(1.0)
        queue = program.text()
        program.type("\r")
        program.wait_for("Resolution")
        program.read_for(1.0)
        detail = program.text()[len(queue) :]
        program.type("q")
        program.wait_exit()
    # The queue opens sorted by SLA: breached clocks first ("!"), then warnings ("~").
    assert re.search(r"! \d+[mhd] ago", queue)
    assert re.search(r"\bP[1-5]\b", queue)
    assert "BREACHED" in detail or "WARNING" in detail
    assert re.search(r"\bP[1-5]\b", detail)
