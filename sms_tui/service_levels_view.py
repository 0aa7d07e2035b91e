"""What a service's detail shows beyond its record, as plain text: SLA figures, CI tree, lists.

Pure: no Textual, no SQL. The screen and `sms-tui service show` print the same lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from sms_tui.impact import TreeNode
from sms_tui.models import CiClass, Priority
from sms_tui.sla.report import Period, ServiceLevels
from sms_tui.sla_report_view import hours_text, ratio_text, sparkline
from sms_tui.store.service_view import OpenIncident, PlannedChange, SupportingCis

DETAIL_DAYS = (7, 30, 90)
TREE_LINES = 80
"""The supporting CIs shown at most; a longer walk ends with a line saying how many more."""


def detail_periods(today: date) -> list[Period]:
    """The last 7, 30 and 90 whole UTC days, today included."""
    return [Period.last_days(today, days) for days in DETAIL_DAYS]


def week_of(moment: datetime) -> tuple[datetime, datetime]:
    """Monday 00:00 UTC of the week holding `moment`, and the Monday after."""
    day = moment.astimezone(UTC).date()
    monday = datetime.combine(day - timedelta(days=day.weekday()), time(), UTC)
    return monday, monday + timedelta(days=7)


def levels_rows(
    levels: Sequence[ServiceLevels], priorities: Sequence[Priority]
) -> list[tuple[str, ...]]:
    """A header and one row per figure, one column per period (as DETAIL_DAYS)."""
    rows: list[tuple[str, ...]] = [
        ("", *(f"{days} days" for days in DETAIL_DAYS[: len(levels)])),
        ("Response met", *(ratio_text(line.response) for line in levels)),
        ("Resolution met", *(ratio_text(line.resolution) for line in levels)),
        ("Mean time to resolve", *(hours_text(line.mttr_seconds) for line in levels)),
    ]
    for priority in priorities:
        cells = []
        for line in levels:
            found = next((b for b in line.breaches if b.priority == priority), None)
            cells.append("0" if found is None else f"{found.response}+{found.resolution}")
        rows.append((f"Breaches {priority.value}", *cells))
    rows.append(("Trend (resolution)", *(sparkline(line.trend) for line in levels)))
    return rows


def tree_lines(supporting: SupportingCis, limit: int = TREE_LINES) -> list[str]:
    """The walk down as an indented outline: 'db-prd-03 (database)', '  runs on san-01 ...'."""
    lines: list[str] = []
    total = 0
    for tree in supporting.trees:
        for level, node in tree.walk():
            total += 1
            if len(lines) < limit:
                lines.append("  " * level + _node_text(node, supporting.classes))
    if total > limit:
        lines.append(f"... and {total - limit} more")
    return lines


def _node_text(node: TreeNode, classes: dict[str, CiClass]) -> str:
    relation = "" if node.relation is None else node.relation.value.replace("_", " ") + " "
    found = classes.get(node.name)
    kind = "not in the CMDB" if found is None else found.value.replace("_", " ")
    notes = []
    if node.min_members_up is not None:
        notes.append(f"cluster, needs {node.min_members_up} up")
    if node.cycle:
        notes.append("cycle")
    if node.truncated:
        notes.append("more below")
    extra = f" [{', '.join(notes)}]" if notes else ""
    return f"{relation}{node.name} ({kind}){extra}"


def due_text(incident: OpenIncident, now: datetime) -> str:
    """'due 11-23 14:00', 'overdue' or 'paused' for the resolution clock."""
    due = incident.resolve_due_at
    if due is None:
        return "no clock" if incident.state.value != "pending" else "paused"
    if due <= now:
        return "overdue"
    return f"due {due:%m-%d %H:%M}"


def incident_cells(incident: OpenIncident, now: datetime) -> tuple[str, str, str, str, str]:
    """Number, priority (with MAJOR), state, due and title, as a row of text."""
    priority = incident.priority.value + (" MAJOR" if incident.major else "")
    state = incident.state.value.replace("_", " ")
    return incident.number, priority, state, due_text(incident, now), incident.title


def change_cells(change: PlannedChange) -> tuple[str, str, str, str]:
    """Number, state, planned window and title, as a row of text."""
    window = f"{change.planned_start:%a %m-%d %H:%M}-{change.planned_end:%H:%M}"
    if change.planned_end.date() != change.planned_start.date():
        window = f"{change.planned_start:%a %m-%d %H:%M} to {change.planned_end:%a %m-%d %H:%M}"
    return change.number, change.state.value.replace("_", " "), window, change.title
