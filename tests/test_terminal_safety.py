"""Terminal safety: hostile text in every field of every record, every screen visited on a
real pty, and not one byte of it reaches the terminal as a control sequence.

The desk is the demo desk with all its free text replaced by the strings of
`hostile_strings()` (tests/hostile_desk.py); the walk is tests/hostile_tour.py, which visits
each section, help, the palette, the detail screen of every record kind in
sms_tui.openers and the incident dialogs, and clicks wherever an `[@click=...]` is shown.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sms_tui.identity import current_login
from sms_tui.openers import OPENERS
from sms_tui.sections import SECTIONS
from tests.conftest import NOW, hostile_strings
from tests.hostile_desk import write_hostile_desk
from tests.pty_terminal import ANSI, session_env

pytestmark = pytest.mark.slow

TOUR_TIMEOUT = 300.0

# What Textual itself writes: CSI sequences (colours, cursor moves, private modes, the
# kitty keyboard flags) and OSC 22, the mouse pointer's shape. No other OSC (title,
# clipboard, hyperlinks), no DCS.
OWN_SEQUENCE = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\]22;[a-z-]+\x07")
POINTER_SHAPE = re.compile(rb"\x1b\]22;[a-z-]+\x07")
# App.bell(): a lone BEL written between two of Textual's own sequences.
BELL = re.compile(rb"(\x1b\[\d+;\d+H)\x07(?=\x1b)")
ANY_ESCAPE = re.compile(rb"\x1b")
# Characters that must never reach a terminal from data: C0 but tab, newline and CR,
# DEL, C1 and the bidi controls.
RAW = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def payload_fragments(strings: list[str]) -> list[bytes]:
    """For each control sequence inside a hostile string, the bytes it would show raw:
    the sequence with the text that follows it (or precedes it), which Textual's own
    output can never contain."""
    fragments = []
    for text in strings:
        raw = text.encode()
        for match in re.finditer(rb"\x1b|\xc2[\x80-\x9f]", raw):
            sequence = ANSI.match(raw, match.start())
            end = sequence.end() if sequence else match.end()
            after = raw[end : end + 3]
            fragments.append(raw[match.start() : end] + after if after else raw[end - 6 : end])
    return fragments


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("hostile") / "desk.db"
    replaced = write_hostile_desk(path, hostile_strings(), NOW, current_login())
    print(f"hostile desk: {replaced} distinct values replaced")
    yield path


def _tour(db: Path, home: Path) -> tuple[bytes, list[str], int]:
    """Every byte the app wrote, the tour's report lines and the exit code."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    report_read, report_write = os.pipe()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.hostile_tour", str(db), str(report_write)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=session_env(home, ssh=True),
        start_new_session=True,
        pass_fds=(report_write,),
        cwd=Path(__file__).resolve().parent.parent,
    )
    os.close(slave)
    os.close(report_write)
    output, lines, pending = bytearray(), [], b""
    deadline = time.perf_counter() + TOUR_TIMEOUT
    try:
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([master, report_read], [], [], 0.1)
            if master in ready:
                try:
                    output += os.read(master, 65536)
                except OSError:
                    break
            if report_read in ready:
                chunk = os.read(report_read, 65536)
                if not chunk and process.poll() is not None:
                    break
                pending += chunk
                while b"\n" in pending:
                    line, pending = pending.split(b"\n", 1)
                    lines.append(line.decode())
                    if line.startswith(b"CLICK "):
                        x, y = (int(n) + 1 for n in line.split()[1:])
                        os.write(master, f"\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m".encode())
            if process.poll() is not None and not ready:
                break
        code = process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
        os.close(report_read)
    return bytes(output), lines, code


def test_hostile_text_never_reaches_the_terminal_as_control_sequences(
    hostile_db: Path, tmp_path: Path
) -> None:
    output, report, code = _tour(hostile_db, tmp_path)
    screens = [line for line in report if line.startswith("SCREEN ")]
    clicks = [line for line in report if line.startswith("CLICK ")]
    actions = [line for line in report if line.startswith("ACTION ")]
    print(
        f"bytes checked: {len(output)}; screens visited: {len(screens)}; "
        f"[@click] strings clicked: {len(clicks)}; actions run by those clicks: {len(actions)}"
    )
    assert code == 0 and "DONE" in report, report[-5:]
    assert [line for line in report if line.startswith("MISSING")] == []
    labels = {line.split()[1] for line in screens}
    assert {f"section:{s.id}" for s in SECTIONS} <= labels
    assert {f"detail:{kind}" for kind in OPENERS} <= labels
    assert actions == []
    assert clicks, "no [@click=...] string was on any screen, so none was clicked"

    others = POINTER_SHAPE.sub(b"", output)
    assert b"\x1b]" not in others, "an OSC sequence (title, clipboard, hyperlink) was written"
    assert b"\x1bP" not in output, "a DCS sequence was written"
    strays = [
        m.start() for m in ANY_ESCAPE.finditer(output) if not OWN_SEQUENCE.match(output, m.start())
    ]
    assert strays == [], [output[i : i + 12] for i in strays[:5]]
    for fragment in payload_fragments(hostile_strings()):
        assert fragment not in output, fragment
    bells = len(BELL.findall(output))
    text = ANSI.sub(b"", BELL.sub(rb"\1", POINTER_SHAPE.sub(b"", output))).decode("utf-8")
    assert RAW.findall(text) == []
    shown_literally = [s for s in hostile_strings() if s.startswith("[") and s[:12] in text]
    print(f"markup strings shown literally: {len(shown_literally)}; bells rung by the app: {bells}")
    assert any("[@click=" in s for s in shown_literally)
