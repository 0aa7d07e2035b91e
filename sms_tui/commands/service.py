"""`sms-tui service list|show`: the catalogue and one service's detail, for scripts.

`show` gives what the TUI's service detail shows: the record, supporting CIs, open
incidents, changes this week and the SLA figures over the last 7, 30 and 90 days.
"""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sms_tui.commands.database import opened
from sms_tui.commands.output import say

if TYPE_CHECKING:
    from sqlite_utils import Database


def run_service(args: argparse.Namespace, path: Path) -> int:
    """Run one service subcommand against the database at `path`."""
    from sms_tui.config import wall_clock

    now = wall_clock()
    with opened(path, create=False) as db:
        if args.service_command == "list":
            return _list(db, as_json=args.json)
        return _show(db, args.name, now, as_json=args.json)


def _list(db: Database, *, as_json: bool) -> int:
    from sms_tui.catalogue_rows import service_rows
    from sms_tui.commands.incident_text import emit_json
    from sms_tui.store.catalogue import list_calendars, list_services, open_incident_counts

    rows = service_rows(list_services(db), list_calendars(db), open_incident_counts(db))
    if as_json:
        emit_json(
            [
                {
                    "name": r.name,
                    "status": r.status.value,
                    "criticality": r.criticality.value,
                    "owner": r.owner,
                    "calendar": r.calendar,
                    "hours": r.hours,
                    "sla": r.sla,
                    "open_incidents": r.open_incidents,
                }
                for r in rows
            ]
        )
        return 0
    for r in rows:
        say(
            f"{r.name:<32} {r.status.value:<9} {r.criticality.value:<9} "
            f"{r.open_incidents:>5} open  {r.owner}"
        )
    return 0


def _show(db: Database, name: str, now: datetime, *, as_json: bool) -> int:
    from sms_tui.commands.incident_text import emit_json
    from sms_tui.models import iso
    from sms_tui.service_levels_view import (
        change_cells,
        detail_periods,
        incident_cells,
        levels_rows,
        tree_lines,
        week_of,
    )
    from sms_tui.sla_report_view import levels_json
    from sms_tui.store.catalogue import get_service
    from sms_tui.store.service_extras import service_extras
    from sms_tui.store.service_view import supporting_names

    service = get_service(db, name)
    extras = service_extras(db, service, now)
    supporting, incidents, total = extras.supporting, extras.incidents, extras.incident_total
    changes, levels = extras.changes, extras.levels
    start, end = week_of(now)
    periods = detail_periods(now.date())
    if as_json:
        data: dict[str, Any] = service.model_dump(mode="json")
        data["supporting_cis"] = supporting_names(supporting)
        data["open_incidents"] = {
            "total": total,
            "shown": [
                {
                    "number": i.number,
                    "title": i.title,
                    "priority": i.priority.value,
                    "state": i.state.value,
                    "major": i.major,
                    "resolve_due_at": None if i.resolve_due_at is None else iso(i.resolve_due_at),
                }
                for i in incidents
            ],
        }
        data["changes_this_week"] = {
            "from": iso(start),
            "to": iso(end),
            "changes": [
                {
                    "number": c.number,
                    "title": c.title,
                    "state": c.state.value,
                    "planned_start": iso(c.planned_start),
                    "planned_end": iso(c.planned_end),
                }
                for c in changes
            ],
        }
        data["sla_performance"] = [
            {"days": (p.end - p.start).days, "from": p.first_day.isoformat(), **levels_json(line)}
            for p, line in zip(periods, levels, strict=True)
        ]
        emit_json(data)
        return 0
    say(f"{service.name}  ({service.status.value}, {service.criticality.value})")
    say(f"owner: {service.owner or '-'}  calendar: {service.calendar}")
    say("")
    say("SLA performance")
    for row in levels_rows(levels, [t.priority for t in service.targets]):
        say(f"  {row[0]:<22}" + "".join(f"{cell:<16}" for cell in row[1:]))
    say("")
    say(f"Open incidents: {total}")
    for incident in incidents:
        number, priority, state, due, title = incident_cells(incident, now)
        say(f"  {number}  {priority:<8} {state:<12} {due:<16} {title}")
    say("")
    last = end - timedelta(days=1)
    say(f"Changes this week ({start:%Y-%m-%d} to {last:%Y-%m-%d}): {len(changes)}")
    for change in changes:
        say("  " + "  ".join(change_cells(change)))
    say("")
    say("Supporting CIs")
    for line in tree_lines(supporting):
        say("  " + line)
    return 0
