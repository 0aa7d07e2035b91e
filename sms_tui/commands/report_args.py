"""The grammar of `sms-tui report sla` and `sms-tui service list|show`. Imports nothing heavy."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from sms_tui.commands.incident_args import OneLineParser

DEFAULT_DAYS = 30


def add_report_parser(commands: Any, where: argparse.ArgumentParser) -> None:
    """Add `report sla` to the top-level subparsers."""
    report = commands.add_parser("report", parents=[where], help="service-level reports")
    kinds = report.add_subparsers(
        dest="report_command", metavar="REPORT", required=True, parser_class=OneLineParser
    )
    sla = kinds.add_parser(
        "sla",
        parents=[where],
        help="targets met, breaches by priority and MTTR per service, over whole UTC days",
    )
    sla.add_argument(
        "--from",
        dest="first",
        metavar="DATE",
        type=_date,
        help=f"the first day, YYYY-MM-DD (default: {DEFAULT_DAYS} days up to --to)",
    )
    sla.add_argument(
        "--to", dest="last", metavar="DATE", type=_date, help="the last day (default: today, UTC)"
    )
    form = sla.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="the figures as JSON")
    form.add_argument("--csv", action="store_true", help="one CSV row per service, then a total")


def add_service_parser(commands: Any, where: argparse.ArgumentParser) -> None:
    """Add `service list|show` to the top-level subparsers."""
    service = commands.add_parser(
        "service", parents=[where], help="the service catalogue, with service levels"
    )
    actions = service.add_subparsers(
        dest="service_command", metavar="ACTION", required=True, parser_class=OneLineParser
    )
    listing = actions.add_parser("list", parents=[where], help="every service, by name")
    listing.add_argument("--json", action="store_true")
    show = actions.add_parser(
        "show",
        parents=[where],
        help="one service: hours, targets, supporting CIs, open incidents, changes, SLA figures",
    )
    show.add_argument("name", metavar="NAME")
    show.add_argument("--json", action="store_true")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (for example 2026-11-01)") from None
