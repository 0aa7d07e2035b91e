"""Another process holds the write lock: saves say "busy, try again" in time, the TUI keeps
answering keys meanwhile, a retry succeeds once the lock is gone, and readers never wait."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from datetime import timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from textual.pilot import Pilot

from sms_tui.app import SmsApp, make_app
from sms_tui.queue_views import QueueQuery, View
from sms_tui.screens.help import HelpScreen
from sms_tui.screens.incident_detail import IncidentDetailScreen
from sms_tui.screens.retry_dialog import RetryDialog
from sms_tui.store import DatabaseBusy, open_store
from sms_tui.store.connection import UI_BUSY_TIMEOUT_MS
from sms_tui.store.incident_actions import add_work_note
from sms_tui.store.incidents import get_incident
from sms_tui.store.queue import read_page
from tests.conftest import NOW
from tests.durability_desk import counter_desk, figure, go, reaped, spawn
from tests.snapshot_apps.queue_desk import build_queue, ui_config
from tests.snapshot_apps.screen_text import screen_text

SLACK_S = 0.5


@pytest.fixture
def counter(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "desk.db"
    return path, counter_desk(path)


@pytest.fixture
def holder() -> Iterator[list[subprocess.Popen[str]]]:
    with reaped([]) as processes:
        yield processes


def hold_lock(
    path: Path, number: str, seconds: float, into: list[subprocess.Popen[str]]
) -> subprocess.Popen[str]:
    """Another process, holding the write lock (with an uncommitted change) for `seconds`."""
    process = spawn("hold", str(path), number, str(seconds))
    into.append(process)
    go([process])
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "locked"
    return process


def released(process: subprocess.Popen[str]) -> None:
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "released"
    process.wait(timeout=10)


def test_a_save_behind_a_held_lock_says_busy_in_time_and_a_retry_succeeds(
    counter: tuple[Path, str],
    holder: list[subprocess.Popen[str]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    path, number = counter
    timeout_ms = 1_000
    db = open_store(path, busy_timeout_ms=timeout_ms)
    try:
        version = get_incident(db, number).version
        process = hold_lock(path, number, 2.5, holder)
        started = time.perf_counter()
        with pytest.raises(DatabaseBusy) as refused:
            add_work_note(db, number, version, "first try", operator="alice", now=NOW)
        waited = time.perf_counter() - started
        assert str(refused.value) == "database busy: another operator is saving, try again"
        assert timeout_ms / 1000 - 0.05 <= waited <= timeout_ms / 1000 + SLACK_S
        assert not db.conn.in_transaction
        released(process)
        saved = add_work_note(db, number, version, "first try", operator="alice", now=NOW)
        assert [n.text for n in saved.work_notes] == ["first try"]
        assert saved.description == "0"  # the holder's change was never committed
    finally:
        db.conn.close()
    figure(
        capsys,
        f"busy: refused after {waited:.2f} s (timeout {timeout_ms / 1000:.1f} s); retry saved",
    )


def test_readers_are_not_blocked_by_a_writer_in_another_process(
    counter: tuple[Path, str],
    holder: list[subprocess.Popen[str]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    path, number = counter
    db = open_store(path)
    try:
        query = QueueQuery(View.OPEN, "alice")
        read_page(db, query, NOW, before=5, limit=50)  # warm: the first read loads the schema
        process = hold_lock(path, number, 1.5, holder)
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            page = read_page(db, query, NOW, before=5, limit=50)
            timings.append(time.perf_counter() - started)
        assert number in [item.number for item in page.items]
        assert get_incident(db, number).description == "0"  # not the writer's uncommitted change
        assert process.poll() is None, "the writer let go before the reads were done"
        released(process)
    finally:
        db.conn.close()
    slowest = max(timings)
    figure(
        capsys,
        f"readers: 5 queue pages read in {slowest * 1000:.1f} ms at most while a writer held the lock",
    )
    assert slowest < 0.2


async def test_the_tui_answers_keys_while_a_save_is_refused_as_busy(
    db_file: Path,
    holder: list[subprocess.Popen[str]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    number = "INC-000104"  # new, nobody's
    desk = open_store(db_file)
    try:
        build_queue(desk)
        app = make_app(desk, ui_config(clock=lambda: NOW + timedelta(minutes=1)))
        timeout = app.BUSY_TIMEOUT_MS / 1000
        assert app.BUSY_TIMEOUT_MS == UI_BUSY_TIMEOUT_MS
        ticks: list[float] = []
        async with app.run_test(size=(80, 24)) as pilot:
            await app.push_screen(IncidentDetailScreen(app.session, number))
            await pilot.pause()
            process = hold_lock(db_file, number, timeout + 2.0, holder)
            # A timer that ticks every 50 ms: a gap between ticks is time the app could not
            # answer anything. (The test's own waits for the holder block the loop too, so
            # the timer runs only between them.)
            timer = app.set_interval(0.05, lambda: ticks.append(time.perf_counter()))
            await pilot.pause(0.2)
            assert ticks, "the timer is not ticking"
            started = time.perf_counter()
            await pilot.press("t")
            await wait_for(app, pilot, RetryDialog, timeout + SLACK_S + 1)
            refused_after = time.perf_counter() - started
            assert "database busy, try again" in screen_text(app)

            # Still locked, and the app answers: close the dialog, open help, close it.
            await pilot.press("escape")
            await wait_for(app, pilot, IncidentDetailScreen, 1)
            await pilot.press("question_mark")
            await wait_for(app, pilot, HelpScreen, 1)
            await pilot.press("escape")
            await wait_for(app, pilot, IncidentDetailScreen, 1)
            assert process.poll() is None, "the lock was let go before the keys were answered"
            timer.stop()

            released(process)
            await pilot.press("t")
            await pilot.pause()
            assert isinstance(app.screen, IncidentDetailScreen)
        gaps = [b - a for a, b in pairwise(ticks)]
        stalled = max(gaps)
        assert get_incident(desk, number).assignee == "alice"
    finally:
        desk.conn.close()
    figure(
        capsys,
        f"busy in the TUI: refused after {refused_after:.2f} s (timeout {timeout:.1f} s); "
        f"longest stall of the event loop {stalled:.2f} s; retry saved",
    )
    assert refused_after <= timeout + SLACK_S
    assert stalled <= timeout + SLACK_S


async def wait_for(app: SmsApp, pilot: Pilot[None], screen: type, within: float) -> None:
    """Until the app shows a screen of this type; fails after `within` seconds."""
    deadline = time.perf_counter() + within
    while not isinstance(app.screen, screen):
        assert time.perf_counter() < deadline, f"{screen.__name__} did not show: {app.screen}"
        await pilot.pause(0.02)
