"""The grammar of `sms-tui change list|show|create|update|schedule|approve|reject|move|calendar`.

Imports nothing heavy; the choices are spelled out here (a test checks them against the
enums) so that `--help` needs no pydantic.
"""

from __future__ import annotations

import argparse
from typing import Any

from sms_tui.commands.arg_types import moment
from sms_tui.commands.incident_args import OneLineParser

TYPES = ("standard", "normal", "emergency")
RISKS = ("low", "medium", "high")
STATES = (
    "draft",
    "assessment",
    "awaiting_approval",
    "scheduled",
    "implementing",
    "review",
    "closed",
    "rejected",
    "cancelled",
)


def add_change_parser(commands: Any, where: argparse.ArgumentParser) -> None:
    """Add `change` and its subcommands to the top-level subparsers."""
    change = commands.add_parser(
        "change", parents=[where], help="plan, schedule, approve and export changes"
    )
    actions = change.add_subparsers(
        dest="change_command", metavar="ACTION", required=True, parser_class=OneLineParser
    )
    listing = actions.add_parser("list", parents=[where], help="changes by period and filters")
    listing.add_argument("--from", dest="start", metavar="DATE", type=moment)
    listing.add_argument("--to", dest="end", metavar="DATE", type=moment)
    listing.add_argument("--state", choices=STATES)
    listing.add_argument("--mine", action="store_true", help="requested or implemented by me")
    listing.add_argument("--awaiting", action="store_true", help="awaiting approval")
    listing.add_argument("--service")
    listing.add_argument("--ci", metavar="NAME")
    listing.add_argument("--json", action="store_true")

    show = actions.add_parser("show", parents=[where], help="fields, approvals, conflicts, impact")
    show.add_argument("number", metavar="NUMBER")
    show.add_argument("--json", action="store_true")

    create = actions.add_parser("create", parents=[where], help="a new draft change")
    create.add_argument("--title", required=True)
    create.add_argument("--start", required=True, metavar="TIME", type=moment)
    create.add_argument("--end", required=True, metavar="TIME", type=moment)
    create.add_argument("--type", dest="change_type", choices=TYPES, default="normal")
    create.add_argument("--risk", choices=RISKS, default="low")
    create.add_argument("--ci", metavar="NAME", action="extend", nargs="+", default=[])
    create.add_argument("--implementer", metavar="LOGIN")
    create.add_argument("--description", default="")
    create.add_argument("--backout-plan", default="")
    create.add_argument("--test-plan", default="")
    create.add_argument("--json", action="store_true")

    update = actions.add_parser("update", parents=[where], help="edit a change's fields")
    update.add_argument("number", metavar="NUMBER")
    update.add_argument("--title")
    update.add_argument("--type", dest="change_type", choices=TYPES)
    update.add_argument("--risk", choices=RISKS)
    update.add_argument("--ci", metavar="NAME", action="extend", nargs="+", help="replaces the CIs")
    update.add_argument("--implementer", metavar="LOGIN")
    update.add_argument("--description")
    update.add_argument("--backout-plan")
    update.add_argument("--test-plan")
    update.add_argument("--json", action="store_true")

    slot = actions.add_parser("schedule", parents=[where], help="put a change in a slot")
    slot.add_argument("number", metavar="NUMBER")
    slot.add_argument("--start", required=True, metavar="TIME", type=moment)
    slot.add_argument("--end", required=True, metavar="TIME", type=moment)
    slot.add_argument("--override", metavar="REASON", help="go ahead despite conflicts, saying why")
    slot.add_argument("--json", action="store_true")

    for name, about in (("approve", "approve as CAB member or change manager"),
                        ("reject", "reject, saying why")):  # fmt: skip
        decide = actions.add_parser(name, parents=[where], help=about)
        decide.add_argument("number", metavar="NUMBER")
        decide.add_argument("--comment", required=name == "reject", default="")
        decide.add_argument("--json", action="store_true")

    move = actions.add_parser("move", parents=[where], help="move through the lifecycle")
    move.add_argument("number", metavar="NUMBER")
    move.add_argument("--state", required=True, choices=STATES)
    move.add_argument("--review-outcome", default="")
    move.add_argument("--review-notes", default="")
    move.add_argument("--json", action="store_true")

    calendar = actions.add_parser(
        "calendar", parents=[where], help="write the changes of a period as iCalendar"
    )
    calendar.add_argument("--from", dest="start", required=True, metavar="DATE", type=moment)
    calendar.add_argument("--to", dest="end", required=True, metavar="DATE", type=moment)
    calendar.add_argument("--ics", required=True, metavar="FILE", help='a file, or "-" for stdout')


def check_change(args: argparse.Namespace) -> None:
    """Refuse what cannot mean anything, before the database is opened."""
    parser = OneLineParser(prog=f"sms-tui change {args.change_command}", add_help=False)
    start, end = getattr(args, "start", None), getattr(args, "end", None)
    if start is not None and end is not None and end <= start:
        parser.error("the end must be after the start")
    if args.change_command == "update":
        fields = ("title", "change_type", "risk", "ci", "implementer", "description",
                  "backout_plan", "test_plan")  # fmt: skip
        if all(getattr(args, name) is None for name in fields):
            parser.error("nothing to change: give at least one of --title, --risk, --ci, ...")
