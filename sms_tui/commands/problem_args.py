"""The grammar of `sms-tui problem list|show|create|update`. Imports nothing heavy.

The choices are spelled out here rather than read from the models, so that parsing stays
free of pydantic; a test checks they match the enums.
"""

from __future__ import annotations

import argparse
from typing import Any

from sms_tui.commands.incident_args import OneLineParser

STATES = ("new", "under_investigation", "known_error", "resolved", "closed")
PRIORITIES = ("P1", "P2", "P3", "P4", "P5")


def add_problem_parser(commands: Any, where: argparse.ArgumentParser) -> None:
    """Add `problem` and its four subcommands to the top-level subparsers."""
    problem = commands.add_parser(
        "problem", parents=[where], help="list, show, open and update problems and known errors"
    )
    actions = problem.add_subparsers(
        dest="problem_command", metavar="ACTION", required=True, parser_class=OneLineParser
    )
    listing = actions.add_parser("list", parents=[where], help="problems, or the known errors")
    listing.add_argument(
        "--known-errors", action="store_true", help="list the known-error database instead"
    )
    listing.add_argument("--json", action="store_true")

    show = actions.add_parser(
        "show", parents=[where], help="a problem with its incidents, or a known error"
    )
    show.add_argument("number", metavar="NUMBER", help="PRB-00001 or KE-00001")
    show.add_argument("--json", action="store_true")

    create = actions.add_parser("create", parents=[where], help="open a new problem")
    create.add_argument("--title", required=True)
    create.add_argument("--description", default="")
    create.add_argument(
        "--priority", choices=PRIORITIES, help="default: P3, or the incidents' highest"
    )
    create.add_argument("--service")
    create.add_argument("--ci", metavar="NAME", action="extend", nargs="+", default=[])
    create.add_argument("--assign-to", metavar="LOGIN")
    create.add_argument(
        "--from-incident",
        metavar="NUMBER",
        action="extend",
        nargs="+",
        default=[],
        help="link these incidents; the problem takes their priority, service and CIs",
    )
    create.add_argument("--json", action="store_true")

    update = actions.add_parser("update", parents=[where], help="edit or move a problem")
    update.add_argument("number", metavar="NUMBER")
    update.add_argument("--state", choices=STATES)
    update.add_argument("--title")
    update.add_argument("--description")
    update.add_argument("--root-cause", metavar="TEXT")
    update.add_argument("--workaround", metavar="TEXT")
    update.add_argument("--priority", choices=PRIORITIES)
    who = update.add_mutually_exclusive_group()
    who.add_argument("--assign-to", metavar="LOGIN")
    who.add_argument("--unassign", action="store_true")
    update.add_argument(
        "--ci", metavar="NAME", action="extend", nargs="+", help="replace the affected CIs"
    )
    update.add_argument(
        "--publish-known-error", action="store_true", help="publish it to the known-error database"
    )
    update.add_argument(
        "--resolve-incidents",
        action="store_true",
        help="with --state resolved: resolve its open incidents too, with --note",
    )
    update.add_argument("--note", help="the resolution note for its incidents")
    update.add_argument("--json", action="store_true")


def check_problem_create(args: argparse.Namespace) -> None:
    """Refuse flags that --from-incident decides itself."""
    parser = OneLineParser(prog="sms-tui problem create", add_help=False)
    if args.from_incident and (args.service is not None or args.ci):
        parser.error("--from-incident takes the incidents' service and CIs; drop --service/--ci")


def check_problem_update(args: argparse.Namespace) -> None:
    """Refuse flag combinations that cannot mean anything, before the database is opened."""
    parser = OneLineParser(prog="sms-tui problem update", add_help=False)
    resolving = args.state == "resolved"
    if args.resolve_incidents and not resolving:
        parser.error("--resolve-incidents goes with --state resolved")
    if args.note is not None and not args.resolve_incidents:
        parser.error("--note goes with --resolve-incidents")
    if args.resolve_incidents and not (args.note or "").strip():
        parser.error("--resolve-incidents needs --note: the resolution note for the incidents")
    others = {
        "--title": args.title,
        "--description": args.description,
        "--workaround": args.workaround,
        "--priority": args.priority,
        "--assign-to": args.assign_to,
        "--unassign": args.unassign or None,
        "--ci": args.ci,
        "--publish-known-error": args.publish_known_error or None,
    }
    if resolving:
        for flag, value in others.items():
            if value is not None:
                parser.error(
                    f"--state resolved saves only --root-cause and the note; {flag} separately"
                )
    if args.state is None and args.root_cause is None and all(v is None for v in others.values()):
        parser.error("nothing to change: give at least one of --state, --root-cause, ...")
