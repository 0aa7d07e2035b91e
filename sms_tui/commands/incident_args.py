"""The grammar of `sms-tui incident list|show|create|update`. Imports nothing heavy.

The choices are spelled out here rather than read from the models, so that parsing stays
free of pydantic; a test checks they match the enums.
"""

from __future__ import annotations

import argparse
from typing import Any, NoReturn

from sms_tui.commands.arg_types import count, moment, offset
from sms_tui.commands.suggest_args import add_suggestion_options
from sms_tui.safe_text import one_line

VIEWS = ("mine", "unassigned", "breaching", "major", "pending", "open", "resolved")
STATES = ("new", "assigned", "in_progress", "pending", "resolved", "closed")
REASONS = ("awaiting_caller", "awaiting_vendor", "awaiting_change")
RESOLUTION_CODES = (
    "fixed",
    "workaround",
    "known_error",
    "no_fault_found",
    "duplicate",
    "user_error",
)
LEVELS = ("high", "medium", "low")
DEFAULT_LIMIT = 50


class OneLineParser(argparse.ArgumentParser):
    """A subcommand parser whose usage errors are one line on stderr, for scripts to log."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{one_line(self.prog)}: {one_line(message)} (see --help)\n")

    def parse_known_args(  # type: ignore[override]
        self, args: Any = None, namespace: Any = None
    ) -> tuple[argparse.Namespace, list[str]]:
        # Left over, unknown flags would reach the top-level parser and its many-line usage.
        parsed, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return parsed, extras


def add_incident_parser(commands: Any, where: argparse.ArgumentParser) -> None:
    """Add `incident` and its four subcommands to the top-level subparsers."""
    incident = commands.add_parser(
        "incident", parents=[where], help="list, show, open and update incidents"
    )
    actions = incident.add_subparsers(
        dest="incident_command", metavar="ACTION", required=True, parser_class=OneLineParser
    )
    listing = actions.add_parser("list", parents=[where], help="one page of a queue view")
    listing.add_argument("--view", choices=VIEWS, default="open", help="default: open")
    listing.add_argument("--limit", type=count, default=DEFAULT_LIMIT, help="default: 50")
    listing.add_argument("--offset", type=offset, default=0, help="skip this many rows first")
    listing.add_argument("--json", action="store_true", help="JSON with each SLA clock")

    show = actions.add_parser("show", parents=[where], help="every field and both SLA clocks")
    show.add_argument("number", metavar="NUMBER")
    show.add_argument("--json", action="store_true")

    create = actions.add_parser("create", parents=[where], help="open a new incident")
    create.add_argument("--title", required=True)
    create.add_argument("--description", default="")
    create.add_argument("--caller", default="")
    create.add_argument("--service")
    create.add_argument("--ci", metavar="NAME", action="extend", nargs="+", default=[])
    create.add_argument("--impact", choices=LEVELS, default="medium")
    create.add_argument("--urgency", choices=LEVELS, default="medium")
    create.add_argument("--major", action="store_true")
    create.add_argument(
        "--opened-at", metavar="ISO", type=moment, help="backfill: when it was really opened"
    )
    create.add_argument("--json", action="store_true")

    update = actions.add_parser("update", parents=[where], help="act on an incident")
    update.add_argument("number", metavar="NUMBER")
    update.add_argument("--state", choices=STATES)
    update.add_argument("--reason", choices=REASONS, help="with --state pending")
    update.add_argument("--resolution-code", choices=RESOLUTION_CODES, help="with --state resolved")
    update.add_argument("--note", help="the resolution note, or a work note with another state")
    update.add_argument("--take", action="store_true", help="assign it to me")
    update.add_argument("--assign-to", metavar="LOGIN")
    update.add_argument("--group")
    update.add_argument("--impact", choices=LEVELS)
    update.add_argument("--urgency", choices=LEVELS)
    update.add_argument("--work-note", metavar="TEXT")
    update.add_argument("--major", action=argparse.BooleanOptionalAction, default=None)
    parent = update.add_mutually_exclusive_group()
    parent.add_argument("--parent", metavar="NUMBER")
    parent.add_argument("--no-parent", action="store_true", help="detach from its parent")
    for kind in ("ci", "problem", "known-error", "change"):
        update.add_argument(
            f"--link-{kind}", metavar="KEY", action="append", default=[], help=f"link a {kind}"
        )
    update.add_argument("--json", action="store_true")

    link = actions.add_parser("link", parents=[where], help="link a CI, known error or problem")
    link.add_argument("number", metavar="NUMBER")
    target = link.add_mutually_exclusive_group(required=True)
    target.add_argument("--ci", metavar="NAME")
    target.add_argument("--known-error", metavar="KE-NNNNN")
    target.add_argument("--problem", metavar="PRB-NNNNN")
    link.add_argument("--unlink", action="store_true", help="remove the link instead")
    link.add_argument("--json", action="store_true")

    suggest = actions.add_parser(
        "suggest", parents=[where], help="rank the CIs and known errors its text points at"
    )
    suggest.add_argument("number", metavar="NUMBER")
    add_suggestion_options(suggest)


def check_update(args: argparse.Namespace) -> None:
    """Refuse flag combinations that cannot mean anything, before the database is opened."""
    parser = OneLineParser(prog="sms-tui incident update", add_help=False)
    if args.state is None:
        for flag, value in (
            ("--reason", args.reason),
            ("--resolution-code", args.resolution_code),
            ("--note", args.note),
        ):
            if value is not None:
                parser.error(f"{flag} goes with --state")
    if args.take and args.assign_to is not None:
        parser.error("--take and --assign-to both say who; give one")
    wanted = [
        args.state,
        args.take or None,
        args.assign_to,
        args.group,
        args.impact,
        args.urgency,
        args.work_note,
        args.major,
        args.parent,
        args.no_parent or None,
        *args.link_ci,
        *args.link_problem,
        *args.link_known_error,
        *args.link_change,
    ]
    if all(value is None for value in wanted):
        parser.error("nothing to change: give at least one of --state, --take, --work-note, ...")
