"""A dropped SSH line: the process ends at once without spinning, and typed drafts survive.

Each test runs `sms-tui` on a real pseudo-terminal, then takes the terminal away the way a
dead connection does, and measures how long the process lives on and how much CPU it uses
after that (a spinning input thread would burn a whole core until killed).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from sms_tui.store import open_store
from sms_tui.store.operators import ensure_operator
from tests.pty_terminal import PtyProgram, session_env

pytestmark = pytest.mark.slow

EXIT_WITHIN = 5.0
CPU_AFTER_HANGUP = 1.0


@pytest.fixture
def desk(db_file: Path, now: datetime) -> Path:
    db = open_store(db_file)
    ensure_operator(db, "boss", now)
    db.conn.close()
    return db_file


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _reap(pid: int, timeout: float) -> tuple[int | None, float, float]:
    """Exit status, seconds waited and the child's total CPU seconds (None if still alive)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return (
                os.waitstatus_to_exitcode(status),
                time.perf_counter() - started,
                (usage.ru_utime + usage.ru_stime),
            )
        time.sleep(0.02)
    return None, timeout, _cpu_seconds(pid)


def _command(db: Path) -> list[str]:
    return [sys.executable, "-m", "sms_tui", "--db", str(db)]


def _check_ended(program: PtyProgram, cpu_before: float, how: str) -> None:
    code, waited, cpu = _reap(program.process.pid, EXIT_WITHIN * 2)
    program.process.returncode = code  # reaped here, so Popen must not wait again
    print(f"{how}: exited {code} after {waited:.2f}s, CPU after hang-up {cpu - cpu_before:.2f}s")
    assert code == 0, f"still running {waited:.1f}s after {how}"
    assert waited < EXIT_WITHIN
    assert cpu - cpu_before < CPU_AFTER_HANGUP


def test_closing_the_terminal_ends_the_process_quickly_without_spinning(
    desk: Path, tmp_path: Path
) -> None:
    program = PtyProgram(_command(desk), session_env(tmp_path, ssh=True))
    try:
        program.wait_for("SLA", timeout=60)
        cpu_before = _cpu_seconds(program.process.pid)
        os.close(program.master)
        _check_ended(program, cpu_before, "closing the pty")
    finally:
        if program.process.returncode is None:
            program.process.kill()
            program.process.wait()


def test_sighup_ends_the_process_quickly(desk: Path, tmp_path: Path) -> None:
    with PtyProgram(_command(desk), session_env(tmp_path, ssh=True)) as program:
        program.wait_for("SLA", timeout=60)
        cpu_before = _cpu_seconds(program.process.pid)
        program.process.send_signal(signal.SIGHUP)
        _check_ended(program, cpu_before, "SIGHUP")


def test_stdin_at_end_of_file_ends_the_process_without_spinning(desk: Path, tmp_path: Path) -> None:
    # Textual PR #6690's case: stdin is a pipe that reaches EOF while the screen stays.
    master, slave = os.openpty()
    process = subprocess.Popen(
        _command(desk),
        stdin=subprocess.PIPE,
        stdout=slave,
        stderr=slave,
        env=session_env(tmp_path, ssh=True),
        start_new_session=True,
    )
    os.close(slave)
    try:
        shown = bytearray()
        deadline = time.perf_counter() + 60
        while b"SLA" not in shown and time.perf_counter() < deadline:
            shown += os.read(master, 65536)
        assert process.stdin is not None
        cpu_before = _cpu_seconds(process.pid)
        process.stdin.close()
        code, waited, cpu = _reap(process.pid, EXIT_WITHIN * 2)
        process.returncode = code
        print(f"stdin EOF: exited {code} after {waited:.2f}s, CPU after {cpu - cpu_before:.2f}s")
        assert code == 0 and waited < EXIT_WITHIN
        assert cpu - cpu_before < CPU_AFTER_HANGUP
    finally:
        if process.returncode is None:
            process.kill()
            process.wait()
        os.close(master)


def test_a_draft_typed_before_the_line_drops_is_offered_back(desk: Path, tmp_path: Path) -> None:
    env = session_env(tmp_path, ssh=True)
    program = PtyProgram(_command(desk), env)
    try:
        program.wait_for("SLA", timeout=60)
        program.type("n")
        program.wait_for("New incident")
        program.type("Printer on floor 3 is on fire")
        program.read_for(1.0)
        os.close(program.master)
        _check_ended(program, _cpu_seconds(program.process.pid), "closing mid-form")
    finally:
        if program.process.returncode is None:
            program.process.kill()
            program.process.wait()
    with PtyProgram(_command(desk), env) as again:
        again.wait_for("Unsaved draft")
        again.type("n")
        again.wait_for("restored")
        assert "Printer on floor 3 is on fire" in again.text()
        again.type("\x1b")  # cancel: the draft is done with
        again.read_for(1.0)
    assert "Printer" not in (Path(f"{desk}-drafts") / f"{_login()}.json").read_text()


def _login() -> str:
    from sms_tui.identity import current_login

    return current_login()
