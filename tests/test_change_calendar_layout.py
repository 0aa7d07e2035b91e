"""The calendar's pure parts: the week grid's cells, the agenda, and live conflict counts."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sms_tui.change_calendar import CalendarFilter, Placed, WeekView, agenda_lines, week_lines
from sms_tui.change_calendar.plan import Cursor, Draft, WeekPlan
from sms_tui.change_calendar.week import Marked, monday_of
from sms_tui.impact import CmdbGraph
from sms_tui.models import ChangeState
from sms_tui.scheduling import Schedule
from tests.change_desk import at, change_desk
from tests.conftest import NOW

MONDAY = at("2026-11-23 00:00")


def text(line: tuple[tuple[str, str], ...]) -> str:
    return "".join(part for part, _ in line)


def styles(line: tuple[tuple[str, str], ...]) -> set[str]:
    return {style for _, style in line}


def placed(number: str, start: str, end: str, conflicts: int = 0) -> Placed:
    return Placed(
        number, f"Title of {number}", ChangeState.SCHEDULED, at(start), at(end), conflicts
    )


def test_monday_of_any_moment_in_the_week() -> None:
    assert monday_of(NOW) == MONDAY
    assert monday_of(at("2026-11-29 23:59")) == MONDAY


def test_a_block_shows_number_then_title_then_a_bar_and_flags_conflicts() -> None:
    view = WeekView(
        MONDAY,
        (placed("CHG-00001", "2026-11-23 09:00", "2026-11-23 12:00", conflicts=1),),
        day=2,
        hour=0,
    )
    lines = week_lines(view, 120, 0, 24)
    assert lines[10][2][0].startswith("!CHG-00001")  # 09:00: the glyph as well as the colour
    assert lines[10][2][1] == "conflict"
    assert lines[11][2][0].startswith(" Title of CHG")
    assert lines[12][2][0].startswith(" \u2502")
    assert lines[13][2][0].strip() == ""
    assert all(len(text(line)) == 120 for line in lines)


def test_crowded_hours_count_the_others_and_the_cursor_is_marked() -> None:
    view = WeekView(
        MONDAY,
        (
            placed("CHG-00001", "2026-11-23 09:00", "2026-11-23 11:00"),
            placed("CHG-00002", "2026-11-23 10:00", "2026-11-23 11:00"),
        ),
        day=0,
        hour=10,
        selected="CHG-00002",
    )
    line = text(week_lines(view, 120, 0, 24)[11])
    # The selected change shows in the cell it shares, the other counted: "+1".
    assert "\u203a CHG-00002" in line and "+1\u2502" in line


def test_blackouts_shade_and_maintenance_windows_dot_empty_cells() -> None:
    view = WeekView(
        MONDAY,
        windows=(
            Marked(at("2026-11-24 00:00"), at("2026-11-25 00:00"), "Freeze", True),
            Marked(at("2026-11-23 20:00"), at("2026-11-24 00:00"), "Tuesday window", False),
        ),
        day=6,
    )
    lines = week_lines(view, 120, 0, 24)
    assert "\u2591\u2591\u2591" in lines[1][4][0] and lines[1][4][1] == "blackout"
    assert lines[21][2][0].startswith(" \u00b7 Tuesday") and lines[21][2][1] == "maintenance"


def test_agenda_lists_by_day_with_the_cursor_on_the_selected_change() -> None:
    view = WeekView(
        MONDAY,
        (placed("CHG-00001", "2026-11-24 23:00", "2026-11-25 01:00", conflicts=2),),
        today=NOW.date(),
        day=1,
        selected="CHG-00001",
    )
    lines, cursor = agenda_lines(view, 80)
    shown = [text(line).rstrip() for line in lines]
    assert shown[0] == "Monday 23 November  \u00b7 today"
    assert shown[cursor].startswith("\u203a 23:00-24:00 !CHG-00001 scheduled")
    # A change over midnight shows on both days, from 00:00 on the second.
    assert any(line.startswith("  00:00-01:00 !CHG-00001 scheduled") for line in shown)
    assert all(len(text(line)) == 80 for line in lines)


def _plan() -> WeekPlan:
    desk = change_desk()
    graph = CmdbGraph((r.source, r.kind, r.target) for r in desk.relationships)
    return WeekPlan(desk.changes, desk.windows, desk.services, graph)


SLOTS = [("2026-11-25 10:00", 1), ("2026-11-24 21:00", 2), ("2026-11-27 10:00", 1), ("2026-11-30 09:00", 1)]  # fmt: skip


@pytest.mark.parametrize(("start", "hours"), SLOTS)
@pytest.mark.parametrize("number", ["CHG-00001", "CHG-00002", "CHG-00004"])
def test_live_counts_equal_a_full_recount_with_the_draft_slot(
    number: str, start: str, hours: int
) -> None:
    plan = _plan()
    draft = Draft(number, at(start), at(start) + timedelta(hours=hours))
    full = Schedule(
        [plan.placed_change(c, draft) for c in plan.changes.values()],
        plan.windows,
        plan.services,
        plan.graph,
    )
    for other in plan.changes.values():
        expected = len(full.conflicts(plan.placed_change(other, draft)))
        assert plan.count(other.number, draft) == expected, other.number


def test_the_view_hides_cancelled_changes_and_applies_filters() -> None:
    plan = _plan()
    view = plan.view(MONDAY, CalendarFilter(service="Shop"), "alice", Cursor())
    assert [p.number for p in view.changes] == ["CHG-00001"]
    view = plan.view(MONDAY, CalendarFilter(mine=True), "frank", Cursor())
    assert [p.number for p in view.changes] == ["CHG-00004", "CHG-00003"]
