"""What the catalogue shows for a service, and what its filter matches. Pure: no app."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from sms_tui.catalogue_rows import (
    calendar_fields,
    filter_rows,
    long_duration,
    service_rows,
    short_duration,
    sla_summary,
)
from sms_tui.models import Priority, SlaTarget
from tests.snapshot_apps.catalogue_desk import CALENDARS, SERVICES

ROWS = service_rows(SERVICES, {c.name: c for c in CALENDARS}, {"Payroll": 3})


@pytest.mark.parametrize(
    ("minutes", "short", "long"),
    [(15, "15m", "15 min"), (60, "1h", "1 h"), (90, "1h30m", "1 h 30 min"), (2400, "40h", "40 h")],
)
def test_durations_read_in_hours_and_minutes(minutes: int, short: str, long: str) -> None:
    assert short_duration(minutes) == short
    assert long_duration(minutes) == long


def test_sla_summary_lists_respond_and_resolve_per_priority() -> None:
    targets = [
        SlaTarget(priority=Priority.P1, respond_minutes=15, resolve_minutes=240),
        SlaTarget(priority=Priority.P2, respond_minutes=60, resolve_minutes=480),
    ]
    assert sla_summary(targets) == "P1 15m/4h · P2 1h/8h"
    assert sla_summary([]) == "no targets"


def test_rows_carry_hours_targets_and_open_counts() -> None:
    payroll = next(row for row in ROWS if row.name == "Payroll")
    assert payroll.hours == "Mon-Thu 08:00-12:00 13:00-17:00, Fri 08:00-12:00 Europe/Paris"
    assert payroll.sla == "P1 30m/4h · P2 1h/8h · P3 4h/20h"
    assert payroll.open_incidents == 3
    assert next(row for row in ROWS if row.name == "E-mail").open_incidents == 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("FINANCE", {"Expense claims", "Travel booking"}),  # owner, any case
        ("retired", {"Expense claims"}),  # status
        ("critical", {"Payroll", "Web shop"}),  # criticality
        ("staff directory", {"Intranet"}),  # description, every word somewhere
        ("europe/paris", {"Expense claims", "Intranet", "Payroll", "Travel booking"}),  # hours
        ("office hours", {"Expense claims", "Intranet", "Payroll", "Travel booking"}),  # calendar
        ("live 24x7 critical", {"Web shop"}),  # words combine
        ("   ", {s.name for s in SERVICES}),  # blank shows all
        ("nothing-like-this", set()),
    ],
)
def test_filter_matches_every_field_shown(query: str, expected: set[str]) -> None:
    assert {row.name for row in filter_rows(ROWS, query)} == expected


def test_calendar_fields_split_holidays_around_today() -> None:
    office = CALENDARS[1]
    fields = dict(calendar_fields(office, date(2026, 11, 23)))
    assert fields["Mon"] == "08:00-12:00  13:00-17:00"
    assert fields["Fri"] == "08:00-12:00"
    assert fields["Sun"] == "closed"
    assert fields["Holidays"] == "2026-12-25, 2027-01-01"
    assert fields["Past holidays"] == "2026-11-11"
    always = dict(calendar_fields(CALENDARS[0], date(2026, 11, 23)))
    assert always["Hours"] == "24x7: every day, all day"
    assert always["Holidays"] == "none"


def test_the_catalogue_rows_import_without_textual() -> None:
    block = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] == 'textual':\n"
        "            raise ImportError(name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import sms_tui.catalogue_rows\n"
    )
    result = subprocess.run([sys.executable, "-c", block], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
