"""`sms-tui report sla`: the service-level report of the TUI's report screen, for scripts.

The same store read and the same pure figures as the screen (sms_tui.sla.report), so the
two always agree. `now` is read once, here at the edge.
"""

from __future__ import annotations

import argparse
import csv
import sys
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sms_tui.commands.database import opened
from sms_tui.commands.output import Failure, say

if TYPE_CHECKING:
    from sms_tui.sla.report import SlaReport


def run_report(args: argparse.Namespace, path: Path) -> int:
    """Print the SLA report over the days asked for, as text, JSON or CSV."""
    from sms_tui.commands.incident_text import emit_json
    from sms_tui.commands.report_args import DEFAULT_DAYS
    from sms_tui.config import wall_clock
    from sms_tui.sla.report import Period
    from sms_tui.sla_report_view import csv_rows, report_json
    from sms_tui.store.sla_report import load_sla_report

    now = wall_clock()
    last = args.last or now.date()
    first = args.first or last - timedelta(days=DEFAULT_DAYS - 1)
    if last < first:
        raise Failure(f"--to {last.isoformat()} is before --from {first.isoformat()}")
    period = Period.days(first, last)
    with opened(path, create=False) as db:
        report = load_sla_report(db, period, now)
    if args.json:
        emit_json(report_json(report))
    elif args.csv:
        from sms_tui.sla_report_view import CSV_HEADER

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(CSV_HEADER)
        writer.writerows(csv_rows(report))
    else:
        _print_table(report)
    return 0


def _print_table(report: SlaReport) -> None:
    from sms_tui.sla_report_view import (
        breaches_text,
        hours_text,
        percent_text,
        period_text,
        sparkline,
    )

    say(f"SLA report {period_text(report.period)}, as of {report.as_of:%Y-%m-%d %H:%M} UTC")
    say(f"{'service':<32} {'response':>9} {'resolution':>10} {'MTTR':>8}  trend          breaches")
    for line in (*report.services, report.total):
        name = line.service if len(line.service) <= 32 else line.service[:31] + "\u2026"
        say(
            f"{name:<32} {percent_text(line.response):>9} {percent_text(line.resolution):>10} "
            f"{hours_text(line.mttr_seconds):>8}  {sparkline(line.trend):<14} "
            f"{breaches_text(line)}"
        )
