"""Applying an edit to one or many incidents, and what the detail shows, without any UI."""

from __future__ import annotations

from datetime import timedelta

from sqlite_utils import Database

from sms_tui import triage
from sms_tui.incident_edits import AddWorkNote, Move, Take
from sms_tui.incident_view import clock_lines, duration, timeline
from sms_tui.models import IncidentState
from sms_tui.store import StaleRecord
from sms_tui.store.incident_actions import take
from sms_tui.store.incidents import get_incident, incident_audit, sla_clocks
from tests.snapshot_apps.queue_desk import NOW, build_queue


def seeded(db: Database) -> Database:
    build_queue(db)
    return db


def test_a_selection_saves_what_it_can_and_reports_the_stale_one(db: Database) -> None:
    seeded(db)
    take(db, "INC-000104", 1, operator="bob", now=NOW)  # someone else, after alice read v1
    outcomes = triage.apply(
        db, {"INC-000112": 1, "INC-000104": 1}, Take(), operator="alice", now=NOW
    )
    assert [o.ok for o in outcomes] == [True, False]
    assert outcomes[0].saved is not None and outcomes[0].saved.assignee == "alice"
    assert isinstance(outcomes[1].error, StaleRecord)
    lines = triage.problem_lines([outcomes[1]])
    assert lines[0] == "INC-000104 was changed by bob at 2026-11-23 10:30 UTC:"
    assert "  assignee: - -> bob (bob, 2026-11-23 10:30 UTC)" in lines
    assert all("history" not in line for line in lines)
    assert get_incident(db, "INC-000104").assignee == "bob"


def test_a_refused_move_says_why_and_writes_nothing(db: Database) -> None:
    seeded(db)
    [outcome] = triage.apply(
        db, {"INC-000111": 1}, Move(IncidentState.CLOSED), operator="alice", now=NOW
    )
    assert triage.problem_lines([outcome]) == [
        "INC-000111: only a resolved incident can be closed (it is in_progress)"
    ]
    assert get_incident(db, "INC-000111").version == 1


def test_values_in_a_stale_report_are_short_and_on_one_line() -> None:
    assert triage.value_text(None) == "-"
    assert triage.value_text('["a", "b"]') == "a, b"
    assert triage.value_text('[{"at": 1}]') == "1 entry"
    assert triage.value_text("x\ny\x1b") == "x\u23cey\u241b"
    assert triage.value_text("z" * 100).endswith("\u2026")
    assert triage.numbers_text(["A", "B", "C", "D", "E"]) == "A, B, C and 2 more"


def test_durations_read_in_two_units_at_most() -> None:
    assert duration(45) == "0m 45s"
    assert duration(9 * 60 + 5) == "9m 05s"
    assert duration(35 * 60) == "35m"
    assert duration(3 * 3600 + 5 * 60) == "3h 05m"
    assert duration(2 * 86400 + 3 * 3600) == "2d 3h"


def test_the_timeline_holds_notes_and_changes_in_time_order(db: Database) -> None:
    seeded(db)
    later = NOW + timedelta(minutes=5)
    take(db, "INC-000104", 1, operator="bob", now=NOW)
    triage.apply(db, {"INC-000104": 2}, AddWorkNote("called"), operator="bob", now=later)
    incident = get_incident(db, "INC-000104")
    entries = timeline(incident, incident_audit(db, "INC-000104"))
    assert [(e.kind, e.who) for e in entries] == [
        ("opened", "desk"),
        ("changed", "bob"),
        ("note", "bob"),
    ]
    assert "assignee: - -> bob" in entries[1].text
    assert "state: new -> assigned" in entries[1].text


def test_clock_lines_spell_out_breach_warning_and_pauses(db: Database) -> None:
    seeded(db)
    breached = sla_clocks(db, get_incident(db, "INC-000102"), NOW)
    paused = sla_clocks(db, get_incident(db, "INC-000105"), NOW)
    warning = sla_clocks(db, get_incident(db, "INC-000101"), NOW)
    assert clock_lines(breached, NOW)[1].summary == "! BREACHED 2h 00m over"
    assert clock_lines(warning, NOW)[1].summary == "~ WARNING 4m 30s left"
    resolution = clock_lines(paused, NOW)[1]
    assert resolution.summary.startswith("paused, ")
    assert resolution.pauses == ("paused 2026-11-23 09:30 UTC - now (awaiting caller)",)
    assert clock_lines(None, NOW) == ()


def test_triage_and_the_detail_text_import_without_textual() -> None:
    import subprocess
    import sys

    from tests.test_layering import BLOCK_TEXTUAL

    code = BLOCK_TEXTUAL.replace(
        '"sms_tui.demo")',
        '"sms_tui.demo", "sms_tui.triage", "sms_tui.incident_view", "sms_tui.fuzzy_pick")',
    )
    assert "sms_tui.triage" in code
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
